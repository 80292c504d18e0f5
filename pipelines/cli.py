"""`python -m pipelines <command>`: the pipeline without a server.

`ingest` runs the same asset graph as the Dagster code location, in this process, on an
ephemeral instance. Other commands plug in through SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import logging
import os
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from pipelines import settings

EXIT_OK = 0
EXIT_PIPELINE_FAILED = 1  # 2 is argparse's usage error
EXIT_FILES_FAILED = 3  # only with --strict
EXIT_BUSY = 4  # another ingest is building the same warehouse (without --wait)
EXIT_REFUSED = 5  # the build would lose too much of the published warehouse (load/guard.py)
EXIT_OUTPUT_CLOSED = 141  # what a shell reports for a command its pipe's reader left (128 + SIGPIPE)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # whoever read the output went away ('… | head'): the run went on without its echo
        # (resources.ProgressResource) and ended on its own terms; only the last lines are lost.
        # Python must not complain about the closed pipe again when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OUTPUT_CLOSED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines",
        description="Performance self-evaluation reports into a DuckDB warehouse.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="command")
    for add_subcommand in SUBCOMMANDS:
        add_subcommand(subparsers)
    return parser


def add_ingest(subparsers: argparse._SubParsersAction) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="extract every file of the raw folder, load it and build the marts",
        description="Runs the whole asset graph in-process: discover, extract, load, dbt build.",
        epilog=f"Exit status: {EXIT_OK} when the pipeline ran (even if some files failed), "
        f"{EXIT_PIPELINE_FAILED} when it could not run, {EXIT_FILES_FAILED} with --strict "
        f"when any file failed, {EXIT_BUSY} when another ingest is building the same warehouse, "
        f"{EXIT_REFUSED} when the new build would lose too much of the published one and was not published.",
    )
    ingest.add_argument(
        "--raw-dir", type=Path, help=f"folder of report files (default ${settings.RAW_DIR_ENV} or raw/)"
    )
    ingest.add_argument(
        "--warehouse",
        type=Path,
        help=f"DuckDB file (default ${settings.WAREHOUSE_ENV} or warehouse/reports.duckdb)",
    )
    ingest.add_argument("--strict", action="store_true", help="fail when any file fails to load")
    ingest.add_argument(
        "--wait", action="store_true", help="when another ingest is building the warehouse, wait for it (default: exit)"
    )
    ingest.add_argument(
        "--force-publish", action="store_true",
        help="publish the build even when it loses more of the published warehouse than the guard allows",
    )
    ingest.add_argument(
        "--full-refresh", action="store_true",
        help="write the whole staging afresh instead of replacing only the files that changed",
    )
    ingest.set_defaults(handler=run_ingest)


# each adds one subcommand to the parser; append yours
# `samples` and `bench` run development tools (tools/, beside the pipeline in a clone, not in
# the runtime package): the only imports of tools/ in pipelines/, lazy, in these functions
# (tests/test_layering.py)
def add_samples(subparsers: argparse._SubParsersAction) -> None:
    help_line = "write generated sample reports with a truth file of every fact in them"
    find_tools()
    try:
        from tools.samples.generate import add_arguments, run  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if not tools_missing(error):
            raise
        add_missing_tool(subparsers, "samples", help_line, "the sample generator")
        return

    samples = subparsers.add_parser(
        "samples",
        help=help_line,
        description="Realistic reports in the genre (tools/samples), in any registered format.",
    )
    add_arguments(samples)
    samples.set_defaults(handler=run)


def add_bench(subparsers: argparse._SubParsersAction) -> None:
    help_line = "measure ingest speed and memory on generated reports against the text-extraction floor"
    find_tools()
    try:
        import tools.bench  # noqa: F401,PLC0415
        from tools.samples import DEFAULT_SEED  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if not tools_missing(error):
            raise
        add_missing_tool(subparsers, "bench", help_line, "the benchmark")
        return

    bench = subparsers.add_parser(
        "bench",
        help=help_line,
        description="Generates N reports (once; reused), then measures the floor, a cold ingest, a no-op "
        "rerun and a rerun after one file changed. Prints one JSON line per N and rewrites BENCHMARKS.md.",
    )
    bench.add_argument("--reports", default="1000", help="how many reports; several as 100,1000 (default %(default)s)")
    bench.add_argument("--formats", default="txt,docx,pdf,xlsx", help="formats, in turn (default %(default)s)")
    bench.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed (default %(default)s)")
    bench.add_argument(
        "--workdir", type=Path, default=settings.REPO_ROOT / "warehouse" / "bench",
        help="corpora and benchmark warehouses (default warehouse/bench)",
    )
    bench.add_argument(
        "--compare-executors", action="store_true",
        help="also time a cold ingest through Dagster's multiprocess executor (one extraction step per core)",
    )
    bench.add_argument("--no-page", action="store_true", help="print the JSON line only; leave BENCHMARKS.md alone")
    bench.set_defaults(handler=run_bench)


def find_tools() -> None:
    """Make tools/ importable from a clone wherever the command runs: the clone's root
    (settings.REPO_ROOT, the folder of pipelines/ and tools/) goes at the end of sys.path
    when nothing on it holds `tools`. A runtime installed without the repository has no
    tools/ beside it, and nothing changes."""
    import importlib.util  # noqa: PLC0415

    root = settings.REPO_ROOT
    if (root / "tools" / "__init__.py").is_file() and importlib.util.find_spec("tools") is None:
        sys.path.append(str(root))


def tools_missing(error: ModuleNotFoundError) -> bool:
    """The import failed because tools/ (or a module of it) is not there, not because of
    something a tool needs."""
    return error.name is not None and (error.name == "tools" or error.name.startswith("tools."))


def add_missing_tool(subparsers: argparse._SubParsersAction, command: str, help_line: str, tool: str) -> None:
    """`command` when tools/ is not there (a runtime installed without the repository): it
    takes any arguments and says where the tool is."""
    message = f"{tool} is a development tool: run it from a clone of the repository"
    parser = subparsers.add_parser(
        command, help=f"{help_line} (from a clone of the repository)", description=message,
        add_help=False, prefix_chars="\0",  # so that its options, --help included, reach the message
    )
    parser.add_argument("arguments", nargs="*", help=argparse.SUPPRESS)

    def refuse(args: argparse.Namespace) -> int:
        print(f"python -m pipelines {command}: {message}", file=sys.stderr)
        return EXIT_PIPELINE_FAILED

    parser.set_defaults(handler=refuse)


def add_sql(subparsers: argparse._SubParsersAction) -> None:
    sql = subparsers.add_parser(
        "sql",
        help="open the warehouse read-only in an interactive SQL shell (or run one statement)",
        description="A SQL shell on the warehouse, read-only, on the same DuckDB library that wrote it "
        "(pipelines/shell.py). Statements end with ';'; .tables, .describe NAME, .quit.",
    )
    sql.add_argument("statement", nargs="?", help="run this one statement and exit")
    add_warehouse_argument(sql)
    sql.add_argument("--csv", action="store_true", help="print rows as CSV")
    sql.set_defaults(handler=run_sql)


def run_sql(args: argparse.Namespace) -> int:
    from pipelines.shell import run  # noqa: PLC0415

    warehouse = warehouse_of(args)
    return run(warehouse, args.statement, csv=args.csv)


def add_warehouse_argument(parser: argparse.ArgumentParser) -> None:
    """--warehouse, for the commands that read the published warehouse."""
    parser.add_argument(
        "--warehouse", type=Path, help=f"DuckDB file (default ${settings.WAREHOUSE_ENV} or warehouse/reports.duckdb)"
    )


def warehouse_of(args: argparse.Namespace) -> Path:
    return args.warehouse.expanduser().absolute() if args.warehouse else settings.warehouse_path()


def add_export(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export",
        help="write the marts and views as an Excel workbook or CSV files with Chinese headers",
        description="One sheet (or CSV file) per mart and view, headed by the columns' Chinese labels, and a "
        "sheet 字段说明 describing every column (pipelines/export.py).",
    )
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", help="(default %(default)s)")
    export.add_argument("--out", type=Path, default=Path("export"), help="folder to write into (default %(default)s)")
    add_warehouse_argument(export)
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from pipelines.export import export  # noqa: PLC0415

    warehouse = warehouse_of(args)
    for path in export(warehouse, args.format, args.out):
        print(f"export: {path}")
    return EXIT_OK


def add_docs(subparsers: argparse._SubParsersAction) -> None:
    docs = subparsers.add_parser(
        "docs",
        help="generate dbt's documentation site for the warehouse (against a copy, never the published file)",
        description="dbt docs generate --static on a copy of the warehouse (pipelines/docs_site.py): one page "
        "with every model, column description and the catalog, that opens from disk.",
    )
    docs.add_argument("--out", type=Path, default=Path("docs-site"), help="folder to write into (default %(default)s)")
    add_warehouse_argument(docs)
    docs.set_defaults(handler=run_docs)


def run_docs(args: argparse.Namespace) -> int:
    from pipelines.docs_site import generate_docs  # noqa: PLC0415

    warehouse = warehouse_of(args)
    print(f"docs: {generate_docs(warehouse, args.out)}")
    return EXIT_OK


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_ingest, add_sql, add_export, add_docs, add_samples, add_bench
]


def run_bench(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from tools.bench.measure import bench  # noqa: PLC0415 (add_bench found tools/)
    from tools.bench.report import record, write_page  # noqa: PLC0415

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for n in (int(k) for k in args.reports.split(",")):
        result = bench(
            n, formats, args.seed, args.workdir, compare_executors=args.compare_executors,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
        print(json.dumps(result, ensure_ascii=False), flush=True)
        if not args.no_page:
            record(result)
    if not args.no_page:
        print(f"bench: wrote {write_page()}", file=sys.stderr)
    return EXIT_OK


def run_ingest(args: argparse.Namespace) -> int:
    started = time.monotonic()
    raw_dir, warehouse = export_paths(args.raw_dir, args.warehouse)
    if args.force_publish:
        os.environ["REPORTS_FORCE_PUBLISH"] = "1"  # read by the guard (pipelines/load/guard.py)
    if args.full_refresh:
        os.environ["REPORTS_FULL_REFRESH"] = "1"  # read by the load (pipelines/load/increments.py)
    from pipelines.load.lock import WarehouseBusy, run_lock  # noqa: PLC0415

    def waiting(message: str) -> None:
        print(f"wait: {message}", flush=True)

    try:
        with run_lock(warehouse, wait=args.wait, on_wait=waiting):
            return ingest(raw_dir, warehouse, started, strict=args.strict)
    except WarehouseBusy as busy:
        print(f"not started: {busy}. Run again when it is done, or pass --wait.", file=sys.stderr)
        return EXIT_BUSY


def ingest(raw_dir: Path, warehouse: Path, started: float, strict: bool) -> int:
    """The graph in this process, under the warehouse's run lock; prints the summary. When
    nothing changed since the published build, the graph is not started at all."""
    from pipelines.load.increments import full_refresh_forced  # noqa: PLC0415
    from pipelines.load.noop import unchanged_since_published  # noqa: PLC0415

    if not full_refresh_forced():
        quick = unchanged_since_published(raw_dir, warehouse)
        if quick is not None:
            return report_unchanged(quick, raw_dir, warehouse, started, strict)
    quiet_dagster()
    from pipelines.run.sandbox import start_forkserver  # noqa: PLC0415

    start_forkserver()  # its preload overlaps the imports below (a file to read is likely now)

    # the imports (Dagster and dagster-dbt: seconds) make hundreds of thousands of objects
    # and next to no garbage, yet each batch of them sets off the cycle collector, which walks
    # everything made so far: paused while they run, Dagster and dagster-dbt imported in 2.2-3.2 s
    # against 2.6-3.7 s (six alternate runs each), the run's in-memory instance made in 0.6 s
    # against 0.7-1.0 s
    with collector_paused():
        import dagster as dg  # noqa: PLC0415 (seconds of import, only for this command)

        from pipelines.run.dagster_dbt_import import import_dagster_dbt_without_dbt_core  # noqa: PLC0415

        import_dagster_dbt_without_dbt_core()  # dbt-core is imported only by a run that builds with it
        from pipelines.resources import default_resources, ensure_dbt_manifest  # noqa: PLC0415

        ensure_dbt_manifest()  # before the dbt assets are defined from it
        from pipelines.definitions import ASSETS, CHECKS  # noqa: PLC0415

        instance = run_instance()  # (its storage's modules are imported here too)

    # what the imports made (modules, classes, functions: most of this process's objects) is
    # never garbage: left out of the cycle collector's full passes, which a run over 10,000
    # summaries triggers many times (refcounting still frees everything as usual). With the
    # freeze before dbt (run/dbt_in_process.py), one changed file among 10,000 took 16.6-17.5 s
    # against 19.5-20.1 s without either (three runs each, alternately timed by hand)
    gc.freeze()

    # dagster-dbt copies every dbt log line to sys.stdout; keep them for when dbt fails
    # (dbt also logs to dbt.log in its target folder, dbt_project/target/runs/<warehouse>)
    with contextlib.redirect_stdout(io.StringIO()) as dbt_output:
        result = dg.materialize(
            [*ASSETS, *CHECKS],
            instance=instance,
            resources={**default_resources(raw_dir, warehouse, echo=True), "io_manager": dg.mem_io_manager},
            # the summary below names each failure's cause; Dagster's own log of it (a stack
            # trace) and its warnings (dbt checks not run on an unchanged warehouse) are noise
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
            raise_on_error=False,
        )
    if not result.success:
        refusals = guard_refusals(result)
        if refusals:
            print(f"not published: the new build would lose too much of {warehouse}:", file=sys.stderr)
            for reason in refusals:
                print(f"  {reason}", file=sys.stderr)
            print("the published warehouse and its Parquet marts were left as they were; "
                  "if the loss is intended, run again with --force-publish", file=sys.stderr)
            return EXIT_REFUSED
        if any(step.startswith("reports_dbt_assets") for step, _ in step_failures(result)):
            print(tail(dbt_output.getvalue(), lines=20), file=sys.stderr, end="")
        for step, cause in step_failures(result):
            print(f"pipeline failed at {step}: {cause}", file=sys.stderr)
        print(f"the published warehouse {warehouse} was left as it was", file=sys.stderr)
        return EXIT_PIPELINE_FAILED

    extracted = result.asset_materializations_for_node("report_extracts")[0].metadata
    summary = ingest_summary(result.output_for_node("report_files"), warehouse)
    summary["unchanged"] = extracted["files_unchanged"].value
    print_summary(summary, time.monotonic() - started)
    return ingest_exit_status(summary, strict=strict)


@contextlib.contextmanager
def collector_paused():
    """The cycle collector off while the block runs, and as it was again however it ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def report_unchanged(quick, raw_dir: Path, warehouse: Path, started: float, strict: bool) -> int:
    """The lines a run over an unchanged folder prints, without running the graph."""
    from pipelines.load.overview import describe_counts  # noqa: PLC0415

    print(f"discover: {len(quick.files)} files in {raw_dir}", flush=True)
    print(f"extract: 0 read, {len(quick.files)} unchanged or refused; "
          f"{describe_counts(quick.statuses)} ({time.monotonic() - started:.1f} s)", flush=True)
    print(f"load: nothing changed since {warehouse} was built; kept as is", flush=True)
    summary = ingest_summary(quick.files, warehouse)
    summary["unchanged"] = quick.unchanged
    print_summary(summary, time.monotonic() - started)
    return ingest_exit_status(summary, strict=strict)


