"""`python -m pipelines docs`: dbt's documentation site for the published warehouse.

`dbt docs generate` opens its database read-write to read the catalog, which would take the
published warehouse's lock from under its readers (BI tools, the SQL shell). The site is
therefore generated against a copy of the warehouse, in a temporary folder, with a profile of
its own pointing at the copy; the published file is only read (copied).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipelines.resources import DBT_PROJECT, dbt_launcher, write_build_profile

SITE = "static_index.html"  # one file with the manifest and catalog inside: opens from disk


def generate_docs(warehouse: Path, out: Path) -> Path:
    """Writes the site into `out`; returns its page."""
    if not warehouse.exists():
        raise SystemExit(f"no warehouse at {warehouse}: run `python -m pipelines ingest` first")
    out = out.absolute()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reports-docs-") as scratch:
        copy = Path(scratch) / warehouse.name
        shutil.copy2(warehouse, copy)
        write_build_profile(Path(scratch), str(copy))
        done = subprocess.run(
            [str(dbt_launcher()), "docs", "generate", "--static", "--project-dir", str(DBT_PROJECT.project_dir),
             "--profiles-dir", scratch, "--target-path", str(out)],
            capture_output=True, text=True,
        )
    if done.returncode != 0:
        raise SystemExit(f"dbt docs generate failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return out / SITE
