"""Money figures from tables and prose, in layouts beyond the seeds'."""

from decimal import Decimal

import pytest

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.money import classify_label, document_money, prose_money, table_money
from pipelines.extract.tables import expand_header_row


def facts_of(money):
    return {(m.name, m.phase, m.spending_type): m.amount_yuan for m in money if m.kind == "budget"}


def test_merged_header_cells_are_spread_over_the_columns_below():
    below = ["", "合计", "年初结转", "财政拨款", "小计", "基本支出", "基本支出", "项目支出", ""]
    upper = ["项目", "收入", "支出", "年末结转结余"]
    assert expand_header_row(upper, below, 9) == [
        "项目", "收入", "收入", "收入", "支出", "支出", "支出", "支出", "年末结转结余"
    ]


def test_lines_down_the_side_and_phases_across_the_top():
    table = Table(
        [
            ["项目", "年初预算数", "全年预算数", "决算数", "2020年决算数"],
            ["一、收入合计", "120.5", "130", "128.25", "100"],
            ["（一）财政拨款收入", "120.5", "125", "123.25", "95"],
            ["二、支出合计", "120.5", "130", "127", "99"],
            ["执行率", "", "", "97.7%", ""],
        ],
        number=1,
    )
    got = facts_of(table_money(table, "收支预决算情况（单位：万元）", fiscal_year=2021))
    assert got[("收入合计", "budget", None)] == Decimal("1205000.00")
    assert got[("收入合计", "adjusted", None)] == Decimal("1300000.00")
    assert got[("收入合计", "final", None)] == Decimal("1282500.00")
    assert got[("收入合计", "prior_final", None)] == Decimal("1000000.00")
    assert got[("财政拨款收入", "final", None)] == Decimal("1232500.00")
    assert got[("支出合计", "final", None)] == Decimal("1270000.00")
    assert len(got) == 12  # the 执行率 row is not money


def test_a_tables_row_numbers_are_no_money_where_the_page_dropped_its_empty_cells():
    """A 决算 table with 行次 columns whose empty 决算数 cells the page dropped: each row's
    number follows its label and stands under 决算数. Near miss: the figure after the row
    number is read, a whole number too."""
    table = Table(
        [
            ["项目", "行次", "决算数", "项目", "行次", "决算数"],
            ["一、财政拨款收入", "1", "210.44", "一、一般公共服务支出", "28"],
            ["二、上级补助收入", "2", "二、外交支出", "29"],
            ["六、其他收入", "6", "0.48", "七、文化体育与传媒支出", "34", "163.03"],
            ["收入合计", "7", "1200"],
        ],
        number=1,
    )
    got = facts_of(table_money(table, "收入支出决算总表（单位：万元）", fiscal_year=2016))
    assert got == {
        ("财政拨款收入", "final", None): Decimal("2104400.00"),
        ("其他收入", "final", None): Decimal("4800.00"),
        ("文化体育与传媒支出", "final", None): Decimal("1630300.00"),
        ("收入合计", "final", None): Decimal("12000000.00"),
    }


def test_three_public_table_in_yuan_with_its_own_unit_note():
    table = Table(
        [
            ["项目", "预算数", "决算数"],
            ["因公出国（境）费", "0", "0"],
            ["公务接待费", "12,000.00", "9,800.50"],
            ["公务用车购置及运行维护费", "50000", "48000"],
            ["其中：公务用车运行维护费", "50000", "48000"],
        ],
        number=2,
    )
    got = facts_of(table_money(table, "“三公”经费支出情况（单位：元）"))
    assert got[("公务接待费", "final", None)] == Decimal("9800.50")
    assert got[("公务用车购置及运行维护费", "budget", None)] == Decimal("50000.00")
    assert got[("公务用车运行维护费", "final", None)] == Decimal("48000.00")


def test_basic_and_project_columns_give_a_spending_type():
    table = Table(
        [
            ["项目", "财政拨款—基本支出", "财政拨款—项目支出"],
            ["工资福利支出", "45.77", "0"],
            ["商品和服务支出", "46.94", "12"],
            ["合计", "92.71", "12"],
        ],
        number=1,
    )
    got = facts_of(table_money(table, "支出决算明细如下（单位：万元）"))
    assert got[("商品和服务支出", "final", "project")] == Decimal("120000.00")
    assert got[("基本支出", "final", None)] == Decimal("927100.00")  # the total of the 基本支出 column


def test_a_row_number_column_is_not_money():
    table = Table(
        [
            ["项目", "行次", "决算数"],
            ["一、财政拨款收入", "1", "210.44"],
            ["二、事业收入", "2", "3.5"],
        ],
        number=1,
    )
    got = facts_of(table_money(table, "收入支出决算总表（单位：万元）"))
    assert got == {("财政拨款收入", "final", None): Decimal("2104400.00"), ("事业收入", "final", None): Decimal("35000.00")}


def test_a_label_before_a_colon_names_the_figure_after_it():
    paragraph = Paragraph("1、人员经费支出：1587.5万元，占基本支出89.9%。2、日常公用支出178.41万元。", number=3)
    got = facts_of(prose_money(paragraph, fiscal_year=2021))
    assert got == {("人员经费", "final", None): Decimal("15875000.00"), ("公用经费", "final", None): Decimal("1784100.00")}
    # near miss: a colon after words that name no line leaves the figure out
    assert facts_of(prose_money(Paragraph("具体如下：12万元用于培训。", number=4), 2021)) == {}


def test_a_grand_total_gives_way_to_the_years_own_total():
    """收入总计 adds the carry-over to 收入合计: where both are stated, 收入合计 is the year's."""
    document = parse_text("收入总计618.38万元，支出总计618.38万元。\n收入合计536.30万元。支出合计547.55万元。")
    got = facts_of(document_money(document, 2023))
    assert got == {("收入合计", "final", None): Decimal("5363000.00"), ("支出合计", "final", None): Decimal("5475500.00")}
    # near miss: a 总计 alone is the document's only total and stays
    alone = facts_of(document_money(parse_text("收入总计618.38万元。"), 2023))
    assert alone == {("收入合计", "final", None): Decimal("6183800.00")}
    # a 收入总计 unlike the 收入合计 shows a carry-over: the 支出总计 is no 支出合计 either,
    # though the page never states one; near miss: the two alike show none, and both stay
    carried = facts_of(document_money(parse_text("收入总计276.61万元，支出总计276.61万元。收入合计272.50万元。"), 2023))
    assert carried == {("收入合计", "final", None): Decimal("2725000.00")}
    alike = facts_of(document_money(parse_text("收入总计272.50万元，支出总计272.50万元。收入合计272.50万元。"), 2023))
    assert alike == {("收入合计", "final", None): Decimal("2725000.00"), ("支出合计", "final", None): Decimal("2725000.00")}


def test_a_bare_spending_figure_under_a_heading_naming_a_line_is_that_lines():
    """'（三）公务接待费支出情况' over '全年接待12批次，支出1.6万元': the heading says which line."""
    document = parse_text("（三）公务接待费支出情况。\n\n全年接待12批次，90人次，支出1.6万元。\n")
    assert facts_of(document_money(document, 2023)) == {("公务接待费", "final", None): Decimal("16000.00")}
    # a 三公 line with parts is that line too (its section speaks of it alone)
    document = parse_text("（三）公务用车购置及运行维护费\n\n2022年预算安排3万元，与2021年预算持平。\n")
    assert facts_of(document_money(document, 2022)) == {("公务用车购置及运行维护费", "budget", None): Decimal("30000.00")}
    # near misses: a section on 一般公共预算支出 gives that figure, the fiscal part of the spending
    # (no 支出合计: a unit with other income spends more), under its own name; a section on 基本支出
    # speaks of the whole spending too
    document = parse_text("二、一般公共预算支出情况\n\n2021年一般公共预算支出85.5万元。\n")
    assert facts_of(document_money(document, 2021)) == {("一般公共预算支出", "final", None): Decimal("855000.00")}
    document = parse_text("（一）基本支出情况\n\n全年支出80万元，其中基本支出70万元。\n")
    got = facts_of(document_money(document, 2023))
    assert got[("支出合计", "final", None)] == Decimal("800000.00") and got[("基本支出", "final", None)] == Decimal("700000.00")