def run_instance():
    """The Dagster instance a run is recorded in: the UI's, when DAGSTER_HOME names one (the
    set-up exports it), so that `dagster dev` shows the CLI's runs and materialisations like
    its own; an ephemeral one otherwise (a cron line without DAGSTER_HOME records nothing)."""
    import dagster as dg  # noqa: PLC0415

    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return dg.DagsterInstance.ephemeral()
    Path(home).mkdir(parents=True, exist_ok=True)
    return dg.DagsterInstance.get()


def ingest_exit_status(summary: dict, strict: bool) -> int:
    """Bad input files are the data's problem, not the run's: they fail it only when asked."""
    return EXIT_FILES_FAILED if strict and summary["failed"] else EXIT_OK


def export_paths(raw_dir: Path | None, warehouse: Path | None) -> tuple[Path, Path]:
    """The flags win over the environment; exported so dbt, which reads the warehouse path
    from REPORTS_WAREHOUSE, works on the same file."""
    if raw_dir is not None:
        os.environ[settings.RAW_DIR_ENV] = str(raw_dir.expanduser().absolute())
    if warehouse is not None:
        os.environ[settings.WAREHOUSE_ENV] = str(warehouse.expanduser().absolute())
    return settings.raw_dir(), settings.warehouse_path()


def quiet_dagster() -> None:
    """The progress lines are the output; Dagster's own logging and warnings are noise here."""
    logging.getLogger("dagster").setLevel(logging.ERROR)
    # on an unchanged folder the dbt step yields nothing, and this logger says so per check
    logging.getLogger("dagster._core.execution.plan.active").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"dagster(_dbt)?(\.|$)")
    warnings.filterwarnings("ignore", category=DeprecationWarning)


