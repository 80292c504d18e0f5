"""Staffing: authorized posts (编制), actual staff (实有/在职) and retirees, by staff type.

In prose a measure word opens a run of counts that share it:
'年末在职人数行政编制11人、事业编制1人、后勤雇员人数2人' is three actual counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.extract.tables import iter_blocks
from pipelines.normalize.numbers import halfwidth, parse_number
from pipelines.normalize.text import squash

# patterns of the functions below, compiled once at import
_AUTHORIZED_WORDS = re.compile(r"编制数|编制人数|人员编制|核定|定编")  # 在职人员编制5人: posts
_ACTUAL_WORDS = re.compile(
    r"在职|实有|在编|在岗|(?:实际|现有)(?:人数|.{0,6}(?:人员|职工|干部|员工|编))|职工人数|"
    # the staff named alone, as a school or a hospital counts them: '教职工24人', '有干部职工42人', '全院职工36人'
    r"^(?:共有|有|全(?:院|校|局|所|站|体|中心))?(?:教职工|教职员工|干部职工|职工)(?:总数|总人数)?(?:共计|共|为)?$"
)
_RETIRED_WORDS = re.compile(r"退休|离休")
_CURRENT_POSTS = re.compile(r"[现实]有(?:行政|事业|工勤)?编制$")  # ('实有编制12人，年末在职12人': posts, then people)
_STAFF_WORDS = re.compile(r"编制|雇员|人员|编|公务员|机关工人|职工|干部|工勤|后勤|政法专项")  # (工勤, 政法专项: staff types named alone)
# people the unit hires or keeps, not its staff; people its money reached ('享受补贴人员为11196户26930人')
_NOT_STAFF = re.compile(r"临时|外聘|聘用|临聘|劳务|派遣|其他人员|遗属|享受|受益|受助|脱贫户|贫困户|农户|群众")
# the staff counted by a trait the contract does not divide by: '在职81人，专业技术人员57人、管理人员1人'
_OTHER_DIVISION = re.compile(r"执法|专业技术|专技|技术人员|管理人员|管理岗|职称|党员|学历|本科|研究生|大专|[男女](?:性|职工)?$|少数民族"
    # a school's staff by the level they teach ('为学前教职工3人，小学教职工116人')
    r"|(?:^|为|其中:?)(?:学前|幼儿园|小学|初中|高中)(?:部|段)?(?:教职工|教师|老师)")
# 编制 as drafting ('2023年度决算编制主体为1个', '共编制项目52个'), and what a count in 个 counts when it says so
# after it ('共编制12个绩效目标指标')
_DRAFTING = re.compile(r"(?:决算|预算|报表)编制|编制(?:主体|范围|说明)|编制了?(?:项目|计划|方案|规划|报告)|编制\s*\d{4}\s*年度?\S{0,8}?(?:预算|决算)")  # ('我部门编制2024年度部门预算单位共1个')
# ('…离退休干部服务处等10个业务和管理部门': bodies, said with what they do; not '行政编制19个内设机构5个',
# where the body starts a label of its own count)
_THINGS_AFTER = re.compile(
    r"\s*(?:(?:(?:业务|管理|职能|行政|内设|机关|综合|党政|和|及|、){1,6})?(?:单位|机构|科室|股室|处室|部门|处[（(]室[）)])(?!\s*\d)"
    r"|绩效|指标|项目|村|社区|百分点|批次|工作日)"
)
# '独立编制机构数1个', '内设科室3个': bodies counted, not people (not '我单位共有行政编制24个')
_NOT_PEOPLE = re.compile(r"(?:机构|科室|股室|单位|部门)数?$")
_COUNT_HEADER = re.compile(r"人数|编制数|编制")
_NOT_A_COUNT_HEADER = re.compile(r"率|经费|金额|万元")

_COUNT_AFTER = re.compile(
    r"(?<![\d.,])(?P<count>\d{1,5})\s*(?:人|名|个)(?![民月日年次])"
    # a bare count after 人数, which says what is counted: '编制人数小计20，其中：行政编制人数 12',
    # or after 离退休 in a list of counts ('行政编制8名,事业编制90名,离退休17,…', '离退休人员62（其中：…）')
    r"|(?:(?<=人数)|(?<=人数小计)|(?<=人数合计)|(?<=离退休)|(?<=离退休人员))\s*(?P<bare>\d{1,5})(?![\d.%]|,\d|\s*[人名个万元])"
    # or after a kind of posts, its parts in brackets after it: '行政编制38(其中:工勤0人)'
    r"|(?:(?<=行政编制)|(?<=事业编制)|(?<=参公编制))\s*(?P<posts>\d{1,5})(?=\s*[（(]\s*(?:其中|含))"
)
_COUNT_BEFORE = re.compile(r"(\d{1,5})\s*个\s*(行政|事业|工勤|后勤)\s*编(?!制?(?:机构|单位|科室|股室|部门))")  # ('5个事业编制机构': bodies)
# '共有34名编制': the posts counted before the word
_POSTS_AFTER_COUNT = re.compile(r"(?<![\d.])(\d{1,5})\s*名\s*编制")
_CLAUSE_END = re.compile(r"[。；;]")

# a form's count label, the count in the next cell or after a colon: '人员编制 | 84', '实有人数：21'
_COUNT_LABEL = (
    r"(?:人员编制|编制人数|编制数|核定编制|实有人数|实有人员|在职人数|在职人员|在编人数|(?:年末)?职工人数|"
    r"离退休人数|离退休人员|退休人数|(?:行政|事业|工勤)编制(?:人数|数)?)(?:[（(]人[）)])?"
)
_COUNT_LABEL_CELL = re.compile(rf"^{_COUNT_LABEL}[:：]?$")
# '实有人数：21' and '实有人数：21人' alike (the count-after rule's label stops at the colon)
_LABELLED_COUNT = re.compile(rf"({_COUNT_LABEL})\s*[:：]\s*(\d{{1,5}})(?![\d.]|\s*个)")
_BARE_LEAVING = re.compile(r"[离退]休")  # those who left, by the verb alone (not 退休人员, 离退休: the retirees the unit has)
_STOP = set("，,。；;、：:（()）")
_CHANGE = re.compile(r"增加|减少|调入|调出|转出|转入|新增|退出|变动|遗属|离休人员以外|(?:本年|当年|今年|年内)度?(?:新)?退休")  # ('原因是本年退休3人')


@dataclass
class HeadcountFact:
    measure: str
    staff_type: str
    headcount: int
    locator: str
    excerpt: str


def _explicit_measure(label: str) -> str | None:
    # '现有事业编制11名': what a unit has of 编制 is posts, not people; so is 编制 on its own
    # ('实有在职职工52人，编制53人': not a second count of the staff)
    if _AUTHORIZED_WORDS.search(label) or _CURRENT_POSTS.search(squash(label)) or squash(label) == "编制":
        return "authorized"
    if _RETIRED_WORDS.search(label):  # '实有退休人员0人': the retired the unit has
        return "retired"
    if _ACTUAL_WORDS.search(label):
        return "actual"
    return None


def staff_type(label: str) -> str:
    """行政工勤 posts are logistics; 政法专项编制 and 公务员 are administrative; 行政及事业 both
    together, the total."""
    if _LOGISTICS_WORDS.search(label):
        return "logistics"
    if _ADMINISTRATIVE_WORDS.search(label):
        return "total" if "事业" in label and _BOTH_KINDS.search(label) else "administrative"
    if "事业" in label:
        return "institutional"
    return "total"


_LOGISTICS_WORDS = re.compile(r"工勤|后勤|机关工人")
_ADMINISTRATIVE_WORDS = re.compile(r"行政|政法专项|公务员")
_BOTH_KINDS = re.compile(r"行政(?:单位)?[及和与、]事业")
# posts of institutions run as civil service (参公): of neither kind the contract counts, and
# inside the totals already
_CIVIL_SERVICE_RUN = re.compile(r"(?<!非)参公|(?<!非)参照公务员|(?<!非)依照?公务员法")  # (非参公事业干部 are institutional staff)


def _label_before(text: str, end: int) -> str:
    """The words before a count back to the nearest stop; a short note in brackets just
    before the count ('事业编制(参公)11名') is skipped, and one inside the words is passed over
    ('退休(财政供养)实有人数2人' is retired staff), not a stop; a bracket that holds a count or follows
    one ('编制24人（其中行政编制19人）实有人数22人') ends the words as any stop does."""
    note = _NOTE_BEFORE.search(text, 0, end)
    if note:
        end = note.start()
    start = end
    while start > 0:
        inner = _NOTE_BEFORE.search(text, 0, start) if text[start - 1] in ")）" and start < end else None
        if inner and not re.search(r"\d", inner.group(0)) and not _COUNT_ENDS.search(text, 0, inner.start()):
            start = inner.start()
        elif text[start - 1] in _STOP:
            break
        else:
            start -= 1
    return text[start:end]


_NOTE_BEFORE = re.compile(r"[（(][^（()）]{1,16}[）)]\s*$")
_COUNT_ENDS = re.compile(r"\d\s*[人名个]?\s*$")  # (a bracket after a count is that count's note, and a stop)


def _labelled_measure(label: str) -> str | None:
    return _explicit_measure(label) or ("authorized" if "编制" in label else None)


def labelled_counts(text: str, locator: str) -> list[HeadcountFact]:
    """'实有人数：21', '人员编制: 33 人': a count label, a colon and the count."""
    return [
        HeadcountFact(_labelled_measure(m.group(1)), staff_type(m.group(1)), int(m.group(2)), locator,
                      text[m.start() : m.end()])
        for m in _LABELLED_COUNT.finditer(text)
    ]


def _count_of(match: re.Match) -> str:
    """The number a _COUNT_AFTER match counts, whichever of its forms it took."""
    return match["count"] or match["bare"] or match["posts"]


def prose_headcount(paragraph: Paragraph) -> list[HeadcountFact]:
    text = halfwidth(paragraph.text)
    facts = labelled_counts(text, paragraph.locator) + _fused_staff_row(text, paragraph.locator)
    for match in _COUNT_BEFORE.finditer(text):
        facts.append(_fact("authorized", staff_type(match.group(2)), match.group(1), match, paragraph, text))
    for match in _POSTS_AFTER_COUNT.finditer(text):
        facts.append(_fact("authorized", "total", match.group(1), match, paragraph, text))
    measure_of_clause: str | None = None
    clause_start = 0
    sentence_facts: list[tuple[str, HeadcountFact]] = []  # (label, fact) of the current sentence
    bodies = _bodies_counts(text)
    after_a_change = False
    for match in _COUNT_AFTER.finditer(text):
        if any(start <= match.start() < end for start, end in bodies):
            continue
        clause_break = _CLAUSE_END.search(text, clause_start, match.start())
        if clause_break:  # a new clause: the measure of the last one no longer holds
            measure_of_clause = None
            after_a_change = False
            clause_start = clause_break.end()
            if "。" in text[clause_break.start() : match.start()]:  # a new sentence, not a '；'
                facts = _in_service_and_retirees(facts, sentence_facts)
                sentence_facts = []
        label = _label_before(text, match.start())
        if _CHANGE.search(label) or (after_a_change and _BARE_LEAVING.fullmatch(squash(label))):
            after_a_change = True  # '调出1人，退休1人': the year's movements, the second as much as the first
            continue
        after_a_change = False
        if _NOT_STAFF.search(label) or _CIVIL_SERVICE_RUN.search(label) or _DRAFTING.search(label) or _OTHER_DIVISION.search(label):
            continue
        if match.group(0).rstrip().endswith("个") and (_NOT_PEOPLE.search(label) or _THINGS_AFTER.match(text, match.end())):
            continue
        measure = _explicit_measure(label)
        after_posts = measure is None and _actual_after_posts(label, sentence_facts) is not None
        if after_posts:
            measure = "actual"
        if measure is None and _STAFF_WORDS.search(label):
            measure = _measure_of_the_run(label, measure_of_clause, sentence_facts)
        if measure is None:
            continue
        kind = staff_type(label)
        if kind == "total" and _of_its_institutions(text, match.start()):
            kind = "institutional"
        if kind == "total" and (of_unit := _kind_of_the_unit_before(text, match.start())):
            kind = of_unit
        counted = _last_whole_count(facts, sentence_facts)
        if kind == "total" and after_posts:
            kind = sentence_facts[-1][1].staff_type  # '行政编制6人，实际7人': those posts' staff, even past their number
        elif (
            kind == "total" and counted and measure_of_clause and len(squash(label)) <= 4
            and measure != counted.measure and measure != "retired" and not _STAFF_WORDS.search(label)
            # '行政编制161人，实有人数155人': everyone the unit has, a total; but where the sentence
            # pairs each type's posts with its staff ('行政编制0人，实有人数0人；事业编制82人，实有人数61人')
            # the count is that type's
            and ("人数" not in label or _pairs_types(_sentence_around(text, match.start(), match.end())))
            and int(_count_of(match)) <= counted.headcount  # not more people than were posts
        ):
            kind = counted.staff_type  # '行政编制46名，实有44名': the same staff, counted again (one sentence)
        measure_of_clause = measure
        facts.append(_fact(measure, kind, _count_of(match), match, paragraph, text))
        sentence_facts.append((label, facts[-1]))
        clause_start = match.end()
    return _in_service_and_retirees(facts, sentence_facts)


# a body's posts in brackets after its name: '农业服务中心（事业编制16名）' (not a note after a count:
# '行政编制30名（其中工勤2名）')
_BODY_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])(?<![人名制数])[（(][^（）()]{0,16}?\d{1,5}\s*[人名][^（）()]{0,12}[）)]")


def _bodies_counts(text: str) -> list[tuple[int, int]]:
    """The spans of a list's bodies' own counts, each in brackets after the body's name
    ('设置事业站所6个，分别是：农业服务中心（事业编制16名）、文化服务中心（事业编制3名）…'): the
    parts of the unit's staff, two or more items of one list ('我校（教职工56人）、幼儿园（教职工12人）
    共有在职人员68人'). A unit's own count in brackets is no list's item ('本中心（事业编制20名）下设
    检测站（事业编制5名）')."""
    if "、" not in text or not _BODY_COUNT.search(text):
        return []  # (most paragraphs: no list, or no bracketed count)
    spans = []
    for sentence in re.finditer(r"[^。；;]+", text):
        items, start = [], sentence.start()
        for end in [m.start() for m in re.finditer("、", sentence.group(0))] + [len(sentence.group(0))]:
            item = text[start : sentence.start() + end]
            match = _BODY_COUNT.search(item)
            if match:
                items.append((start + match.start(), start + match.end()))
            start = sentence.start() + end + 1
        spans += items if len(items) >= 2 else []
    return spans