def test_prose_labels_phases_and_units():
    paragraph = Paragraph(
        "2021年年初预算收入120.5万元，其中财政拨款120.5万元；全年决算支出1,280,000.00元，"
        "其中基本支出90万元（人员经费70万元、日常公用经费20万元），“三公”经费决算支出数1.2万元，"
        "比上年减少0.3万元。2020年决算支出100万元。",
        number=7,
    )
    got = facts_of(prose_money(paragraph, fiscal_year=2021))
    assert got == {
        ("收入合计", "budget", None): Decimal("1205000.00"),
        ("财政拨款收入", "budget", None): Decimal("1205000.00"),
        ("支出合计", "final", None): Decimal("1280000.00"),
        ("基本支出", "final", None): Decimal("900000.00"),
        ("人员经费", "final", None): Decimal("700000.00"),
        ("公用经费", "final", None): Decimal("200000.00"),
        ("三公经费合计", "final", None): Decimal("12000.00"),
        ("支出合计", "prior_final", None): Decimal("1000000.00"),
    }


def test_a_paragraph_about_one_project_gives_its_phases():
    paragraph = Paragraph("农业技术推广经费：全年预算数670596.00元，执行数630573.63元，自评得分94.5分。", 9)
    money = prose_money(paragraph, 2022)
    assert {(m.kind, m.name, m.phase, m.amount_yuan) for m in money} == {
        ("project", "农业技术推广经费", "adjusted", Decimal("670596.00")),
        ("project", "农业技术推广经费", "final", Decimal("630573.63")),
    }


def test_a_subsidys_money_handed_out_so_far_is_what_was_spent_of_it():
    paragraph = Paragraph("动物防疫补助资金18万元，全部用于免疫注射补贴，目前已发放12.6万元，其余待核定后发放。", 3)
    assert {(m.kind, m.name, m.phase, m.amount_yuan) for m in prose_money(paragraph, 2023)} == {
        ("project", "动物防疫补助资金", "budget", Decimal("180000")),
        ("project", "动物防疫补助资金", "final", Decimal("126000")),
    }
    cashed = prose_money(Paragraph("耕地保护补贴资金320万元，截至目前已兑付296万元。", 4), 2023)
    assert {(m.phase, m.amount_yuan) for m in cashed} == {("budget", Decimal("3200000")), ("final", Decimal("2960000"))}


def test_the_parts_a_funds_whole_is_said_to_be_made_of_are_its_items():
    paragraph = Paragraph("共下达某市文物保护专项经费500万元，具体为下达某某府修缮工程320万元、某某馆藏文物预防性保护180万元。", 4)
    assert {(m.name, m.amount_yuan) for m in prose_money(paragraph, 2020)} == {
        ("某市文物保护专项经费", Decimal("5000000")), ("某某府修缮工程", Decimal("3200000")),
        ("某某馆藏文物预防性保护", Decimal("1800000")),
    }


def test_what_was_paid_so_far_names_no_project():
    paid = prose_money(Paragraph("目前共支付资金812.5万元，资金执行率64.2%。", 5), 2022)
    assert [m.name for m in paid if m.kind == "project"] == []
    # nor a level's matching share of a fund, nor a project's instalment
    shares = prose_money(Paragraph("中央下达某市危房改造补助资金9.7万元；自治区匹配下拨某市危房改造补助资金1.8万元，"
                                   "某市财政匹配危房改造补助资金0.8万元。", 7), 2023)
    assert [m.name for m in shares if "匹配" in m.name] == []
    batch = prose_money(Paragraph("一是某某府抢救性修缮工程第二批经费295万元于下达到位后启动招标。", 8), 2020)
    assert [m.name for m in batch if m.kind == "project"] == []
    # nor does a sentence's date before its subject
    dated = prose_money(Paragraph("2023年度3月份将“某某”省级补助资金45万元全部拨付各县区。", 6), 2023)
    assert [m.name for m in dated if m.kind == "project"] == []


def test_the_funds_money_handed_down_to_the_unit_is_made_of_are_its_projects():
    paragraph = Paragraph("依据某财农〔2022〕8号文件，下达给我局资金36.5万元，其中：湿地管护补助20万元，"
                          "森林防火费12万元，生态护林员补助调减1.5万元，某某乡4.5万元。", 2)
    assert {(m.kind, m.name, m.phase, m.amount_yuan) for m in prose_money(paragraph, 2022)} == {
        ("project", "湿地管护补助", "budget", Decimal("200000")),
        ("project", "森林防火费", "budget", Decimal("120000")),
    }
    # near miss: a unit's own spending broken down is its lines, not funds
    spent = prose_money(Paragraph("本年支出36.5万元，其中：办公费20万元，差旅费12万元。", 3), 2022)
    assert {m.kind for m in spent} == {"budget"}


def test_the_items_of_an_announced_list_of_projects_are_projects_in_the_phase_of_its_spending():
    document = parse_text(
        "本中心2022年纳入自评的项目共3个，项目支出88万元。具体如下：\n"
        "1、资料印刷费6万元，主要用于宣传资料印制；\n"
        "2、职业技能竞赛2万元，主要用于竞赛组织；\n"
        "3、创业补贴资金80万元，主要用于创业补贴发放。\n"
        "(二)绩效目标\n"
        "1、差旅费3万元，用于外出学习。\n"
    )
    projects = {(f.name, f.phase, f.amount_yuan) for f in document_money(document, 2022) if f.kind == "project"}
    assert projects == {
        ("资料印刷费", "final", Decimal("60000")),
        ("职业技能竞赛", "final", Decimal("20000")),
        ("创业补贴资金", "final", Decimal("800000")),
    }  # (the list ends at the heading: the 差旅费 after it is a line of spending, as before)


def test_a_project_the_unit_says_it_carries_out_takes_its_whole_investment_not_its_batches():
    paragraph = Paragraph("我局承担某县2021年度乡村道路建设项目实施任务，该项目分两批实施，一批项目批复总投资300万元"
                          "（其中建筑工程280万元），二批项目批复投资150万元，合计批复总投资450万元。", 4)
    assert {(m.kind, m.name, m.phase, m.amount_yuan) for m in prose_money(paragraph, 2021)} == {
        ("project", "某县2021年度乡村道路建设项目", "budget", Decimal("4500000.00")),
    }
    # near miss: a sentence that does not say the unit carries the project out names none
    assert prose_money(Paragraph("合计批复总投资450万元。", 4), 2021) == []


def test_a_numbered_item_heading_a_fund_and_a_bracket_naming_it_before_its_figure():
    paragraph = Paragraph("2.某某航空护林补助经费。上级下达2023年某某救灾资金(某某航空护林补助经费)1250万元。", 6)
    assert {(m.kind, m.name, m.phase, m.amount_yuan) for m in prose_money(paragraph, 2023)} == {
        ("project", "某某航空护林补助经费", "budget", Decimal("12500000.00")),
    }
    # near misses: a bracket that is a note, not a fund's name; a fund's total under its heading
    assert prose_money(Paragraph("支出(含以前年度结转资金)30万元。", 6), 2023) == []
    total = prose_money(Paragraph("3.某某救助资金。上级下达我县某某救助资金合计800万元。", 7), 2023)
    assert {(m.kind, m.name, m.amount_yuan) for m in total} == {("project", "某某救助资金", Decimal("8000000.00"))}


def test_a_projects_figure_a_finance_body_handed_down_is_the_treasurys():
    handed = prose_money(Paragraph("1.某某补助经费。财政部下达2023年某某资金(某某补助经费)800万元，实际支出760万元。", 2), 2023)
    assert {(m.name, m.phase, m.fund_source, m.amount_yuan) for m in handed} == {
        ("某某补助经费", "budget", "fiscal", Decimal("8000000.00")),
        ("某某补助经费", "final", None, Decimal("7600000.00")),  # (project_rows gives it the source)
    }
    # near miss: a notice the sentence cites hands nothing down
    cited = prose_money(Paragraph("某省财政厅以《关于安排某某补助资金的通知》，安排某某提升项目预算资金900万元。", 2), 2023)
    assert {(m.name, m.fund_source) for m in cited} == {("某某提升项目", None)}


def test_the_source_a_lists_opening_names_is_its_projects_and_a_year_may_open_a_projects_name():
    paragraph = Paragraph("某局2024年年初预算项目共4个，其中：1.本年一般公共预算财政拨款收入预算安排项目2个，预算资金为60万元，"
                          "即：某某监测经费20万元、某某储备专项资金40万元。2.上年结转结余项目2个，预算资金为3万元，即："
                          "2023年某某物资调运经费2.5万元；某某利息收入资金0.5万元。", 3)
    found = {(m.name, m.phase, m.fund_source, m.amount_yuan) for m in prose_money(paragraph, 2024) if m.kind == "project"}
    assert {f for f in found if f[0] != "预算资金"} >= {
        ("某某监测经费", "budget", "fiscal", Decimal("200000.00")),
        ("某某储备专项资金", "budget", "fiscal", Decimal("400000.00")),
        ("2023年某某物资调运经费", "budget", "carryover", Decimal("25000.00")),  # (its year is its name's)
        ("某某利息收入资金", "budget", "carryover", Decimal("5000.00")),
    }
    # near misses: a line named with last year is last year's; a list opening naming no source
    assert facts_of(prose_money(Paragraph("其中：2023年公务接待费3万元。", 4), 2024)) == {
        ("公务接待费", "prior_final", None): Decimal("30000.00")}
    plain = prose_money(Paragraph("项目2个，即：某某监测经费20万元、某某储备专项资金40万元。", 5), 2024)
    assert {m.fund_source for m in plain} == {None}


