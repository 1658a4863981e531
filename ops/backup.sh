#!/usr/bin/env bash
# Back up what the portal needs to come back: the database, the uploaded and
# generated files, and the issuer's signing key. See docs/operations.md.
#
#   DATABASE_URL=postgres://… FLYWAY_VAR_DIR=/srv/flyway ops/backup.sh /backups/2026-12-04
#
# The database is dumped first (one consistent snapshot), then the files: a file
# written in between is an extra in the backup, never a row without its file.
set -euo pipefail
dest=${1:?usage: ops/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
media=${FLYWAY_MEDIA_DIR:-${FLYWAY_VAR_DIR:-var}/media}
private=${FLYWAY_PRIVATE_DIR:-${FLYWAY_VAR_DIR:-var}/private}
keys=${CERTIFICATES_KEY_DIR:-${FLYWAY_VAR_DIR:-var}/keys}

mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
# The private files (certificate PDFs, lists being imported): personal data,
# kept apart from the public media as on the servers.
if [ -d "$private" ]; then
  tar -C "$private" -czf "$dest/private.tar.gz" .
else
  tar -czf "$dest/private.tar.gz" --files-from /dev/null
fi
chmod 600 "$dest/private.tar.gz"
# The key is a secret: it goes with the backup only when it is a file here (a key
# kept in a secret store is backed up there), readable by the owner alone.
if [ -n "${CERTIFICATES_SIGNING_KEY_FILE:-}" ]; then
  install -m 600 "$CERTIFICATES_SIGNING_KEY_FILE" "$dest/signing-key.pem"
fi
# The issuer's key folder (current and retired private keys, rotate_signing_key).
if [ -d "$keys" ] && [ -n "$(ls -A "$keys")" ]; then
  (umask 077 && tar -C "$keys" -czf "$dest/keys.tar.gz" .)
fi
(cd "$dest" && sha256sum ./* >SHA256SUMS)
echo "Backed up to $dest: $(cd "$dest" && ls | tr '\n' ' ')"
