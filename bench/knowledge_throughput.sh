#!/usr/bin/env bash
# Article page throughput divided by the same server's throughput for a bare Django view (issue 4).
# Starts gunicorn on 127.0.0.1:8765 with DEBUG off, demo data on a bench SQLite file (or the
# DATABASE_URL you give), runs wrk against both URLs in the same run, then stops the server.
#   bench/knowledge_throughput.sh            (DURATION=10s CONNECTIONS=16 WORKERS=2 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8765}; DURATION=${DURATION:-10s}; CONNECTIONS=${CONNECTIONS:-16}; WORKERS=${WORKERS:-2}
export DJANGO_SETTINGS_MODULE=bench.knowledge_settings DEBUG=0 STATIC_MANIFEST=0 SECURE_SSL_REDIRECT=0 \
  SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING \
  SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz} \
  FIELD_ENCRYPTION_KEY=${FIELD_ENCRYPTION_KEY:-$(python3 -c "import base64,os; print(base64.b64encode(os.urandom(32)).decode())")} \
  DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/var/bench-throughput.sqlite3} PYTHONPATH=$PWD
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
mkdir -p var
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/gunicorn config.wsgi -b 127.0.0.1:$PORT -w "$WORKERS" --log-level warning &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/bench/bare" && break; sleep 0.2; done
ARTICLE="/en/info/a/health-insurance/"
echo "article page: $(curl -fsS "http://127.0.0.1:$PORT$ARTICLE" | wc -c) bytes"
run() { local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$PORT$1"); echo "$out" >&2; echo "$out" | awk '/Requests\/sec/ {print $2}'; }
wrk -t1 -c4 -d2s "http://127.0.0.1:$PORT$ARTICLE" >/dev/null  # warm up
BARE=$(run /bench/bare)
PAGE=$(run "$ARTICLE")
python3 -c "print(f'bare view {float($BARE):.0f} req/s, article page {float($PAGE):.0f} req/s, ratio {float($PAGE)/float($BARE):.3f}')"
