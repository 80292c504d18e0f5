"""Cleaning of document text: extraction artefacts, odd whitespace, and privacy masking.

Masking happens here, when a document is read, so no phone number, ID-card number or
e-mail address ever reaches a frame, a staging table or a mart.
"""

from __future__ import annotations

import re
from functools import lru_cache

# patterns of the functions below, compiled once at import
_PHONE_WORDS = re.compile(r"电话|传真|联系|Tel|TEL|热线")
_WHITESPACE = re.compile(r"\s+")

_ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]|\[image:[^\]]*\]")
_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u200b\ufeff]+")

# 18-digit ID card (last may be X), mobile 1[3-9]xxxxxxxxx, landline 0xx(x)-xxxxxxx(x)
_ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d.])(?:\(?0\d{2,3}\)?[- ]?)?[2-8]\d{6,7}(?![\d.])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# the person who filled a form in is not a fact about the unit
_CONTACT_PERSON = re.compile(r"((?:填表人|联系人|经办人)\s*[:：]\s*)([\u4e00-\u9fff]{2,4})")
_PHONE_LABEL = re.compile(r"((?:联系)?电话|手机|联系方式|Tel|TEL)\s*[:：]\s*[\d\-() +]{7,}")

MASK = "***"

# a year as these documents write it: every fiscal year of performance budgeting is in the
# 2000s; a year of the 1900s in a page is the unit's history, never the document's year or a
# label's ('始建于1958年')
YEAR = r"20\d{2}"

# heading and list numbering: 一、 （一） 1. 1、 （1） ①
NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[、.．](?!\d)|[①-⑳])\s*"
)
# the levels of government, as a fund or a column names where money comes from ('中央', '省级',
# '市县'): a level's share of a fund, never a project or a unit
GOVERNMENT_LEVEL = r"(?:中央|自治区|乡镇|省|市|县|区|州|乡|镇|旗县|盟|地方|本级|上级)"  # (旗县, 盟: Inner Mongolia's counties and prefectures)
# a level-2 indicator's name (and a level-1's: both end on 指标): '…指标', or the names provinces
# use without it (产出数量, 社会效益, 满意度)
INDICATOR_LEVEL_NAME = r"指标$|^产出(?:数量|质量|时效|成本)$|^(?:经济|社会|生态|环境)效益$|^可持续影响$|^(?:服务对象)?满意度$"
# the value columns of an indicator table, after its level names, in order of precedence: one
# vocabulary for the table reader (extract/indicators) and the fused-form reader (documents/)
INDICATOR_VALUE_COLUMNS = (
    ("target", r"指标值|目标值|年度目标|预期目标|预期值|标准值"),
    ("actual", r"完成值|实际值|实际完成|完成情况|实际结果|实施进度|完成进度"),  # ('指标值 | 实施进度': what was done)
    ("weight", r"分值|权重|标准分"),
    ("score", r"得分|自评分|评分(?!标准|依据|细则|办法|方法|说明)"),  # not the scoring rule
    ("reason", r"偏差|原因|改进措施"),
)
# the labels of a form's head rows, one place for the readers that split cells (cell_stream) and
# the form reader (project_forms): the project's name (a transfer payment's form names its fund
# as the project: 转移支付（项目）名称), the department over it (a transfer payment's form names
# each level's: 市级主管部门 | 县级主管部门) and the unit that spends it
FORM_PROJECT_NAME = r"(?:项目名称|项目名|(?:转移(?:支付)?|专项|政策)[（(]项目[）)]名称|转移支付名称|专项资金名称|专项名称)"
# how a project's name ends: 某某项目, 某某经费, 某某专项资金, 某某补助, 某某转移支付
PROJECT_NAME_END = re.compile(r"(?:项目|经费|资金|专项|工程|补助|补贴|转移支付)$")
FORM_LEVEL_DEPARTMENT = r"(?:省|市|县|区)级主管部门"
FORM_DEPARTMENT = rf"(?:主管部门|主管单位|项目主管部门|地方主管部门|{FORM_LEVEL_DEPARTMENT})"
FORM_IMPLEMENTER = r"(?:实施单位|项目实施单位|项目单位|承担单位|项目承担单位|资金使用单位)"
# a form's column letters after a heading: 预算数(A), 执行率(B/A)
COLUMN_LETTERS = r"[（(][A-Za-z][A-Za-z/×*\d.]*[）)]"
# how the names of government units end (…局, …办公室, …委员会, …中心)
ORGANISATION_END = (
    r"(?:办公室|委员会|局|厅|委|办|中心|院|所|站|部|会|处|队|馆|学校|校|小学|中学|大学|幼儿园|医院|政府|社|团|署|"
    r"街道|街道办事处|镇|乡|场|园|台|室|学区)"
)


