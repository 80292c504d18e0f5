"""Which province / city / county a government unit belongs to, from its name and its document.

Data: ``pipelines/data/divisions.csv`` and ``division_renames.csv``, built from jionlp's
offline dictionary (Apache-2.0) by ``scripts/build_divisions.py``; see that script for the
row conventions (municipality districts carry city = the municipality; county-level units
directly under a province have no city). The tables are read once, lazily, on first use.

``resolve_region(unit_name, context)`` works like this.

1. **Mentions.** The text (whitespace removed) is scanned left to right; at each position the
   longest name that is *accepted* there wins and its characters are consumed. Names are:

   * full names (邵阳市, 北塔区, 宁乡市, 衡阳县, 湖南省) – always accepted, except *weak* ones;
   * retired names from the change file (邵东县 → 邵东市 430582) – like full names;
   * short names (jionlp's alias: 邵阳, 北塔, 宁乡) – accepted only
     (a) when followed by the last character of their own full name or 地区 / 自治 when the
     full name has it (湘西州, 城步县 for 城步苗族自治县, 广西区委; but not 南部地区 for
     南部县 or 合作区 for 合作市), or by an organ: 委 (not 委员), 政府, 人民政府, 人大,
     政协, 党委, 党工委, 纪委, or
     (b) when directly next to an accepted, related division (邵阳北塔区), or
     (c) in a unit name, at its very start (after an optional 中共 / 中国共产党 / 共青团)
     and only when nothing else in the unit name is accepted, if the context names the
     same division, an ancestor or a part of it (衡阳网信办 in a report on 衡阳市);
     so a short name inside an ordinary word (资源, 通道, 会同, 延长, 东方, 平安建设…) is
     ignored;
   * *weak* full or retired names – a one-character stem (和县, 成县, 城区, 郊区) or a
     generic stem made only of 东西南北中新老城郊矿市关 (城关区, 新城区, 老城区, 市中区) –
     are ordinary words too often ("完成县委", "老城区改造"), so they are accepted only
     right after their own city or province (阳泉市城区, 西安市新城区), at the start of a
     unit name, before a repeated suffix (和县县委), or, for generic stems of two or more
     characters, before 委 / 政府 / 人民政府 (城关区委).

   If the longest name at a position is not accepted, no shorter one is tried there
   (老城区改造 is neither 老城区 nor 老城 + 区). "中共" is skipped as one token, so
   中共和县县委 is 和县 and not 共和县. A mention keeps every division its text can stand
   for (新华区 → 3 candidates); full and retired candidates hide short-name candidates of
   the same text.

2. **Unit name.** For every candidate division, *coverage* is the number of mentions that
   hold it or one of its ancestors (石家庄市鹿泉区: 鹿泉区 covers both mentions). The best
   candidate has the highest coverage, then the earliest first mention, then the earliest
   mention of itself (the owner is named first: 湘潭市驻长沙办事处 → 湘潭市, and with its
   province before it, 湖南省湘潭市驻长沙办事处, still 湘潭市). So a county named with its city wins over the city,
   中共宁乡市委 gives the county-level city 宁乡市 (county level, city 长沙市), and
   中共湛江市委 gives the city level. If several divisions tie (新华区, 河北省新华区, 巴州),
   the context decides: each tied division scores the mentions (unit name and context)
   that hold it or one of its ancestors; a unique best score wins, otherwise None.
   The unit name's level is kept: a city-level unit name is never pushed down to a county.

3. **No division in the unit name** (网信办): the context – the whole document – is
   scanned the same way (without rule (c)). Each mention weighs 1, or 3 in the first 200
   characters (title, cover), plus 2 when 整体支出 follows in the same clause (衡阳县部门
   整体支出绩效自评报告: the report's own subject), and 0 inside 《》 (a cited document such
   as 《湖南省财政厅关于……的通知》). A mention with several candidates keeps the one whose
   ancestors are also mentioned, or is dropped. Weights add up along the tree (a county's
   weight also counts for its city and province). Starting from the heaviest province we
   step down to the heaviest child while that child is the unique heaviest and holds at
   least half of its parent's weight; the division reached must weigh at least 2. So a
   document that keeps naming 衡阳县 resolves to 衡阳县 even when it also names 衡阳市 and
   湖南省, while a city unit's report that names each of its counties once stays at the city.

Returns None when nothing (or nothing unambiguous) is found.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DIVISIONS_CSV = DATA_DIR / "divisions.csv"
RENAMES_CSV = DATA_DIR / "division_renames.csv"

_ORGAN_SUFFIXES = ("人民政府", "政府", "人大", "政协", "党委", "党工委", "纪委")
_GENERIC_STEM_CHARS = set("东西南北中新老城郊矿市关")
_UNIT_PREFIXES = ("中国共产党", "中共", "共青团")
_WHITESPACE = re.compile(r"\s+")
HEAD_CHARS = 200  # context characters treated as title / cover
HEAD_WEIGHT = 3
OWNER_BONUS = 2  # mention of the report's own subject: 衡阳县部门整体支出…
_OWNER_WORDS = ("整体支出",)
_CLAUSE_END = re.compile(r"[，。；：、,.;:！？!?（）()《》〈〉“”\"]")
MIN_CONTEXT_WEIGHT = 2
CHILD_SHARE = 0.5


@dataclass(frozen=True)
class Region:
    province: str
    city: str | None
    county: str | None
    admin_level: str  # 'province' | 'city' | 'county'
    admin_code: str  # 6 digits


@dataclass(frozen=True)
class _Div:
    code: str
    level: str
    province: str
    city: str | None
    county: str | None
    name: str
    parent: str | None  # code of the immediate parent division
    ancestors: frozenset[str]  # codes of all ancestors

    def region(self) -> Region:
        return Region(self.province, self.city, self.county, self.level, self.code)


@dataclass(frozen=True)
class _Entry:
    div: _Div
    kind: str  # 'full' | 'retired' | 'short'
    weak: bool
    generic: bool  # weak because of a generic stem of 2+ characters
    extra_parents: frozenset[str] = frozenset()  # old parent of a retired name


@dataclass
class _Mention:
    start: int
    end: int
    cands: list[_Div]
    entries: tuple[_Entry, ...] = ()  # index entries behind a not yet accepted mention


@dataclass
class _Data:
    by_code: dict[str, _Div]
    index: dict[str, tuple[_Entry, ...]]
    lengths: dict[str, tuple[int, ...]]  # first character -> key lengths, longest first
    children: dict[str, list[str]]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _is_weak(name: str) -> tuple[bool, bool]:
    stem = name[:-1]
    if len(stem) <= 1:
        return True, False
    generic = all(ch in _GENERIC_STEM_CHARS for ch in stem)
    return generic, generic


@lru_cache(maxsize=1)
def _data() -> _Data:
    rows = _read_csv(DIVISIONS_CSV)
    province_code = {r["name"]: r["admin_code"] for r in rows if r["level"] == "province"}
    city_code = {(r["province"], r["city"]): r["admin_code"] for r in rows if r["level"] == "city"}
    by_code: dict[str, _Div] = {}
    children: dict[str, list[str]] = {}
    for r in rows:
        level = r["level"]
        prov = province_code[r["province"]]
        city = city_code.get((r["province"], r["city"])) if level == "county" else None
        if level == "province":
            parent, ancestors = None, frozenset()
        elif city:
            parent, ancestors = city, frozenset((prov, city))
        else:
            parent, ancestors = prov, frozenset((prov,))
        div = _Div(r["admin_code"], level, r["province"], r["city"] or None,
                   r["county"] or None, r["name"], parent, ancestors)
        by_code[div.code] = div
        if parent:
            children.setdefault(parent, []).append(div.code)

    entries: dict[str, list[_Entry]] = {}

    def add(key: str, entry: _Entry) -> None:
        if len(key) >= 2:
            entries.setdefault(key, []).append(entry)

    for r in rows:
        div = by_code[r["admin_code"]]
        weak, generic = _is_weak(div.name)
        add(div.name, _Entry(div, "full", weak, generic))
        for short in filter(None, r["short_name"].split("/")):
            if short != div.name:
                add(short, _Entry(div, "short", False, False))
    for r in _read_csv(RENAMES_CSV):
        div = by_code.get(r["admin_code"])
        if div is None:
            continue
        old_parent = city_code.get((r["old_province"], r["old_city"]))
        weak, generic = _is_weak(r["old_name"])
        add(r["old_name"], _Entry(div, "retired", weak, generic,
                                  frozenset({old_parent} if old_parent else ())))

    index: dict[str, tuple[_Entry, ...]] = {}
    for key, lst in entries.items():
        strong = [e for e in lst if e.kind != "short"]
        index[key] = tuple(strong or lst)
    lengths: dict[str, set[int]] = {}
    for key in index:
        lengths.setdefault(key[0], set()).add(len(key))
    return _Data(by_code, index,
                 {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()},
                 children)


# --------------------------------------------------------------------------- scanning


def _parents(entry: _Entry) -> frozenset[str]:
    return entry.div.ancestors | entry.extra_parents


def _scan(text: str, data: _Data,
          unit_start: int | None = None) -> tuple[list[_Mention], _Mention | None]:
    """Accepted mentions, and a short name at the unit start left for the context to confirm."""
    index, lengths = data.index, data.lengths
    accepted: list[_Mention] = []
    pending: list[_Mention] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("中共", i):  # the party prefix is never part of a name (中共和县…)
            i += 2
            continue
        lens = lengths.get(text[i])
        hit = None
        first_pending = None
        if lens:
            for length in lens:
                if i + length > n:
                    continue
                key = text[i:i + length]
                found = index.get(key)
                if not found:
                    continue
                ok = [e for e in found if _strict_key(e, key, text, i + length)]
                if ok:
                    hit = _Mention(i, i + length, _unique(e.div for e in ok), entries=tuple(ok))
                    break
                # the longest name here is not accepted on its own: no shorter name may
                # take its place (老城区改造 must not become 老城 + suffix 区)
                first_pending = _Mention(i, i + length, _unique(e.div for e in found),
                                         entries=found)
                break
        if hit:
            accepted.append(hit)
            i = hit.end
        else:
            if first_pending:
                pending.append(first_pending)
            i += 1
    if not pending:
        return accepted, None
    # second pass: pending names next to a related accepted mention, or at the unit start
    taken = [(m.start, m.end) for m in accepted]
    extra: list[_Mention] = []
    at_start = None
    last_end = -1
    # (a pending name beside another that is its parent or child confirms it: '云南寻甸…', a
    # province's and its county's short names, neither of which is a name on its own; no name
    # stands beside itself, so the list may hold each)
    neighbours = accepted + pending
    for p in pending:
        if p.start < last_end or any(s < p.end and p.start < e for s, e in taken):
            continue
        keep = _pending_candidates(p, neighbours, unit_start)
        if keep:
            extra.append(_Mention(p.start, p.end, keep))
            last_end = p.end
        elif unit_start is not None and p.start == unit_start:
            shorts = tuple(e for e in p.entries if e.kind == "short")
            if shorts:
                at_start = _Mention(p.start, p.end, _unique(e.div for e in shorts),
                                    entries=shorts)
    return sorted(accepted + extra, key=lambda m: m.start), at_start


def _short_suffix_ok(name: str, text: str, end: int) -> bool:
    """A short name followed by its own kind of suffix or by a party / state organ."""
    if text.startswith(_ORGAN_SUFFIXES, end):
        return True
    if text.startswith("委", end):
        return not text.startswith("委员", end)  # 合作委员会 is no 合作市 organ
    if text.startswith(name[-1], end):  # 湘西州, 城步县 (自治县), 广西区委
        return True
    if name.endswith("地区") and text.startswith("地区", end):
        return True
    return "自治" in name and text.startswith("自治", end)


def _standalone(entry: _Entry, key: str, text: str, start: int) -> bool:
    """The short name of an autonomous region, or a province's of three characters (黑龙江),
    opening the text, a sentence or a clause ('广西城乡居民…', '2022年，广西…'), where no word
    can hold it (推广西瓜 does); the two-character names of other provinces are inside common
    words (渭河南岸, 洞庭湖南部) and need their suffix."""
    div = entry.div
    by_itself = div.level == "province" and ("自治区" in div.name or len(key) >= 3)
    # a municipality's two characters likewise ('重庆两江新区某某小学校'), but for a street named after it
    by_itself = by_itself or div.code in _MUNICIPALITIES and not text.startswith(("路", "街", "大道"), start + len(key))
    return by_itself and (start == 0 or text[start - 1] in _BEFORE_STANDALONE)


_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})  # 北京, 天津, 上海, 重庆


_BEFORE_STANDALONE = frozenset("，。；：、,.;:！？!?“”\"\n0123456789年度")


def _strict_key(entry: _Entry, key: str, text: str, end: int) -> bool:
    if entry.kind == "short":
        return _short_suffix_ok(entry.div.name, text, end) or _standalone(entry, key, text, end - len(key))
    if not entry.weak:
        return True
    if text.startswith(key[-1], end):  # 和县县委
        return True
    return entry.generic and text.startswith(("委", "政府", "人民政府"), end)


def _pending_candidates(p: _Mention, accepted: list[_Mention],
                        unit_start: int | None) -> list[_Div]:
    if unit_start is not None and p.start == unit_start:
        weak = [e.div for e in p.entries if e.kind != "short"]
        if weak:
            return _unique(weak)  # 新县财政局, 城区人民政府
    before = next((m for m in accepted if m.end == p.start), None)
    after = next((m for m in accepted if m.start == p.end), None)
    keep: list[_Div] = []
    for entry in p.entries:
        parents = _parents(entry)
        if before and any(c.code in parents for c in before.cands):
            keep.append(entry.div)  # 阳泉市城区, 邵阳市北塔 + …
        elif entry.kind == "short" and (
            (after and any(entry.div.code in c.ancestors for c in after.cands))
            or (before and any(entry.div.code in c.ancestors or c.code in parents
                               for c in before.cands))
        ):
            keep.append(entry.div)  # 邵阳北塔区
    return _unique(keep)


def _unique(divs) -> list[_Div]:
    seen: dict[str, _Div] = {}
    for d in divs:
        seen.setdefault(d.code, d)
    return list(seen.values())


def _unit_start(text: str) -> int:
    for prefix in _UNIT_PREFIXES:
        if text.startswith(prefix):
            return len(prefix)
    return 0


# --------------------------------------------------------------------------- choosing


def _best_in_unit(mentions: list[_Mention]) -> list[_Div]:
    """Top candidates of a unit name (several when they tie)."""
    scored: dict[str, tuple[tuple[int, int, int], _Div]] = {}
    for m in mentions:
        for d in m.cands:
            if d.code in scored:
                continue
            covered = [k for k, other in enumerate(mentions)
                       if any(c.code == d.code or c.code in d.ancestors for c in other.cands)]
            own = next(k for k, other in enumerate(mentions) if any(c.code == d.code for c in other.cands))
            # no level tie-break: candidates of one mention that tie are ambiguous
            # (巴州: 巴音郭楞蒙古自治州 or 巴中市巴州区), whatever their levels; the division named
            # first breaks a tie its province's mention made (内蒙古自治区兴安盟…驻呼和浩特市办事处)
            scored[d.code] = ((len(covered), -covered[0], -own), d)
    if not scored:
        return []
    top = max(key for key, _ in scored.values())
    return [d for key, d in scored.values() if key == top]


def _pick_by_context(tied: list[_Div], mentions: list[_Mention]) -> _Div | None:
    scores = []
    for d in tied:
        related = {d.code} | d.ancestors
        scores.append(sum(1 for m in mentions if any(c.code in related for c in m.cands)))
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    return tied[scores.index(best)]


# a place the unit helps, not its own: '对口支援新疆、宁夏西吉县', '帮扶某县某村'
_AIDED = re.compile(r"(?:支援|援建|援助|帮扶|对口|结对)[^，,。；;：:]{0,8}$")


def _mention_weight(m: _Mention, text: str, in_title: list[bool]) -> int:
    if in_title[m.start]:
        return 0  # a cited document: 《湖南省财政厅关于……的通知》
    if _AIDED.search(text, max(0, m.start - 12), m.start):
        return 0
    w = HEAD_WEIGHT if m.start < HEAD_CHARS else 1
    clause = _CLAUSE_END.split(text[m.end:m.end + 20], maxsplit=1)[0]
    if any(word in clause for word in _OWNER_WORDS):
        w += OWNER_BONUS
    return w


def _inside_book_titles(text: str) -> list[bool]:
    flags, depth = [], 0
    for ch in text:
        if ch in "《〈":
            depth += 1
        elif ch in "》〉" and depth:
            depth -= 1
        flags.append(depth > 0)
    return flags


def _owner_from_context(mentions: list[_Mention], data: _Data, text: str) -> _Div | None:
    in_title = _inside_book_titles(text) if mentions else []
    unambiguous = {m.cands[0].code for m in mentions if len(m.cands) == 1}
    weight: dict[str, float] = {}
    for m in mentions:
        cands = m.cands
        if len(cands) > 1:
            support = [len(c.ancestors & unambiguous) for c in cands]
            best = max(support)
            if best == 0 or support.count(best) > 1:
                continue
            cands = [cands[support.index(best)]]
        d = cands[0]
        w = _mention_weight(m, text, in_title)
        if not w:
            continue
        for code in (d.code, *d.ancestors):
            weight[code] = weight.get(code, 0) + w
    if not weight:
        return None

    def heaviest(codes) -> str | None:
        ranked = sorted(((weight.get(c, 0), c) for c in codes), reverse=True)
        if not ranked or ranked[0][0] == 0:
            return None
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None
        return ranked[0][1]

    node = heaviest(c for c in weight if data.by_code[c].level == "province")
    if node is None:
        return None
    while True:
        child = heaviest(data.children.get(node, ()))
        if child is None or weight[child] < CHILD_SHARE * weight[node]:
            break
        node = child
    if weight[node] < MIN_CONTEXT_WEIGHT:
        return None
    return data.by_code[node]


# --------------------------------------------------------------------------- API


def resolve_region(unit_name: str, context: str = "") -> Region | None:
    """Province / city / county of a unit, from its name, else from its document text."""
    data = _data()
    name = _WHITESPACE.sub("", unit_name or "")
    mentions, at_start = _scan(name, data, _unit_start(name))
    context_text = _WHITESPACE.sub("", context or "")
    context_mentions: list[_Mention] | None = None

    def ctx() -> list[_Mention]:
        nonlocal context_mentions
        if context_mentions is None:
            context_mentions = _scan(context_text, data)[0] if context_text else []
        return context_mentions

    if not mentions and at_start is not None:
        # a bare short name opening the unit name (衡阳网信办) counts only when the
        # document names the same division, one of its ancestors or one of its parts
        confirmed = [d for d in at_start.cands
                     if any(c.code == d.code or c.code in d.ancestors or d.code in c.ancestors
                            for m in ctx() for c in m.cands)]
        if not confirmed and _COLLEGE_AFTER_CITY.match(name, at_start.end):
            # or a college named after its city ('福州职业技术学院', '黄山学院'), which the text
            # may name only in its own name: the one city of that short name
            cities = [d for d in at_start.cands if d.level == "city"]
            confirmed = cities if len(cities) == 1 else []
        if confirmed:
            mentions = [_Mention(at_start.start, at_start.end, confirmed)]
    if mentions:
        tied = _best_in_unit(mentions)
        if len(tied) == 1:
            return tied[0].region()
        chosen = _pick_by_context(tied, mentions + ctx())
        return chosen.region() if chosen else None
    placed = _placing_the_name(name, ctx(), context_text)
    if placed:
        return placed.region()
    owner = _owner_from_context(ctx(), data, context_text) or _the_one_of_its_level(name, ctx())
    return owner.region() if owner else None


_COLLEGE_AFTER_CITY = re.compile(r"(?:职业技术|职业|师范|医学|幼儿师范|理工|科技)?(?:学院|大学)$")


def _the_one_of_its_level(name: str, mentions: list[_Mention]) -> _Div | None:
    """A name that opens on its level alone ('市中级人民法院', '县财政局'), where the text names
    one division of that level and no other, even only in the notice it cites (《某某市财政局关于
    开展市级财政资金绩效自评的通知》: the units a city's finance bureau asks are that city's)."""
    suffix = name[:1]
    if suffix not in "市县区州" or len(name) < 4 or name.startswith(("市场", "区域")):
        return None  # ('市场监督管理局' opens on a word, not on its level)
    level = "city" if suffix in "市州" else "county"
    found = {m.cands[0].code: m.cands[0] for m in mentions
             if len(m.cands) == 1 and m.cands[0].level == level and m.cands[0].name.endswith(suffix)}
    return next(iter(found.values())) if len(found) == 1 else None


def _placing_the_name(name: str, mentions: list[_Mention], text: str) -> _Div | None:
    """The division the text writes right before the unit's own name: '…武定县田心乡2022年度…'
    places 田心乡人民政府 (a township's name, which the divisions data does not hold) in 武定县,
    however seldom the text names its county."""
    head = name[:3]
    placing = {m.cands[0].code: m.cands[0] for m in mentions
               if len(head) == 3 and len(m.cands) == 1 and _placed_after(name, m.end, text)}
    return next(iter(placing.values())) if len(placing) == 1 else None


def _placed_after(name: str, end: int, text: str) -> bool:
    """Whether the text writes the name right after a division ending at `end`; a name that
    opens on its level ('区农业农村局') shares that level's character with the division's
    name ('…某某区农业农村局')."""
    return text.startswith(name[:3], end) or (
        name[:1] in "省市县区州" and text[end - 1 : end] == name[:1] and len(name) >= 4 and text.startswith(name[1:4], end)
    )


def region_for_code(admin_code: str) -> Region | None:
    """The division with this 6-digit code in divisions.csv, if any."""
    div = _data().by_code.get(admin_code)
    return div.region() if div else None


def is_division_name(name: str) -> bool:
    """Whether a name is a division's own (某某县, 某某区, 红河州): a whole region, not a unit in it."""
    return bool(_data().index.get(name))