def tail(text: str, lines: int) -> str:
    kept = text.splitlines(keepends=True)[-lines:]
    return "".join(kept)


def step_failures(result) -> list[tuple[str, str]]:
    """(step, cause) of each failed step: the innermost error Dagster wrapped, in one line
    (a missing raw folder, a full disk), not Dagster's 'Error occurred while executing op'."""
    failures = []
    for event in result.all_events:
        if event.is_step_failure:
            failures.append((event.step_key, root_cause(event.step_failure_data.error)))
    return failures or [("run", "the run did not succeed")]


def root_cause(error) -> str:
    """The deepest cause of a Dagster error, as 'Type: message' on one line."""
    if error is None:
        return "unknown error"
    while error.cause is not None:
        error = error.cause
    message = " ".join(error.message.split())
    kind, _, text = message.partition(": ")
    if text and kind.startswith("pipelines."):  # our own errors are written to be read as is
        message = text
    elif text:
        message = f"{kind.rsplit('.', 1)[-1]}: {text}"
    if "No space left on device" in message:
        return f"the disk is full ({message})"
    return message


def guard_refusals(result) -> list[str]:
    """The publish guard's reasons when it refused the build (pipelines/load/guard.py)."""
    return [
        reason
        for evaluation in result.get_asset_check_evaluations()
        if evaluation.check_name == "build_keeps_the_warehouse" and not evaluation.passed
        for reason in (evaluation.description or "").split("; ")
    ]


