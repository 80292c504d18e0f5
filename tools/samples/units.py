"""Government units for the samples: a department kind placed in a real division.

Divisions come from `pipelines/data/divisions.csv` (admin_code, level, province, city,
county, name, short_name). A unit is either city-level (a prefecture-level city's
department: county None) or county-level (a county, county-level city or district).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

import pipelines
from tools.samples.vocab import KINDS, DepartmentKind

# the pipeline's own table (pipelines/data), so samples name the divisions the pipeline knows
DIVISIONS_CSV = Path(pipelines.__file__).resolve().parent / "data" / "divisions.csv"

# municipalities and regions whose departments do not fit the city/county naming used here
_SKIP_PROVINCES = {"北京市", "天津市", "上海市", "重庆市", "台湾省", "香港特别行政区", "澳门特别行政区"}
# places the seed reports come from: samples use other units
_SEED_PLACES = {
    ("邵阳市", "北塔区"),
    ("湛江市", None),
    ("长沙市", "宁乡市"),
    ("石家庄市", "鹿泉区"),
    ("衡阳市", "衡阳县"),
}


@dataclass(frozen=True)
class Division:
    admin_code: str
    level: str  # city / county
    province: str
    city: str
    county: str | None


@dataclass(frozen=True)
class Unit:
    kind: DepartmentKind
    division: Division
    name: str  # full official name
    short_name: str  # how the report signs or calls itself in a heading
    place: str  # the place name inside the unit name: 北湖区 / 岳阳市
    rank: str

    @property
    def admin_level(self) -> str:
        return self.division.level

    @property
    def is_city(self) -> bool:
        return self.division.level == "city"

    @property
    def self_ref(self) -> str:
        return self.kind.self_ref

    @property
    def boss(self) -> str:
        return self.kind.boss.format(place=self.place)

    @property
    def abbrev(self) -> str:
        """What '（以下简称…）' gives: 区委网信办 / 县财政局 / 市政府办."""
        return self.place[-1] + self.kind.short_suffix

    @property
    def scope(self) -> str:
        """'全县' / '全区' / '全市': the area the unit serves."""
        return "全" + self.place[-1]


def load_divisions(path: Path | None = None) -> list[Division]:
    """Usable divisions of divisions.csv (comment lines start with '#')."""
    path = path or DIVISIONS_CSV
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return usable_divisions(rows)


def usable_divisions(rows: list[dict]) -> list[Division]:
    """Keep the city and county rows whose department names follow the common patterns."""
    out: list[Division] = []
    for row in rows:
        level = row["level"]
        province, city, county = row["province"], row.get("city") or "", row.get("county") or ""
        if province in _SKIP_PROVINCES or not city:
            continue
        if level == "city":
            if not city.endswith("市") or (city, None) in _SEED_PLACES:
                continue
            out.append(Division(row["admin_code"], "city", province, city, None))
        elif level == "county":
            if county[-1:] not in ("县", "区", "市") or county.endswith("林区"):
                continue
            if county.endswith("区") and not city.endswith("市"):
                continue
            if (city, county) in _SEED_PLACES:
                continue
            out.append(Division(row["admin_code"], "county", province, city, county))
    return sorted(out, key=lambda d: d.admin_code)


def make_unit(kind: DepartmentKind, division: Division) -> Unit:
    if division.level == "city":
        place = division.city
        prefix = ""
        rank = kind.rank_city
    else:
        place = division.county
        # a district's departments carry the city's name: 岳阳市岳阳楼区财政局
        prefix = division.city if place.endswith("区") else ""
        rank = kind.rank_county
    suffix = kind.city_suffix if (division.level == "city" and kind.city_suffix) else kind.suffix
    if kind.party:
        name = f"中共{prefix}{place}{suffix}"
    else:
        name = f"{prefix}{place}{suffix}"
    short = f"{place}{kind.short_suffix}"
    return Unit(kind, division, name, short, place, rank)


def pick_unit(rng: random.Random, divisions: list[Division]) -> Unit:
    if not divisions:
        raise ValueError("no usable divisions to place a unit in")
    kind = rng.choice(KINDS)
    # county-level units are the majority of published reports
    want = "city" if rng.random() < 0.25 else "county"
    pool = [d for d in divisions if d.level == want] or divisions
    return make_unit(kind, rng.choice(pool))
