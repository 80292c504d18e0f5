"""Recall and precision per document kind, against truth written by hand for real documents.

The truth (one `*.truth.json` beside each document, the form of docs/accuracy.md) is
written by people who never saw the code, for documents the rules were not written from,
and kept outside the repository (the documents are real publications). This script ingests
a folder of them into a scratch warehouse and compares:

- recall: facts of the truth that reach the marts with the right value;
- precision: facts the marts hold for those documents that the truth holds with the same
  value (a wrong or an invented figure counts against);
- kind: `dim_report.document_kind` against the truth's.

A document the reader calls `other` (not of the genre) has no facts to find; whatever the
warehouse stores for it counts against precision.

Facts are: unit name, province/city/county, fiscal year, score, grade; every budget figure
(line x phase x spending type); every project fund figure (project x fund source x phase),
stated execution rate and project score; every indicator row (project x indicator: target,
actual, points, score); every headcount; the number of findings of each kind. A province or
city the reader left empty is not counted against precision where it is the place of the
county (or city) the reader wrote and the divisions data make it certain.

    python tests/first_contact.py DOCS_DIR [--warehouse W] [--show N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb

from truth_accuracy import load_truth  # a folder of *.truth.json, each naming its document

from pipelines.normalize.lines import BUDGET_LINES_CSV
from pipelines.normalize.text import TONE_MARKED_GLOSS

SCALARS = ("unit_name", "province", "city", "county", "fiscal_year", "self_score", "grade")
_GRADE_WORDS = {"优": "优秀", "良": "良好"}
_REPO = Path(__file__).resolve().parents[1]


def _squash(text) -> str:
    """Compared without spaces, bracket and colon width, traditional characters or a mirror's
    pinyin glosses (a mirror in traditional characters, '應(yīng)急局', is read, and stored, in
    simplified ones; a truth writer may copy the page's spelling)."""
    import zhconv  # noqa: PLC0415

    text = "".join(str(text or "").split()).replace("（", "(").replace("）", ")").replace("：", ":")
    return zhconv.convert(TONE_MARKED_GLOSS.sub("", text), "zh-cn")


def _place_above(truth: dict, key: str) -> str | None:
    """The province or city of the county (or city) the reader wrote, where the divisions data
    make it certain (one division of that name)."""
    from pipelines.normalize.regions import resolve_region  # noqa: PLC0415

    below = truth.get("county") or (truth.get("city") if key == "province" else None)
    region = resolve_region(below) if below else None
    return _squash(getattr(region, key)) if region and getattr(region, key) else None


def _same_unit(want: str, have: str) -> bool:
    """One unit named with or without its places before it ('德钦县司法局', '云南省迪庆州德钦县司法局')
    and with or without '(本级)' after it (the unit itself, as a disclosure's scope says): readers
    copy the page's wording, the marts complete the name with its region for a stable unit id.
    The province, city and county are compared apart, so a place dropped here is still counted."""
    from pipelines.normalize.regions import resolve_region  # noqa: PLC0415

    want, have = (re.sub(r"[(（]?本级[)）]?$", "", name) for name in (want, have))
    if want == have:
        return True
    shorter, longer = sorted((want, have), key=len)
    prefix = longer[: len(longer) - len(shorter)]
    return (len(shorter) >= 4 and longer.endswith(shorter) and prefix[-1:] in set("省市州县区旗盟")
            and resolve_region(prefix) is not None
            and bool(_OPENS_ON_A_PLACE.match(shorter)))  # (not a bare '人民政府' for '某县人民政府')


_OPENS_ON_A_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|市|州|县|区|旗|盟|乡|镇|街道)")


def _full_place(name: str, key: str) -> str:
    """A reader's place by its full name where the divisions data know its short one ('红河州' is
    红河哈尼族彝族自治州): readers copy the page's short names, the marts keep the full ones."""
    from pipelines.normalize.regions import resolve_region  # noqa: PLC0415

    region = resolve_region(name)
    return getattr(region, key) if region and region.admin_level == key and getattr(region, key) else name


