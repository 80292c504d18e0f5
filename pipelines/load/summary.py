"""What the run needs to know of an extract without holding its frames.

A run over 10,000 files must not keep 10,000 extracts in memory: the frames stay in the
extraction cache on disk, and the steps between extraction and loading pass summaries
(the report row, its distinct amounts for duplicate detection, counts). The load step
then reads the frames back from the cache a batch at a time (pipelines/load/staging.py),
so peak memory does not grow with the number of files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pipelines.extract.report import ReportExtract

# frames that are not facts: the report row and its failed checks
NOT_FACTS = ("reports", "quality_checks")


@dataclass(frozen=True)
class ExtractSummary:
    key: str  # the extract's entry in the extraction cache
    version: str  # … under this code version (one per run, even if the code changes during it)
    report: dict  # the report row as it will be loaded (source_file, status, ids final)
    amounts: frozenset[Decimal] = frozenset()  # distinct amounts of budget and project facts
    facts: int = 0  # fact rows over all fact tables
    checks: dict[str, int] = field(default_factory=dict)  # failed checks by severity

    @property
    def source_file(self) -> str:
        return self.report["source_file"]

    def with_report(self, **values) -> ExtractSummary:
        return replace(self, report={**self.report, **values})


def summarize(extract: ReportExtract, key: str, version: str) -> ExtractSummary:
    amounts: set[Decimal] = set()
    for table in ("budget_facts", "project_facts"):
        frame = extract.frames.get(table)
        if frame is not None and "amount_yuan" in frame.columns:
            amounts.update(v for v in frame["amount_yuan"].to_list() if v is not None)
    checks = extract.frames.get("quality_checks")
    return ExtractSummary(
        key=key,
        version=version,
        report=extract.report,
        amounts=frozenset(amounts),
        facts=sum(f.height for name, f in extract.frames.items() if name not in NOT_FACTS),
        checks=dict(Counter(checks["severity"].to_list())) if checks is not None and checks.height else {},
    )