def test_a_form_fund_source_written_out_in_prose_keeps_its_source_in_both_phases():
    paragraph = Paragraph("某某防控项目：年度资金总额全年预算数500万元，全年执行数450万元；其他资金全年预算数120万元，"
                          "全年执行数120万元。", 3)
    assert {(m.fund_source, m.phase, m.amount_yuan) for m in prose_money(paragraph, 2023)} == {
        (None, "adjusted", Decimal("5000000.00")), (None, "final", Decimal("4500000.00")),
        ("other", "adjusted", Decimal("1200000.00")), ("other", "final", Decimal("1200000.00")),
    }
    # near miss: a level of government's share names no source of the form's
    share = prose_money(Paragraph("某某防控项目：中央财政资金全年预算数300万元。", 3), 2023)
    assert {m.fund_source for m in share} == {None}


def test_a_phase_figure_whose_parts_are_income_is_the_income_total_and_a_balances_items_are_no_projects():
    paragraph = Paragraph("2020年年初预算数为800万元，其中：一般公共预算780万元，政府性基金预算财政拨款20万元。"
                          "合计收入为850万元。年末结余60万元，为项目支出结转，主要包括：某某工作经费10万元；某某设备补助资金50万元。", 2)
    assert facts_of(prose_money(paragraph, 2020)) == {
        ("收入合计", "budget", None): Decimal("8000000.00"),
        ("财政拨款收入", "budget", None): Decimal("7800000.00"),
        ("政府性基金预算财政拨款", "budget", None): Decimal("200000.00"),
        ("收入合计", "final", None): Decimal("8500000.00"),
        ("年末结转和结余", "final", None): Decimal("600000.00"),
    }
    # near miss: parts that are spending keep the whole the spending; projects listed without a balance are projects
    assert ("支出合计", "adjusted", None) in facts_of(prose_money(Paragraph("全年预算数90万元，其中：基本支出60万元，项目支出30万元。", 3), 2020))
    listed = prose_money(Paragraph("项目支出30万元，主要包括：某某工作经费10万元；某某设备补助资金20万元。", 4), 2020)
    assert {m.name for m in listed if m.kind == "project"} == {"某某工作经费", "某某设备补助资金"}


def test_a_figure_labelled_only_by_a_phase_is_the_whole_spending():
    paragraph = Paragraph("2021年全年预算数691.76万元，实际支出682.21万元，预算执行率为98.62%。", 2)
    assert facts_of(prose_money(paragraph, 2021)) == {
        ("支出合计", "adjusted", None): Decimal("6917600.00"),
        ("支出合计", "final", None): Decimal("6822100.00"),
    }


def test_a_phase_figure_whose_subject_is_the_unit_or_followed_by_为_is_the_whole_spending():
    paragraph = Paragraph("2023年度某某镇人民政府年初预算1200.5万元，全年（调整）预算数1350万元，决算数为1340万元。", 3)
    assert facts_of(prose_money(paragraph, 2023)) == {
        ("支出合计", "budget", None): Decimal("12005000.00"),
        ("支出合计", "adjusted", None): Decimal("13500000.00"),
        ("支出合计", "final", None): Decimal("13400000.00"),
    }
    # the unit named by its department's field: '民政部门2022年预算数…'
    assert facts_of(prose_money(Paragraph("民政部门2023年预算数1,605.29万元，执行数1580.25万元。", 5), 2023)) == {
        ("支出合计", "budget", None): Decimal("16052900.00"), ("支出合计", "final", None): Decimal("15802500.00"),
    }
    # near miss: what a bureau hands down is no unit's budget
    assert facts_of(prose_money(Paragraph("县财政局下达预算资金50万元用于道路维修。", 4), 2023)) == {}


def test_a_list_of_projects_after_分别为_has_the_phase_of_the_sentence_before():
    paragraph = Paragraph("2023年批复本局项目2个，项目资金80万元。分别为：道路养护经费50万元；路灯维修经费30万元。", 5)
    phases = {(f.name, f.phase) for f in prose_money(paragraph, 2023) if f.kind == "project"}
    assert phases == {("道路养护经费", "budget"), ("路灯维修经费", "budget")}
    # near miss: a sentence that is no list keeps its own phase words (none: final, assumed)
    paragraph = Paragraph("2023年批复本局项目2个。全年道路养护经费支出50万元。", 6)
    assert {(f.name, f.phase) for f in prose_money(paragraph, 2023) if f.kind == "project"} == {("道路养护经费", "final")}


def test_a_counted_list_of_projects_names_each_item_whatever_its_name_ends_with():
    paragraph = Paragraph("（二）到村项目3个：东坡村冷链仓储项目45万元；河湾村食用菌大棚60万元；石桥村莲藕种养基地38.5万元。", 7)
    got = {(f.kind, f.name, f.phase, f.amount_yuan) for f in prose_money(paragraph, 2020)}
    assert got == {
        ("project", "东坡村冷链仓储项目", "budget", Decimal("450000.00")),
        ("project", "河湾村食用菌大棚", "budget", Decimal("600000.00")),
        ("project", "石桥村莲藕种养基地", "budget", Decimal("385000.00")),
    }
    # near misses: a list not opened by a count of projects, and a sentence of what was done
    assert facts_of(prose_money(Paragraph("主要用于：河湾村食用菌大棚60万元。", 8), 2020)) == {}
    assert facts_of(prose_money(Paragraph("实施项目3个：完成投资60万元。", 9), 2020)) == {}


def test_a_fund_s_money_in_a_region_s_prose():
    # the place as the fund's subject, its levels' shares, what was spent of it (共支出) and the
    # parts of that after 其中
    paragraph = Paragraph("2021年我县衔接推进资金共880万元，其中，省级资金300万元，县级资金580万元。截至年底，共支出2021年衔接推进资金"
                          "812.5万元（其中产业发展700万元，技能培训12.5万元，结对帮扶100万元）。", 4)
    got = {(f.kind, f.name, f.phase, f.amount_yuan) for f in prose_money(paragraph, 2021)}
    assert got == {
        ("project", "2021年衔接推进资金", "budget", Decimal("8800000.00")),
        ("project", "2021年衔接推进资金", "final", Decimal("8125000.00")),
        ("project", "产业发展", "final", Decimal("7000000.00")),
        ("project", "技能培训", "final", Decimal("125000.00")),
        ("project", "结对帮扶", "final", Decimal("1000000.00")),
    }
    # the year and the place spending it before 共支出: the fund's name, what was spent of it
    paragraph = Paragraph("2020年全市共支出城乡居民养老补贴资金5230万元，其中基础养老金4100万元。", 5)
    got = {(f.kind, f.name, f.phase, f.amount_yuan) for f in prose_money(paragraph, 2020)}
    assert ("project", "城乡居民养老补贴资金", "final", Decimal("52300000.00")) in got
    # a level's allocation after 统筹, and the verb after the fund's name: given, then spent
    paragraph = Paragraph("2021年，省级统筹安排残疾人两项补贴资金3200万元，其中，中央资金2000万元、省级资金1200万元，"
                          "全省残疾人两项补贴资金共支出3050.5万元。", 6)
    got = {(f.kind, f.name, f.phase, f.amount_yuan) for f in prose_money(paragraph, 2021)}
    assert got == {
        ("project", "残疾人两项补贴资金", "budget", Decimal("32000000.00")),
        ("project", "残疾人两项补贴资金", "final", Decimal("30505000.00")),
    }