def _fused_staff_row(text: str, locator: str) -> list[HeadcountFact]:
    """A one-row staff table whose cells a page ran together: '单位名称单位性质在职人数某某站参公事业
    单位17' (header cells, then the row's cells: the count is the first figure after them)."""
    return [
        HeadcountFact(_labelled_measure(m["label"]), "total", int(m["count"]), locator, m.group(0))
        for m in _FUSED_STAFF_ROW.finditer(text)
        if not _COUNT_HEADER.search(m["row"])  # ('…编制人数实有人数某局2522': two counts run together)
    ]


# the header of the unit's row (名称, then at most two other columns), one count column, the
# row's words and its count
_FUSED_STAFF_ROW = re.compile(
    r"单位名称(?:单位(?:性质|类型|级次|类别)){0,2}(?P<label>在职人数|实有人数|编制人数|编制数)"
    r"(?P<row>[^\d，,。；;:：、（()）]{2,40}?)(?P<count>\d{1,5})(?![\d.%])(?!\s*\d)"
)


def _actual_after_posts(label: str, sentence: list[tuple[str, HeadcountFact]]) -> str | None:
    """'事业编制3人，实际2人': a bare 实际 right after a count of posts counts those posts' staff
    (not '计划培训50人，实际60人': no posts before it)."""
    if squash(label) in ("实际", "现有") and sentence and sentence[-1][1].measure == "authorized":
        return "actual"
    return None


