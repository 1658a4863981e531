#!/usr/bin/env bash
# `make loadtest` (issue 15): the portal under load, measured from outside.
#
# Sets up its own PostgreSQL database and Redis db, loads the demo data and
# `generate_load_data --size $SIZE`, serves the portal as production does
# (gunicorn with DEBUG off, collectstatic, the task worker), runs locust
# headless against it, stops everything, prints a table per page kind and
# writes the "Capacity" section of docs/operations.md. Loopback addresses only.
#
# SIZE (L), USERS (200), DURATION (5m, of all USERS at once, after the ramp-up),
# SPAWN_RATE (2 people arriving a second: 200 log in over 100 s), LOADTEST_PORT (8120),
# LOADTEST_DB (flyway_loadtest), LOADTEST_REDIS_DB (10), GUNICORN_WORKERS (3),
# LOADTEST_WAIT (5,15: seconds each simulated person waits between actions);
# REUSE_DB=1 keeps the database of the previous run (and its data).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
SIZE=${SIZE:-L}
USERS=${USERS:-200}
DURATION=${DURATION:-5m}
SPAWN_RATE=${SPAWN_RATE:-2}
PORT=${LOADTEST_PORT:-8120}
DB=${LOADTEST_DB:-flyway_loadtest}
REDIS_DB=${LOADTEST_REDIS_DB:-10}
OUT=$PWD/var/loadtest
mkdir -p "$OUT"

export DJANGO_SETTINGS_MODULE=portal.settings.production
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
export CACHE_KEY_PREFIX=loadtest
export PORTAL_BASE_URL=http://127.0.0.1:$PORT
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-loadtest-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')}
# Plain HTTP on the loopback address; locust says X-Forwarded-Proto: https as
# the TLS proxy in front would.
export DJANGO_SECURE_SSL_REDIRECT=false
export FLYWAY_VAR_DIR=$OUT/var
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-3}
export GUNICORN_BIND=127.0.0.1:$PORT
export LOADTEST_MANIFEST=$FLYWAY_VAR_DIR/loadtest.json
export LOG_LEVEL=WARNING
mkdir -p "$FLYWAY_VAR_DIR/keys"
export CERTIFICATES_SIGNING_KEY_FILE=$FLYWAY_VAR_DIR/keys/signing-key.pem
[ -f "$CERTIFICATES_SIGNING_KEY_FILE" ] || openssl genrsa -out "$CERTIFICATES_SIGNING_KEY_FILE" 2048 2>/dev/null

$PY -m pip install --quiet -c constraints.txt -e '.[load]'

if [ "${REUSE_DB:-0}" = 1 ] && [ -f "$LOADTEST_MANIFEST" ]; then
    echo "Reusing database $DB and its load data."
    $PY manage.py migrate --noinput >/dev/null
else
    echo "Fresh database $DB, Redis db $REDIS_DB."
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
    createdb -h 127.0.0.1 -U postgres "$DB"
    $PY manage.py migrate --noinput >/dev/null
    $PY manage.py load_demo_data >/dev/null
    time $PY manage.py generate_load_data --size "$SIZE" --manifest "$LOADTEST_MANIFEST" 2> >(grep -v ' INFO ' >&2)
fi
# Building the pages queued thousands of search and reference index updates; a
# worker busy with them during the run would take CPU from the pages being
# measured (issue 15: the first runs did). They are run now, before measuring.
echo "Running the tasks the data set queued ($($PY manage.py shell --no-imports -c \
    'from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.ready().count())') waiting)."
$PY manage.py task_worker --batch --interval 0 --no-startup-delay >"$OUT/drain.log" 2>&1
$PY -c "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"
$PY manage.py collectstatic --noinput >/dev/null

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
$PY manage.py task_worker --interval 1 >"$OUT/worker.log" 2>&1 &
pids+=($!)
.venv/bin/gunicorn -c gunicorn.conf.py portal.wsgi --access-logfile "$OUT/access.log" >"$OUT/gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "gunicorn did not start: $OUT/gunicorn.log"; exit 1; }
# Warm every worker (imports, templates, the first connections) before measuring.
for lang in en zh-hans ja ko mn ru; do
    for _ in $(seq "$GUNICORN_WORKERS"); do
        curl -fs -o /dev/null "http://127.0.0.1:$PORT/$lang/" -H 'X-Forwarded-Proto: https' || true
        curl -fs -o /dev/null "http://127.0.0.1:$PORT/$lang/courses/" -H 'X-Forwarded-Proto: https' || true
    done
done

export LOADTEST_LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
export LOADTEST_CPU_BEFORE="$($PY loadtest/cpu.py "$PORT" "$DB")"
# The run: the ramp-up (USERS / SPAWN_RATE seconds, people arriving and logging
# in), then DURATION with every person present. Statistics are reset when the
# last person has arrived (--reset-stats), so the table is the steady state of
# DURATION; the ramp-up's own figures (the log-ins) are kept apart and reported
# too, failures included (loadtest/locustfile.py).
seconds() { case "$1" in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }
RAMP_UP=$(( (USERS + SPAWN_RATE - 1) / SPAWN_RATE ))
RUN_TIME=$(( RAMP_UP + $(seconds "$DURATION") ))
export LOADTEST_RAMP_UP_STATS=$OUT/locust_ramp_up.json
rm -f "$LOADTEST_RAMP_UP_STATS"
echo "locust: $USERS people arriving over ${RAMP_UP} s, then $DURATION all at once (think time ${LOADTEST_WAIT:-5,15} s) on http://127.0.0.1:$PORT; load average $LOADTEST_LOAD_BEFORE"
# locust exits non-zero when a request failed: the table says which.
.venv/bin/locust -f loadtest/locustfile.py --headless --only-summary --reset-stats \
    -u "$USERS" -r "$SPAWN_RATE" -t "${RUN_TIME}s" --stop-timeout 10 \
    --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" >"$OUT/locust.log" 2>&1 || true
# CPU the server spent (gunicorn, its PostgreSQL backends), before stopping it.
export LOADTEST_CPU_AFTER="$($PY loadtest/cpu.py "$PORT" "$DB")"
stop
trap - EXIT INT TERM

$PY loadtest/report.py "$OUT/locust_stats.csv" --users "$USERS" --duration "$DURATION" \
    --ramp-up "$LOADTEST_RAMP_UP_STATS" \
    --size "$SIZE" --write docs/operations.md
