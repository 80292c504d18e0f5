"""pipelines.extract.headcount: staffing counts (编制 authorized, 实有/在职 actual, 退休 retired)
by staff type (行政 administrative, 事业 institutional, 工勤/后勤 logistics, else total).

Rules covered, one row each with a near miss:
- prose: 'N人/名/个' after a label that names the measure (核定/编制数 → authorized, 在职/实有/
  在编/在岗/现有…人员 → actual, and the staff named alone (教职工24人, 有干部职工42人); 退休/离休 → retired; one sentence splitting everyone into 在职 and
  retirees keeps the 在职 count as the actual staff and adds 离休 and 退休 counted apart; 现有…编制 just before the count → authorized; a short
  note in brackets before the count (事业编制(参公)11名) skipped); a measure word opens a run of counts sharing it
  (在职人数行政编制11人、事业编制1人); the run ends at a sentence end; 'N个行政编制' is
  authorized; '标签：N' (no measure word after the figure) is read as a label; a short label
  without a type after a count of another measure keeps that count's type (行政编制46名，实有44名),
  and 实有人数 does so only where the sentence pairs two types' posts with their staff; a bare
  实际 right after a count of posts (事业编制3人，实际2人) is those posts' staff; a typed 编制
  after a count that named no type (实际在编5人，事业编制0人) starts a run of posts; a one-row
  staff table run together (单位名称单位性质在职人数<name><nature>23) gives its one count;
  changes (增加/减少/遗属…), hired people (临时工, 外聘, 聘用) and counts of other things
  (会议5次, 培训200人) are not headcounts; 'N名编制' is authorized; 政法专项编制 and 公务员 are
  administrative, 机关工人 and 行政工勤编制 logistics;
- tables: a label cell beside its count (人员编制 | 84), a header cell above a count
  (编制数 / 实际在职人数 / 退休人数) with the staff type from the row's first cell; headers about
  money or rates (人员经费, 支出率) and decimals are not counts;
- table_headcount also reads the staff types across and the measures down ('合计 | 行政单位 |
  事业单位' over '编制数 | 34 | 30 | 4'), a type named by two columns by neither;
- document_headcount: tables first, then paragraphs, then sentences written into a table's
  cells (a cell of 40 characters or more), and a shorter cell's labelled counts ('年末职工人数:
  23 人 (人员编制: 33 人)').
"""

from __future__ import annotations

import pytest

from pipelines.documents.model import Paragraph, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.headcount import document_headcount, prose_headcount, staff_type, table_headcount


