"""`python -m pipelines sql`: the warehouse in an interactive SQL shell, read-only.

The set-up also installs the DuckDB command-line tool (`.venv/bin/duckdb`, 1.5, older than
the duckdb library that writes the warehouse; it reads the file because the file is written
in an older storage format). This shell runs on the very library the pipeline writes with,
and adds the data dictionary: the marts' and columns' Chinese labels. It opens the
warehouse read-only: a reader never blocks the nightly publish, and nothing can be written
by mistake.

Statements end with `;` and may span lines. Dot commands: `.tables` (the marts and views,
with their Chinese labels), `.describe NAME` (a mart's columns, types and descriptions),
`.quit`. `python -m pipelines sql "select …"` runs one statement and exits; `--csv` prints
CSV instead of a table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

PROMPT, CONTINUATION = "sql> ", "...> "
MAX_ROWS = 40  # rows a result shows in the terminal; the count of all is printed below it

TABLES = """
    select schema_name || '.' || table_name as name, 'table' as kind, coalesce(comment, '') as description
    from duckdb_tables()
    union all
    select schema_name || '.' || view_name, 'view', coalesce(comment, '')
    from duckdb_views() where not internal
"""


def open_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise SystemExit(f"no warehouse at {path}: run `python -m pipelines ingest` first")
    return duckdb.connect(str(path), read_only=True)


def run(path: Path, statement: str | None, csv: bool = False) -> int:
    """One statement, or an interactive session on stdin; returns the exit status."""
    con = open_warehouse(path)
    try:
        if statement is not None:
            return 0 if execute(con, statement, csv) else 1
        return interactive(con, csv)
    finally:
        con.close()


def interactive(con, csv: bool) -> int:
    _enable_history()
    tty = sys.stdin.isatty()
    if tty:
        print(f"{con.execute('pragma database_list').fetchone()[2]} (read-only). "
              "End statements with ';'. .tables lists the marts, .describe NAME a mart's columns, .quit leaves.")
    buffer: list[str] = []
    while True:
        try:
            line = input(CONTINUATION if buffer else PROMPT) if tty else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not tty and line == "":
            break
        line = line.rstrip("\n")
        if not buffer and line.strip().startswith("."):
            if dot_command(con, line.strip()) == "quit":
                return 0
            continue
        buffer.append(line)
        if line.rstrip().endswith(";"):
            execute(con, "\n".join(buffer), csv)
            buffer = []
    if "".join(buffer).strip():
        execute(con, "\n".join(buffer), csv)
    return 0


def dot_command(con, line: str) -> str | None:
    word, _, argument = line.partition(" ")
    if word in (".quit", ".exit", ".q"):
        return "quit"
    if word == ".tables":
        execute(con, f"""select name, kind, split_part(description, ' | ', 1) as label_zh,
                                left(split_part(description, ' | ', 2), 70) as description
                         from ({TABLES}) where name like 'marts.%' order by name""", False)
    elif word == ".describe" and argument.strip():
        schema, _, name = argument.strip().rpartition(".")
        execute(con, f"""select column_name, data_type, coalesce(comment, '') as description
                         from duckdb_columns() where schema_name = '{(schema or 'marts').replace("'", "''")}'
                         and table_name = '{name.replace("'", "''")}' order by column_index""", False)
    else:
        print("dot commands: .tables, .describe NAME, .quit", file=sys.stderr)
    return None


def execute(con, statement: str, csv: bool) -> bool:
    """Runs the statement and prints its rows; an error is printed, not raised."""
    try:
        relation = con.sql(statement)
    except duckdb.Error as error:
        print(f"error: {_plain(error)}", file=sys.stderr)
        return False
    if relation is None:  # a statement without rows (set, pragma)
        return True
    if csv:
        names = relation.columns
        print(",".join(names))
        for row in relation.fetchall():
            print(",".join(_csv_cell(value) for value in row))
    else:
        relation.show(max_rows=MAX_ROWS, max_width=200)
    return True


def _plain(error: duckdb.Error) -> str:
    message = str(error).strip()
    if "read-only" in message.lower():
        return "the warehouse is opened read-only: it is rebuilt by the nightly ingest, never edited by hand"
    return message


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\n') else text


def _enable_history() -> None:
    try:
        import readline  # noqa: F401, PLC0415 (line editing and history where the platform has it)
    except ImportError:
        pass
