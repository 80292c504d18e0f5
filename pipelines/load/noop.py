"""Whether a run has anything to do, decided before the orchestrator starts.

Most nights nothing changed. Finding that out needs no Dagster: list the raw folder, hash
each file, find every content in the extraction cache and compare the plan's digest (each
file's name and cache entry, the code's version) with the one the published build recorded —
the same plain functions the ingest assets run; a build that recorded none is compared by
the fingerprint of the cached summaries, which takes decoding them all. Only when
something differs does the CLI import Dagster and dagster-dbt (2-3 s of start-up) and run the
graph; an unchanged folder is answered in about the time it takes to hash it. Such a check
leaves no run in Dagster's instance: there was nothing to materialise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.load.cache import ExtractCache, cache_root
from pipelines.load.discover import raw_folder_names
from pipelines.load.fingerprint import inputs_fingerprint, plan_digest
from pipelines.load.plan import file_keys, hand_on, plan_extraction
from pipelines.load.overview import status_counts
from pipelines.load.publish import published_build
from pipelines.load.staging import mark_duplicates
from pipelines.normalize.text import printable_name


@dataclass(frozen=True)
class Unchanged:
    files: list[str]  # every entry of the raw folder, relative to it
    statuses: dict[str, int]  # reports by status, as the published warehouse holds them
    unchanged: int  # files whose content was read by an earlier run (the rest were refused)


def unchanged_since_published(raw_root: Path, warehouse: Path) -> Unchanged | None:
    """The folder's files and their statuses when the published warehouse was built from
    exactly these inputs (a run would change nothing); None when anything must be read or
    built. The plan's digest answers without reading a summary; a warehouse whose build did
    not record one (an older build), or that holds failures a run tries again, is answered
    from the summaries' fingerprint."""
    published = published_build(warehouse)
    root = raw_root.absolute()
    if published is None or not root.is_dir():
        return None  # nothing published, or a folder the run must report as missing
    fingerprint, details = published
    files = raw_folder_names(root)
    cache = ExtractCache(cache_root(warehouse))
    if details.get("plan_digest") and isinstance(details.get("statuses"), dict) and details.get("to_retry") == 0:
        return _by_plan_digest(files, root, cache, details)
    plan = plan_extraction(files, root, cache)
    if plan.to_read:
        return None
    found = {key: cache.summary(key) for key in set(plan.keys.values())}
    if any(summary is None for summary in found.values()):
        return None  # a damaged entry: the run reads its file again
    reports = mark_duplicates(
        [found[key].with_report(source_file=printable_name(relative)) for relative, key in plan.keys.items()]
    )
    if inputs_fingerprint(reports) != fingerprint:
        return None
    return Unchanged(files, status_counts(reports), plan.unchanged)


def _by_plan_digest(files: list[str], root: Path, cache: ExtractCache, details: dict) -> Unchanged | None:
    """The check against the published build's plan digest: the files are hashed and their
    entries found on disk; no summary is decoded (at 10,000 files that decoding took longer
    than the hashing). An entry damaged since is found by the next run that rebuilds."""
    found = file_keys(files, root, cache)
    entries = {printable_name(relative): key for relative, (key, _) in found.items()}
    if plan_digest(entries, cache.version) != details["plan_digest"] or not all(
        cache.holds(key) for key in set(entries.values())
    ):
        hand_on(root, files, found)  # the run that follows need not list and hash again
        return None
    refused = sum(refusal is not None for _, refusal in found.values())
    return Unchanged(files, details["statuses"], len(files) - refused)