def _canonical_line(name, phase: str | None = None) -> str:
    """A reader's line as CONTRACT.md names it: the page's word for a canonical line (收入总计, an
    alias of 收入合计 in budget_lines.csv) is that line, also after a list's '其中：'; any other
    name stays as written. Readers copy a budget page's wording, which restates the phase after
    the line ('教育支出预算', '收入预算' for the total) and adds or drops the category word
    ('一般公共预算拨款' for the alias 一般公共预算拨款收入, '上年结转收入' for 上年结转), puts
    '本年' before it, or '支出' after a 三公 part ('公务用车运行维护支出'): the same line."""
    name = re.sub(r"^其中:?", "", _squash(name))  # '其中：财政拨款': the list's word, not the line's
    phase_word = {"budget": "预算", "adjusted": "预算", "final": "决算"}.get(phase or "")
    if phase_word:
        name = re.sub(rf"(?<=.){phase_word}(?:数|总额)?$", "", name)
    # the 三公 table's heading restated before its line: '一般公共预算财政拨款“三公”经费'
    name = re.sub(r"^(?:一般公共预算)?财政拨款(?=[“\"]?三公)", "", name)
    # the totals as a budget page words them, its phase word taken off: '部门预算总收入', '单位收入总(预算)'
    name = re.sub(r"^(?:部门|单位)(?:预算|决算)?(?=总?(?:收入|支出))", "", name)
    name = _PAGE_WORDS.get(name, name)
    this_year = name.removeprefix("本年")  # '本年财政拨款收入': the year's own, as every line of the page is
    joined = re.sub(r"[与及]", "和", name)  # '商品与服务支出': the line's 和 written another way
    # '机关运行经费支出': the line with the page's word for its money after it; '国内公务接待支出' (国内:
    # the disclosure's split of 公务接待 from foreign guests)
    for candidate in (name, name + "收入", name.removesuffix("收入"), this_year, joined):
        if candidate in _LINE_OF_ALIAS or candidate in _LINES:
            return _LINE_OF_ALIAS.get(candidate, candidate)
    spent_on = _LINE_OF_ALIAS.get(name.removesuffix("支出"), name.removesuffix("支出"))
    if spent_on in _LINES and "收入" not in spent_on:  # (not '…财政拨款支出', the fiscal money spent)
        return spent_on
    spent = name.removeprefix("国内").removesuffix("支出")  # '公务用车购置支出': the 三公 note's word for a part's money
    for candidate in (spent, spent + "费"):
        line = _LINE_OF_ALIAS.get(candidate, candidate)
        if line in _THREE_PUBLIC_LINES:
            return line
    return name


# a budget page's words for a whole, the 决算 template's name of a line, and the 三公 notes' short
# names of its parts
_PAGE_WORDS = {"收入": "收入合计", "支出": "支出合计", "收入总额": "收入合计", "支出总额": "支出合计",
               "收入总": "收入合计", "支出总": "支出合计", "总收入": "收入合计", "总支出": "支出合计", "事业单位经营收入": "经营收入",
               "公务用车购置及运行费": "公务用车购置及运行维护费", "因公出国(境)经费": "因公出国(境)费",
               "公务用车运行费": "公务用车运行维护费"}


def _aliases() -> tuple[set[str], dict[str, str], set[str]]:
    """budget_lines.csv's lines, its aliases, and its 三公 lines (group three_public, and the
    economic lines it says are their parts too: 公务接待费, 公务用车运行维护费)."""
    import csv  # noqa: PLC0415

    with BUDGET_LINES_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lines = {_squash(row["line_name"]) for row in rows}
    three_public = {_squash(row["line_name"]) for row in rows if row["line_group"] == "three_public"}
    three_public |= {_squash(row["line_name"]) for row in rows if _squash(row.get("also_part_of")) in three_public}
    return lines, {_squash(alias): _squash(row["line_name"]) for row in rows for alias in (row["aliases"] or "").split("|")
                   if alias and _squash(alias) not in lines}, three_public


_LINES, _LINE_OF_ALIAS, _THREE_PUBLIC_LINES = _aliases()


def _num(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).normalize()
    except ArithmeticError:
        return None


def _indicator_key(name) -> str:
    """Indicator names compared without a form's numbering ('指标1:'), which truth writers
    kept in some batches and left out in others."""
    return re.sub(r"^指标\d{1,2}[:.、]", "", _squash(name))


