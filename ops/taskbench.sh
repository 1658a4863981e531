#!/usr/bin/env bash
# The task backends compared (issue 15): database (django-tasks-db, our task_worker)
# and Redis (django-tasks-rq, rqworker), each with WORKERS workers and a burst of
# TASKS certificate issues, on a PostgreSQL database of its own built with
# generate_load_data. Prints one line per backend (loadtest/task_backends.py).
#
# TASKS (500), WORKERS (2), SIZE (M), TASKBENCH_DB (flyway_taskbench),
# TASKBENCH_REDIS_DB (11); REUSE_DB=1 keeps the database (each run takes fresh
# enrolments, so an M database serves several runs).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
TASKS=${TASKS:-500}
WORKERS=${WORKERS:-2}
SIZE=${SIZE:-M}
DB=${TASKBENCH_DB:-flyway_taskbench}
OUT=$PWD/var/taskbench
mkdir -p "$OUT/var/keys"

export DJANGO_SETTINGS_MODULE=portal.settings.production
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export REDIS_URL=redis://127.0.0.1:6379/${TASKBENCH_REDIS_DB:-11}
export CACHE_KEY_PREFIX=taskbench
export PORTAL_BASE_URL=http://127.0.0.1:8000
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-taskbench-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')}
export FLYWAY_VAR_DIR=$OUT/var
export LOG_LEVEL=WARNING
export CERTIFICATES_SIGNING_KEY_FILE=$FLYWAY_VAR_DIR/keys/signing-key.pem
[ -f "$CERTIFICATES_SIGNING_KEY_FILE" ] || openssl genrsa -out "$CERTIFICATES_SIGNING_KEY_FILE" 2048 2>/dev/null

$PY -m pip install --quiet -c constraints.txt -e '.[rq]'
if [ "${REUSE_DB:-0}" != 1 ]; then
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
    createdb -h 127.0.0.1 -U postgres "$DB"
    $PY manage.py migrate --noinput >/dev/null
    $PY manage.py load_demo_data >/dev/null
    $PY manage.py generate_load_data --size "$SIZE" --manifest "$OUT/manifest.json" >/dev/null 2>&1
fi
$PY -c "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"
for run in "db" "rq" "rq --rq-worker-class rq.worker.SimpleWorker"; do
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # shellcheck disable=SC2086 # $run is the backend and its options
    $PY loadtest/task_backends.py --backend $run --tasks "$TASKS" --workers "$WORKERS"
done
