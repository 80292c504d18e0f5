"""Provision Superset as code: the warehouse (read-only), its datasets, the charts and the
starter dashboard, through Superset's REST API. Idempotent: every object is looked up by
its name first and updated in place, so re-running changes nothing else.

Run with .venv-bi's python against a running Superset (scripts/bi.sh start does it):
    SUPERSET_URL=http://127.0.0.1:8088 .venv-bi/bin/python bi/provision.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import prison  # rison, the query-string format of Superset's list endpoints
import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
WAREHOUSE = Path(os.environ.get("REPORTS_WAREHOUSE", ROOT / "warehouse" / "reports.duckdb")).resolve()
DATABASE_NAME = "reports warehouse (read-only)"
SCHEMA = "marts"
DASHBOARD_TITLE = "绩效自评数据概览"
DASHBOARD_SLUG = "reports-overview"

# --- what the dashboard shows -------------------------------------------------------------

COUNT = {"expressionType": "SQL", "sqlExpression": "COUNT(*)", "label": "报告数"}


def total(column: str, label: str) -> dict:
    return {"expressionType": "SQL", "sqlExpression": f"SUM({column})", "label": label}


# Each chart: a dataset (a table in marts), a Superset viz type, the x axis (or pie
# dimension), series (groupby), metrics, filters, and any viz-specific form data.
# `width` is the chart's share of the dashboard's 12-column grid; charts fill rows in order.
CHARTS = [
    dict(name="报告数", dataset="mart_report_scorecard", viz="big_number_total", metrics=[COUNT],
         params={"subheader": "份绩效自评报告（已入库）", "subheader_font_size": 0.1, "y_axis_format": "SMART_NUMBER"}, width=3),
    dict(name="报告覆盖：省份 × 年度", dataset="mart_report_scorecard", viz="echarts_timeseries_bar",
         x_axis="province", groupby=["fiscal_year"], metrics=[COUNT],
         params={"stack": "Stack"}, width=9),
    dict(name="预算数与决算数（按单位，元）", dataset="mart_budget_execution", viz="echarts_timeseries_bar",
         x_axis="unit_name", metrics=[total("budget_yuan", "预算数"), total("final_yuan", "决算数")],
         params={"orientation": "horizontal", "y_axis_format": ",.0f"}, width=6),
    # the parts as CONTRACT.md lists them: a report that states 公务用车运行维护费 but not 购置费
    # leaves vehicle_yuan (their sum) empty, and its running costs would vanish from the chart
    dict(name="三公经费及其构成（决算，按年度，元）", dataset="mart_three_public", viz="echarts_timeseries_bar",
         x_axis="figure_year",
         metrics=[total("total_yuan", "三公经费合计"), total("outbound_travel_yuan", "因公出国（境）费"),
                  total("vehicle_purchase_yuan", "公务用车购置费"), total("vehicle_operation_yuan", "公务用车运行维护费"),
                  total("reception_yuan", "公务接待费")],
         filters=[("phase", "==", "final")], params={"y_axis_format": ",.0f"}, width=6),
    dict(name="自评得分（按单位，颜色为评级）", dataset="mart_report_scorecard", viz="echarts_timeseries_bar",
         x_axis="unit_name", groupby=["grade"],
         metrics=[{"expressionType": "SQL", "sqlExpression": "MAX(self_score)", "label": "自评得分"}],
         filters=[("self_score", "IS NOT NULL", None)],
         params={"orientation": "horizontal", "stack": "Stack"}, width=7),
    dict(name="评级分布", dataset="mart_report_scorecard", viz="pie", groupby=["grade"], metrics=[COUNT],
         params={"show_labels": True, "label_type": "key_value", "donut": True}, width=5),
    # failures only: the info rows (defaults the rules assumed) would drown them
    dict(name="数据质量问题（错误与警告，按检查）", dataset="fct_data_quality", viz="echarts_timeseries_bar",
         x_axis="check_name", groupby=["severity"], metrics=[{**COUNT, "label": "条数"}],
         filters=[("severity", "IN", ["error", "warning"])],
         params={"orientation": "horizontal", "stack": "Stack"}, width=12),
]


# The dashboard's filter bar: each filter lists the values of one column of one mart and
# narrows every chart whose mart has that column (the others are left out of its scope).
FILTERS = [
    dict(name="省份", column="province", dataset="mart_report_scorecard"),
    dict(name="城市", column="city", dataset="mart_report_scorecard"),
    dict(name="年度", column="fiscal_year", dataset="mart_report_scorecard"),
    dict(name="文件类型", column="document_kind", dataset="mart_report_scorecard"),
]


def native_filters(datasets: dict[str, int], placed: list[tuple[dict, int]], docs: dict[str, dict]) -> list[dict]:
    """The filter bar as dashboard metadata: select filters, empty by default."""
    filters = []
    for spec in FILTERS:
        has_column = {chart_id: spec["column"] in docs[chart["dataset"]]["columns"] for chart, chart_id in placed}
        filters.append({
            "id": f"NATIVE_FILTER-{spec['column']}", "type": "NATIVE_FILTER", "filterType": "filter_select",
            "name": spec["name"], "description": "",
            "targets": [{"datasetId": datasets[spec["dataset"]], "column": {"name": spec["column"]}}],
            "controlValues": {"enableEmptyFilter": False, "defaultToFirstItem": False, "multiSelect": True,
                              "searchAllOptions": False, "inverseSelection": False},
            "defaultDataMask": {"extraFormData": {}, "filterState": {}, "ownState": {}},
            "cascadeParentIds": [],
            "scope": {"rootPath": ["ROOT_ID"], "excluded": [i for i, has in has_column.items() if not has]},
            "chartsInScope": [i for i, has in has_column.items() if has], "tabsInScope": [],
        })
    return filters


def form_data(chart: dict, dataset_id: int) -> dict:
    """The chart's saved form data (what Explore edits)."""
    filters = [
        {"expressionType": "SIMPLE", "clause": "WHERE", "subject": col, "operator": op,
         **({"comparator": val} if val is not None else {})}
        for col, op, val in chart.get("filters", [])
    ]
    fd = {"datasource": f"{dataset_id}__table", "viz_type": chart["viz"], "adhoc_filters": filters,
          "row_limit": 1000, "show_legend": True, **chart.get("params", {})}
    if chart["viz"] in ("big_number_total", "pie"):
        fd["metric"] = chart["metrics"][0]
        fd["groupby"] = chart.get("groupby", [])
    else:
        fd.update(x_axis=chart["x_axis"], groupby=chart.get("groupby", []), metrics=chart["metrics"],
                  x_axis_sort_asc=True, rich_tooltip=True)
    return fd