def _value_key(text) -> str:
    """An indicator's target or result compared as its operator and number when it is one: a
    form's unit column ('116' | '人') and a bare '=' are written in by some readers and left
    out by others ('=116', '116人'); an operator (≥95) still counts."""
    text = _squash(text)
    figure = re.fullmatch(r"=?([≥≤<>]=?)?(-?\d+(?:\.\d+)?)([^\d]{0,6})", text)
    return f"{figure[1] or ''}{figure[2]}" if figure else text


def _project_key(name) -> str:
    """Project names compared without spaces, brackets' width, or a leading budget code."""
    text = _squash(name)
    head, sep, tail = text.partition("-")
    return tail if sep and head.isalnum() and head.isascii() else text


def _same_project(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


class Tally:
    def __init__(self) -> None:
        self.by_kind = defaultdict(lambda: defaultdict(int))
        self.misses: list[str] = []

    def truth_fact(self, kind: str, found: bool, miss: str) -> None:
        self.by_kind[kind]["truth"] += 1
        self.by_kind[kind]["found"] += int(found)
        if not found:
            self.misses.append("missed " + miss)

    def stored_fact(self, kind: str, right: bool, what: str) -> None:
        self.by_kind[kind]["stored"] += 1
        self.by_kind[kind]["right"] += int(right)
        if not right:
            self.misses.append("wrong  " + what)

    def table(self) -> list[dict]:
        rows = []
        kinds = sorted(self.by_kind)
        for kind in [*kinds, "all"]:
            counts = defaultdict(int)
            for k in (kinds if kind == "all" else [kind]):
                for name, n in self.by_kind[k].items():
                    counts[name] += n
            rows.append({
                "kind": kind,
                "documents": counts["documents"],
                "kind_right": counts["kind_right"],
                "truth_facts": counts["truth"],
                "found": counts["found"],
                "recall": round(100 * counts["found"] / counts["truth"], 1) if counts["truth"] else None,
                "stored_facts": counts["stored"],
                "right": counts["right"],
                "precision": round(100 * counts["right"] / counts["stored"], 1) if counts["stored"] else None,
            })
        return rows


def compare(con: duckdb.DuckDBPyConnection, truths: list[dict]) -> Tally:
    tally = Tally()
    for truth in truths:
        _compare_document(con, truth, tally)
    return tally


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
        [table]).fetchall()}


def _compare_document(con, truth: dict, tally: Tally) -> None:
    name, kind = truth["source_file"], truth.get("document_kind") or "unknown"
    tally.by_kind[kind]["documents"] += 1
    report_cols = _columns(con, "dim_report")
    kind_col = "r.document_kind" if "document_kind" in report_cols else "null"
    row = con.execute(
        f"""select r.report_id, u.unit_name, u.province, u.city, u.county, r.fiscal_year, r.self_score, r.grade,
                   {kind_col}, r.status
            from marts.dim_report r left join marts.dim_unit u using (unit_id) where r.source_file = ?""",
        [name],
    ).fetchone()
    if row is None:
        tally.misses.append(f"{name}: not in dim_report")
        return
    report_id, got = row[0], dict(zip(SCALARS, row[1:8]))
    tally.by_kind[kind]["kind_right"] += int(row[8] == kind)
    if row[8] != kind:
        tally.misses.append(f"kind   {name}: {row[8]!r}, reader: {kind!r}")
    if kind == "other":  # CONTRACT.md: a page that is not of the genre yields nothing
        truth = {"source_file": name}
    for key in SCALARS:
        want, have = truth.get(key), got[key]
        if key == "unit_name" and have == "（未识别单位）":
            have = None
        if key == "city" and have and have == got["province"] and not want:
            have = None  # readers leave a municipality's city empty; the marts repeat it (both are right)
        if key in ("province", "city", "county") and want:
            want = _full_place(want, key)
        same = _num(want) == _num(have) if key in ("self_score", "fiscal_year") else _squash(want) == _squash(have)
        if key == "unit_name" and want and have:
            same = _same_unit(_squash(want), _squash(have))
        if key == "grade":  # CONTRACT.md's grades are 优秀/良好/中/差: a page's 优 is 优秀 (readers copy it as written)
            same = _GRADE_WORDS.get(_squash(want), _squash(want)) == _GRADE_WORDS.get(_squash(have), _squash(have))
        if want is not None:
            tally.truth_fact(kind, same, f"{name}: {key} = {have!r}, reader: {want!r}")
        if want is None and key in ("province", "city") and have and _squash(have) == _place_above(truth, key):
            continue  # the place of the reader's own county or city, which readers often leave empty
        if have is not None:
            tally.stored_fact(kind, want is not None and same, f"{name}: {key} = {have!r}, reader: {want!r}")

    for fact_kind, (want, have) in _fact_sets(con, report_id, truth).items():
        for key, value in want.items():
            match = _lookup(have, key, fact_kind)
            tally.truth_fact(kind, match is not None and match == value,
                             f"{name}: {fact_kind} {key} = {match}, reader: {value}")
        for key, value in have.items():
            match = _lookup(want, key, fact_kind)
            tally.stored_fact(kind, match is not None and match == value,
                              f"{name}: {fact_kind} {key} = {value}, reader: {match}")

    counts = dict(con.execute("select kind, count(*) from marts.fct_finding where report_id = ? group by kind",
                              [report_id]).fetchall())
    for finding_kind, n in (truth.get("findings") or {}).items():
        tally.truth_fact(kind, counts.get(finding_kind, 0) == n,
                         f"{name}: {finding_kind} findings {counts.get(finding_kind, 0)}, reader: {n}")