def test_projects_counted_before_their_money():
    # a count between a project's name and its money, and a class of projects counted before the
    # money put into it; the money matched to them all is no project
    paragraph = Paragraph("共实施项目20个，对接资金1500万元。其中：道路类项目12个，投入资金900万元；包括光伏电站项目7个580万元，"
                          "其他项目1个20万元。", 5)
    got = {(f.name, f.amount_yuan) for f in prose_money(paragraph, 2021) if f.kind == "project"}
    assert got == {("道路类项目", Decimal("9000000.00")), ("光伏电站项目", Decimal("5800000.00")),
                   ("其他项目", Decimal("200000.00"))}
    # near miss: the money of the whole list is no project
    paragraph = Paragraph("我局2023年评价项目4个，涉及资金2600万元。产业项目3个，总共投资1200万元。", 6)
    assert [f for f in prose_money(paragraph, 2023) if f.kind == "project"] == []
    # nor the count of all the projects done, whoever did them ('我镇共实施…', '累计实施…')
    paragraph = Paragraph("2023年，我镇共实施衔接资金项目5个，投入资金130万元，包括茶园提质项目3个60万元，"
                          "村道硬化项目2个70万元。累计实施小型水利工程4个，投入资金45万元。", 7)
    got = {(f.name, f.amount_yuan) for f in prose_money(paragraph, 2023) if f.kind == "project"}
    assert got == {("茶园提质项目", Decimal("600000.00")), ("村道硬化项目", Decimal("700000.00"))}


def test_a_list_of_projects_announced_and_a_level_s_money_handed_down():
    paragraph = Paragraph("我县2018年州财政资金下达3万元，用于以下项目：1、困难家庭助学1.8万元，2、留守儿童关爱1.2万元。", 4)
    got = {(f.kind, f.name, f.amount_yuan) for f in prose_money(paragraph, 2018)}
    # the level's money names no project of its own
    assert got == {("project", "困难家庭助学", Decimal("18000.00")), ("project", "留守儿童关爱", Decimal("12000.00"))}


def test_named_projects_go_to_projects_not_budget_lines():
    paragraph = Paragraph("安排项目资金共计30万（分别为网络安全宣传周经费10万；舆情监测平台运维项目20万）。", 3)
    money = prose_money(paragraph, 2021)
    assert {(m.kind, m.name, m.amount_yuan) for m in money} == {
        ("project", "网络安全宣传周经费", Decimal("100000.00")),
        ("project", "舆情监测平台运维项目", Decimal("200000.00")),
    }


def test_a_table_unit_note_in_the_paragraph_before_it():
    document = parse_text("收支情况如下（单位：元）：\n\n\t项目\n\t决算数\n\n\t支出合计\n\t35000\n\n\n")
    assert facts_of(document_money(document, 2021)) == {("支出合计", "final", None): Decimal("35000.00")}


def test_a_project_named_after_a_funding_kind_keeps_it_and_its_payment_is_its_spending():
    paragraph = Paragraph("3、预算外资金政府集中款项目:预算20万元,2022年全年实际支付18万元,使用率90%。", 4)
    money = prose_money(paragraph, 2022)
    assert {(m.kind, m.name, m.phase, m.amount_yuan) for m in money} == {
        ("project", "预算外资金政府集中款项目", "budget", Decimal("200000.00")),  # 预算外 is no phase
        ("project", "预算外资金政府集中款项目", "final", Decimal("180000.00")),
    }


def test_the_parts_after_其中_share_the_phase_of_their_whole():
    paragraph = Paragraph("2021年“三公”经费预算为20万元，其中：公务接待费9万元，公务用车运行维护费11万元。", 3)
    assert facts_of(prose_money(paragraph, 2021)) == {
        ("三公经费合计", "budget", None): Decimal("200000.00"),
        ("公务接待费", "budget", None): Decimal("90000.00"),
        ("公务用车运行维护费", "budget", None): Decimal("110000.00"),
    }
    # near miss: without 其中, a figure naming no phase is read as spent
    paragraph = Paragraph("2021年“三公”经费预算为20万元。公务接待费9万元。", 4)
    assert facts_of(prose_money(paragraph, 2021))[("公务接待费", "final", None)] == Decimal("90000.00")


def test_a_sentence_opening_on_其中_takes_the_phase_of_the_figure_before_it():
    """'…实际支付27万元，全部用于设备采购。其中：用于甲项目20万元' lists what was spent; near miss:
    a sentence that does not open on 其中 keeps a project's own reading (what it was given)."""
    paragraph = Paragraph("2022年下达专项资金30万元，实际支付27万元，全部用于设备采购。其中：用于甲建设项目20万元、乙建设项目7万元。", 5)
    projects = {(m.name, m.phase): m.amount_yuan for m in prose_money(paragraph, 2022) if m.kind == "project"}
    assert projects == {("甲建设项目", "final"): Decimal("200000.00"), ("乙建设项目", "final"): Decimal("70000.00")}
    paragraph = Paragraph("2022年实际支付27万元，全部用于设备采购。另安排甲建设项目20万元。", 6)
    assert [(m.name, m.phase) for m in prose_money(paragraph, 2022) if m.kind == "project"] == [("甲建设项目", "budget")]


def test_a_budget_the_paragraph_says_was_adjusted_is_the_adjusted_budget():
    """'…预算数为按规定程序调整后的全年预算数': its 预算 figures are the adjusted budget; near
    miss: a paragraph that says nothing of adjusting keeps them as the budget."""
    text = "2023年度“三公”经费支出预算为6.35万元，支出决算为6.35万元。主要原因是预算数为按规定程序调整后的全年预算数。"
    assert facts_of(prose_money(Paragraph(text, 1), 2023)) == {
        ("三公经费合计", "adjusted", None): Decimal("63500.00"), ("三公经费合计", "final", None): Decimal("63500.00")}
    text = "2023年度“三公”经费支出预算为6.35万元，支出决算为6.35万元。"
    assert ("三公经费合计", "budget", None) in facts_of(prose_money(Paragraph(text, 1), 2023))


def test_a_fund_named_after_the_figure_allocated_to_it():
    """'下达我区87万元2021年省级旅游发展资金': transfer reports name the fund after its figure.
    Near misses: the fund left unnamed (资金, 专项资金) or named before the figure as usual."""
    def projects(text):
        return [(m.name, m.phase, m.amount_yuan) for m in prose_money(Paragraph(text, 1), 2021) if m.kind == "project"]

    assert projects("按照文件精神，下达我区87万元2021年省级旅游发展资金。") == [("2021年省级旅游发展资金", "budget", Decimal("870000.00"))]
    assert projects("拨付至我县35万元农村公路养护资金，已全部支出。") == [("农村公路养护资金", "budget", Decimal("350000.00"))]
    assert projects("共下达120万元专项资金。") == []
    assert projects("上级下达资金50万元，用于道路建设。") == []


@pytest.mark.parametrize(
    "blocks, expected",
    [
        # a report form writes its sentences into a cell: read as a paragraph
        ([["（三）部门整体收支情况", "单位年初预算收入312.40万元，决算数为355.16万元。单位决算支出340.02万元。"]],
         {("收入合计", "budget", None): Decimal("3124000.00"), ("收入合计", "final", None): Decimal("3551600.00"),
          ("支出合计", "final", None): Decimal("3400200.00")}),
        # near miss: a short cell with a figure is a table's, not a sentence
        ([["项目", "决算数"], ["支出合计", "340.02万元"]], {("支出合计", "final", None): Decimal("3400200.00")}),
    ],
)
def test_sentences_written_into_a_form_cell(blocks, expected):
    assert facts_of(document_money(Document([Table(blocks, number=1)]), 2021)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence about last year: its 决算 is prior_final, its budget is left out
        ("上年年初预算收入80.14万元，收入决算数为99.16万元。上年决算支出93.51万元，本年决算支出比上年增加2.69%。",
         {("收入合计", "prior_final", None): Decimal("991600.00"), ("支出合计", "prior_final", None): Decimal("935100.00")}),
        # near miss: last year's carry-over is this year's opening line
        ("上年结转结余资金12万元。", {("年初结转和结余", "final", None): Decimal("120000.00")}),
        # a short heading before a colon names the line of a figure labelled by its phase alone
        ("（一）收入预算：2023年年初预算数1643.29万元。", {("收入合计", "budget", None): Decimal("16432900.00")}),
        # near miss: without such a heading the figure is the whole spending
        ("2023年年初预算数1643.29万元。", {("支出合计", "budget", None): Decimal("16432900.00")}),
        # a functional class stays itself, not the 水费 its last character would make
        ("其中：农林水支出171.70万元。", {("农林水支出", "final", None): Decimal("1717000.00")}),
    ],
)
def test_prose_about_last_year_under_a_heading_and_functional_classes(text, expected):
    assert facts_of(document_money(Document([Paragraph(text, 1)]), 2023)) == expected