def query_context(chart: dict, dataset_id: int, fd: dict) -> dict:
    """The query behind the chart, saved with it so /api/v1/chart/<id>/data/ answers."""
    columns = ([chart["x_axis"]] if "x_axis" in chart else []) + chart.get("groupby", [])
    return {
        "datasource": {"id": dataset_id, "type": "table"},
        "force": False,
        "queries": [{
            "columns": columns,
            "metrics": chart["metrics"],
            "filters": [{"col": c, "op": op, **({"val": v} if v is not None else {})}
                        for c, op, v in chart.get("filters", [])],
            "orderby": [[chart["metrics"][0], False]] if columns else [],
            "row_limit": fd["row_limit"],
            "extras": {"having": "", "where": ""},
        }],
        "form_data": fd,
        "result_format": "json",
        "result_type": "full",
    }


# --- Superset's REST API ------------------------------------------------------------------


class Superset:
    """A logged-in session: a JWT for the API and the CSRF token Superset wants on writes."""

    def __init__(self, url: str, username: str, password: str):
        self.url = url.rstrip("/")
        self.http = requests.Session()
        token = self.http.post(f"{self.url}/api/v1/security/login", json={
            "username": username, "password": password, "provider": "db", "refresh": False})
        token.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        csrf = self.call("GET", "security/csrf_token/")["result"]
        self.http.headers.update({"X-CSRFToken": csrf, "Referer": self.url})

    def call(self, method: str, path: str, **kwargs) -> dict:
        r = self.http.request(method, f"{self.url}/api/v1/{path}", timeout=120, **kwargs)
        if not r.ok:
            raise SystemExit(f"{method} {path}: {r.status_code} {r.text[:800]}")
        return r.json()

    def find(self, resource: str, **equal) -> dict | None:
        filters = [{"col": k, "opr": "eq", "value": v} for k, v in equal.items()]
        found = self.call("GET", f"{resource}/", params={"q": prison.dumps({"filters": filters, "page_size": 100})})
        return found["result"][0] if found["result"] else None

    def upsert(self, resource: str, key: dict, body: dict) -> int:
        """Create the object, or update the one whose `key` fields match; return its id."""
        existing = self.find(resource, **key)
        if existing:
            self.call("PUT", f"{resource}/{existing['id']}", json=body)
            return existing["id"]
        return self.call("POST", f"{resource}/", json={**key, **body})["id"]


# --- provisioning -------------------------------------------------------------------------


def plain(text: str | None) -> str | None:
    """A dbt description as text; None for one that is a Jinja doc() reference."""
    return None if not text or "{{" in text else text.strip()