def _lookup(facts: dict, key: tuple, fact_kind: str):
    """The value under `key`, project names compared loosely (codes, brackets, containment);
    a budget figure's spending type only where it tells two figures apart (readers differ on
    whether prose '基本支出…其中工资福利支出' is a basic-spending figure)."""
    if key in facts:
        return facts[key]
    if fact_kind == "budget":
        same_line = [value for other, value in facts.items() if other[:2] == key[:2]]
        return same_line[0] if len(same_line) == 1 else None
    if fact_kind in ("project", "project_rate", "project_score", "indicator") and key[0]:
        for other, value in facts.items():
            if other[0] and _same_project(other[0], key[0]) and other[1:] == key[1:]:
                return value
    return None


def _reader_budget(lines: list[dict], stored: dict) -> dict:
    """The reader's budget lines keyed as the marts key them: line names read as the other names
    are (a line a page names in traditional characters is stored in simplified ones; a page's
    alias of a canonical line is that line). A 决算's '收、支总计' states both totals at once (a
    balanced account's income and spending alike): it is whichever of them the marts hold at
    that value, both where they hold both, and a miss where they hold neither."""
    keyed = [((_canonical_line(b["line_name"], b["phase"]), b["phase"], b.get("spending_type")), _num(b["amount_yuan"]))
             for b in lines]
    want = {key: value for key, value in keyed if key[0] not in _BOTH_TOTALS}
    for (name, phase, spending), value in keyed:
        if name not in _BOTH_TOTALS:
            continue
        held = [line for line in ("支出合计", "收入合计") if stored.get((line, phase, spending)) == value]
        for line in held or [name]:  # neither held at that value: a miss under the reader's name
            if want.get((line, phase, spending), value) == value:
                want[(line, phase, spending)] = value
    return want


_BOTH_TOTALS = {"收、支总计", "收支总计", "收、支合计", "收支合计"}
_UNRECORDED_PHASE = "prior_final"


