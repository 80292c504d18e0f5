"""pipelines.normalize.lines: a report's words for a budget line → the canonical line of
budget_lines.csv.

Rules covered, one row each with a near miss:
- clean_label: numbering (一、 （一） （1）), years (2021年度, but 年末 is kept), noise words
  (其中, 本年, 我局…), a phase word before (决算收入) or after (…决算支出数, …共计) the name,
  a connective (…主要有X → X), a doubled 支出, a closing verb (…为);
- match_line: aliases of the csv and the extra ones (一般公共预算, 公务用车购置及运行费), the bare
  totals (收入/支出 only as the whole label: 事业收入 stays 事业收入), '…合计/小计' as the total
  of that line, the noun nearest the figure (…中三公经费支出), a list of lines (水费、电费) is
  none of them, unknown names are None;
- loose_key: spaces, quotes, connectives and a trailing 支出/费 ignored;
- is_total_word, parts_of, is_part_of, line_info;
- carries_in_to: last year's carry-over named by its year is this year's opening balance.
"""

from __future__ import annotations

import pytest

from pipelines.normalize.lines import (
    carries_in_to, clean_label, is_part_of, is_total_word, line_info, loose_key, match_line, parts_of,
)


@pytest.mark.parametrize(
    ("label", "cleaned"),
    [
        ("一、收入合计", "收入合计"),
        ("（一）财政拨款收入", "财政拨款收入"),
        ("其中：基本工资", "基本工资"),
        ("其中包含某某整治项目经费", "某某整治项目经费"),  # the verb after 其中 (其中包含…经费10万元)
        ("2021年度三公经费支出", "三公经费支出"),
        ("2021年末结转和结余", "年末结转和结余"),  # 年末 belongs to the name, not to the year
        ("本年收入合计", "收入合计"),
        ("我局全年预算收入", "收入"),
        ("决算收入", "收入"),
        ("“三公”经费决算支出数", "“三公”经费"),
        ("项目资金共计", "项目资金"),
        ("“三公”经费决算数共计", "“三公”经费"),  # 共计, then the phase before it
        # how a fee was paid for is no part of its name; 公务车 is short for 公务用车
        ("“三公”经费财政拨款", "“三公”经费"),
        ("公务车购置及运行维护费", "公务用车购置及运行维护费"),
        ("财政拨款", "财政拨款"),  # near miss: the funding alone is the income line
        ("项目支出主要有组织事务支出", "组织事务支出"),
        ("组织事务支出支出", "组织事务支出"),
        ("收入合计为", "收入合计"),
        ("基本支出就", "基本支出"), ("项目支出共", "项目支出"),  # a verb before the figure
        ("一般公共", "一般公共"),  # near miss: the 共 of 公共
        ("及其他资金", "其他资金"), ("及时对某某救灾资金", "某某救灾资金"),  # an adverb and a preposition before the name
        ("对个人和家庭的补助", "对个人和家庭的补助"),  # near miss: 对 opens a line's name
        ("支出预算为", "支出"),
        # an evaluator's note marker is no part of a name
        ("【注2】各参与单位自筹资金", "各参与单位自筹资金"), ("某某示范项目[注1]", "某某示范项目"),
        ("注意事项经费", "注意事项经费"),  # near miss: 注 in a name
        # near misses: nothing around the name to strip
        ("事业收入", "事业收入"),
        ("预算管理一体化运维经费", "预算管理一体化运维经费"),  # 预算管理 is part of the name
        # the docstring's own example: numbering and noise alternate
        pytest.param(
            "其中：（1）基本工资", "基本工资",
        ),
    ],
)
def test_clean_label(label, cleaned):
    assert clean_label(label) == cleaned


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("一、收入合计", "收入合计"),
        ("本年收入合计", "收入合计"),  # an alias of the csv
        ("（一）财政拨款收入", "财政拨款收入"),
        ("一般公共预算", "财政拨款收入"),  # an extra alias
        ("公务用车购置及运行费", "公务用车购置及运行维护费"),  # the 决算 三公 table's short header
        ("公务用车运行支出", "公务用车运行维护费"),  # extra aliases of the parts
        ("公务用车购置支出", "公务用车购置费"),
        ("公务用车购置及运维费", "公务用车购置及运行维护费"),
        ("车辆运行维护费支出", "公务用车运行维护费"),  # a unit's vehicles are its official ones
        ("车辆购置支出", "公务用车购置费"),
        ("“三公”经费支出合计", "三公经费合计"),  # not the unit's whole spending
        ("“三公”经费支出决算总额", "三公经费合计"),  # a phase and 总额 after the name
        ("预算总额", None),  # near miss: nothing of a name is left
        ("年初结转、结余", "年初结转和结余"),
        ("因公出国(境)费", "因公出国（境）费"),  # half-width brackets
        ("会议费支出", "会议费"),
        ("职工福利费", "福利费"),
        ("收入", "收入合计"),  # a bare total, as the whole label
        ("决算支出", "支出合计"),
        ("2021年度三公经费支出", "三公经费合计"),
        ("日常公用经费中三公经费支出", "三公经费合计"),  # the noun nearest the figure
        ("人员经费合计", "人员经费"),  # the total of that line
        ("“三公”经费总支出", "三公经费合计"),  # 总支出 after a line is its total too
        ("局机关总支出", "支出合计"),  # the unit's own 总支出, an alias written whole
        ("工资福利性支出", "工资福利支出"),
        ("公务接待经费", "公务接待费"),  # a 三公 item named as 经费, not a project
        ("因公出国(境)经费", "因公出国（境）费"),
        ("一般公共预算收入", "财政拨款收入"),  # a unit's budget income
        ("上年结转收入", "年初结转和结余"),
        ("一般公共预算及政府性基金财政拨款“三公”经费支出", "三公经费合计"),  # both funds: the whole
        ("总支出", "支出合计"),  # near miss: alone it is the whole spending
        ("基本支出小计", "基本支出"),
        ("项目资金共计", "项目支出"),
        ("2021年末结转和结余", "年末结转和结余"),
        ("我校收入", "收入合计"),  # a school, a hospital, a kindergarten speaking of itself
        ("2022年某某镇人民政府收入预算总额为", "收入合计"),  # a unit naming itself before its income
        ("某某县公安局支出", "支出合计"),
        ("某某中学事业收入", "事业收入"),  # near miss: the unit, then one line of its income
        ("我院支出", "支出合计"),
        ("日常公用支出", "公用经费"),  # extra aliases of the two parts of 基本支出
        ("人员支出", "人员经费"),
        # near misses
        ("事业收入", "事业收入"),  # not the bare total 收入合计
        ("其他收入", "其他收入"),
        ("水费、电费、差旅费", None),  # a group of lines, none of them alone
        ("农林水支出", None),  # a functional class, not the 水费 its last character would make
        ("水费支出", "水费"),  # near miss: the line itself, with 支出 after it
        ("办公费、印刷费", None),
        ("某某专项经费", None),
        ("组织事务支出", None),
        ("在职人员", None),
        ("合计", None),  # a total of what is left to the table
        ("某某卫生院单位支出", "支出合计"),  # a unit naming itself, then 单位支出
        ("2021年某某区某某分局部门预算收入", "收入合计"),  # …then 部门 and the phase before its income
        ("某某中心预算管理收入", None),  # near miss: no unit's subject, a word of another line
        ("公共预算财政经费拨款", "财政拨款收入"),  # 财政拨款 with 经费 written in
        ("上年结转和结余", "年初结转和结余"),  # what the last year carried over
        # the current period's income and spending are the totals; near miss: a period's part
        ("当期取得收入", "收入合计"), ("当期发生支出", "支出合计"), ("当期事业收入", "事业收入"),
        # a balance in words of its own: the year's end, or what the last year's end carried in
        ("2023年年末结余自有资金", "年末结转和结余"), ("收到2022年底结转2023年的自有资金", "年初结转和结余"),
        ("结余资金", None),  # near miss: a balance of no time said
        ("公务用车运行维护及购置费", "公务用车购置及运行维护费"),  # the two words the other way round
        # near miss: one kind of fund's share of a line is not the whole line
        ("政府性基金预算财政拨款收入", None),
        ("一般公共预算财政拨款收入", "财政拨款收入"),
        # a named project's money is no line of the unit; near miss: the phase or fund before it
        ("农村改厕项目资金", None),
        ("年初预算项目资金", "项目支出"),
        ("免费开放项目支出", None), ("行政单位项目支出", "项目支出"),
        ("单位其它收入", "其他收入"), ("其它商品和服务支出", "其他商品和服务支出"),  # 其它 is 其他
        ("财政拨款项目资金", "项目支出"),
        # a total of 收入/支出 written with 数 or 总额
        pytest.param(
            "支出合计数", "支出合计",
        ),
        pytest.param(
            "收入合计数", "收入合计",
        ),
        pytest.param(
            "支出总额", "支出合计",
        ),
        # …or with 总 before its phase ('收入总预算', '支出总决算'); near miss: a part's phase
        ("2023年收入总预算", "收入合计"), ("支出总决算", "支出合计"), ("事业收入总预算", "事业收入"),
        # what came in from last year (上年结余转入) and what this year leaves (本年结余结转); near miss:
        # a carry-over named only by its words, whose year is not said
        # the fiscal part of the spending is a total of its own, no 支出合计 (nor 财政拨款收入)
        ("财政拨款支出", None), ("一般公共预算财政拨款支出", None), ("一般公共预算财政拨款基本支出", "基本支出"),
        ("一般公共预算总支出", None),  # (spending, never 财政拨款收入 for its 一般公共预算)
        ("上年结余转入", "年初结转和结余"), ("本年结余结转", "年末结转和结余"), ("结余结转", None),
        # a word on what the line is, in brackets after it; near misses: a project's phase in brackets,
        # the one-character bracket of 因公出国(境)
        ("工资福利支出(人员支出)", "工资福利支出"), ("商品和服务支出（公用支出）", "商品和服务支出"),
        ("某某道路工程(一期)", None), ("因公出国(境)", "因公出国（境）费"),
        # …only a kind of spending after an economic line: a class of its own, a scope, a sub-item, a
        # project's phase stay as they were
        ("资本性支出（基本建设）", None), ("支出合计（财政拨款）", None), ("基本支出（人员经费）", None),
        ("县人民医院专用设备购置（二期）", None), ("财政拨款收入（政府性基金）", None),
    ],
)
def test_match_line(label, line):
    assert match_line(label) == line


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("三公经费支出", "“三公”经费", True),
        ("水费和电费", "水费电费", True),
        ("因公出国（境）费用", "因公出国(境)费", True),
        ("差旅 费", "差旅费", True),
        # near miss: different words stay different
        ("差旅费", "会议费", False),
        ("事业收入", "经营收入", False),
    ],
)
def test_loose_key(a, b, same):
    assert (loose_key(a) == loose_key(b)) is same