def counts(facts):
    return [(f.measure, f.staff_type, f.headcount) for f in facts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("核定编制20人，实有人数18人，退休人员5人。",
         [("authorized", "total", 20), ("actual", "total", 18), ("retired", "total", 5)]),
        # a measure word opens a run of counts that share it
        ("年末在职人数行政编制11人、事业编制1人、后勤雇员人数2人。",
         [("actual", "administrative", 11), ("actual", "institutional", 1), ("actual", "logistics", 2)]),
        ("编制数15人，实际在职人数14人，其中行政人员10人，工勤人员4人。",
         [("authorized", "total", 15), ("actual", "total", 14), ("actual", "administrative", 10),
          ("actual", "logistics", 4)]),
        # the same staff counted again with another measure
        ("行政编制46名，实有44名。", [("authorized", "administrative", 46), ("actual", "administrative", 44)]),
        # the parts of 在职 named by their staff type alone
        ("截止年末在职60人，其中：政法专项52人、工勤8人。",
         [("actual", "total", 60), ("actual", "administrative", 52), ("actual", "logistics", 8)]),
        # near miss: 实有人数 counts everyone the unit has
        ("行政编制46名，实有人数44人。", [("authorized", "administrative", 46), ("actual", "total", 44)]),
        # posts for law enforcement (行政执法编制) are a division the contract does not make
        ("核定行政编制13名，用于行政执法工作编制28名。", [("authorized", "administrative", 13)]),
        # a bare 实际 right after a count of posts counts those posts' staff, a 0 as well
        ("单位有行政编制12人，实有人数11人；事业编制4人，实际3人；工勤编制0人，实际0人。",
         [("authorized", "administrative", 12), ("actual", "administrative", 11),
          ("authorized", "institutional", 4), ("actual", "institutional", 3),
          ("authorized", "logistics", 0), ("actual", "logistics", 0)]),
        # …also where more people work in them than the posts number
        ("某镇商会行政编制4人，实际5人；事业编制3人，实际3人。",
         [("authorized", "administrative", 4), ("actual", "administrative", 5),
          ("authorized", "institutional", 3), ("actual", "institutional", 3)]),
        # near miss: 实际 after a count of other people is no headcount
        ("计划培训40人，实际培训45人，实际52人。", []),
        # a one-row staff table run together: header cells, then the row's cells and its count
        ("人员情况见下表：单位名称单位性质在职人数某县农技推广中心公益一类事业单位23二、主要职责",
         [("actual", "total", 23)]),
        # near miss: two count columns run together give no count
        ("单位名称编制人数实有人数某县农技推广中心2522", []),
        # a typed 编制 after a count that named no type starts a run of its own: posts
        ("本所行政编制7人，实际在编6人，事业编制2人，实际2人。",
         [("authorized", "administrative", 7), ("actual", "total", 6),
          ("authorized", "institutional", 2), ("actual", "institutional", 2)]),
        # …but a sentence pairing each type's posts with its staff counts each type's
        ("行政编制3人，实有人数2人；事业编制40人，实有人数35人。",
         [("authorized", "administrative", 3), ("actual", "administrative", 2),
          ("authorized", "institutional", 40), ("actual", "institutional", 35)]),
        # …the staff of the type's posts, not of the part of them a bracket names first
        ("行政编制24人（含工勤人员2人），实有人数20人；事业编制15人，实有人数12人。",
         [("authorized", "administrative", 24), ("authorized", "logistics", 2), ("actual", "administrative", 20),
          ("authorized", "institutional", 15), ("actual", "institutional", 12)]),
        # 'N个行政编制'; near miss: 'N个事业编制机构' counts bodies
        ("单位有3个行政编制。", [("authorized", "administrative", 3)]),
        ("我镇共设置6个内部机构。我镇3个事业编制机构分别是某某中心、某某站。", []),
        # a labelled count without a measure word after it
        ("实有人数：21", [("actual", "total", 21)]),
        ("人员编制：84", [("authorized", "total", 84)]),
        ("行政编制：10", [("authorized", "administrative", 10)]),
        # 人员编制 counts posts even after 在职; near miss: 在职人数 before a 编制 word counts staff
        ("在职人员编制5人，其中：行政编制0人，事业编制5人。在职实有5人。",
         [("authorized", "total", 5), ("authorized", "administrative", 0), ("authorized", "institutional", 5),
          ("actual", "total", 5)]),
        # actual staff, in other words
        ("现有在职职工25人", [("actual", "total", 25)]),
        # staff counted by a trait the contract does not divide by (profession, post) are no
        # second total; near miss: the logistics staff in the same run are a staff type
        ("在职人员36人，专业技术人员22人、管理人员3人，工勤人员11人。",
         [("actual", "total", 36), ("actual", "logistics", 11)]),
        # a school's staff split by the level they teach: parts, none of them the whole; near
        # miss: the staff named without a level are the whole
        ("年末核定编制120人，在编人数为幼儿园教职工6人，小学教职工71人，初中教职工40人，",
         [("authorized", "total", 120)]),
        ("年末在编人数为教职工48人。", [("actual", "total", 48)]),
        # near miss: what a unit has of 编制 is posts; a short note before the count is skipped
        ("现有事业编制(参公)11名，年底实有人员9人。", [("authorized", "institutional", 11), ("actual", "total", 9)]),
        ("在编人员20人", [("actual", "total", 20)]),
        # what a unit has (实有) of 编制 is posts too, before the people counted after it
        ("实有编制12人，年末在职12人、退休14人。", [("authorized", "total", 12), ("actual", "total", 12), ("retired", "total", 14)]),
        ("工勤编制2人", [("authorized", "logistics", 2)]),
        # posts counted before the word; 政法专项编制 and 公务员 are administrative, 机关工人 and
        # 行政工勤编制 logistics
        ("某某局共有30名编制，其中：事业编制2名、政法专项编制28名。",
         [("authorized", "total", 30), ("authorized", "institutional", 2), ("authorized", "administrative", 28)]),
        ("年末实有人数31人（公务员26人、机关工人4人、事业人员1人）。",
         [("actual", "total", 31), ("actual", "administrative", 26), ("actual", "logistics", 4),
          ("actual", "institutional", 1)]),
        ("行政编制12人（含行政工勤编制1人）", [("authorized", "administrative", 12), ("authorized", "logistics", 1)]),
        # near misses: people hired by the unit are not its staff
        ("退休人员20人，临时工人9人。", [("retired", "total", 20)]),
        ("在职人员15人，外聘人员3人。", [("actual", "total", 15)]),
        # near misses: changes, and counts of other things
        ("在职人员增加2人。", []),
        ("离退休人员以外的遗属3人", []),
        # a bare count after 离退休 in a list of counts; near miss: an amount after it
        ("局行政编制8名,事业编制90名,离退休17,人事代理1人。",
         [("authorized", "administrative", 8), ("authorized", "institutional", 90), ("retired", "total", 17)]),
        ("离退休17万元。", []),
        ("本年召开会议5次，培训200人。", []),
        ("共有内设机构5个。", []),
        ("2021年完成项目5个。", []),
        # everyone split into 在职 and retirees: the in-service count is the actual staff, and
        # 离休 and 退休 counted apart are the retired together
        ("实有人数60人，其中在职人员45人，离休人员2人，退休人员13人。", [("actual", "total", 45), ("retired", "total", 15)]),
        ("实际财政供养人员40人，其中在职28人，退休12人。", [("actual", "total", 28), ("retired", "total", 12)]),
        # near miss: temps hired (临聘) after the retirees are neither, and not added to them
        ("现有在职教师48人，退休人员99人，其余临聘人员5人。", [("actual", "total", 48), ("retired", "total", 99)]),
        # the retirees after a '；' are still in the sentence
        ("年末实有财政供养人数58人，其中：在职职工40人；退休18人；遗属1人。", [("actual", "total", 40), ("retired", "total", 18)]),
        # the in-service count after a larger count of everyone is the actual staff, retirees
        # counted or not (after other counts too; the retirees in the next sentence, 离休 and 退休
        # summed there); near miss: an in-service count of one staff type leaves the total
        ("实有人数60人，其中在职人员45人。", [("actual", "total", 45)]),
        ("共有编制13人，其中行政编制8人，年末实有人数23人；其中在职人员20人，退休人员3人。",
         [("authorized", "total", 13), ("authorized", "administrative", 8), ("actual", "total", 20), ("retired", "total", 3)]),
        ("实有人数25人，其中：在职人数小计14人。离休人数小计0人，退休人数小计11人。",
         [("actual", "total", 14), ("retired", "total", 11)]),
        ("实有人数60人，其中在职行政人员45人。", [("actual", "total", 60), ("actual", "administrative", 45)]),
        # posts of 行政及事业 together are the total; 参公 posts are of no kind counted apart
        ("我镇行政及事业单位编制88名，其中，行政编制34名，参公编制6人、全额事业单位编制45名。",
         [("authorized", "total", 88), ("authorized", "administrative", 34), ("authorized", "institutional", 45)]),
        # near miss: 非参公 staff are institutional staff like any other
        ("年末实有人数8人，其中非参公事业干部8人。", [("actual", "total", 8), ("actual", "institutional", 8)]),
        # a larger count after a list of posts is everyone, not the last kind's staff again (near
        # miss above: '行政编制46名，实有44名')
        ("人员编制144人（行政编10人、全额事业编132人），年末实有266人，其中在职人员143人，退休122人。",
         [("authorized", "total", 144), ("authorized", "administrative", 10), ("authorized", "institutional", 132),
          ("actual", "total", 143), ("retired", "total", 122)]),
        # 实有 retirees are retired; 离休 and 退休 summed though 其他人员 (no staff) follow them
        ("年末人数50人，其中在职人员33人，离休人员0人，退休人员17人，其他人员0人。",
         [("actual", "total", 33), ("retired", "total", 17)]),
        ("人员编制总数为15人，实有在职人员总数14人，实有离休人员0人，实有退休人员2人。",
         [("authorized", "total", 15), ("actual", "total", 14), ("retired", "total", 2)]),
        # 编制 as drafting, and a count in 个 of things named after it, count no people
        ("纳入本部门2023年度决算编制主体为1个。", []),
        ("该项目共编制12个绩效目标指标。", []),
        # a bare count after 人数 (no 人 after it); near miss: a figure with a decimal point
        ("编制人数小计20，其中：行政编制人数 12，全部补助事业编制人数8人。",
         [("authorized", "total", 20), ("authorized", "administrative", 12), ("authorized", "institutional", 8)]),
        ("服务人数合计12.5万人次。", []),
        # 编制 on its own counts posts, even in a sentence about the staff; near miss above: 事业编制1人
        # after 在职人数 goes on counting staff
        ("2024年实有在职职工52人，编制53人，退休3人。", [("actual", "total", 52), ("authorized", "total", 53), ("retired", "total", 3)]),
        # bodies counted in 个 are no people
        ("独立编制机构数1个，编制人数12人。", [("authorized", "total", 12)]),
        # near miss: posts counted in 个 after the unit's own name
        ("2022年我单位共有行政编制24个，事业编制41个。", [("authorized", "administrative", 24), ("authorized", "institutional", 41)]),
        # a count naming its own staff keeps its type; near miss above (实有44名) takes the posts'
        ("核定事业编制90人，现有职工150人。", [("authorized", "institutional", 90), ("actual", "total", 150)]),
        # a longer note in brackets before the count is skipped too
        ("实有人员25人，其中公务员（含参照公务员管理人员）15人，事业人员10人。",
         [("actual", "total", 25), ("actual", "administrative", 15), ("actual", "institutional", 10)]),
        # a new sentence: the measure of the last one no longer holds
        ("核定事业编制8人。全年接待群众300人。", [("authorized", "institutional", 8)]),
        # a sentence about the unit's institutions alone counts their staff; near miss: the unit's
        # offices and institutions listed together, then the unit's posts
        ("某某厅所属事业单位6个，其中：公益一类事业单位5个，核定编制数140人，在职人员131人。",
         [("authorized", "institutional", 140), ("actual", "institutional", 131)]),
        ("我局内设科室5个，下属事业单位2个，核定编制30人，实有28人。",
         [("authorized", "total", 30), ("actual", "total", 28)]),
        # people the money reached are not staff
        ("实际享受补贴人员为3120户8230人。", []),
        # the staff named alone, as schools and hospitals count them, are the staff the unit has;
        # 在岗 after a count of posts is people; near misses: pupils, and staff counted at an event
        ("有教学班6个，学生189人。教职工24人。", [("actual", "total", 24)]),
        ("全院职工36人。", [("actual", "total", 36)]),
        ("教职工编制30人，在岗教职工28人。", [("authorized", "total", 30), ("actual", "total", 28)]),
        ("职工代表大会代表30人，参加培训职工120人次。", []),
        # the year's retirements explain a change, the retirees are counted after; drafting the
        # budget of N units is no count of posts
        ("年末实有人员48人，较上年减少2人，原因是本年退休3人。离退休人员40人。",
         [("actual", "total", 48), ("retired", "total", 40)]),
        ("我部门编制2024年度部门预算单位共1个。", []),
        ("2019年共编制项目52个（产业项目50个）。", []),  # drafting projects, no posts
        # a labelled count with its measure word: the most common way a form-like line states it
        pytest.param(
            "实有人数：21人", [("actual", "total", 21)],
        ),
        pytest.param(
            "编制人数：20人", [("authorized", "total", 20)],
        ),
    ],
)
def test_prose_headcount(text, expected):
    assert counts(prose_headcount(Paragraph(text, 1))) == expected