def test_a_grid_of_phases_and_figures_under_header_cells_written_above_it():
    """A 三公 table flattened by a page: its header cells as lines, then 预算数/决算数 over figures."""
    above = ["“三公”经费支出决算表", "单位：万元", "“三公”经费", "合计", "因公出国", "(境)费", "公务用车购置及运行维护费",
             "公务接待费", "小计", "公务用车", "购置费", "公务用车", "运行维护费"]
    grid = Table([["", *["预算数", "决算数"] * 6], ["", "60.00", "35.50", "0.00", "0.00", "40.00", "30.00", "20.00", "20.00",
                                                  "20.00", "10.00", "20.00", "5.50"]], 1)
    got = facts_of(document_money(Document([*(Paragraph(text, i) for i, text in enumerate(above, 1)), grid]), 2022))
    assert got[("三公经费合计", "budget", None)] == Decimal("600000.00")
    assert got[("公务用车购置费", "final", None)] == Decimal("200000.00")
    assert got[("公务用车运行维护费", "final", None)] == Decimal("100000.00")
    assert got[("公务接待费", "final", None)] == Decimal("55000.00")
    # near miss: the same grid under a paragraph that names no columns gives nothing
    bare = document_money(Document([Paragraph("注：本表反映部门本年度支出情况。", 1), grid]), 2022)
    assert facts_of(bare) == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        # last year's carry-over named by its year is what this year began with; 年终 is 年末
        ("1.2019年结余结转29.32万元。2.收入：594.95万元。4.年终结转结余28.02万元。",
         {("年初结转和结余", "final", None): Decimal("293200.00"), ("收入合计", "final", None): Decimal("5949500.00"),
          ("年末结转和结余", "final", None): Decimal("280200.00")}),
        # a balanced budget's 收支总预算 is its income and its spending; near miss: 收入 alone
        ("某乡人民政府2020年收支总预算472.27万元。",
         {("收入合计", "budget", None): Decimal("4722700.00"), ("支出合计", "budget", None): Decimal("4722700.00")}),
        ("某乡人民政府2020年收入预算472.27万元。", {("收入合计", "budget", None): Decimal("4722700.00")}),
        ("2024年度收、支总计2228.68万元。",
         {("收入合计", "final", None): Decimal("22286800.00"), ("支出合计", "final", None): Decimal("22286800.00")}),
        ("2024年度收、支总216.05万元。",  # (the page's typo for 总计)
         {("收入合计", "final", None): Decimal("2160500.00"), ("支出合计", "final", None): Decimal("2160500.00")}),
        ("2024年度收、支总计均为316.05万元。",  # both 'are' the figure
         {("收入合计", "final", None): Decimal("3160500.00"), ("支出合计", "final", None): Decimal("3160500.00")}),
        # near miss: a carry-over of this year's own is no opening balance
        ("2020年结余结转29.32万元。", {("结余结转", "final", None): Decimal("293200.00")}),
    ],
)
def test_carry_over_and_balanced_totals(text, expected):
    assert facts_of(document_money(Document([Paragraph(text, 1)]), 2020)) == expected


def test_the_fiscal_spending_keeps_its_own_name_and_its_phases():
    """'一般公共预算财政拨款支出年度预算为A，支出决算为B': one line (not 支出合计: a unit with other income
    spends more than its 财政拨款) in two phases."""
    text = "2017年一般公共预算财政拨款支出年度预算为1498万元，支出决算为1436万元。"
    assert facts_of(document_money(Document([Paragraph(text, 1)]), 2017)) == {
        ("一般公共预算财政拨款支出", "budget", None): Decimal("14980000.00"),
        ("一般公共预算财政拨款支出", "final", None): Decimal("14360000.00")}


def test_income_and_spending_set_against_last_year_together():
    """'收支较上年决算数X' is last year's figure of both totals."""
    text = "2024年度收入总计1110.70万元，支出总计1110.70万元。收支较上年决算数1166.81万元减少56.11万元。"
    assert facts_of(document_money(Document([Paragraph(text, 1)]), 2024)) == {
        ("收入合计", "final", None): Decimal("11107000.00"), ("支出合计", "final", None): Decimal("11107000.00"),
        ("收入合计", "prior_final", None): Decimal("11668100.00"), ("支出合计", "prior_final", None): Decimal("11668100.00")}


def test_a_table_flattened_to_one_cell_a_line_under_its_unit_note():
    """Two columns (收入 | 决算数 | 支出 | 决算数) written one cell a line, its empty cells dropped: each
    figure follows its own line's name. Near miss: without a unit note, a name and a number on the
    next line are not joined (it may be a count, a code)."""
    lines = ["2017年度收入支出决算总表", "单位:万元", "收入", "支出", "项目", "决算数", "项目", "决算数",
             "一、财政拨款收入", "1,288.49", "一、一般公共服务支出", "二、上级补助收入", "二、教育支出", "1,166.52",
             "三、其他收入", "5.00", "三、社会保障和就业支出", "126.97"]
    document = parse_text("\n\n".join(lines) + "\n")
    assert facts_of(document_money(document, 2017)) == {
        ("财政拨款收入", "final", None): Decimal("12884900.00"), ("教育支出", "final", None): Decimal("11665200.00"),
        ("其他收入", "final", None): Decimal("50000.00"), ("社会保障和就业支出", "final", None): Decimal("1269700.00")}
    without_note = parse_text("\n\n".join(lines[:1] + lines[2:]) + "\n")
    assert facts_of(document_money(without_note, 2017)) == {}


def test_a_flattened_tables_unit_note_ending_its_heading_line_and_labels_spaced_to_their_width():
    lines = ["收支总体情况表", "部门(单位):某某中学        单位:万元", "收  入", "支  出", "项目", "预算数", "项目", "预算数",
             "一、财政拨款收入", "1,251.42", "一、一般公共服务支出", "二、教育支出", "1,285.08", "本 年 收 入 合 计", "1,285.08"]
    document = parse_text("\n\n".join(lines) + "\n")
    assert facts_of(document_money(document, 2024)) == {
        ("财政拨款收入", "final", None): Decimal("12514200.00"), ("教育支出", "final", None): Decimal("12850800.00"),
        ("收入合计", "final", None): Decimal("12850800.00")}


def test_a_flattened_table_with_a_row_number_column_gives_the_figure_after_the_number():
    """行次: each line's name, its row number, then its figure if any; the number is never the figure
    (near miss: a row whose name the page dropped leaves its number alone, '8', after a name)."""
    lines = ["收入支出决算总表", "金额单位:万元", "项目", "行次", "决算数", "项目", "行次", "决算数",
             "一、财政拨款收入", "1", "479.01", "一、一般公共服务支出", "35", "二、上级补助收入", "2", "二、教育支出", "36",
             "409.52", "三、其他收入", "3", "三、科学技术支出", "37", "8", "四、社会保障和就业支出", "38"]
    document = parse_text("\n\n".join(lines) + "\n")
    assert facts_of(document_money(document, 2016)) == {
        ("财政拨款收入", "final", None): Decimal("4790100.00"), ("教育支出", "final", None): Decimal("4095200.00")}