def _measure_of_the_run(label: str, measure_of_clause: str | None, sentence: list[tuple[str, HeadcountFact]]) -> str | None:
    """A staff type's count takes the measure of the run it continues: '年末在职人数行政编制11人、事业
    编制1人' are two actual counts. A typed 编制 after a count that named no type starts a run of
    its own: '实际在编5人，事业编制0人' counts posts."""
    after_an_untyped_count = bool(sentence) and staff_type(sentence[-1][0]) == "total"
    # '实有人数50人，其中事业编制4人': 4 of those 50 (not after the posts were counted: '核定编制50人，实有
    # 48人，其中行政编制15人，事业编制35人' lists the posts)
    part_of_it = bool(_PART_OF_THE_LAST.match(label)) and not any(f.measure == "authorized" for _, f in sentence)
    if measure_of_clause and not (_TYPED_POSTS.search(label) and after_an_untyped_count and not part_of_it):
        return measure_of_clause
    return "authorized" if "编制" in label else None


def _of_its_institutions(text: str, end: int) -> bool:
    """A sentence about the unit's institutions alone counts their staff: '…所属事业单位15个，其中：…，
    核定编制数320人，在职人员288人' (but '内设科室5个，下属事业单位2个，编制30人' counts the unit's)."""
    sentence = text[text.rfind("。", 0, end) + 1 : end]
    return bool(_INSTITUTIONS_FIRST.match(sentence)) and not _OFFICE_WORDS.search(sentence)


