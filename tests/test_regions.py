"""Tests of the division tables and of resolve_region. Expected values are written by hand."""

from __future__ import annotations

import csv
import time
from collections import Counter

import pytest

from pipelines.normalize import regions
from pipelines.normalize.regions import Region, region_for_code, resolve_region


def _rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


# --------------------------------------------------------------------------- data


def test_divisions_csv_shape():
    rows = _rows(regions.DIVISIONS_CSV)
    assert list(rows[0]) == ["admin_code", "level", "province", "city", "county", "name",
                             "short_name"]
    codes = [r["admin_code"] for r in rows]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    levels = Counter(r["level"] for r in rows)
    assert set(levels) == {"province", "city", "county"}
    assert levels["province"] == 34  # 31 mainland + 香港, 澳门, 台湾 (province row only)
    assert levels["city"] > 300 and levels["county"] > 2800
    for r in rows:
        assert r["name"] == {"province": r["province"], "city": r["city"],
                             "county": r["county"]}[r["level"]]
        if r["level"] == "province":
            assert r["city"] == r["county"] == "" and r["admin_code"].endswith("0000")
        if r["level"] != "county":
            assert r["county"] == ""
        assert r["admin_code"][:2] == next(
            p["admin_code"][:2] for p in rows
            if p["level"] == "province" and p["name"] == r["province"])


def test_divisions_csv_carries_provenance():
    head = regions.DIVISIONS_CSV.read_text(encoding="utf-8").splitlines()[:6]
    text = "\n".join(head)
    assert "jionlp" in text and "Apache" in text and "build_divisions.py" in text


@pytest.mark.parametrize("code, level, province, city, county", [
    ("430511", "county", "湖南省", "邵阳市", "北塔区"),
    ("440800", "city", "广东省", "湛江市", ""),
    ("430182", "county", "湖南省", "长沙市", "宁乡市"),
    ("130110", "county", "河北省", "石家庄市", "鹿泉区"),
    ("430421", "county", "湖南省", "衡阳市", "衡阳县"),
    ("110108", "county", "北京市", "北京市", "海淀区"),  # municipality: city = 北京市
    ("110000", "province", "北京市", "", ""),
    ("429004", "county", "湖北省", "", "仙桃市"),  # 省直辖县级: no city
])
def test_known_rows(code, level, province, city, county):
    row = next(r for r in _rows(regions.DIVISIONS_CSV) if r["admin_code"] == code)
    assert (row["level"], row["province"], row["city"], row["county"]) == (
        level, province, city, county)


def test_renames_point_at_divisions():
    codes = {r["admin_code"] for r in _rows(regions.DIVISIONS_CSV)}
    renames = _rows(regions.RENAMES_CSV)
    assert renames and all(r["admin_code"] in codes for r in renames)
    shaodong = next(r for r in renames if r["old_name"] == "邵东县")
    assert (shaodong["kind"], shaodong["admin_code"], shaodong["name"]) == (
        "retired", "430582", "邵东市")


def test_region_for_code():
    assert region_for_code("430511") == Region("湖南省", "邵阳市", "北塔区", "county", "430511")
    assert region_for_code("999999") is None


# --------------------------------------------------------------------------- unit names