def _fact_sets(con, report_id: str, truth: dict) -> dict:
    project_cols = _columns(con, "fct_project")
    indicator_cols = _columns(con, "fct_indicator_score")
    fund = "coalesce(fund_source, 'total')" if "fund_source" in project_cols else "'total'"
    rate = "execution_rate_stated" if "execution_rate_stated" in project_cols else "null"
    project_of = "project_name" if "project_name" in indicator_cols else "null"

    def rows(sql):  # in one order, so that a loose match (below) takes the same row on every run
        return con.execute(sql + " order by all", [report_id]).fetchall()

    sets = {}
    # last year's figures (phase prior_final) are stored, but the readers' truth has no word for them
    # (budget, adjusted, final): a fact nobody was asked to record is neither right nor wrong
    stored_budget = {(_squash(r[0]), r[1], r[2]): _num(r[3]) for r in rows(
        "select line_name, phase, spending_type, amount_yuan from marts.fct_budget "
        f"where report_id = ? and phase <> '{_UNRECORDED_PHASE}'")}
    sets["budget"] = (_reader_budget(truth.get("budget", []), stored_budget), stored_budget)
    sets["project"] = (
        {(_project_key(p["project_name"]), p.get("fund_source") or "total", p["phase"]): _num(p["amount_yuan"])
         for p in truth.get("projects", []) if p.get("amount_yuan") not in (None, "")},
        {(_project_key(r[0]), r[1], r[2]): _num(r[3]) for r in rows(
            f"select project_name, {fund}, phase, amount_yuan from marts.fct_project "
            f"where report_id = ? and amount_yuan is not null and phase is distinct from '{_UNRECORDED_PHASE}'")},
    )
    sets["project_rate"] = (  # readers write the stated rate in percent, the marts keep it as a ratio
        {(_project_key(p["project_name"]), p.get("fund_source") or "total"): _num(Decimal(str(p["execution_rate_stated"])) / 100)
         for p in truth.get("projects", []) if p.get("execution_rate_stated") is not None},
        {(_project_key(r[0]), r[1]): _num(r[2]) for r in rows(
            f"select project_name, {fund}, max({rate}) from marts.fct_project where report_id = ? "
            f"group by all having max({rate}) is not null")},
    )
    sets["project_score"] = (
        {(_project_key(p["project_name"]),): _num(p["score"]) for p in truth.get("project_scores", [])
         if p.get("score") is not None},
        {(_project_key(r[0]),): _num(r[1]) for r in rows(
            "select project_name, max(score) from marts.fct_project where report_id = ? group by all "
            "having max(score) is not null")},
    )
    sets["indicator"] = (
        {(_project_key(i.get("project_name")), _indicator_key(i.get("level3"))):
         (_value_key(i.get("target_text")), _value_key(i.get("actual_text")), _num(i.get("weight")), _num(i.get("score")))
         for i in truth.get("indicators", [])},
        {(_project_key(r[0]), _indicator_key(r[1])): (_value_key(r[2]), _value_key(r[3]), _num(r[4]), _num(r[5])) for r in rows(
            f"select {project_of}, level3, target_text, actual_text, weight, score "
            "from marts.fct_indicator_score where report_id = ?")},
    )
    sets["headcount"] = (
        {(h["measure"], h["staff_type"]): _num(h["headcount"]) for h in truth.get("headcount", [])},
        {(r[0], r[1]): _num(r[2]) for r in rows(
            "select measure, staff_type, headcount from marts.fct_headcount where report_id = ?")},
    )
    return sets


def ingest(docs: Path, warehouse: Path) -> None:
    """The documents (only those with a truth) through `python -m pipelines ingest`."""
    raw = warehouse.parent / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for truth in load_truth(docs):
        source = docs / truth["source_file"]
        (raw / source.name).write_bytes(source.read_bytes())
    # a scratch warehouse: published even when no document is read (a batch whose pages all come
    # out not_a_report measures as nothing found, not as an error)
    done = subprocess.run([sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(raw),
                           "--warehouse", str(warehouse), "--force-publish"], cwd=_REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def markdown(rows: list[dict]) -> str:
    lines = ["| kind | documents | kind right | recall | precision | facts found / truth | right / stored |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['kind']} | {r['documents']} | {r['kind_right']} | {r['recall']}% | {r['precision']}% | "
                     f"{r['found']}/{r['truth_facts']} | {r['right']}/{r['stored_facts']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path, help="folder of documents with *.truth.json beside them")
    parser.add_argument("--warehouse", type=Path, help="an existing warehouse to compare (default: ingest now)")
    parser.add_argument("--show", type=int, default=60, help="misses to print")
    parser.add_argument("--json", type=Path, help="write the per-kind table here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        warehouse = args.warehouse or Path(scratch) / "w" / "reports.duckdb"
        if args.warehouse is None:
            warehouse.parent.mkdir()
            ingest(args.docs, warehouse)
        con = duckdb.connect(str(warehouse), read_only=True)
        tally = compare(con, load_truth(args.docs))
        con.close()
    rows = tally.table()
    print(markdown(rows))
    for miss in tally.misses[: args.show]:
        print("  " + miss)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
