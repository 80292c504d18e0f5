"""pipelines.extract.findings: the items under 存在的问题 (problem) and 改进措施 (measure).

Rules covered, one row each with a near miss:
- section_kind: a heading naming 问题 is a problems section, one naming 改进/措施/建议/整改/下一步
  a measures section, one naming both a container (None) unless it answers the problems
  (针对问题提出的…措施); other headings are none;
- a section runs to the next heading of the same or a higher level, another findings heading,
  an 'other' section (其他/自评结果/附件…), a table, a form footer (填表人…), a date line, or a
  signature (a short unnumbered line naming an organisation);
- items: numbered paragraphs, a numbered sub-heading with the text under it ('heading：text'),
  the 一是…二是… parts of one paragraph; a section saying 无/暂无 has none;
- inline: '5.存在的问题：一是…；二是…' is heading and items in one paragraph ('存在的问题主要有：…'
  too), under a section of another kind as well;
- mid-paragraph: a summary's '…，存在的问题：一是…二是…。下一步改进措施：一是…' lists, where no
  section lists that kind.
"""

from __future__ import annotations

import pytest

from pipelines.documents.text_reader import parse_text
from pipelines.extract.findings import document_findings, section_kind


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in document_findings(parse_text(text))]


def para(*lines: str) -> str:
    """Paragraphs as a Word text export writes them: one a line, a blank line between."""
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("三、存在的问题", "problem"),
        ("（一）存在的问题及原因分析", "problem"),
        ("四、改进措施", "measure"),
        ("四、下一步改进措施", "measure"),
        ("（三）整改建议", "measure"),
        ("五、针对问题提出的改进措施和建议", "measure"),  # answers the problems
        # near misses
        ("五、存在的问题和改进措施", None),  # a container of both
        ("二、主要成绩", None),
        ("问题整改情况", None),  # names 问题 and 整改 without answering them
    ],
)
def test_section_kind(heading, kind):
    assert section_kind(heading) == kind


SIGNATURE = ("某某县某某局", "2023年3月1日")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbered items, two sections
        (para("三、存在的问题", "（一）预算编制不够精准。", "（二）绩效目标设置不够细化。",
              "四、改进措施", "1.加强预算编制。", "2.细化绩效目标。", "五、其他需要说明的问题", "无。"),
         [("problem", "预算编制不够精准"), ("problem", "绩效目标设置不够细化"),
          ("measure", "加强预算编制"), ("measure", "细化绩效目标")]),
        # 一是…二是… in one paragraph
        (para("三、主要问题", "一是预算执行偏慢，二是资产管理不规范。", *SIGNATURE),
         [("problem", "预算执行偏慢"), ("problem", "资产管理不规范")]),
        # a numbered sub-heading takes the text under it
        (para("三、存在的问题", "1.预算编制不精准", "部分项目年初预算与实际执行差异较大。", "2.绩效目标不细化",
              "四、改进措施", "加强管理。", *SIGNATURE),
         [("problem", "预算编制不精准：部分项目年初预算与实际执行差异较大。"), ("problem", "绩效目标不细化"),
          ("measure", "加强管理。")]),
        # a container heading, then one section of each kind under it
        (para("五、存在的问题和改进措施", "（一）存在的问题", "预算执行进度偏慢。", "（二）改进措施", "加快预算执行进度。",
              *SIGNATURE),
         [("problem", "预算执行进度偏慢。"), ("measure", "加快预算执行进度。")]),
        # inline heading and items
        (para("5.存在的问题：一是预算编制不精准；二是绩效目标不细化。"),
         [("problem", "预算编制不精准"), ("problem", "绩效目标不细化")]),
        (para("改进措施：一是加强预算编制；二是细化绩效目标。"),
         [("measure", "加强预算编制"), ("measure", "细化绩效目标")]),
        # near misses: sections that say there is nothing
        (para("三、存在的问题", "暂无", "四、改进措施", "无"), []),
        (para("存在问题：无。"), []),
        # near misses: where a section ends
        (para("三、存在的问题", "预算执行进度偏慢。", "四、绩效自评结果", "自评得分90分。"),
         [("problem", "预算执行进度偏慢。")]),
        (para("（三）存在的问题", "预算执行进度偏慢。", "二、下一阶段工作", "继续做好各项工作，确保完成任务。"),
         [("problem", "预算执行进度偏慢。")]),  # a higher-level heading ends it
        ("三、存在的问题\n\n预算执行进度偏慢。\n\n\t项目\n\t得分\n\n\t合计\n\t90\n",
         [("problem", "预算执行进度偏慢。")]),  # a table ends it
        (para("三、存在的问题", "预算执行进度偏慢。", "填表人：张三"), [("problem", "预算执行进度偏慢。")]),
        (para("四、改进措施", "加快预算执行进度。", *SIGNATURE), [("measure", "加快预算执行进度。")]),
        # a short last sentence of the document, with nothing after it
        pytest.param(
            para("四、改进措施", "加快预算执行进度。"), [("measure", "加快预算执行进度。")],
        ),
        # problems said inline ('存在的问题主要有：一是…') under a heading of reasons and measures;
        # near miss: the measures said after them stay measures
        pytest.param(
            para("五、偏离绩效目标的原因和改进措施", "存在的问题主要有：一是资金拨付审核时间长，二是指标设置有待加强。",
                 "改进的具体措施：加强预算管理。", *SIGNATURE),
            [("problem", "资金拨付审核时间长"), ("problem", "指标设置有待加强"), ("measure", "改进的具体措施：加强预算管理。")],
        ),
        # a summary that lists its problems and measures mid-paragraph, each counted off (一是…二是…)
        pytest.param(
            para("本单位对2021年整体支出开展自评，自评得分88分，存在的问题：一是预算编制不够精准，二是资金拨付偏慢。"
                 "下一步改进措施：一是细化预算编制，二是加快资金拨付，三是加强监控。"),
            [("problem", "预算编制不够精准"), ("problem", "资金拨付偏慢"),
             ("measure", "细化预算编制"), ("measure", "加快资金拨付"), ("measure", "加强监控")],
        ),
        # the problems headed with their causes ('主要问题及原因：一是…')
        pytest.param(
            para("某某项目绩效自评综述：自评得分95分。发现的主要问题及原因：一是前期论证不足；二是验收资料归档滞后。"
                 "下一步改进措施：一是加强前期论证；二是及时归档。"),
            [("problem", "前期论证不足"), ("problem", "验收资料归档滞后"), ("measure", "加强前期论证"), ("measure", "及时归档")],
        ),
        # near misses: a list not counted off, and a summary beside a section of the same kind
        pytest.param(para("自评得分88分，存在的问题：预算编制不够精准。"), []),
        pytest.param(
            para("自评得分88分，存在的问题：一是编制粗放，二是拨付慢。", "三、存在的问题", "1.预算编制不够精准。",
                 "2.资金拨付偏慢。", *SIGNATURE),
            [("problem", "预算编制不够精准"), ("problem", "资金拨付偏慢")],  # the section's, not the summary's
        ),
        # 存在的不足 is how many reports head their problems
        pytest.param(
            para("（二）存在的不足", "预算执行进度偏慢，资金拨付不够及时。", *SIGNATURE),
            [("problem", "预算执行进度偏慢，资金拨付不够及时。")],
        ),
    ],
)
def test_document_findings(text, expected):
    assert findings(text) == expected


def test_findings_are_located():
    document = parse_text(para("三、存在的问题", "（一）预算编制不够精准。"))
    assert [f.locator for f in document_findings(document)] == ["paragraph 2"]