def ingest_summary(files: list[str], warehouse: Path) -> dict:
    """Counts per status, the failed files and the marts' row counts, read back from the
    warehouse the run just built."""
    import duckdb  # noqa: PLC0415

    from pipelines.load.publish import exported_rows  # noqa: PLC0415

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        statuses = dict(con.execute("select status, count(*) from marts.dim_report group by status").fetchall())
        failed = con.execute(
            "select source_file, error from marts.dim_report where status = 'failed' order by source_file"
        ).fetchall()
        not_reports = con.execute(
            "select source_file, error from marts.dim_report where status = 'not_a_report' order by source_file"
        ).fetchall()
        duplicates = con.execute(
            "select source_file, duplicate_of from marts.dim_report where status = 'duplicate' order by source_file"
        ).fetchall()
        marts = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        rows = exported_rows(con, warehouse)
        if rows is None or sorted(rows) != marts:  # (an export of other marts: counted here)
            rows = {name: con.execute(f'select count(*) from marts."{name}"').fetchone()[0] for name in marts}
        quality = data_quality_summary(con)
    finally:
        con.close()
    return {
        "seen": len(files),
        "loaded": statuses.get("loaded", 0),
        "partial": statuses.get("partial", 0),
        "failed": statuses.get("failed", 0),
        "not_a_report": statuses.get("not_a_report", 0),
        "duplicate": statuses.get("duplicate", 0),
        "unchanged": 0,  # the caller knows: files whose extract came from the cache
        "failed_files": failed,
        "not_report_files": not_reports,
        "duplicate_files": duplicates,
        "mart_rows": rows,
        "quality": quality,
    }