def test_a_budget_of_before_2018_names_its_income_in_older_words():
    """公共财政预算 was the name of 一般公共预算 before 2015; 上年结余收入 what the last year left."""
    text = "2017年收入总预算501.98万元。其中：1、一般公共财政预算拨款493.68万元；2、上年结余收入8.3万元。"
    assert facts_of(document_money(Document([Paragraph(text, 1)]), 2017)) == {
        ("收入合计", "budget", None): Decimal("5019800.00"), ("财政拨款收入", "budget", None): Decimal("4936800.00"),
        ("年初结转和结余", "budget", None): Decimal("83000.00")}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fund allocated, then its sub-items after 其中: each a project with the fund's phase; a
        # project's amount with no phase word is its budget
        ("安排省级涉农资金共1058万元，其中：造林与生态修复201万元，森林乡村建设84万元。",
         {("省级涉农资金", "budget"): Decimal("10580000.00"), ("造林与生态修复", "budget"): Decimal("2010000.00"),
          ("森林乡村建设", "budget"): Decimal("840000.00")}),
        # near miss: the parts of a budget line are lines, not sub-items; a sentence is no item
        ("“三公”经费预算20万元，其中：公务接待费9万元，用于接待上级检查8万元。", {}),
        # near miss: a level of government's share is no sub-item either
        ("农村环境整治资金6.44万元，其中：中央配套4.68万元，省级配套1.76万元。",
         {("农村环境整治资金", "budget"): Decimal("64400.00")}),
        # near miss: nor is the part a level of government gave, named by its fund
        ("某某村道路硬化工程项目总投资150万元，其中2020年度中央专项彩票公益金90万元。",
         {("某某村道路硬化工程项目", "budget"): Decimal("1500000.00")}),
        # works a level of government names ('中央广播电视…', '县级融媒体中心建设') are sub-items all the same
        ("2019年中央补助某某体系建设专项资金共计158万元，其中：中央广播电视节目覆盖运行维护43.8万元；县级融媒体中心建设43万元；"
         "某县应急广播系统建设71.2万元。",
         {("2019年中央补助某某体系建设专项资金", "budget"): Decimal("1580000.00"),
          ("中央广播电视节目覆盖运行维护", "budget"): Decimal("438000.00"),
          ("县级融媒体中心建设", "budget"): Decimal("430000.00"), ("某县应急广播系统建设", "budget"): Decimal("712000.00")}),
        # near miss: a place's share of the fund is no sub-item of it
        ("下达送戏进万村补助资金76.4万元，其中：鸠江区19.71万元，三山经开区16.19万元。",
         {("送戏进万村补助资金", "budget"): Decimal("764000.00")}),
        # a sentence naming its project after 项目名称 gives that project its figures; near miss: a
        # name that is only the word for money
        ("管理的某某补助资金项目1个，项目名称某某贴息项目，预算金额3.5万元，实际支出3.2万元。",
         {("某某贴息项目", "budget"): Decimal("35000.00"), ("某某贴息项目", "final"): Decimal("32000.00")}),
        ("项目名称项目资金，预算金额3.5万元。", {}),
        # the level that hands the fund down before the verb ('中央下达', '上级下达') is no part of its name
        ("中央下达某某政法转移支付资金预算120万元。", {("某某政法转移支付资金", "budget"): Decimal("1200000.00")}),
        ("上级下达某某补助资金30万元。", {("某某补助资金", "budget"): Decimal("300000.00")}),
        # the unit as the subject and its asking before the allocation verb: the fund and its items all the same
        ("本局申请安排省级渔业资金共620万元，其中：增殖放流80万元，渔港维护40万元。",
         {("省级渔业资金", "budget"): Decimal("6200000.00"), ("增殖放流", "budget"): Decimal("800000.00"),
          ("渔港维护", "budget"): Decimal("400000.00")}),
        # the year and the whole county as the subject, and what it should allocate
        ("2022年全县应安排某某营养改善补助资金2439.5万元，截至年底已全部拨付。",
         {("某某营养改善补助资金", "budget"): Decimal("24395000.00")}),
        # a fund's quota (指标) is what it was given; near miss: what some firms or households were
        # paid is no project, though a programme may open with a count ('一户一宅')
        ("下达某某锅炉改造专项资金指标154万元。", {("某某锅炉改造专项资金", "budget"): Decimal("1540000.00")}),
        ("一家企业某某工贸资金2万元未到位，3户农户危房改造补助资金6万元已发放。", {}),
        ("一户一宅改造项目资金35万元。", {("一户一宅改造项目资金", "budget"): Decimal("350000.00")}),
        # a quoted project with its figure in the bracket after it
        ("将该笔资金拨至某旗，用于“某某河道清淤整治项目”（315万元）和“某某泵站改造工程”（86.5万元）。",
         {("某某河道清淤整治项目", "budget"): Decimal("3150000.00"), ("某某泵站改造工程", "budget"): Decimal("865000.00")}),
        # near miss: a quoted slogan is no project, and a bracket not right after the quote is no project's figure
        ("落实“深化放管服改革”（12万元），推进“某某泵站改造工程”建设，共投入（50万元）。", {}),
    ],
)
def test_a_funds_sub_items_after_its_figure(text, expected):
    money = document_money(Document([Paragraph(text, 1)]), 2021)
    assert {(m.name, m.phase): m.amount_yuan for m in money if m.kind == "project"} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a verb of spending alone after a line's budget goes on with that line, as spent
        ("财政预算项目资金8万元，支付7.5万元。",
         {("budget", "项目支出", "budget"): Decimal("80000.00"), ("budget", "项目支出", "final"): Decimal("75000.00")}),
        ("公务接待费预算2万元，已使用1.6万元。",
         {("budget", "公务接待费", "budget"): Decimal("20000.00"), ("budget", "公务接待费", "final"): Decimal("16000.00")}),
        # near miss: after an income figure the verb names no spending of it
        ("收入预算30万元，使用20万元。", {("budget", "收入合计", "budget"): Decimal("300000.00")}),
        # 该项目 + a phase + 资金为: the whole of the document's project, as 本项目全年预算 is
        ("该项目年初预算资金为12万元，全部为市级财政资金。", {("budget", "支出合计", "budget"): Decimal("120000.00")}),
        # this project's money with no phase word is what it was given, and what has been paid of it
        # (已执行支付) is its spending
        ("2021年度该项目资金284.5万元，已执行支付266.8万元，执行率93.78%。",
         {("budget", "项目支出", "budget"): Decimal("2845000.00"), ("budget", "项目支出", "final"): Decimal("2668000.00")}),
        # a named project's 总投资 is that project's planned whole: what it was given
        ("某某村道路硬化工程项目总投资312.5万元。", {("project", "某某村道路硬化工程项目", "budget"): Decimal("3125000.00")}),
        # near miss: a bare 总投资 names no project and no line
        ("全县总投资312.5万元。", {}),
        # the money as a whole named only by where it comes from, or a transfer payment's form's
        # own (a form's column letters aside): the document's total (its project's, in a project's
        # document); near miss: 项目资金 is the line of project spending
        ("年度财政资金预算700万元，执行425万元。",
         {("budget", "支出合计", "budget"): Decimal("7000000.00"), ("budget", "支出合计", "final"): Decimal("4250000.00")}),
        ("转移支付预算数(A) 5.8万 预算执行率(B/A) 100%",  {("budget", "支出合计", "budget"): Decimal("58000.00")}),
        # what the unit's budget arranges in all is its whole budget
        ("本部门2021年预算共安排资金203.14万元。", {("budget", "支出合计", "budget"): Decimal("2031400.00")}),
        # near miss: a level of government's share is no whole, but a line of its own
        ("省级财政配套资金执行208.8万元。", {("budget", "省级财政配套资金", "final"): Decimal("2088000.00")}),
        ("项目资金预算50万元，执行45万元。",
         {("budget", "项目支出", "budget"): Decimal("500000.00"), ("budget", "项目支出", "final"): Decimal("450000.00")}),
    ],
)
def test_a_spending_verb_this_projects_budget_and_a_projects_total_investment(text, expected):
    money = document_money(Document([Paragraph(text, 1)]), 2021)
    assert {(m.kind, m.name, m.phase): m.amount_yuan for m in money} == expected


SUMMARY_OF_RESULTS = "\n".join([
    "主管部门:               单位:万元",
    "序号 项目名称 项目实施单位 预算数(调整后) 执行数(至2022年底) 结余数 结余交回财政数 自评得分 自评结果应用意见",
    "中央 省级 市级 区级",
    "1 某某街道背街小巷改造经费 某某区城市管理局       120.5 118.2 2.3   96  ",
    "2 提前下达2022年中央农村公路养护补助资金 某某区城市管理局 40       40 0   100  ",
    "3 2021年省级环境整治资金 某某区城市管理局   15.5     12 3.5   88  ",
])


def test_a_table_of_projects_under_a_budget_broken_down_by_level_of_government():
    """Cells apart by spaces, each empty cell a space of its own; 项目名称 in the second column;
    预算数(调整后) over one column per level of government; 结余数 is what is left, no phase."""
    money = document_money(parse_text(SUMMARY_OF_RESULTS + "\n"), 2022)
    assert {(m.kind, m.name, m.phase): m.amount_yuan for m in money} == {
        ("project", "某某街道背街小巷改造经费", "adjusted"): Decimal("1205000.00"),
        ("project", "某某街道背街小巷改造经费", "final"): Decimal("1182000.00"),
        # a name as written, its 下达 and its year kept
        ("project", "提前下达2022年中央农村公路养护补助资金", "adjusted"): Decimal("400000.00"),
        ("project", "提前下达2022年中央农村公路养护补助资金", "final"): Decimal("400000.00"),
        ("project", "2021年省级环境整治资金", "adjusted"): Decimal("155000.00"),
        ("project", "2021年省级环境整治资金", "final"): Decimal("120000.00"),
    }