def mask_private(text: str) -> str:
    """Replace personal contact data with ***; money figures (with decimals) are untouched."""
    text = _EMAIL.sub(MASK, text)
    text = _ID_CARD.sub(MASK, text)
    text = _MOBILE.sub(MASK, text)
    text = _PHONE_LABEL.sub(lambda m: f"{m.group(1)}：{MASK}", text)
    text = _CONTACT_PERSON.sub(lambda m: f"{m.group(1)}{MASK}", text)
    text = _mask_landlines(text)
    return text


def _mask_landlines(text: str) -> str:
    # only where the text speaks of a phone: a bare 7–8 digit integer elsewhere may be money in yuan
    if not _PHONE_WORDS.search(text):
        return text
    return _LANDLINE.sub(MASK, text)


@lru_cache(maxsize=65536)  # pure; table cells repeat ('', '万元', '—', the same labels)
def clean_text(text: str) -> str:
    """One cell or paragraph: artefacts removed, runs of whitespace made one space, trimmed."""
    text = _ARTEFACTS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r", "").split("\n")]
    return mask_private("\n".join(line for line in lines if line))


def squash(text: str) -> str:
    """Text with every space and line break removed: for matching labels such as '总  分'."""
    return _WHITESPACE.sub("", text or "")


def unspaced(text: str) -> str:
    """Text with the spaces between Chinese characters removed: a header spaced out to its
    column's width ('预 算 数') or a title's last word broken by a page ('自评报 告')."""
    return _SPACED_OUT.sub("", text)


_SPACED_OUT = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


# a budget code before a name: '51990099X000000012345-某某经费', '305002-某某镇人民政府'
_CODE_PREFIX = re.compile(r"^(?:[0-9A-Za-z]{3,30}\s*[-－—]|[\[【]\d{1,12}[\]】])\s*(?=\S)")
# a site's column tag before a title a unit's name is read from: '【财政预算】某某镇政府2020年部门预算情况说明'
# (a project's name keeps its tag: '【中央】某某资金' and '【省级】某某资金' are two)
_SITE_TAG = re.compile(r"^[\[【][\u4e00-\u9fff]{2,8}[\]】]\s*(?=\S)")
# a unit's code written onto its name: '920某某镇财政所' (no unit's name opens with a figure; a year does: '2025年')
_UNIT_CODE = re.compile(r"^\d{3,12}(?=[\u4e00-\u9fff])(?![\d]*年)")
# '某某局本级', '某某局部门', '某某馆单位': the unit's own budget, or the unit as a budget group
_BUDGET_GROUP_END = re.compile(rf"({ORGANISATION_END})(?:本级|部门|单位)$")


def without_code(name: str) -> str:
    """A project's or a unit's name without the budget code written before it."""
    return _CODE_PREFIX.sub("", name.strip())


def field_value(text: str) -> str:
    """A form field's name without its budget code, nor the stop of a field written as a
    sentence ('项目主管部门:某某局。')."""
    return without_code(text).rstrip("。；;，,")


_SCOPE_NOTE = re.compile(r"[（(](?:本级|汇总|合并|含下属单位)[）)]$")


