"""Dagster asset checks on the extraction: each report's reconciliation checks, shown in the UI.

The checks themselves are computed at extraction (pipelines/extract/checks.py) and land in
marts.fct_data_quality; these asset checks summarise them per run so the UI shows a
red or yellow mark on `report_extracts` when reports contradict themselves.
"""

from collections import Counter

import dagster as dg

from pipelines.assets.ingest import report_extracts
from pipelines.assets.types import SummaryList
from pipelines.load.overview import failed_files_markdown


@dg.asset_check(asset=report_extracts, blocking=False, description="Every file could be read as a report.")
def files_readable(report_extracts: SummaryList) -> dg.AssetCheckResult:
    failed = [e.report for e in report_extracts if e.report["status"] == "failed"]
    return dg.AssetCheckResult(
        passed=not failed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "failed_files": len(failed),
            "files": dg.MetadataValue.md(failed_files_markdown(report_extracts)),
        },
    )


@dg.asset_check(
    asset=report_extracts,
    blocking=False,
    description="Each report agrees with itself: totals against their parts, stated percentages, "
    "indicator scores against the stated total, staff against posts.",
)
def reports_reconcile(report_extracts: SummaryList) -> dg.AssetCheckResult:
    by_severity: Counter[str] = Counter()
    by_report: Counter[str] = Counter()
    for summary in report_extracts:
        by_severity.update(summary.checks)
        if summary.checks:
            by_report[summary.source_file] += sum(summary.checks.values())
    worst = "\n".join(f"- `{name}`: {n} failed checks" for name, n in by_report.most_common(5))
    return dg.AssetCheckResult(
        passed=by_severity["error"] == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            **{f"failed_{severity}": by_severity[severity] for severity in ("error", "warning", "info")},
            "worst_reports": dg.MetadataValue.md(worst or "none"),
        },
    )


ASSET_CHECKS = [files_readable, reports_reconcile]