def _kind_of_the_unit_before(text: str, end: int) -> str | None:
    """Where one paragraph presents two units, one an administrative unit and one an
    institution ('某局属于行政单位…人员编制7名…。其下辖某某中心，是…事业单位。…人员编制34名'),
    a count is of the unit last presented: administrative or institutional. A paragraph that
    presents one unit only says nothing of its staff's types."""
    kinds = [(m.start(), m["kind"]) for m in _UNIT_OF_A_KIND.finditer(text)]
    if len({kind for _, kind in kinds}) < 2:
        return None
    before = [kind for start, kind in kinds if start < end]
    return ("administrative" if before[-1].startswith("行政") else "institutional") if before else None


# a unit presented as of a kind: '属于公务员法管理行政单位', '是参照公务员法管理的事业单位'
_UNIT_OF_A_KIND = re.compile(r"(?:是|为|属于|系)[^。；;，,]{0,30}?(?P<kind>行政单位|行政机关|事业单位)")


_INSTITUTIONS_FIRST = re.compile(r"^[^，,；;]{0,30}?(?:所属|下属|直属)的?事业单位")
_OFFICE_WORDS = re.compile(r"行政|机关|内设|科室|处室|股室")


_TYPED_POSTS = re.compile(r"(行政|事业|工勤)编制(?!人员)")  # ('行政编制人员6人': the people in those posts)
_PART_OF_THE_LAST = re.compile(r"^[（(]?\s*(?:含|其中|包括)")