def dbt_docs() -> dict[str, dict]:
    """{mart: {"label": …, "description": …, "columns": {name: (label_zh, description)}}} from dbt's yml."""
    docs = {}
    for path in sorted((ROOT / "dbt_project" / "models" / "marts").glob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            docs[model["name"]] = {
                "label": (model.get("meta") or {}).get("label_zh"),
                "description": plain(model.get("description")),
                "columns": {c["name"]: ((c.get("meta") or {}).get("label_zh"), plain(c.get("description")))
                            for c in model.get("columns", [])},
            }
    return docs


def provision_database(api: Superset) -> int:
    return api.upsert("database", {"database_name": DATABASE_NAME}, {
        "sqlalchemy_uri": f"duckdb:///{WAREHOUSE}",
        "expose_in_sqllab": True,
        "allow_dml": False,
        "allow_run_async": False,
        "allow_file_upload": False,
        # read_only: DuckDB opens the file read-only; Superset opens an engine with NullPool
        # per query, so no connection outlives a query and a publish (file swap) is seen by
        # the next query.
        "extra": json.dumps({"engine_params": {"connect_args": {"read_only": True}},
                             "metadata_cache_timeout": {}, "schemas_allowed_for_file_upload": []}),
    })


def provision_dataset(api: Superset, database_id: int, table: str, doc: dict) -> int:
    key = {"table_name": table, "schema": SCHEMA, "database": database_id}
    existing = api.find("dataset", table_name=table, schema=SCHEMA)
    dataset_id = existing["id"] if existing else api.call("POST", "dataset/", json=key)["id"]
    api.call("PUT", f"dataset/{dataset_id}/refresh")  # columns as the warehouse has them now
    columns = api.call("GET", f"dataset/{dataset_id}")["result"]["columns"]
    keep = ("id", "column_name", "type", "is_dttm", "groupby", "filterable", "expression")
    for column in columns:
        label, description = doc.get("columns", {}).get(column["column_name"], (None, None))
        column["verbose_name"], column["description"] = label, description
    api.call("PUT", f"dataset/{dataset_id}", json={
        "description": " ".join(filter(None, [doc.get("label"), doc.get("description")])) or None,
        "columns": [{k: c.get(k) for k in (*keep, "verbose_name", "description")} for c in columns],
    })
    return dataset_id


def layout(charts: list[tuple[dict, int]]) -> dict:
    """Dashboard position JSON: charts into rows of 12 grid columns, in CHARTS order."""
    pos = {"DASHBOARD_VERSION_KEY": "v2",
           "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
           "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
           "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": DASHBOARD_TITLE}}}
    row, used = None, 12
    for n, (chart, chart_id) in enumerate(charts):
        if used + chart["width"] > 12:
            row, used = f"ROW-{n}", 0
            pos["GRID_ID"]["children"].append(row)
            pos[row] = {"type": "ROW", "id": row, "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                        "meta": {"background": "BACKGROUND_TRANSPARENT"}}
        key = f"CHART-{chart_id}"
        pos[row]["children"].append(key)
        pos[key] = {"type": "CHART", "id": key, "children": [], "parents": ["ROOT_ID", "GRID_ID", row],
                    "meta": {"chartId": chart_id, "sliceName": chart["name"],
                             "width": chart["width"], "height": 50}}
        used += chart["width"]
    return pos


def main() -> None:
    if not WAREHOUSE.exists():
        sys.exit(f"provision: no warehouse at {WAREHOUSE} (bash scripts/dev.sh ingest)")
    api = Superset(os.environ.get("SUPERSET_URL", "http://127.0.0.1:8088"),
                   os.environ.get("SUPERSET_ADMIN_USER", "admin"), os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin"))
    database_id = provision_database(api)
    docs = dbt_docs()
    datasets = {table: provision_dataset(api, database_id, table, doc) for table, doc in docs.items()}
    print(f"provision: database {database_id}, {len(datasets)} datasets in {SCHEMA}")

    dashboard_id = api.upsert("dashboard", {"slug": DASHBOARD_SLUG}, {
        "dashboard_title": DASHBOARD_TITLE, "published": True})
    placed = []
    for chart in CHARTS:
        dataset_id = datasets[chart["dataset"]]
        fd = form_data(chart, dataset_id)
        chart_id = api.upsert("chart", {"slice_name": chart["name"]}, {
            "viz_type": chart["viz"], "datasource_id": dataset_id, "datasource_type": "table",
            "params": json.dumps(fd, ensure_ascii=False),
            "query_context": json.dumps(query_context(chart, dataset_id, fd), ensure_ascii=False),
            "dashboards": [dashboard_id],
        })
        placed.append((chart, chart_id))
    api.call("PUT", f"dashboard/{dashboard_id}", json={
        "dashboard_title": DASHBOARD_TITLE, "published": True,
        "position_json": json.dumps(layout(placed), ensure_ascii=False),
        "json_metadata": json.dumps({"color_scheme": "supersetColors", "refresh_frequency": 0,
                                     "native_filter_configuration": native_filters(datasets, placed, docs),
                                     "cross_filters_enabled": False}, ensure_ascii=False),
    })
    print(f"provision: dashboard {DASHBOARD_TITLE} /superset/dashboard/{DASHBOARD_SLUG}/ with {len(placed)} charts")


if __name__ == "__main__":
    main()
