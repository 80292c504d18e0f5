"""The Word, spreadsheet and PDF readers on files built here, without LibreOffice or OCR."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipelines.documents.docx_reader import UnreadableDocx, read_docx
from pipelines.documents.model import Paragraph, Table
from pipelines.documents.pdf_reader import (
    Line, PageItems, TableItem, UnreadablePdf, assemble, join_continued, read_pdf, text_layer_quality, tidy,
)
from pipelines.documents.readers import UnsupportedFormat, read_document
from pipelines.documents.spreadsheet_reader import format_value, read_xlsx
from pipelines.extract.report import extract_file


def merged_table_docx(path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某县财政局2021年度部门整体支出绩效自评报告"
    document.add_paragraph("一、部门概况", style="Heading 1")
    document.add_paragraph("收入合计30.5")
    document.add_paragraph("万元。")  # a figure split from its unit by a paragraph break
    table = document.add_table(rows=4, cols=4)
    rows = table.rows
    rows[0].cells[0].merge(rows[1].cells[0]).text = "项目"  # vertical merge
    rows[0].cells[1].merge(rows[0].cells[3]).text = "收入"  # horizontal merge (gridSpan 3)
    for col, text in enumerate(["合计", "财政拨款", "其他"], start=1):
        rows[1].cells[col].text = text
    rows[2].cells[0].merge(rows[3].cells[1]).text = "预算\n数"  # 2 x 2 block
    for r in (2, 3):
        rows[r].cells[2].text, rows[r].cells[3].text = "10.5", "0"
    inner = rows[3].cells[3].add_table(rows=1, cols=2)  # a nested table
    inner.rows[0].cells[0].text, inner.rows[0].cells[1].text = "嵌套", "单元"
    # a text box in a paragraph: not part of the body text
    box = document.add_paragraph("正文")
    box._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
    ))
    document.add_paragraph("二、存在的问题", style="Heading 1")
    document.save(path)
    return path


def test_docx_body_order_merged_cells_and_nested_tables(tmp_path):
    document = read_docx(merged_table_docx(tmp_path / "r.docx"))
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Paragraph", "Table", "Paragraph", "Paragraph"]
    title, heading, money = (b.text for b in document.blocks[:3])
    assert title == "某县财政局2021年度部门整体支出绩效自评报告"  # printed only in the page header
    assert heading == "一、部门概况"
    assert money == "收入合计30.5万元。"
    rows = document.tables[0].rows
    assert rows[0] == ["项目", "收入"]  # a cell spanning columns is given once
    assert rows[1] == ["", "合计", "财政拨款", "其他"]  # vertical continuation: blank
    assert rows[2] == ["预算\n数", "10.5", "0"]
    assert rows[3][0] == "" and len(rows[3]) == 3  # 2 x 2 block: one blank, not two
    assert rows[3][2].split("\n") == ["0", "嵌套", "单元"]
    assert document.blocks[4].text == "正文"  # the text box is left out


def test_docx_numbering_labels_are_written_out(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in ((0, "部门概况"), (1, "主要职能"), (1, "机构设置"), (0, "存在的问题")):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))
    path = tmp_path / "n.docx"
    document.save(path)
    texts = [b.text for b in read_docx(path).paragraphs]
    assert texts == ["一、部门概况", "（一）主要职能", "（二）机构设置", "二、存在的问题"]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_docx_that_would_inflate_to_gigabytes_is_refused(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b" " * (80 << 20) + b"/>"}))
    with pytest.raises(UnreadableDocx, match="refused"):
        read_docx(bomb)
    # the declared sizes can lie: patch the central directory to claim a small member
    data = bytearray(bomb.read_bytes())
    liar = tmp_path / "liar.docx"
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")
    liar.write_bytes(bytes(data))
    with pytest.raises(UnreadableDocx, match="refused|damaged"):
        read_docx(liar)


def test_a_truncated_docx_fails_with_a_reason(tmp_path):
    good = merged_table_docx(tmp_path / "good.docx").read_bytes()
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "cut.docx").write_bytes(good[: len(good) // 2])
    report = extract_file(raw / "cut.docx", raw).report
    assert report["status"] == "failed"
    assert "damaged or truncated" in report["error"]


def test_xlsx_sheets_as_tables_with_merged_cells(tmp_path):
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "部门整体支出绩效自评表"
    thin = Side(style="thin")
    for row in sheet["A3:D6"]:
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet["A3"], sheet["B3"] = "部门资金（万元）", "年初预算数"
    sheet.merge_cells("B3:D3")
    sheet.merge_cells("A3:A6")
    sheet["B4"], sheet["C4"], sheet["D4"] = "年度资金总额", 209.49, 0.9893
    sheet["C4"].number_format, sheet["D4"].number_format = "0.00", "0.00%"
    sheet["B5"], sheet["C5"] = "其中：基本支出", 12
    second = workbook.create_sheet("第二页")
    second["A1"] = "第二张表"
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    document = read_xlsx(path)
    assert [type(b) for b in document.blocks] == [Paragraph, Table, Paragraph]
    rows = document.tables[0].rows
    assert rows[0] == ["部门资金（万元）", "年初预算数"]
    assert rows[1] == ["", "年度资金总额", "209.49", "98.93%"]
    assert rows[2] == ["", "其中：基本支出", "12", ""]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [(1234.5, "0.00", "1234.50"), (0.05, "0%", "5%"), (3.0, "General", "3"), (None, "General", ""), (1234.5, "#,##0.00", "1,234.50")],
)
def test_spreadsheet_values_as_shown(value, fmt, shown):
    assert format_value(value, fmt) == shown


def test_pdf_errors_say_what_is_wrong(tmp_path):
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(UnreadablePdf, match="damaged or truncated"):
        read_pdf(truncated)
    with pytest.raises(UnsupportedFormat, match="readable"):
        read_document(tmp_path / "x.odt")


def test_a_merged_label_printed_past_a_page_break_goes_back_to_its_cell():
    header = ["一级指标", "三级指标", "得分"]
    # a group label merged over the page's last two rows (质量, 时效), printed on the next page
    rows = [header, ["产出指标", "数量", "5"], ["", "质量", "5"], ["", "时效", "4"]]
    covered = [set(), set(), set(), {0}]
    assert join_continued(rows, [["效益指标", "社会效益", "10"], ["", "生态效益", "9"]], covered) == [
        header, ["产出指标", "数量", "5"], ["效益指标", "质量", "5"], ["", "时效", "4"],
        ["", "社会效益", "10"], ["", "生态效益", "9"],
    ]
    # the label's wrapped end printed past the break: an open bracket closed there
    rows = [header, ["产出指标（50", "数量", "5"]]
    assert join_continued(rows, [["分）", "质量", "5"]], [set(), set()]) == [
        header, ["产出指标（50分）", "数量", "5"], ["", "质量", "5"],
    ]
    # a new group at the top of the page: the last group's label is on its own page
    rows = [header, ["产出指标", "数量", "5"], ["", "质量", "5"]]
    more = [["效益指标", "社会效益", "10"]]
    assert join_continued(rows, more, [set(), set(), {0}]) == rows + more
    # a blank one-row cell is left blank: it may be a blank cell
    rows = [header, ["产出指标", "数量", "5"], ["", "质量", "5"]]
    assert join_continued(rows, more, [set(), set(), set()]) == rows + more


def test_a_forms_two_centred_title_lines_stay_two_paragraphs():
    """A project form: its only lines outside the table are a 填报单位 line and the title, both
    centred; the margins are the table's, so neither line is taken for a full one (the title
    was read as '填报单位（盖章）：某局2019年度项目支出绩效自评表')."""
    page = PageItems(1, 595, 842, [
        Line("填报单位（盖章）：某县民政局", 163, 433, 88, 106, 18, 18),
        Line("2019年度项目支出绩效自评表", 177, 419, 128, 146, 18, 9),
        TableItem([["项目名称", "养老服务经费"], ["主管部门", "某县民政局"]], 165, 400, 70, 525),
    ])
    paragraphs = [block.text for block in assemble([page], "pdf").blocks if isinstance(block, Paragraph)]
    assert paragraphs == ["填报单位（盖章）：某县民政局", "2019年度项目支出绩效自评表"]


def test_text_layer_quality_and_spacing():
    assert text_layer_quality("") == "empty"
    assert text_layer_quality("(cid:123)(cid:456)(cid:789) 部门") == "garbage"
    # a Chinese page whose fonts map to Latin-1 letters (GBK bytes read as Latin-1)
    assert text_layer_quality("²¿ÃÅÕûÌåÖ§³ö¼¨Ð§×ÔÆÀ±¨¸æ" * 12) == "garbage"
    assert text_layer_quality("部门整体支出绩效自评报告，详见附件（café）。" * 12) == "ok"  # near miss
    assert text_layer_quality("本部门2021年度收入合计292.243万元") == "ok"
    assert tidy("编制 10 个，占 5.32 %") == "编制10个，占5.32%"
    assert tidy("Word 文档 ABC def") == "Word文档ABC def"


def test_a_row_split_by_a_page_break_is_made_whole():
    rows = [["项目", "指标", "分值"], ["", "服务对象\n满意度指", "10"]]
    assert join_continued(rows, [["", "标", ""], ["", "下一行", "5"]]) == [
        ["项目", "指标", "分值"], ["", "服务对象\n满意度指标", "10"], ["", "下一行", "5"],
    ]
    # a new row whose only text is its label is not a split half
    assert join_continued([["统计经费", "40.37"]], [["……", ""]]) == [["统计经费", "40.37"], ["……", ""]]
    # a repeated header row is dropped
    assert join_continued([["项目", "金额"], ["a", "1"]], [["项目", "金额"], ["b", "2"]]) == [
        ["项目", "金额"], ["a", "1"], ["b", "2"],
    ]
