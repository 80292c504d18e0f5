"""The plain-text reader: Word's 'save as text' layout and text encodings."""

import codecs

import pytest

from pipelines.documents.model import Paragraph, Table
from pipelines.documents.text_reader import UnreadableText, decode_text, parse_text

SAMPLE = (
    "某县财政局2021年度部门整体支出绩效自评报告\n\n"
    "一、部门概况\n\n"
    "明细如下（单位：万元）：\n\n"
    "\t项目\n\t收入\n\t支出\n\n"
    "\t预算\n\t10.5\n\t\n\n"
    "\t产出\n指标\n（50分）\n\t9\n\t10\n\n\n"
    "二、存在的问题\n\n"
    "基本工资福利30.5\n\n万元，津补贴2万元。\n"
)


def test_paragraphs_and_tables_in_reading_order():
    document = parse_text(SAMPLE)
    kinds = [type(block) for block in document.blocks]
    assert kinds == [Paragraph, Paragraph, Paragraph, Table, Paragraph, Paragraph]
    table = document.tables[0]
    assert table.rows[0] == ["项目", "收入", "支出"]
    assert table.rows[1] == ["预算", "10.5", ""]  # a blank cell stays in its column
    assert table.rows[2][0] == "产出\n指标\n（50分）"  # a cell's extra lines stay in the cell


def test_a_figure_split_from_its_unit_is_joined():
    document = parse_text(SAMPLE)
    assert document.paragraphs[-1].text == "基本工资福利30.5万元，津补贴2万元。"


def test_locators_count_paragraphs_and_tables():
    document = parse_text(SAMPLE)
    assert document.paragraphs[0].locator == "paragraph 1"
    assert document.tables[0].locator(1, 1) == "table 1 row 2 col 2"


TEXT = "中共某县委办公室2021年度绩效自评报告，收入98.2万元"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le"],
)
def test_encodings_are_detected(data):
    assert decode_text(data) == TEXT


def test_random_bytes_are_refused_with_a_reason():
    with pytest.raises(UnreadableText, match="not text"):
        decode_text(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80, 0x81]) * 3)


def test_artefacts_and_private_data_are_removed():
    document = parse_text("[bookmark: _GoBack]填表人：张三    联系电话：13787340508  邮箱 a.b@example.com\n")
    text = document.paragraphs[0].text
    assert "bookmark" not in text
    assert "13787340508" not in text and "张三" not in text and "example.com" not in text


def test_a_captured_paragraph_of_numbered_project_items_is_split_per_item():
    """A page (or a PDF's text) runs numbered items together; each names its own subject."""
    text = (
        "首页 > 政务公开 > 财政信息\n"
        "（一）本单位共有3个项目1、某某广场维修项目:预算12. 5万元,实际支付12. 5万元。"
        "2、2022年某某专项资金项目:预算8万元,实际支付7万元。另有分别为1、2、3号的设备。\n"
    )
    paragraphs = [p.text for p in parse_text(text).paragraphs]
    assert paragraphs == [
        "（一）本单位共有3个项目",
        "1、某某广场维修项目:预算12.5万元,实际支付12.5万元。",  # a wrapped figure joined
        "2、2022年某某专项资金项目:预算8万元,实际支付7万元。另有分别为1、2、3号的设备。",  # '1、2、3' names nothing
    ]


def test_lines_wrapped_at_the_page_width_are_joined_into_their_paragraphs():
    """Text copied from a PDF: every full line of the page ends mid-sentence."""
    text = "\n".join([
        "（二）公务用车购置及运行维护费支出3.98万元，其中公务用车购",
        "置支出0万元，公务用车运行维护费支出3.98万元，主要用于机要文件",
        "交换和下乡检查。",
        "（三）公务接待费支出1.5万元，全年接待国内来访团组12个，合计",
        "86人次，主要用于上级部门检查指导工作的接待，比上年减少0.5万元",
        "1.55万元为上年结转。",  # a figure starting a line is no numbered item
        "二、其他说明",
    ])
    assert [p.text for p in parse_text(text).paragraphs] == [
        "（二）公务用车购置及运行维护费支出3.98万元，其中公务用车购置支出0万元，公务用车运行维护费支出3.98万元，主要用于机要文件交换和下乡检查。",
        "（三）公务接待费支出1.5万元，全年接待国内来访团组12个，合计86人次，主要用于上级部门检查指导工作的接待，比上年减少0.5万元1.55万元为上年结转。",
        "二、其他说明",  # near miss: a short line, and a numbered one, start paragraphs of their own
    ]