@pytest.mark.parametrize("unit, expected", [
    ("中共邵阳市北塔区委网络安全和信息化委员会办公室",
     Region("湖南省", "邵阳市", "北塔区", "county", "430511")),
    ("中共湛江市委网络安全和信息化委员会办公室",
     Region("广东省", "湛江市", None, "city", "440800")),
    ("中共宁乡市委网络安全和信息化委员会办公室",
     Region("湖南省", "长沙市", "宁乡市", "county", "430182")),
    ("中共石家庄市鹿泉区委网络安全和信息化委员会办公室",
     Region("河北省", "石家庄市", "鹿泉区", "county", "130110")),
    # province level, and a province named together with its city and county
    ("湖南省财政厅", Region("湖南省", None, None, "province", "430000")),
    ("中共湖南省委网络安全和信息化委员会办公室",
     Region("湖南省", None, None, "province", "430000")),
    ("湖南省邵阳市北塔区财政局", Region("湖南省", "邵阳市", "北塔区", "county", "430511")),
    # municipality and its district
    ("北京市财政局", Region("北京市", None, None, "province", "110000")),
    ("北京市海淀区教育委员会", Region("北京市", "北京市", "海淀区", "county", "110108")),
    # county-level unit directly under a province
    ("仙桃市财政局", Region("湖北省", None, "仙桃市", "county", "429004")),
    # retired names map to the current division
    ("中共邵东县委宣传部", Region("湖南省", "邵阳市", "邵东市", "county", "430582")),
    ("中共宁乡县委办公室", Region("湖南省", "长沙市", "宁乡市", "county", "430182")),
    ("大同市城区财政局", Region("山西省", "大同市", "平城区", "county", "140213")),
    # jionlp's tree still lists these beside their successors; the build drops them
    ("玉溪市澄江县财政局", Region("云南省", "玉溪市", "澄江市", "county", "530481")),
    ("中共南昌市湾里区委办公室", Region("江西省", "南昌市", "新建区", "county", "360112")),
    # short names with a suffix, or next to their own city
    ("湘西州财政局", Region("湖南省", "湘西土家族苗族自治州", None, "city", "433100")),
    ("城步县民政局", Region("湖南省", "邵阳市", "城步苗族自治县", "county", "430529")),
    ("邵阳北塔区财政局", Region("湖南省", "邵阳市", "北塔区", "county", "430511")),
    # a province's short name and one of its counties' without a suffix confirm each other
    ("云南寻甸产业园区管理委员会", Region("云南省", "昆明市", "寻甸回族彝族自治县", "county", "530129")),
    # one-character stems: 中共 is one token, so 和县 and not 共和县
    ("中共和县县委办公室", Region("安徽省", "马鞍山市", "和县", "county", "340523")),
    ("中共共和县委办公室", Region("青海省", "海南藏族自治州", "共和县", "county", "632521")),
    ("阳泉市城区人民政府", Region("山西省", "阳泉市", "城区", "county", "140302")),
    # the owner is named first
    ("湘潭市驻长沙办事处", Region("湖南省", "湘潭市", None, "city", "430300")),
    # the province named first covers both cities; the office's owner is still the one named first
    ("湖南省湘潭市驻长沙市办事处", Region("湖南省", "湘潭市", None, "city", "430300")),
    ("内蒙古自治区兴安盟行政公署驻包头市联络处", Region("内蒙古自治区", "兴安盟", None, "city", "152200")),
])
def test_unit_names(unit, expected):
    assert resolve_region(unit) == expected
    # every expected code is a row of the built data with the same names
    assert region_for_code(expected.admin_code) == expected


def test_a_name_opening_on_its_level_is_placed_by_the_division_written_before_it():
    """'区农业农村局' in a text that writes '…某市某某区农业农村局': the district whose 区 it shares."""
    context = "宁波市鄞州区2022年度某某专项资金绩效自评报告。宁波市财政局下达资金。项目承担单位为宁波市鄞州区农业农村局。"
    assert resolve_region("区农业农村局", context).county == "鄞州区"
    # near miss: the city's own bureau, written after the city alone
    assert resolve_region("市农业农村局", "宁波市农业农村局负责。宁波市鄞州区某某镇").county is None


@pytest.mark.parametrize("unit", [
    "网信办",
    "网络安全和信息化委员会办公室",
    "资源开发利用中心",  # 资源 is the short name of 资源县
    "粤港澳合作区管委会",  # 合作 is the short name of 合作市, but 合作区 is no 合作市
    "平安建设领导小组办公室",  # 平安 (平安区) at the start, nothing in the context
    "城区人民政府",  # 城区 of which city?
    "洞庭湖南部水域保护中心",  # 湖南 inside a word, no county of it after
])
def test_no_division_without_context(unit):
    assert resolve_region(unit) is None


def test_short_name_inside_words_is_ignored():
    # 老城区 (洛阳) / 城关 / 通道 / 会同 / 延长 / 完成县委 (成县) are ordinary words here
    text = ("完成县委交办的各项任务，会同有关部门推进老城区改造和城关镇道路建设，"
            "开辟绿色通道，延长服务时间，南部地区和平原地区同步推进。")
    assert resolve_region("网信办", text) is None