def test_the_scores_of_such_a_table_stand_in_its_score_column():
    from pipelines.extract.projects import table_project_scores

    scores = table_project_scores(parse_text(SUMMARY_OF_RESULTS + "\n"))
    assert scores == {"某某街道背街小巷改造经费": (96.0, None), "提前下达2022年中央农村公路养护补助资金": (100.0, None),
                      "2021年省级环境整治资金": (88.0, None)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a numbered item opening on its project's name (a comma may stand inside it): the fund
        # given to it and what was paid are that project's, the treasury's fund named so
        ("2、某某村村内干道,巷道硬化建设项目,新建道路3公里。2021年下达财政专项扶贫资金120万元,截至年底,实际已支付110.5万元。",
         {("project", "某某村村内干道,巷道硬化建设项目", "budget"): Decimal("1200000.00"),
          ("project", "某某村村内干道,巷道硬化建设项目", "final"): Decimal("1105000.00")}),
        # near miss: a numbered sentence is no project's name; the fund is a project of its own
        ("2、按照要求开展道路建设项目,下达财政专项扶贫资金120万元。",
         {("project", "财政专项扶贫资金", "budget"): Decimal("1200000.00")}),
    ],
)
def test_a_numbered_paragraph_about_one_project(text, expected):
    assert prose_facts(text, 2021) == expected


def prose_facts(text: str, year: int) -> dict:
    """(kind, name, phase) → amount of a one-paragraph document's money."""
    return {(m.kind, m.name, m.phase): m.amount_yuan for m in document_money(Document([Paragraph(text, 1)]), year)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fund's name keeps the year it is written with, and an advance on next year's is a fund
        # of its own; near miss: a year before a line of the unit is no part of the line
        ("分别为：（1）2019年省级某某服务补助资金102.04万元。（2）提前下达2019年中央某某专项资金175.78万元。",
         {("project", "2019年省级某某服务补助资金", "budget"): Decimal("1020400.00"),
          ("project", "提前下达2019年中央某某专项资金", "budget"): Decimal("1757800.00")}),
        ("2019年差旅费支出2.5万元。", {("budget", "差旅费", "final"): Decimal("25000.00")}),
        # a name that joins two fields with 、 carries no figure before the 、; near miss: lines
        # listed before the line their sum is
        ("1.公共文化服务、交流合作及文化保护项目资金614万元，实施项目10个。",
         {("project", "公共文化服务、交流合作及文化保护项目资金", "budget"): Decimal("6140000.00")}),
        ("支付工资、奖金等人员经费30万元。", {("budget", "人员经费", "final"): Decimal("300000.00")}),
        # money allocated to a project named after the figure ('安排…万元支持某某项目'), an allocation
        # said with an adverb before it ('专门安排')
        ("安排5440万元支持配售型保障性住房项目。",
         {("project", "配售型保障性住房项目", "budget"): Decimal("54400000.00")}),
        ("文件批复，专门安排党校事业发展经费183万元，为党校办学提供了保障。",
         {("project", "党校事业发展经费", "budget"): Decimal("1830000.00")}),
        # the budget's quota (指标金额) and the money paid out of it
        ("2020年度财政划给某局某某经费，指标金额是110万元，实际拨付金额是108万元。",
         {("budget", "支出合计", "budget"): Decimal("1100000.00"), ("budget", "支出合计", "final"): Decimal("1080000.00")}),
        # a project's whole investment, its project named by the document's title: what it was given
        ("实施某某通组道路工程，项目总投资19万元。", {("budget", "支出合计", "budget"): Decimal("190000.00")}),
        ("项目预算总投资27.6万元；", {("budget", "支出合计", "budget"): Decimal("276000.00")}),
    ],
)
def test_prose_project_names_as_written_and_their_money(text, expected):
    assert prose_facts(text, 2019) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a paragraph headed by its fund's name and 绩效自评综述: the figures its words of phase and
        # money give are that fund's
        ("(一)某某事业发展工作经费绩效自评综述:项目全年预算数129万元,执行数为120.6万元,资金执行率为93.49%。",
         {("project", "某某事业发展工作经费", "adjusted"): Decimal("1290000.00"),
          ("project", "某某事业发展工作经费", "final"): Decimal("1206000.00")}),
        ("(二)某某救助经费绩效自评综述:项目年预算批复金额为90万元,实际执行资金总额97.7万元。",
         {("project", "某某救助经费", "budget"): Decimal("900000.00"),
          ("project", "某某救助经费", "final"): Decimal("977000.00")}),
        # a named project's spending ('某某项目支出'); near miss: a unit's kind of 项目支出
        ("(1)某某免费开放项目支出25.5万元，用于图书购置。", {("project", "某某免费开放项目", "final"): Decimal("255000.00")}),
        ("行政单位项目支出25.5万元。", {("budget", "项目支出", "final"): Decimal("255000.00")}),
        # what a figure includes (含对下转移支付资金) is no project; the budget asked for (申报预算资金)
        # is the money as a whole
        ("共涉及项目3个，资金289万元(含对下转移支付资金70万元)。", {}),
        ("申报预算资金173万元，已完成批复。", {("budget", "支出合计", "budget"): Decimal("1730000.00")}),
    ],
)
def test_a_funds_own_paragraph_and_what_is_no_project(text, expected):
    assert {k: v for k, v in prose_facts(text, 2019).items() if k[0] == "project" or k[1] in ("支出合计", "项目支出")} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the place the money went to as the subject of its phase ('全区执行数'): the money as a whole
        # (a project report's own project's); a programme named after 我区 and before the phase is
        # that programme's; near miss: 我局 is the unit, not a place, and a short subject is no name
        ("2021年，我区某某居民医疗保障补助全年预算数520.5万元，全区执行数498.2万元。",
         {("project", "某某居民医疗保障补助", "adjusted"): Decimal("5205000.00"),
          ("budget", "支出合计", "final"): Decimal("4982000.00")}),
        ("我局某某居民医疗保障补助全年预算数520.5万元。", {}),
        ("全县社会保障和就业支出预算数500万元。", {}),
        ("全县教育全年预算数520.5万元。", {}),
        # a fund raised (筹集) and each level's share of it after 其中; near miss: a share of a
        # fund that is no level's is its sub-item
        ("共筹集某某救助补助资金300万元，其中：中央财政某某救助补助资金200万，旗县(区)本级某某救助补助资金100万元。",
         {("project", "某某救助补助资金", "budget"): Decimal("3000000.00")}),
        ("共筹集某某救助补助资金300万元，其中：困难家庭救助200万元，临时救助100万元。",
         {("project", "某某救助补助资金", "budget"): Decimal("3000000.00"),
          ("project", "困难家庭救助", "budget"): Decimal("2000000.00"),
          ("project", "临时救助", "budget"): Decimal("1000000.00")}),
        # the units a fund went to are not its items (near miss: an item beside one is)
        ("中央财政下达我市某某救助补助资金90万元，其中：儿童福利院40万元，救助管理站50万元。",
         {("project", "某某救助补助资金", "budget"): Decimal("900000.00")}),
        ("中央财政下达我市某某救助补助资金90万元，其中：困难家庭救助40万元，救助管理站50万元。",
         {("project", "某某救助补助资金", "budget"): Decimal("900000.00"),
          ("project", "困难家庭救助", "budget"): Decimal("400000.00")}),
        # a kind of fund given to the project named after it ('…，用于某某项目'); near miss: a named
        # fund keeps its own name
        ("2022年下达财政衔接资金150万元，用于2022年某某县蔬菜大棚补贴项目。",
         {("project", "2022年某某县蔬菜大棚补贴项目", "budget"): Decimal("1500000.00")}),
        ("下达某某产业发展资金150万元，用于2022年某某县蔬菜大棚补贴项目。",
         {("project", "某某产业发展资金", "budget"): Decimal("1500000.00")}),
    ],
)
def test_a_programmes_money_by_place_its_levels_shares_recipients_and_what_it_was_used_for(text, expected):
    assert {k: v for k, v in prose_facts(text, 2021).items() if k[0] == "project" or k[1] == "支出合计"} == expected


def test_a_fund_handed_down_to_us_after_who_gave_it():
    """'…共下达我县某某补助经费725.63万元': the fund handed down is named after the words saying so.
    Near miss: money handed down without a fund's name is no project."""
    facts = prose_facts("2021年度中央和省级财政农业相关资金共下达我县某某防疫专项补助经费725.63万元。", 2021)
    assert facts == {("project", "某某防疫专项补助经费", "budget"): Decimal("7256300.00")}
    assert prose_facts("上级下达我县资金50万元。", 2021) == {}