def test_wrapped_lines_of_figures_and_words_are_joined_by_their_shown_width():
    """Justified lines with half-width figures hold fewer characters than lines of words
    alone, yet take the page's width: counted as the page shows them, they are full lines."""
    text = "\n".join([
        "2021 年一般公共预算拨款支出 1234567.8 元,其中:基",
        "本支出 1200000.8 元,项目支出 34567 元,具体支出预算如",
        "下:机构运行 1000000.5 元,其中:基本支出 1000000.5",
        "元,项目支出 0元。主要用于单位日常运转和各项业务工作",
        "的支出。",
        "二、其他说明",
    ])
    paragraphs = [p.text for p in parse_text(text).paragraphs]
    assert paragraphs[0].startswith("2021 年一般公共预算拨款支出 1234567.8 元,其中:基本支出 1200000.8 元")
    assert paragraphs[0].endswith("的支出。") and paragraphs[1:] == ["二、其他说明"]


def test_text_with_one_paragraph_per_line_is_not_joined():
    text = "\n".join(["一、部门概况", "本局共有内设机构5个，编制20人，实有人数18人", "二、存在的问题", "预算编制不够细化"])
    assert len(parse_text(text).paragraphs) == 4


def test_a_project_name_broken_after_its_label_is_joined():
    doc = parse_text("(一)项目基本情况\n项目名称:某县某镇某社区文化\n广场提升改造项目\n项目建设性质:新建\n")
    texts = [p.text for p in doc.paragraphs]
    assert "项目名称:某县某镇某社区文化广场提升改造项目" in texts
    assert "项目建设性质:新建" in texts


def test_a_whole_name_after_its_label_keeps_the_next_line_apart():
    # near misses: the name ends as a name does; the next line has its own label
    doc = parse_text("项目名称:某镇道路硬化项目\n新建道路2公里项目\n\n项目名称:某镇道路\n实施单位:某镇人民政府\n")
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["项目名称:某镇道路硬化项目", "新建道路2公里项目", "项目名称:某镇道路", "实施单位:某镇人民政府"]


def test_text_a_pdf_spaced_out_glyph_by_glyph_is_closed_up():
    doc = parse_text("1 2019 年 青 石 县 文 化 馆 群 众 文 艺 活 动 项 目 绩 效 评 价 报 告 委 托 单 位 : 青 石 县 财 政 局\n")
    # the page number stays apart from the year, the characters come together
    assert doc.paragraphs[0].text == "1 2019年青石县文化馆群众文艺活动项目绩效评价报告委托单位:青石县财政局"
    # its figures spaced out too
    doc = parse_text("2 0 1 9 年 度 青 石 县 文 化 馆 群 众 文 艺 活 动 经 费 1 2 . 5 万 元\n")
    assert doc.paragraphs[0].text == "2019年度青石县文化馆群众文艺活动经费12.5万元"


def test_a_short_spaced_label_and_a_line_of_spaced_cells_are_left_as_they_are():
    # near misses: a merged cell's label spaced to its width, cells two spaces apart
    assert parse_text("项 目 合 计\n").paragraphs[0].text == "项 目 合 计"
    assert parse_text("单位名称  青石县文化馆  项目名称  群众文艺活动\n").paragraphs[0].text.startswith("单位名称 青石县")
    # a form's row whose spaced-out labels stand beside figures one space apart: its cells, not glyphs
    from pipelines.documents.text_reader import closed_up  # noqa: PLC0415
    row = "产 出 指 标 数 量 指 标 培训人次 100 120 10 10"
    assert closed_up(row) == row
    # a page's number before a spaced-out heading stays apart from it
    assert closed_up("3 二 、 项 目 基 本 情 况 与 绩 效 目 标 说 明").startswith("3 二、项目")
