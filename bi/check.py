"""Smoke check of the BI layer; exits non-zero unless
  - the warehouse is registered read-only (DuckDB read_only, no DML),
  - the dashboard exists with every chart and every filter of bi/provision.py,
  - each chart's data API (/api/v1/chart/<id>/data/) returns rows,
  - docs/bi/dashboard.png (or $BI_SCREENSHOTS_DIR's) was written (a PNG, not empty).
Needs a running, provisioned Superset: `bash scripts/bi.sh check` starts one, takes the
screenshots and runs this.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provision import CHARTS, DASHBOARD_SLUG, DATABASE_NAME, FILTERS, Superset  # noqa: E402

SCREENSHOT = Path(os.environ.get("BI_SCREENSHOTS_DIR") or Path(__file__).resolve().parent.parent / "docs" / "bi") / "dashboard.png"


def main() -> int:
    api = Superset(os.environ.get("SUPERSET_URL", "http://127.0.0.1:8088"),
                   os.environ.get("SUPERSET_ADMIN_USER", "admin"), os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin"))
    failures = []

    database = api.find("database", database_name=DATABASE_NAME)
    extra = json.loads(api.call("GET", f"database/{database['id']}/connection")["result"]["extra"]) if database else {}
    if not database or database.get("allow_dml") or \
            not extra.get("engine_params", {}).get("connect_args", {}).get("read_only"):
        failures.append(f"database {DATABASE_NAME!r} missing or not read-only")

    metadata = json.loads(api.call("GET", f"dashboard/{DASHBOARD_SLUG}")["result"]["json_metadata"] or "{}")
    filters = {f["name"]: f for f in metadata.get("native_filter_configuration", [])}
    for spec in FILTERS:
        if spec["name"] not in filters or not filters[spec["name"]]["chartsInScope"]:
            failures.append(f"filter {spec['name']!r} is not on the dashboard, or narrows no chart")

    charts = api.call("GET", f"dashboard/{DASHBOARD_SLUG}/charts")["result"]
    names = {c["slice_name"] for c in charts}
    for chart in CHARTS:
        if chart["name"] not in names:
            failures.append(f"chart {chart['name']!r} is not on the dashboard")
    for chart in charts:
        r = api.http.get(f"{api.url}/api/v1/chart/{chart['id']}/data/", timeout=120)
        rows = sum(q.get("rowcount", 0) for q in r.json().get("result", [])) if r.ok else 0
        print(f"check: chart {chart['id']} {chart['slice_name']}: HTTP {r.status_code}, {rows} rows")
        if rows == 0:
            failures.append(f"chart {chart['slice_name']!r} returned no rows ({r.status_code} {r.text[:200]})")

    if not SCREENSHOT.exists() or SCREENSHOT.stat().st_size < 10_000 or \
            SCREENSHOT.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        failures.append(f"no screenshot at {SCREENSHOT}")

    for failure in failures:
        print(f"check: FAILED {failure}", file=sys.stderr)
    print(f"check: {'ok' if not failures else 'failed'}: {len(charts)} charts on {DASHBOARD_SLUG!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
