"""An evaluation's score by part, as a table or run into the prose, kept only where its sums check."""

from pipelines.documents.text_reader import parse_text
from pipelines.extract.part_scores import part_scores


def _parts(text: str) -> list[tuple]:
    return [(row.level1, row.level3, row.weight, row.score) for row in part_scores(parse_text(text))]


def test_a_score_table_run_into_the_prose_gives_each_part():
    text = ("某某区某某局2019年度部门整体支出绩效评价总分为88分，各部分得分如下：评价内容 标准分值 评价得分 "
            "决策 15 13 过程 25 22 产出 40 36 效益 20 17 总分 100 88 （二）评价结论\n")
    assert _parts(text) == [("决策", "决策", 15.0, 13.0), ("过程", "过程", 25.0, 22.0),
                            ("产出", "产出", 40.0, 36.0), ("效益", "效益", 20.0, 17.0)]


def test_parts_written_with_their_share_and_points_in_fen():
    text = "绩效评价结果 评价准则 分值 实际得分 项目完成情况 (70%) 70分 61分 项目管理水平 (30%) 30分 24.5分 综合绩效 100分 85.5分\n"
    assert _parts(text) == [("项目完成情况", "项目完成情况", 70.0, 61.0), ("项目管理水平", "项目管理水平", 30.0, 24.5)]


def test_a_score_table_as_a_table():
    text = "评价内容 | 标准分值 | 评价得分 |\n投入 | 20 | 18 |\n过程 | 30 | 27 |\n产出 | 50 | 44 |\n合计 | 100 | 89 |\n"
    assert _parts(text) == [("投入", "投入", 20.0, 18.0), ("过程", "过程", 30.0, 27.0), ("产出", "产出", 50.0, 44.0)]


def test_parts_whose_sums_do_not_check_or_that_end_on_no_total_are_left_out():
    # the points do not add up to the total's (a row lost, or a figure read into the wrong row)
    assert _parts("评价内容 标准分值 评价得分 投入 16 12 过程 28 25 产出 36 36 总分 100 92\n") == []
    # no total after the rows: where they end is a guess
    assert _parts("评价内容 标准分值 评价得分 投入 16 12 过程 28 25 二、评价结论\n") == []
    # a score above its points is no part
    assert _parts("评价内容 标准分值 评价得分 投入 16 18 过程 84 74 总分 100 92\n") == []