def test_an_autonomous_regions_short_name_opening_a_sentence_names_it():
    # '广西某某补助资金…' and '2022年，广西…': the region, with no suffix after it; near misses: the
    # same characters inside a word (推广西瓜), and a province's short name that words hold (河南)
    guangxi = Region("广西壮族自治区", None, None, "province", "450000")
    assert resolve_region("", "广西某某居民补助资金转移支付2022年度绩效自评报告") == guangxi
    assert resolve_region("", "2022年，广西下达某某资金。广西各地按时发放。") == guangxi
    assert resolve_region("", "为推广西瓜种植，农业局安排资金。") is None
    assert resolve_region("", "渭河南岸的堤防工程。河南岸线整治。") is None


def test_a_municipalitys_two_characters_opening_a_name_name_it():
    # '重庆某某新区某某小学校': the municipality, though the new area is no division; near miss: a
    # street named after one ('北京路街道' is in another city)
    assert resolve_region("重庆两江新区某某小学校", "") == Region("重庆市", None, None, "province", "500000")
    assert resolve_region("北京路街道办事处", "") is None


# --------------------------------------------------------------------------- ambiguity


def test_ambiguous_county_without_help():
    # 新华区 is in 石家庄市, 沧州市 (河北省) and 平顶山市 (河南省)
    assert resolve_region("新华区财政局") is None


def test_ambiguous_county_by_city_in_name():
    assert resolve_region("沧州市新华区财政局") == Region(
        "河北省", "沧州市", "新华区", "county", "130902")


def test_ambiguous_county_by_context():
    context = "平顶山市新华区2023年度部门整体支出绩效自评报告。本局位于平顶山市。"
    assert resolve_region("新华区财政局", context) == Region(
        "河南省", "平顶山市", "新华区", "county", "410402")


def test_ambiguous_county_province_in_name_city_in_context():
    # 河北省 leaves 石家庄市 and 沧州市; the document names 石家庄市
    context = "根据石家庄市财政局要求，现将2023年度部门整体支出绩效自评情况报告如下。"
    assert resolve_region("河北省新华区财政局", context) == Region(
        "河北省", "石家庄市", "新华区", "county", "130105")
    assert resolve_region("河北省新华区财政局") is None


def test_ambiguous_county_context_names_province_only():
    context = "中共甘肃省委网信办指导下，城关区网信办开展网络安全宣传周活动。"
    assert resolve_region("中共城关区委网信办", context) == Region(
        "甘肃省", "兰州市", "城关区", "county", "620102")


# --------------------------------------------------------------------------- context


HENGYANG_COUNTY = """网信办2023年度部门整体支出绩效自评报告
一、部门基本情况
本部门负责全县网络安全和信息化工作，所属事业单位是衡阳县舆情监测中心。
根据湖南省财政厅和衡阳市财政局的要求，按照衡阳市委网信办的部署，
衡阳县网信办开展了网络安全宣传周活动，完成县委交办的各项任务。
二、附件：衡阳县部门整体支出绩效自评报告
"""

ZHANJIANG_CITY = """湛江市委网信办2023年度部门整体支出绩效自评报告
本单位负责湛江市网络安全和信息化工作，指导雷州市、遂溪县、徐闻县、廉江市、吴川市、
赤坎区、霞山区网信部门开展工作。湛江市网络安全宣传周活动覆盖全市。广东省委网信办
对湛江市工作给予肯定。
"""


def test_owner_from_context_county():
    assert resolve_region("网信办", HENGYANG_COUNTY) == Region(
        "湖南省", "衡阳市", "衡阳县", "county", "430421")


def test_owner_from_context_minimal():
    context = "…所属事业单位是衡阳县舆情监测中心…\n衡阳县部门整体支出绩效自评报告"
    assert resolve_region("网信办", context) == Region(
        "湖南省", "衡阳市", "衡阳县", "county", "430421")