def _last_whole_count(facts: list[HeadcountFact], sentence: list[tuple[str, HeadcountFact]]) -> HeadcountFact | None:
    """The last count before this one that is not a part of the one before it: '行政编制87人（含工勤
    人员1人），实有人数77人' counts the 87 posts' staff, not the one 工勤 post inside them."""
    parts = {id(fact) for label, fact in sentence if _PART_OF_THE_LAST.search(label)}
    return next((fact for fact in reversed(facts) if id(fact) not in parts), None)


def _sentence_around(text: str, start: int, end: int) -> str:
    stop = text.find("。", end)
    return text[text.rfind("。", 0, start) + 1 : stop if stop >= 0 else len(text)]


def _pairs_types(sentence: str) -> bool:
    """Whether a sentence counts the posts of two or more staff types."""
    return len(set(_TYPED_POSTS.findall(sentence))) >= 2


def _in_service_and_retirees(facts: list[HeadcountFact], sentence: list[tuple[str, HeadcountFact]]) -> list[HeadcountFact]:
    """One sentence's counts of everyone, of those in service and of the retired."""
    return _without_everyone(_retired_together(facts, sentence), sentence)


def _without_everyone(facts: list[HeadcountFact], sentence: list[tuple[str, HeadcountFact]]) -> list[HeadcountFact]:
    """'实有人数73人，其中在职人员55人，…退休人员18人': the in-service count is the actual
    staff; a larger count of everyone before it (retirees included) is dropped."""
    for i, (label, fact) in enumerate(sentence):
        # (not '实有人数106人（其中：财政拨款在职人员104人，自收自支人员2人）': the staff by who pays them)
        if "在职" in label and fact.measure == "actual" and fact.staff_type == "total" and not _PAID_BY.search(label):
            everyone = [
                f for lab, f in sentence[:i]
                if f.measure == "actual" and "在职" not in lab and f.staff_type == "total" and f.headcount > fact.headcount
            ]
            return [f for f in facts if not any(f is e for e in everyone)]
    return facts


