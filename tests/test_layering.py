"""The pipeline does not depend on the development tools: no module of pipelines/ imports
tools/ (the sample generator, the benchmark); the tools import the pipeline, never the
reverse. The one exception is the `samples` and `bench` verbs of `python -m pipelines`,
which load the tools lazily inside their handlers, named below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PIPELINES = Path(__file__).resolve().parents[1] / "pipelines"
TOOLS = "tools"
# (module file relative to pipelines/, function) allowed to import tools/, lazily
ALLOWED = {
    ("cli.py", "add_samples"),
    ("cli.py", "add_bench"),
    ("cli.py", "run_bench"),
}


def is_tools(module: str | None) -> bool:
    return module is not None and (module == TOOLS or module.startswith(TOOLS + "."))


def tools_imports(source: str, filename: str = "<source>") -> list[tuple[int, str | None, str]]:
    """(line, qualified name of the enclosing function or class or None at module level,
    imported name) of every import of tools/ in a module's source: `import tools…`,
    `from tools… import …`, at any depth (inside functions, classes, try blocks), and
    `importlib.import_module` / `__import__` of a literal "tools…" name."""
    found: list[tuple[int, str | None, str]] = []

    def visit(node: ast.AST, scope: str | None) -> None:
        if isinstance(node, ast.Import):
            found.extend((node.lineno, scope, alias.name) for alias in node.names if is_tools(alias.name))
        elif isinstance(node, ast.ImportFrom):
            # a relative import (level > 0) stays inside pipelines/
            if node.level == 0 and is_tools(node.module):
                found.append((node.lineno, scope, node.module))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            callee = node.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", None)
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str) \
                    and is_tools(node.args[0].value):
                found.append((node.lineno, scope, node.args[0].value))
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = child.name if scope is None else f"{scope}.{child.name}"
            visit(child, inner)

    visit(ast.parse(source, filename=filename), None)
    return found


def test_every_module_of_the_pipeline_is_checked():
    modules = sorted(PIPELINES.rglob("*.py"))
    assert PIPELINES / "cli.py" in modules and PIPELINES / "definitions.py" in modules
    # the tools moved out of the runtime package
    assert not (PIPELINES / "samples").exists() and not (PIPELINES / "bench").exists()


def offending_imports(relative: str, source: str) -> list[str]:
    """The imports of tools/ in pipelines/<relative> that are not allowed."""
    return [
        f"pipelines/{relative}:{line}{f' in {scope}' if scope else ''} imports {name}"
        for line, scope, name in tools_imports(source, relative)
        if (relative, scope) not in ALLOWED
    ]


def test_no_module_of_the_pipeline_imports_the_tools():
    offending = []
    for path in sorted(PIPELINES.rglob("*.py")):
        offending += offending_imports(path.relative_to(PIPELINES).as_posix(), path.read_text(encoding="utf-8"))
    assert not offending, "the pipeline must not import tools/ (tools depend on the runtime, never the reverse):\n" \
        + "\n".join(offending)


def test_the_cli_exceptions_are_still_the_ones_that_import_the_tools():
    """Each allowed function does import tools/ (else the allowance is stale: remove it)."""
    cli = PIPELINES / "cli.py"
    functions = {function for _, function, _ in tools_imports(cli.read_text(encoding="utf-8"))}
    assert functions == {function for module, function in ALLOWED if module == "cli.py"}


@pytest.mark.parametrize(
    "source",
    [
        "import tools\n",
        "import tools.samples as s\n",
        "from tools.bench import measure\n",
        "from tools import samples\n",
        "def f():\n    from tools.samples.generate import run\n",
        "class C:\n    def m(self):\n        import tools.bench.report\n",
        "def add_samples():\n    def inner():\n        import tools\n",
        "try:\n    import tools.samples\nexcept ImportError:\n    pass\n",
        "import importlib\nimportlib.import_module('tools.samples')\n",
        "__import__('tools')\n",
    ],
)
def test_the_check_sees_an_import_of_the_tools(source):
    assert tools_imports(source)


@pytest.mark.parametrize(
    "source",
    [
        "import toolsmith\n",
        "from toolz import curry\n",
        "from .tools import x\n",
        "from pipelines.documents import tools\n",
        "x = 'tools.samples'\n",
    ],
)
def test_the_check_ignores_other_names(source):
    assert not tools_imports(source)


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("cli.py", "import tools.samples\n"),  # cli.py, but at import time
        ("cli.py", "def run_ingest(args):\n    from tools.bench import measure\n"),  # not a tools verb
        ("cli.py", "class Verbs:\n    def add_samples(self):\n        import tools\n"),  # a method, not the function
        ("cli.py", "def add_samples(p):\n    def later():\n        import tools\n"),  # nested deeper
        ("assets/ingest.py", "def add_samples(p):\n    from tools.samples import generate\n"),  # another module
    ],
)
def test_only_the_named_cli_functions_may_import_the_tools(relative, source):
    assert offending_imports(relative, source)
    assert not offending_imports("cli.py", "def add_samples(p):\n    from tools.samples import generate\n")


_IMPORT_PROBE = """
import sys
import {modules}
from pipelines.normalize import lines, regions
print([m for m in ("openpyxl", "pdfplumber", "docx", "pypdfium2") if m in sys.modules],
      regions._data.cache_info().currsize, lines.canonical_lines.cache_info().currsize)
"""


@pytest.mark.parametrize(
    ("modules", "expected"),
    [
        # importing the pipeline does no work: no reader library loaded, no lookup table read
        ("pipelines.extract.facts, pipelines.documents.readers, pipelines.run.sandbox", "[] 0 0"),
        # the forkserver's own preload does both, on purpose
        ("pipelines.run.preload", "['openpyxl', 'pdfplumber', 'docx', 'pypdfium2'] 1 1"),
    ],
)
def test_nothing_heavy_happens_at_import_but_in_the_preload_module(modules, expected):
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    probe = subprocess.run([sys.executable, "-c", _IMPORT_PROBE.format(modules=modules)],
                           cwd=PIPELINES.parent, capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == expected
