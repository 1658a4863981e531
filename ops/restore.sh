#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into an EMPTY database and files folder.
#
#   createdb flyway_restored
#   DATABASE_URL=postgres://…/flyway_restored FLYWAY_VAR_DIR=/srv/flyway-restored \
#     CERTIFICATES_SIGNING_KEY_FILE=/srv/flyway-restored/keys/signing-key.pem \
#     ops/restore.sh /backups/2026-12-04
#
# Then start the servers with the same DJANGO_SECRET_KEY as before (or everyone
# logs in again) and the same issuer key (or credentials issued before no
# longer verify).
set -euo pipefail
src=${1:?usage: ops/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the empty PostgreSQL database to restore into}"
media=${FLYWAY_MEDIA_DIR:-${FLYWAY_VAR_DIR:-var}/media}
private=${FLYWAY_PRIVATE_DIR:-${FLYWAY_VAR_DIR:-var}/private}
keys=${CERTIFICATES_KEY_DIR:-${FLYWAY_VAR_DIR:-var}/keys}
cd "$(dirname "$0")/.."

(cd "$src" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
if [ -f "$src/private.tar.gz" ]; then  # backups made before private files had their own folder have none
  mkdir -p "$private"
  chmod 700 "$private"
  tar -C "$private" -xzf "$src/private.tar.gz"
fi
if [ -f "$src/signing-key.pem" ] && [ -n "${CERTIFICATES_SIGNING_KEY_FILE:-}" ]; then
  mkdir -p "$(dirname "$CERTIFICATES_SIGNING_KEY_FILE")"
  install -m 600 "$src/signing-key.pem" "$CERTIFICATES_SIGNING_KEY_FILE"
fi
if [ -f "$src/keys.tar.gz" ]; then
  mkdir -p "$keys" && chmod 700 "$keys"
  tar -C "$keys" -xzf "$src/keys.tar.gz"
fi
# A newer release than the one backed up brings its migrations.
"${PYTHON:-.venv/bin/python}" manage.py migrate --noinput
echo "Restored $src into the database, $media and $private."