@pytest.mark.parametrize(
    ("label", "kind"),
    [("行政编制", "administrative"), ("事业人员", "institutional"), ("工勤人员", "logistics"),
     ("后勤雇员", "logistics"), ("编制数", "total"), ("在职人数", "total")],
)
def test_staff_type(label, kind):
    assert staff_type(label) == kind


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a label cell beside its count
        ([["人员编制", "84", "实有人数", "80"]], [("authorized", "total", 84), ("actual", "total", 80)]),
        ([["实有人数（人）", "21"]], [("actual", "total", 21)]),
        # header cells above counts, staff type from the row
        ([["人员类别", "编制数", "实际在职人数", "退休人数"], ["行政", "10", "9", "3"], ["事业", "5", "5", "1"]],
         [("authorized", "administrative", 10), ("actual", "administrative", 9), ("retired", "administrative", 3),
          ("authorized", "institutional", 5), ("actual", "institutional", 5), ("retired", "institutional", 1)]),
        ([["项目", "在职人数", "支出率"], ["合计", "12", "95"]], [("actual", "total", 12)]),
        # staff types across, measures down: each count by its column's type
        ([["项目", "合计", "行政单位", "事业单位"], ["编制数", "34", "30", "4"], ["在职人数", "32", "29", "3"]],
         [("authorized", "total", 34), ("authorized", "administrative", 30), ("authorized", "institutional", 4),
          ("actual", "total", 32), ("actual", "administrative", 29), ("actual", "institutional", 3)]),
        ([["项目", "行政单位", "事业单位"], ["编制数", "30", "4"]],  # no total column: the first count is no total
         [("authorized", "administrative", 30), ("authorized", "institutional", 4)]),
        # near misses: two columns of institutions are parts of the type; a money row under type columns
        ([["项目", "合计", "行政单位", "财政拨款事业单位", "财政补助事业单位"], ["编制数", "40", "30", "6", "4"]],
         [("authorized", "total", 40), ("authorized", "administrative", 30)]),
        ([["项目", "合计", "行政单位"], ["基本支出", "100", "80"]], []),
        # rows of their own type keep it ('工勤编制' under the type columns is logistics posts, not three types)
        ([["项目", "合计", "行政单位", "事业单位"], ["行政编制", "30", "30", "0"], ["工勤编制", "3", "2", "1"]],
         [("authorized", "administrative", 30), ("authorized", "logistics", 3)]),
        # a money table by staff (no posts stated): its figures are no counts by type
        ([["项目", "合计", "行政单位", "事业单位"], ["在职人员", "356.42", "300.00", "56.42"]], []),
        # near misses: money beside a count column, a per-head amount, a decimal
        ([["项目", "编制数", "人员经费"], ["合计", "10", "100.5"]], [("authorized", "total", 10)]),
        ([["项目", "人均经费（万元）"], ["合计", "10"]], []),
        ([["类别", "编制数"], ["合计", "10.5"]], []),
    ],
)
def test_table_headcount(rows, expected):
    assert counts(table_headcount(Table(rows, 1))) == expected