def clean_org_name(name: str) -> str:
    """A unit's name as forms write it, reduced to the name: no code ('[155]', '305-'), no
    本级/部门/单位 ending, no '（本级）'/'（汇总）' note; a government by its official name
    ('某某乡政府' is 某某乡人民政府, '某某区政府办' 某某区人民政府办公室)."""
    name = _BUDGET_GROUP_END.sub(r"\1", _SCOPE_NOTE.sub("", _UNIT_CODE.sub("", field_value(_SITE_TAG.sub("", name.strip())))))
    return _SHORT_GOVERNMENT_OFFICE.sub(r"\1人民政府办公室", _SHORT_GOVERNMENT.sub(r"\1人民政府", name))


_SHORT_GOVERNMENT = re.compile(r"(?<!人民)([乡镇县市区])政府$")
_SHORT_GOVERNMENT_OFFICE = re.compile(r"(?<!人民)([县市区])政府办$")  # '某某区政府办' is its 人民政府办公室


# a mirror's pinyin gloss after a character: '索引號(hào)'
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}\)")
# counted only with a tone mark: '(test)' after a character is no gloss (the first-contact
# comparison drops these too: a truth writer may copy a mirror's spelling)
TONE_MARKED_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]*\)")
_TRADITIONAL_SAMPLE = 4000
# characters that must differ in the sample before a text counts as traditional: a few, and
# one in a hundred (a simplified text can hold a variant or two that conversion would touch)
_TRADITIONAL_MIN = 3
_TRADITIONAL_SHARE = 0.01


@lru_cache(maxsize=1)
def _traditional_characters() -> frozenset[str]:
    """The characters zhconv turns into another when they stand alone (its zh-cn table)."""
    from zhconv.zhconv import getdict  # noqa: PLC0415 (the table the converter itself reads)

    return frozenset(key for key, value in getdict("zh-cn").items() if len(key) == 1 and value != key)


def to_simplified(text: str) -> str:
    """A page converted to traditional characters (with pinyin glosses, as some mirrors add
    them), back in the simplified characters the rules read; other text is returned as it is."""
    import zhconv  # noqa: PLC0415 (its tables load on first use; most texts never need them)

    if len(TONE_MARKED_GLOSS.findall(text[:_TRADITIONAL_SAMPLE])) >= _TRADITIONAL_MIN:
        text = _PINYIN_GLOSS.sub("", text)
    sample = text[:_TRADITIONAL_SAMPLE]
    # most pages hold no character that converts on its own: then they are not traditional,
    # found without converting the sample (3 ms a page, a tenth of reading a text report)
    if sum(map(_traditional_characters().__contains__, sample)) < _TRADITIONAL_MIN:
        return text
    converted = zhconv.convert(sample, "zh-cn")
    changed = sum(a != b for a, b in zip(sample, converted))
    if changed < max(_TRADITIONAL_MIN, _TRADITIONAL_SHARE * len(sample)):
        return text
    return zhconv.convert(text, "zh-cn")


# a shared file's name used as a title: '某某自评报告(4).docx'
_FILE_SUFFIX = re.compile(r"(?:[（(]\d+[）)])?\.(?:docx?|pdf|xlsx?|wps)$", re.IGNORECASE)


def without_file_suffix(title: str) -> str:
    return _FILE_SUFFIX.sub("", title)


def printable_name(relative: str) -> str:
    """The name as stored and logged: lossless and printable. A byte that is not UTF-8 (in a
    GBK name; Python holds it as a lone surrogate) is written \\xNN, a control character (a
    newline in a name) \\n or \\xNN, and a backslash \\\\, so two different names never print
    alike and no name can split or forge a log line."""
    # (one pattern for what needs escaping: a name with none, nearly every one, takes no pass per
    # character, and a run over 10,000 files names each several times)
    return _TO_ESCAPE.sub(lambda m: _escaped(m.group()), relative)


_NAMED_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_TO_ESCAPE = re.compile(r"[\\\x00-\x1f\x7f-\x9f\udc80-\udcff]")  # what _escaped rewrites


def _escaped(ch: str) -> str:
    code = ord(ch)
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    return ch
