#!/usr/bin/env bash
# The project's two commands:
#   bash scripts/dev.sh ingest [--strict]   set up, then raw/ -> warehouse/reports.duckdb
#   bash scripts/dev.sh test [pytest args]  set up, then the test suite
# Set-up is idempotent and quick once done: the venv is made once, pip runs only when
# requirements.lock or pyproject.toml changed since the last install, dbt parse is partial.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
venv=$root/.venv
python=$venv/bin/python

export REPORTS_RAW_DIR="${REPORTS_RAW_DIR:-$root/raw}"
export REPORTS_WAREHOUSE="${REPORTS_WAREHOUSE:-$root/warehouse/reports.duckdb}"
export DAGSTER_HOME="${DAGSTER_HOME:-$root/.dagster_home}"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false

make_venv() {
  [ -x "$python" ] && return
  local base
  for base in python3.11 python3; do
    command -v "$base" >/dev/null && "$base" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' && break
    base=""
  done
  [ -n "$base" ] || { echo "dev.sh: Python 3.11 is needed to create .venv (python3.11 or python3)" >&2; exit 1; }
  echo "setup: creating .venv with $base"
  "$base" -m venv "$venv"
}

# Reading .doc/.wps/.xls, rendering PDFs and OCR of scanned PDFs need system packages
# (libgl1 and libglib2.0-0 for OpenCV, which RapidOCR reads pages with; Tesseract is the
# fallback engine); redis-server is the broker of the distributed (celery) test.
system_packages=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils libgl1 libglib2.0-0 tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-osd redis-server)

install_system_packages() {
  local missing=() pkg
  for pkg in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: installing ${missing[*]}"
      { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } ||
        echo "setup: could not install ${missing[*]}; those formats will fail to load and their tests skip" >&2
    else
      echo "setup: for Word/PDF/scanned/old Office files install: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
      echo "setup: (without them those files load as 'failed' with a reason; the tests that need them are skipped)" >&2
    fi
  fi
  # Chinese office font names (仿宋_GB2312, 宋体, 黑体 …) onto Noto CJK, for LibreOffice
  local conf=$root/scripts/fonts/64-report-cjk-fonts.conf dest
  if [ "$(id -u)" = 0 ] && [ -d /etc/fonts/conf.d ]; then dest=/etc/fonts/conf.d; else dest=$HOME/.config/fontconfig/conf.d; fi
  if ! cmp -s "$conf" "$dest/$(basename "$conf")"; then
    mkdir -p "$dest" && cp "$conf" "$dest/" && { command -v fc-cache >/dev/null && fc-cache -f >/dev/null 2>&1 || true; }
  fi
}

install_requirements() {
  local stamp=$venv/.installed-requirements want
  want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return
  echo "setup: installing requirements.lock"
  "$python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
  "$python" -m pip install --quiet --disable-pip-version-check -e . --no-deps
  echo "$want" >"$stamp"
}

configure_dagster() {
  # dagster dev and the daemon read this; no telemetry from a machine that cannot send it
  mkdir -p "$DAGSTER_HOME"
  [ -f "$DAGSTER_HOME/dagster.yaml" ] || printf 'telemetry:\n  enabled: false\n' >"$DAGSTER_HOME/dagster.yaml"
}

parse_dbt() {
  # dagster-dbt builds the asset graph from target/manifest.json
  (cd dbt_project && "$venv/bin/dbt" parse --quiet --profiles-dir .)
}

setup() {
  install_system_packages
  make_venv
  install_requirements
  configure_dagster
  parse_dbt
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  ingest)
    setup
    mkdir -p "$REPORTS_RAW_DIR"
    exec "$python" -m pipelines ingest --raw-dir "$REPORTS_RAW_DIR" --warehouse "$REPORTS_WAREHOUSE" "$@"
    ;;
  test)
    setup
    exec "$python" -m pytest "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh ingest [--strict] | test [pytest args]" >&2
    exit 2
    ;;
esac