@pytest.mark.parametrize(
    ("label", "expected"),
    [("合计", True), ("小计", True), ("总计", True), ("合计数", True), (" 合 计 ", True),
     ("收入合计", False), ("合计金额", False)],
)
def test_is_total_word(label, expected):
    assert is_total_word(label) is expected


def test_parts_of_the_contract_breakdown():
    assert parts_of("基本支出") == ["人员经费", "公用经费"]


def test_parts_of_public_funds_are_the_goods_and_services_classes():
    parts = parts_of("公用经费")
    assert "办公费" in parts and "差旅费" in parts
    assert "基本工资" not in parts


def test_a_leaf_line_has_no_parts():
    assert parts_of("差旅费") == []


@pytest.mark.parametrize(
    ("line", "whole", "expected"),
    [
        ("公务接待费", "三公经费合计", True),
        ("差旅费", "公用经费", True),  # through 商品和服务支出
        ("人员经费", "支出合计", True),  # two levels down
        # near misses
        ("差旅费", "人员经费", False),
        ("事业收入", "支出合计", False),
    ],
)
def test_is_part_of(line, whole, expected):
    assert is_part_of(line, whole) is expected


def test_line_info():
    info = line_info("差旅费")
    assert (info.name, info.econ_code, info.parent) == ("差旅费", "30211", "商品和服务支出")
    assert line_info("某某专项经费") is None


@pytest.mark.parametrize(
    ("label", "fiscal_year", "carried_in"),
    [
        ("2019年结余结转", 2020, True),
        ("1.2019年度结转结余资金", 2020, True),  # its numbering and 资金 around it
        ("2019年末结转和结余", 2020, True),
        ("其中2019年结转", 2020, True),  # the carry-over said in one word
        ("2019年结余结转", 2021, False),  # near miss: not the year before the report's
        ("2019年结余结转", None, False),  # near miss: a report of no known year
        ("2019年结余结转使用情况", 2020, False),  # near miss: more words after the balance
        ("2019年项目支出", 2020, False),  # near miss: last year's figure, no carry-over
    ],
)
def test_carries_in_to(label, fiscal_year, carried_in):
    assert carries_in_to(label, fiscal_year) is carried_in