def data_quality_summary(con) -> dict:
    """Checks that failed, by severity, and the reports with the most of them."""
    by_severity = dict(con.execute("select severity, count(*) from marts.fct_data_quality group by 1").fetchall())
    worst = con.execute(
        """select r.source_file, count(*) as n,
                  count(*) filter (where q.severity = 'error') as errors
           from marts.fct_data_quality q join marts.dim_report r using (report_id)
           where q.severity <> 'info'
           group by 1 order by errors desc, n desc, 1 limit 5"""
    ).fetchall()
    checks_run = con.execute(
        "select count(*) from marts.dim_report where status in ('loaded', 'partial')"
    ).fetchone()[0]
    return {"by_severity": by_severity, "worst": worst, "reports_checked": checks_run}


def print_summary(summary: dict, seconds: float) -> None:
    counts = f"{summary['seen']} files seen, {summary['loaded']} loaded, {summary['partial']} partial, {summary['failed']} failed"
    if summary.get("not_a_report"):
        n = summary["not_a_report"]
        counts += f", {n} not a report" if n == 1 else f", {n} not reports"
    counts += f", {summary['unchanged']} skipped as unchanged"
    if summary["duplicate"]:
        counts += f", {summary['duplicate']} duplicates of another file"
    print(f"summary: {counts} ({seconds:.1f} s)")
    for source_file, error in summary["failed_files"]:
        print(f"  failed {source_file}: {error}")
    for source_file, error in summary.get("not_report_files", []):
        print(f"  not a report {source_file}: {error}")
    for source_file, original in summary.get("duplicate_files", []):
        print(f"  duplicate {source_file}: counted once, as {original}")
    quality = summary["quality"]
    severities = ", ".join(f"{quality['by_severity'].get(s, 0)} {s}" for s in ("error", "warning"))
    assumed = quality["by_severity"].get("info", 0)
    print(f"data quality: {quality['reports_checked']} reports checked; failed checks: {severities}"
          + (f"; {assumed} notes of a unit or phase assumed" if assumed else ""))
    for source_file, n, errors in quality["worst"]:
        print(f"  {source_file}: {n} failed checks ({errors} errors)")
    width = max((len(name) for name in summary["mart_rows"]), default=0)
    for name, rows in summary["mart_rows"].items():
        print(f"  marts.{name:<{width}} {rows:>7} rows")