def test_owner_from_context_ignores_cited_documents():
    citations = "".join(
        f"根据《湖南省财政厅关于开展2023年度预算绩效自评工作的通知（第{k}号）》，" for k in range(8))
    context = ("网信办2023年度绩效自评报告\n" + "网络安全" * 60 + citations
               + "本单位所属事业单位是衡阳县舆情监测中心。现将衡阳县部门整体支出绩效自评情况报告如下。")
    assert resolve_region("网信办", context) == Region(
        "湖南省", "衡阳市", "衡阳县", "county", "430421")


def test_owner_from_context_ignores_places_the_unit_aids():
    """'对口支援新疆、宁夏西吉县': a place the unit helps is not its own; near miss: the same
    place stated as the unit's own gives the region."""
    aid = "区域协作经费专项资金绩效评价报告\n该笔资金主要用于对口支援新疆、宁夏西吉县的工作。"
    assert resolve_region("经信委", aid) is None
    own = "区域协作经费专项资金绩效评价报告\n宁夏西吉县经信委主要用于本县的协作工作。"
    assert resolve_region("经信委", own).county == "西吉县"


def test_owner_from_context_city_naming_its_counties():
    assert resolve_region("网信办", ZHANJIANG_CITY) == Region(
        "广东省", "湛江市", None, "city", "440800")


def test_city_unit_name_is_not_pushed_down_by_context():
    assert resolve_region("中共湛江市委网信办", "遂溪县遂溪县遂溪县") == Region(
        "广东省", "湛江市", None, "city", "440800")


def test_bare_short_name_at_start_confirmed_by_context():
    assert resolve_region("衡阳网信办", "按照衡阳市委网信办的部署") == Region(
        "湖南省", "衡阳市", None, "city", "430400")
    assert resolve_region("衡阳网信办") is None


def test_a_college_named_after_its_city_is_placed_in_that_city_without_context():
    assert resolve_region("漳州职业技术学院") == Region("福建省", "漳州市", None, "city", "350600")
    assert resolve_region("白城师范学院") == Region("吉林省", "白城市", None, "city", "220800")
    # not a short name that is an ordinary word, nor a county's, nor a school below a college
    assert resolve_region("资源学院") is None
    assert resolve_region("东方学院") is None  # 东方市 is of county level
    assert resolve_region("漳州小学") is None


def test_single_passing_mention_is_not_enough():
    # past the first 200 characters (title, cover) a mention weighs 1; 2 are needed
    text = "网络安全" * 60 + "本单位一行三人赴深圳市学习交流经验。" + "网络安全" * 60
    assert resolve_region("网信办", text) is None
    assert resolve_region("网信办", text + "深圳市") == Region(
        "广东省", "深圳市", None, "city", "440300")


# --------------------------------------------------------------------------- speed


def test_speed_of_loading_and_1000_resolutions():
    regions._data.cache_clear()
    names = [
        "中共邵阳市北塔区委网络安全和信息化委员会办公室",
        "中共湛江市委网络安全和信息化委员会办公室",
        "中共宁乡市委网络安全和信息化委员会办公室",
        "中共石家庄市鹿泉区委网络安全和信息化委员会办公室",
        "新华区财政局",
    ]
    long_context = HENGYANG_COUNTY * 20  # about 4,000 characters
    t0 = time.perf_counter()
    regions._data()
    t1 = time.perf_counter()
    for k in range(1000):
        if k % 10 == 0:
            assert resolve_region("网信办", long_context).admin_code == "430421"
        else:
            resolve_region(names[k % len(names)])
    t2 = time.perf_counter()
    print(f"\nregions: load {1000 * (t1 - t0):.1f} ms; 1000 resolutions "
          f"(100 with a {len(long_context)}-character context) {1000 * (t2 - t1):.1f} ms")
    assert t2 - t0 < 30  # generous: only catches pathological slowness


def test_a_divisions_own_name_is_told_from_a_unit_in_it():
    """is_division_name: a county's, district's or prefecture's own name (full or short) is a
    whole region; a town or a bureau in it is not (kinds.py: '某县2021年“三公”经费…' is the
    county's summary)."""
    assert regions.is_division_name("沅陵县") and regions.is_division_name("鄂城区") and regions.is_division_name("衡阳县")
    assert not regions.is_division_name("许镇镇")
    assert not regions.is_division_name("衡阳县财政局")