def test_table_headcount_locates_each_count():
    facts = table_headcount(Table([["人员编制", "84"]], 3, page=2))
    assert [f.locator for f in facts] == ["page 2 table 3 row 1 col 2"]


def test_a_count_label_on_its_line_and_the_count_on_the_next():
    """A form's cells saved one a line; near miss: a heading whose next line is a number of
    something else is no count."""
    document = parse_text("联系人\n\n某某\n\n人员编制\n\n42\n\n实有人数\n\n40人\n\n年度主要工作\n\n3\n")
    assert counts(document_headcount(document)) == [("authorized", "total", 42), ("actual", "total", 40)]


def test_document_headcount_reads_tables_then_prose():
    document = parse_text(
        "某某县某某局2022年度部门整体支出绩效自评报告\n\n"
        "本局核定编制20人，实有人数18人。\n\n"
        "\t人员类别\n\t编制数\n\t实际在职人数\n\n"
        "\t行政\n\t12\n\t11\n\n"
        "以上为人员情况。\n"
    )
    assert counts(document_headcount(document)) == [
        ("authorized", "administrative", 12), ("actual", "administrative", 11),
        ("authorized", "total", 20), ("actual", "total", 18),
    ]


def test_sentences_written_into_a_tables_cells_are_read_as_prose():
    document = parse_text(
        "2022年度部门整体支出绩效自评情况\n\n"
        "\t部门基本情况\n\t人员情况：本部门设内设机构三个，年末实有人数14人，其中行政人员11人、事业人员3人。\n\n"
    )
    facts = document_headcount(document)
    assert counts(facts) == [("actual", "total", 14), ("actual", "administrative", 11), ("actual", "institutional", 3)]
    assert facts[0].locator == "table 1 row 1 col 2"
    # near miss: a short cell is a label, not a sentence
    assert document_headcount(parse_text("\t在职人员\n\t共14人\n\n")) == []


def test_a_short_cell_gives_its_labelled_counts():
    """'年末职工人数: 23 人 (人员编制: 33 人)' in one cell of a form: each label and its count;
    near miss: a short cell whose words are no count label."""
    document = parse_text("\t填报单位：某某街道办事处\n\t年末职工人数: 23 人 (人员编制: 33 人)\n\n")
    facts = document_headcount(document)
    assert counts(facts) == [("actual", "total", 23), ("authorized", "total", 33)]
    assert facts[0].locator == "table 1 row 1 col 2"
    assert document_headcount(parse_text("\t办公用房: 23 间\n\t公车: 2 辆\n\n")) == []


def test_the_staff_counted_by_who_pays_them_leave_the_actual_count_whole():
    # a school's staff: everyone it has, then those on its funded payroll among them
    facts = prose_headcount(Paragraph("本校年末编制人数96人，年末实有人数103人，其中经费补助在职人员99人；退休人员41人。", 0))
    # (the marts keep the first count of a measure: everyone)
    assert [f.headcount for f in facts if (f.measure, f.staff_type) == ("actual", "total")][0] == 103
    assert [f.headcount for f in facts if f.measure == "retired"] == [41]