_PAID_BY = re.compile(r"财政拨款|财政供养|(?:财政|经费)补助|全额|差额|自收自支|经费自理")


def _retired_together(facts: list[HeadcountFact], sentence: list[tuple[str, HeadcountFact]]) -> list[HeadcountFact]:
    """离休 and 退休 counted apart, once each, are the retired together ('离休人员1人，退休人员17人')."""
    retired = [(label, f) for label, f in sentence if f.measure == "retired"]
    retired_apart = [f for label, f in retired if "退休" in label and "离退休" not in label]
    pensioned_apart = [f for label, f in retired if "离休" in label]
    if not (len(retired_apart) == 1 and len(pensioned_apart) == 1 and len(retired) == 2):
        return facts
    first, second = sorted(retired_apart + pensioned_apart, key=facts.index)
    return [replace(first, headcount=first.headcount + second.headcount) if f is first else f for f in facts if f is not second]


def _fact(measure, kind, count, match, paragraph, text) -> HeadcountFact:
    return HeadcountFact(
        measure, kind, int(count), paragraph.locator,
        text[max(0, match.start() - 16) : match.end() + 2],
    )


def table_headcount(table: Table) -> list[HeadcountFact]:
    """A header cell such as 编制数 / 实际在职人数 above a count, or a label cell beside it; or
    the staff types across and the measures down ('合计 | 行政单位 | 事业单位' over '编制数 | 34 |
    30 | 4'): each count then by its column's type."""
    facts = _label_pair_counts(table)
    across: list[HeadcountFact] = []
    for header, data_rows in iter_blocks(table.rows):
        # (a staff table states its posts: a money table by staff, '在职人员 | 356 | …', is none)
        states_posts = any(_AUTHORIZED_WORDS.search(squash(table.rows[r][0])) for r in data_rows if table.rows[r])
        columns = _staff_columns(header, max(map(len, [*header.grid, *(table.rows[r] for r in data_rows)]), default=0)) \
            if states_posts else {}
        for r in data_rows:
            row_label = squash(table.rows[r][0]) if table.rows[r] else ""
            # (a row of its own type keeps it: '行政编制 | 30 | 30 | 0'; a row of money is no count)
            typed_by_column = bool(columns) and _COUNT_LABEL_CELL.match(row_label) is not None \
                and staff_type(row_label) == "total" and _whole_numbers(table.rows[r][1:])
            for c, cell in enumerate(table.rows[r]):
                value = parse_number(cell)
                if value is None or value != value.to_integral_value():
                    continue
                # the header cell right above the count: '编制数', '2021年实际在职人数'
                label = squash(header.labels(c)[-1]) if header.grid and header.labels(c) else ""
                if len(label) > 16 or not _COUNT_HEADER.search(label) or _NOT_A_COUNT_HEADER.search(label):
                    if typed_by_column and c in columns:
                        across.append(HeadcountFact(_labelled_measure(row_label), columns[c], int(value),
                                                   table.locator(r, c), f"{row_label} {label} {cell}"))
                    continue
                measure = _explicit_measure(label) or ("authorized" if "编制" in label else None)
                if measure:
                    # '编制数' above, '行政' to the left: the row says which staff
                    kind = staff_type(label)
                    if kind == "total":
                        kind = staff_type(row_label)
                    facts.append(HeadcountFact(measure, kind, int(value), table.locator(r, c), f"{label} {cell}"))
    # a count under a staff type's column is of that type, though its row label beside it says none
    typed = {fact.locator for fact in across}
    return [fact for fact in facts if fact.locator not in typed or fact.staff_type != "total"] + across