def test_a_half_width_full_stop_after_words_ends_a_label():
    """'…16万元.某某…': a page writing its full stops half-width; near miss: the point inside a
    figure ('6.47万元') is no stop."""
    paragraph = Paragraph("省级拨付某某补助资金62.5万元.中央财政某某补贴资金16.25万元。", 3)
    assert {(m.name, m.amount_yuan) for m in prose_money(paragraph, 2023) if m.kind == "project"} == {
        ("某某补助资金", Decimal("625000.00")), ("中央财政某某补贴资金", Decimal("162500.00")),
    }


def test_a_part_named_with_支出_after_a_budgeted_whole_is_budgeted():
    """'预算支出…，其中：人员经费支出…' lists the budget's parts: 支出 there is the line's word. Near
    miss: after a whole that was spent, the same parts are what was spent."""
    paragraph = Paragraph("2023年某某局预算支出500万元，其中：人员经费支出300万元，项目资金支出200万元。"
                          "实际支出480万元，其中：人员经费支出290万元，项目资金支出190万元。", 3)
    assert facts_of(prose_money(paragraph, 2023)) == {
        ("支出合计", "budget", None): Decimal("5000000.00"),
        ("人员经费", "budget", None): Decimal("3000000.00"),
        ("项目支出", "budget", None): Decimal("2000000.00"),
        ("支出合计", "final", None): Decimal("4800000.00"),
        ("人员经费", "final", None): Decimal("2900000.00"),
        ("项目支出", "final", None): Decimal("1900000.00"),
    }


def test_procurement_by_kind_is_a_disclosures_line_not_a_project():
    """'政府采购工程支出39万元' is what was procured as works, no 工程 project; the unit's name before
    the total is no part of it. Near miss: a project of procurement keeps its reading."""
    paragraph = Paragraph("2022年，永仁县某某局政府采购支出总额70万元，其中：政府采购货物支出10万元、政府采购工程支出"
                          "20万元、政府采购服务支出40万元。", 12)
    money = prose_money(paragraph, 2022)
    assert {m.kind for m in money} == {"budget"}
    assert facts_of(money) == {
        ("政府采购支出总额", "final", None): Decimal("700000.00"),
        ("政府采购货物支出", "final", None): Decimal("100000.00"),
        ("政府采购工程支出", "final", None): Decimal("200000.00"),
        ("政府采购服务支出", "final", None): Decimal("400000.00"),
    }
    assert classify_label("政府采购工程")[0] == "project"


def test_an_economic_line_listed_under_both_basic_and_project_spending_is_each_ones_share():
    """'基本支出…，其中：…商品和服务支出20万元' and '项目支出…，其中：商品和服务支出15万元' give one line
    twice, each spending's share. Near misses: a line listed under one of them only is the line's
    figure (CONTRACT.md adds the type where it tells two figures apart); under the whole spending
    it has no type."""
    document = parse_text("2024年我办基本支出80万元，其中：工资福利支出60万元、商品和服务支出20万元。\n\n"
                          "2024年我办项目支出15万元，其中：商品和服务支出15万元。\n")
    assert facts_of(document_money(document, 2024)) == {
        ("基本支出", "final", None): Decimal("800000.00"),
        ("工资福利支出", "final", None): Decimal("600000.00"),
        ("商品和服务支出", "final", "basic"): Decimal("200000.00"),
        ("项目支出", "final", None): Decimal("150000.00"),
        ("商品和服务支出", "final", "project"): Decimal("150000.00"),
    }
    paragraph = Paragraph("2024年我办支出合计95万元，其中：工资福利支出60万元、商品和服务支出35万元。", 14)
    assert facts_of(prose_money(paragraph, 2024))[("商品和服务支出", "final", None)] == Decimal("350000.00")


def test_the_parts_a_whole_includes_share_its_phase():
    """'支出预算500万元，包括基本支出300万元、项目支出200万元' lists the budget's parts; 使用非财政拨款结余
    is a line of income every disclosure states, though it opens on a verb. Near miss: without a
    whole before them, the same lines naming no phase are what was spent."""
    paragraph = Paragraph("2021年初某某厅收入预算600万元，其中事业收入500万元、使用非财政拨款结余100万元。"
                          "2021年初某某厅支出预算500万元，包括基本支出300万元、项目支出200万元。", 3)
    assert facts_of(prose_money(paragraph, 2021)) == {
        ("收入合计", "budget", None): Decimal("6000000.00"),
        ("事业收入", "budget", None): Decimal("5000000.00"),
        ("使用非财政拨款结余", "budget", None): Decimal("1000000.00"),
        ("支出合计", "budget", None): Decimal("5000000.00"),
        ("基本支出", "budget", None): Decimal("3000000.00"),
        ("项目支出", "budget", None): Decimal("2000000.00"),
    }
    paragraph = Paragraph("2021年基本支出300万元、项目支出200万元。", 4)
    assert facts_of(prose_money(paragraph, 2021))[("基本支出", "final", None)] == Decimal("3000000.00")


@pytest.mark.parametrize(
    ("text", "spent"),
    [
        # a verb of spending after the budget's parts is what was spent, not a part's line word
        ("2022年某某项目预算资金50万元，其中：中央资金30万元，县级资金20万元；截至2022年12月31日，项目资金已支出48万元。",
         Decimal("480000.00")),
        ("2022年度某某项目批复预算资金200万元，其中：工程建设资金180万元，工程建设资金共支出175万元。", Decimal("1750000.00")),
        # '不包括' and a '包括' that lists no figures open no parts
        ("2022年预算安排工作经费30万元（不包括人员工资），全年工作经费共支出28万元。", Decimal("280000.00")),
        ("该项目年初预算30万元，资金使用范围包括设备购置和人员培训，项目资金共支出28万元。", Decimal("280000.00")),
    ],
)
def test_money_spent_after_a_budgets_parts_stays_spent(text, spent):
    money = prose_money(Paragraph(text, 1), 2022)
    assert spent in {m.amount_yuan for m in money if m.phase == "final"}
    assert spent not in {m.amount_yuan for m in money if m.phase == "budget"}


def test_a_spending_that_is_itself_a_part_gives_the_lines_after_it_no_type():
    """'支出合计…，其中基本支出…、项目支出…，其中：工资福利支出…' lists the whole spending's lines
    after its last part; a line given under 基本支出 and as a total is no basic/project pair."""
    document = parse_text("2022年度本年支出合计500万元，其中基本支出300万元、项目支出200万元，其中：工资福利支出250万元，"
                          "商品和服务支出200万元，资本性支出50万元。\n\n"
                          "基本支出300万元，其中：工资福利支出250万元，商品和服务支出50万元。\n")
    typed = {(m.name, m.spending_type) for m in document_money(document, 2022) if m.spending_type}
    assert typed == set()
    document = parse_text("2022年度基本支出300万元，其中：工资福利支出250万元，商品和服务支出50万元。\n\n"
                          "2022年度支出按经济分类：工资福利支出250万元，商品和服务支出200万元。\n")
    assert {(m.name, m.spending_type) for m in document_money(document, 2022) if m.name == "工资福利支出"} == {
        ("工资福利支出", None)}


def test_a_procurement_total_is_no_total_of_the_unit():
    assert classify_label("政府采购支出合计") == ("budget", "政府采购支出合计", False)
    assert classify_label("支出合计") == ("budget", "支出合计", True)  # near miss


def test_a_budgets_numbered_project_list_goes_on_past_a_note_under_an_item():
    """'安排项目支出…，具体项目情况说明如下：' then '1、某某补贴64320元；' '测算标准：…' '2、…': every item is a
    project the budget gave (the list's 项目支出 names no phase: a budget's), whatever its name ends with
    and though one holds a figure ('第2届…会议经费'). Near miss: an item out of turn ('5、…' after '3、')
    is no item of the list."""
    document = parse_text(
        "2017年安排项目支出300000元，具体项目情况说明如下：\n\n"
        "1、代表履职补贴64320元；\n\n测算标准：268名代表，年人均240元。\n\n"
        "2、第2届代表大会会议经费84770元；\n\n3、报刊征订12000元，同上年；\n\n5、资料印刷9000元。\n")
    projects = {(m.name, m.phase): m.amount_yuan for m in document_money(document, 2017) if m.kind == "project"}
    assert projects == {
        ("代表履职补贴", "budget"): Decimal("64320.00"),
        ("第2届代表大会会议经费", "budget"): Decimal("84770.00"),
        ("报刊征订", "budget"): Decimal("12000.00"),
    }
    # a list numbered in words goes on as well, each item a heading's number of its own
    document = parse_text("2017年安排项目支出90000元，具体项目情况说明如下：\n\n一、代表履职补贴64320元；\n\n二、资料印刷9000元。\n")
    assert {m.name for m in document_money(document, 2017) if m.kind == "project"} == {"代表履职补贴", "资料印刷"}
