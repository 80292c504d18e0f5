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
