#!/usr/bin/env bash
# Apache Superset over the warehouse (read-only), provisioned as code. See docs/bi.md.
#   bash scripts/bi.sh setup         .venv-bi from bi/requirements.lock (idempotent, quick once done)
#   bash scripts/bi.sh start         setup, metadata DB, admin user, init, provision, then serve
#                                    on 127.0.0.1:$SUPERSET_PORT in the foreground (Ctrl-C stops)
#   bash scripts/bi.sh provision     re-apply bi/provision.py to the running Superset
#   bash scripts/bi.sh screenshots   docs/bi/*.png (starts Superset if it is not running, stops it after)
#   bash scripts/bi.sh check         screenshots, then bi/check.py: dashboard, chart data, screenshot
#   bash scripts/bi.sh browser       Debian's chromium for the screenshots (installed when root)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
venv=$root/.venv-bi
python=$venv/bin/python

export SUPERSET_HOME="${SUPERSET_HOME:-$root/.superset}"
export SUPERSET_CONFIG_PATH="$root/bi/superset_config.py"
export REPORTS_WAREHOUSE="${REPORTS_WAREHOUSE:-$root/warehouse/reports.duckdb}"
export SUPERSET_PORT="${SUPERSET_PORT:-8088}"
export SUPERSET_URL="http://127.0.0.1:$SUPERSET_PORT"
export SUPERSET_ADMIN_USER="${SUPERSET_ADMIN_USER:-admin}"
export SUPERSET_ADMIN_PASSWORD="${SUPERSET_ADMIN_PASSWORD:-admin}"
export FLASK_APP=superset
export SUPERSET_LOAD_EXAMPLES=no
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

setup() {
  local stamp=$venv/.installed-lock want
  want=$(sha256sum bi/requirements.lock | cut -d' ' -f1)
  [ -x "$python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return
  if [ ! -x "$python" ]; then
    command -v python3.11 >/dev/null || { echo "bi.sh: python3.11 is needed for .venv-bi" >&2; exit 1; }
    echo "bi: creating .venv-bi"
    python3.11 -m venv "$venv"
  fi
  echo "bi: installing bi/requirements.lock"
  "$python" -m pip install --quiet --disable-pip-version-check --no-deps -r bi/requirements.lock
  echo "$want" >"$stamp"
}

need_chromium() {
  [ -x /usr/bin/chromium ] && return
  [ "$(id -u)" = 0 ] || { echo "bi.sh: screenshots need Debian's chromium: sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; }
  echo "bi: installing Debian chromium"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
}

prepare() {
  # metadata DB, admin user and roles: each step is a no-op when already done
  [ -f "$REPORTS_WAREHOUSE" ] || { echo "bi.sh: no warehouse at $REPORTS_WAREHOUSE (bash scripts/dev.sh ingest)" >&2; exit 1; }
  mkdir -p "$SUPERSET_HOME"
  "$venv/bin/superset" db upgrade >"$SUPERSET_HOME/upgrade.log" 2>&1 || { cat "$SUPERSET_HOME/upgrade.log" >&2; exit 1; }
  "$venv/bin/superset" fab create-admin --username "$SUPERSET_ADMIN_USER" --password "$SUPERSET_ADMIN_PASSWORD" \
    --firstname Admin --lastname BI --email admin@localhost >>"$SUPERSET_HOME/upgrade.log" 2>&1
  "$venv/bin/superset" init >>"$SUPERSET_HOME/upgrade.log" 2>&1 || { cat "$SUPERSET_HOME/upgrade.log" >&2; exit 1; }
}

running() { curl -fsS -o /dev/null "$SUPERSET_URL/health" 2>/dev/null; }

serve_background() {
  # loopback only; one worker process, threads for the dashboard's parallel chart queries
  "$venv/bin/gunicorn" --bind "127.0.0.1:$SUPERSET_PORT" --workers 1 --worker-class gthread --threads 8 \
    --timeout 120 --no-control-socket --access-logfile - "superset.app:create_app()" >>"$SUPERSET_HOME/server.log" 2>&1 &
  server_pid=$!
  local i
  for i in $(seq 120); do
    running && return
    kill -0 "$server_pid" 2>/dev/null || { tail -30 "$SUPERSET_HOME/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "bi.sh: Superset did not answer on $SUPERSET_URL in 120 s" >&2; exit 1
}

stop_server() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }

start_provisioned() {
  setup
  prepare
  serve_background
  trap stop_server EXIT INT TERM
  "$python" bi/provision.py
}

# run "$@" against a Superset on $SUPERSET_PORT: the running one, else one started for it and stopped after
with_superset() {
  if running; then setup; "$@"; else start_provisioned; "$@"; stop_server; trap - EXIT INT TERM; fi
}

case "${1:-}" in
  setup) setup ;;
  browser) need_chromium ;;
  start)
    start_provisioned
    echo "bi: Superset on $SUPERSET_URL  (user $SUPERSET_ADMIN_USER, password $SUPERSET_ADMIN_PASSWORD); Ctrl-C stops"
    wait "$server_pid" ;;
  provision) setup; "$python" bi/provision.py ;;
  screenshots) need_chromium; with_superset "$python" bi/screenshots.py ;;
  check) need_chromium; with_superset sh -c '"$0" bi/screenshots.py && "$0" bi/check.py' "$python" ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
