"""What the run needs to know of an extract without holding its frames.

A run over 10,000 files must not keep 10,000 extracts in memory: the frames stay in the
extraction cache on disk, and the steps between extraction and loading pass summaries
(the report row, its distinct amounts for duplicate detection, counts). The load step
then reads the frames back from the cache a batch at a time (pipelines/load/staging.py),
so peak memory does not grow with the number of files.

A summary is stored beside its frames as JSON (`to_json`/`from_json`): plain values as they
are, Decimal, date, datetime and non-finite floats as one-key objects ({"decimal": "1.50"},
{"date": "2024-03-01"}, {"datetime": "2024-03-01T08:00:00.000001"}, {"float": "nan"}), so
the report row read back equals `extract.report`, types included.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from math import isfinite

from pipelines.extract.report import ReportExtract

# frames that are not facts: the report row and its failed checks
NOT_FACTS = ("reports", "quality_checks")


@dataclass(frozen=True)
class ExtractSummary:
    key: str  # the extract's entry in the extraction cache
    version: str  # … under this code version (one per run, even if the code changes during it)
    report: dict  # the report row as it will be loaded (source_file, status, ids final)
    # distinct amounts of budget and project facts, as text to the fen ("1234.50"): compared,
    # never computed, and turning 200,000 of them into Decimals was a third of decoding the
    # summaries of 10,000 reports, which every run does
    amounts: frozenset[str] = frozenset()
    facts: int = 0  # fact rows over all fact tables
    checks: dict[str, int] = field(default_factory=dict)  # failed checks by severity

    @property
    def source_file(self) -> str:
        return self.report["source_file"]

    def with_report(self, **values) -> ExtractSummary:
        return replace(self, report={**self.report, **values})

    def to_json(self) -> dict:
        """The summary as JSON values; `from_json` gives back an equal summary."""
        return {
            "key": self.key,
            "version": self.version,
            "report": {name: encode_value(value) for name, value in self.report.items()},
            "amounts": sorted(self.amounts),
            "facts": self.facts,
            # pairs, not an object: a severity may be null, and JSON keys are strings
            "checks": [[severity, n] for severity, n in self.checks.items()],
        }

    @classmethod
    def from_json(cls, data) -> ExtractSummary:
        """The summary `to_json` gave; ValueError for anything else (a damaged file). A run
        decodes 10,000 of these before it knows what changed: the checks run in C where they
        can (map, set) rather than a Python call per value."""
        if not isinstance(data, dict) or set(data) != {"key", "version", "report", "amounts", "facts", "checks"}:
            raise ValueError("not a summary")
        key, version, report, amounts, facts, checks = (
            data["key"], data["version"], data["report"], data["amounts"], data["facts"], data["checks"]
        )
        if not (isinstance(key, str) and isinstance(version, str) and isinstance(report, dict)):
            raise ValueError("not a summary")
        if not (isinstance(amounts, list) and set(map(type, amounts)) <= {str}):
            raise ValueError("amounts are not a list of decimals")
        if not all(map(AMOUNT.fullmatch, amounts)):
            raise ValueError("an amount is not a decimal to the fen")
        if not is_count(facts) or not isinstance(checks, list):
            raise ValueError("counts are not counts")
        if not all(isinstance(c, list) and len(c) == 2 and isinstance(c[0], str | None) and is_count(c[1]) for c in checks):
            raise ValueError("checks are not pairs of severity and count")
        return cls(
            key=key,
            version=version,
            report={name: value if type(value) in PLAIN else decode_value(value) for name, value in report.items()},
            amounts=frozenset(amounts),
            facts=facts,
            checks={severity: n for severity, n in checks},
        )


AMOUNT = re.compile(r"-?[0-9]+\.[0-9]{2}")
FEN = Decimal("0.01")


def amount_text(amount: Decimal) -> str:
    """An amount as text to the fen: equal amounts, equal texts."""
    return f"{(Decimal(amount) + 0).quantize(FEN):f}"  # + 0: -0.00 is 0.00


def is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def encode_value(value):
    """One value of the report row as JSON (see the module docstring)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if isfinite(value) else {"float": repr(value)}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):  # before date: a datetime is a date
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    raise TypeError(f"a report value of type {type(value).__name__} cannot be stored: {value!r}")


PLAIN = frozenset({str, int, float, bool, type(None)})  # JSON values a report value is as it is (decode_value)
DECODERS = {"float": float, "decimal": Decimal, "datetime": datetime.fromisoformat, "date": date.fromisoformat}


def decode_value(value):
    """The value `encode_value` gave; ValueError for anything else."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((kind, text),) = value.items()
        if kind in DECODERS and isinstance(text, str):
            try:
                return DECODERS[kind](text)
            except ArithmeticError as error:  # decimal.InvalidOperation
                raise ValueError(f"not a decimal: {text!r}") from error
    raise ValueError(f"not a report value: {value!r}")


def summarize(extract: ReportExtract, key: str, version: str) -> ExtractSummary:
    amounts: set[str] = set()
    for table in ("budget_facts", "project_facts"):
        frame = extract.frames.get(table)
        if frame is not None and "amount_yuan" in frame.columns:
            amounts.update(amount_text(v) for v in frame["amount_yuan"].to_list() if v is not None)
    checks = extract.frames.get("quality_checks")
    return ExtractSummary(
        key=key,
        version=version,
        report=extract.report,
        amounts=frozenset(amounts),
        facts=sum(f.height for name, f in extract.frames.items() if name not in NOT_FACTS),
        checks=dict(Counter(checks["severity"].to_list())) if checks is not None and checks.height else {},
    )
