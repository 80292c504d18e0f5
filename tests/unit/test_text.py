"""pipelines.normalize.text: cleaning, privacy masking, names without codes, traditional text.

Rules covered, one row each with a near miss:
- mask_private: e-mail, 18-digit ID card, mobile (with separators), a figure after a phone
  label (电话/手机/联系方式), the person after 填表人/联系人/经办人, and a landline only where the
  text speaks of a phone; a 7-8 digit amount elsewhere (money in yuan) and decimals are kept;
- clean_text: [bookmark:…]/[image:…] artefacts removed, runs of (ideographic) spaces made one,
  blank lines dropped;
- squash: every blank removed;
- without_code / clean_org_name: a government's official name (某某乡政府 → 某某乡人民政府); a budget code before a name ('305002-', '[155]'), the
  本级/部门/单位 ending after an organisation word, and a （本级）/（汇总） note;
- without_file_suffix: '….docx', '…(4).docx';
- to_simplified: a traditional page (with tone-marked pinyin glosses) in simplified
  characters; a simplified page with one variant character left as it is;
- printable_name: backslash, control characters and undecodable bytes escaped.
"""

from __future__ import annotations

import pytest

from pipelines.normalize.text import (
    MASK,
    clean_org_name,
    clean_text,
    mask_private,
    printable_name,
    squash,
    to_simplified,
    without_code,
    without_file_suffix,
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系电话：13912345678", f"联系电话：{MASK}"),
        ("手机 139-1234-5678", f"手机 {MASK}"),
        ("身份证号110101199003071234", f"身份证号{MASK}"),
        ("邮箱 someone@example.com", f"邮箱 {MASK}"),
        ("联系人：张三", f"联系人：{MASK}"),
        ("填表人:李四", f"填表人:{MASK}"),
        ("办公电话 0771-5123456", f"办公电话 {MASK}"),
        ("传真 5123456", f"传真 {MASK}"),
        ("经办人：张三，电话：0771-5123456", f"经办人：{MASK}，电话：{MASK}"),
        # near misses: money, not a phone
        ("支出 5123456 元", "支出 5123456 元"),  # no phone word: a 7-digit amount in yuan
        ("合计 12345678.90", "合计 12345678.90"),
        ("电话费合计5123456.78元", "电话费合计5123456.78元"),  # a decimal is money even near 电话
        ("负责人：某某局长", "负责人：某某局长"),  # 负责人 is not a contact label
    ],
)
def test_mask_private(text, masked):
    assert mask_private(text) == masked


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("  收入\u3000 合计  ", "收入 合计"),
        ("[bookmark: _Toc1]一、基本情况", "一、基本情况"),
        ("[image: a.png]某某", "某某"),
        ("收入\n\n  100  ", "收入\n100"),
        # near miss: square brackets that are no artefact stay
        ("[155]某某局", "[155]某某局"),
    ],
)
def test_clean_text(text, cleaned):
    assert clean_text(text) == cleaned


@pytest.mark.parametrize(("text", "squashed"), [(" 总 \n 分 ", "总分"), ("总分", "总分"), (None, "")])
def test_squash(text, squashed):
    assert squash(text) == squashed


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("51990099X000000012345-某某经费", "某某经费"),
        ("305002-某某镇人民政府", "某某镇人民政府"),
        ("[155]某某局", "某某局"),
        ("【12】某某局", "某某局"),
        ("【中央】某某发展资金", "【中央】某某发展资金"),  # a project's level tag stays: '【中央】…' and '【省级】…' are two
        # near misses: a year is part of the name; two characters are no code
        ("2021年度某某经费", "2021年度某某经费"),
        ("12-某某经费", "12-某某经费"),
        ("某某局", "某某局"),
        ("某某局【注】", "某某局【注】"),  # a note after the name is no tag before it
    ],
)
def test_without_code(name, bare):
    assert without_code(name) == bare


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("[155]某某局本级", "某某局"),
        ("305-某某局本级", "某某局"),
        ("某某局部门", "某某局"),
        ("某某馆单位", "某某馆"),
        ("某某局（本级）", "某某局"),
        ("某某县财政局(汇总)", "某某县财政局"),
        # near misses: 单位/部门 that are the name itself, not an ending after an organisation word
        ("某某单位", "某某单位"),
        ("某某部门", "某某部门"),
        # a government by its official name; near misses: already so, or an office of it
        ("某某乡政府", "某某乡人民政府"),
        ("某某县人民政府", "某某县人民政府"),
        ("某某市政府办公室", "某某市政府办公室"),
        ("【财政预算】某某镇人民政府", "某某镇人民政府"),  # a site's column tag before a title
    ],
)
def test_clean_org_name(name, bare):
    assert clean_org_name(name) == bare


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("某某自评报告(4).docx", "某某自评报告"),
        ("某某报告.PDF", "某某报告"),
        ("某某报告（2）.wps", "某某报告"),
        # near misses: not a document suffix, or a bracket without one
        ("某某报告.txt", "某某报告.txt"),
        ("某某报告(4)", "某某报告(4)"),
    ],
)
def test_without_file_suffix(title, bare):
    assert without_file_suffix(title) == bare


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("部門整體支出績效自評報告", "部门整体支出绩效自评报告"),
        ("索引號(hào)：001，發(fā)布日期(qī)：2022年，來(lái)源：某某縣財政局", "索引号：001，发布日期：2022年，来源：某某县财政局"),
        # near misses: one variant character is no traditional page; '(test)' is no pinyin gloss
        ("某某县某某局後", "某某县某某局後"),
        ("某某局(test)某某(abc)某某(xyz)经费", "某某局(test)某某(abc)某某(xyz)经费"),
    ],
)
def test_to_simplified(text, simplified):
    assert to_simplified(text) == simplified


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("a\\b", "a\\\\b"),
        ("line\nbreak", "line\\nbreak"),
        ("tab\t", "tab\\t"),
        ("\udcb0\udcb1.txt", "\\xb0\\xb1.txt"),  # GBK bytes that are not UTF-8
        ("\x7f", "\\x7f"),
        # near miss: printable names, Chinese included, stay as they are
        ("某某局/报告 1.docx", "某某局/报告 1.docx"),
    ],
)
def test_printable_name(name, printed):
    assert printable_name(name) == printed