def _whole_numbers(cells: list[str]) -> bool:
    values = [parse_number(cell) for cell in cells if cell.strip()]
    return all(value is not None and value == value.to_integral_value() for value in values)


# a column of one kind of staff: '合计', '行政单位', '财政拨款事业单位', '工勤人员'
_STAFF_COLUMN = re.compile(r"合计|小计|总计|(?:财政(?:拨款|补助|补贴))?(?:行政|事业|工勤|后勤)(?:单位|编制|人员|人数)?")


def _staff_columns(header, width: int) -> dict[int, str]:
    """Column -> the staff type its header names, for the types named by one column only (two
    columns of institutions, 拨款 and 补助, are two parts of the type, not the type); a column
    of institutions run as civil service (参公) is of no type the contract counts."""
    named: dict[int, str] = {}
    for c in range(1, width):
        labels = header.labels(c) if header.grid else []
        label = squash(labels[-1]) if labels else ""
        if _STAFF_COLUMN.fullmatch(label) and not _CIVIL_SERVICE_RUN.search(label):
            named[c] = "total" if label in ("合计", "小计", "总计") else staff_type(label)
    kinds = list(named.values())
    return {c: kind for c, kind in named.items() if kinds.count(kind) == 1}


def _label_pair_counts(table: Table) -> list[HeadcountFact]:
    facts = []
    for r, row in enumerate(table.rows):
        for c, (label, cell) in enumerate(zip(row, row[1:])):
            label = squash(label)
            value = parse_number(cell)
            if _COUNT_LABEL_CELL.match(label) and value is not None and value == value.to_integral_value():
                facts.append(HeadcountFact(_labelled_measure(label), staff_type(label), int(value),
                                           table.locator(r, c + 1), f"{label} {cell}"))
    return facts


def _label_then_count(paragraphs: list[Paragraph]) -> list[HeadcountFact]:
    """A form's cells saved one a line, a count label and its count the line after
    ('人员编制' then '55')."""
    facts = []
    for label, value in zip(paragraphs, paragraphs[1:]):
        if _COUNT_LABEL_CELL.match(squash(label.text)) and _BARE_COUNT.match(value.text.strip()):
            text = f"{squash(label.text).rstrip(':：')}：{value.text.strip().removesuffix('人')}"
            facts.extend(labelled_counts(text, value.locator))
    return facts


_BARE_COUNT = re.compile(r"^\d{1,5}\s*人?$")


def document_headcount(document: Document) -> list[HeadcountFact]:
    """Every count stated, tables first; the marts keep one per (measure, staff type) and
    record the others that disagree."""
    facts: list[HeadcountFact] = []
    for table in document.tables:
        facts.extend(table_headcount(table))
    for paragraph in document.paragraphs:
        facts.extend(prose_headcount(paragraph))
    facts.extend(_label_then_count(document.paragraphs))
    for table in document.tables:  # a form whose cells hold the report's sentences
        prose = {(r, c) for r, c, _ in table.prose_cells()}
        for r, c, cell in table.prose_cells():
            facts.extend(replace(fact, locator=table.locator(r, c)) for fact in prose_headcount(Paragraph(cell, 0)))
        # …or a short cell its labelled counts: '年末职工人数: 23 人 (人员编制: 33 人)'
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if (r, c) not in prose:
                    facts.extend(labelled_counts(halfwidth(cell), table.locator(r, c)))
    return facts
