#!/usr/bin/env python3
"""Generates src/Silo/Seed/yinchuan-matrix.json, the seed of the Yinchuan account matrix.

Inputs: the committed region CSVs (src/Silo/Seed/regions/yinchuan_*.csv) and the hand-written
units next to this script (units.json: districts' names, city bureaus, branch types, enterprises,
media). Output: one JSON array, one account per line so that a change diffs as a changed line.

Usage: python3 scripts/seed/generate_matrix.py [--check]
  --check  regenerate in memory and fail if the committed file differs (for CI).
The script validates the matrix and exits non-zero with the list of faults if anything is wrong.
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGIONS = ROOT / "src/Silo/Seed/regions"
UNITS = Path(__file__).resolve().parent / "units.json"
OUTPUT = ROOT / "src/Silo/Seed/yinchuan-matrix.json"

CITY_CODE = "6401"
# docs/TOPICS.md: the shared vocabulary. Keep both lists in step with that file.
CATEGORIES = ["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生", "其他"]
TOPICS = ["供暖", "供水", "供电", "燃气", "物业", "违章建筑", "市政设施", "排水", "园林绿化",
          "噪音", "环境卫生", "空气污染", "道路破损", "停车", "公共交通", "占道经营", "食品安全",
          "市场价格", "拖欠工资", "社会保障", "医疗卫生", "教育", "治安"]
KINDS = ["SuperSupervisor", "Manager", "DistrictGovernment", "CityBureau", "BureauBranch",
         "Street", "Community", "Enterprise", "Media"]
COUNTY_SUFFIXES = ("县", "市")
# 乡级 names too generic to stand alone as an account name get their district in front.
GENERIC_STREET_NAMES = {"城区街道"}


def read_csv(name):
    with open(REGIONS / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def community_display_name(name):
    """崇安社区居委会 -> 崇安社区, 光华门村委会 -> 光华门村, 顾家桥村村民委员会 -> 顾家桥村."""
    for suffix, replacement in (("社区居民委员会", "社区"), ("社区居委会", "社区"),
                                ("村村民委员会", "村"), ("村民委员会", "村"), ("村委会", "村"),
                                ("居民委员会", "社区"), ("居委会", "社区")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + replacement
    return name


def is_urban_community(name):
    """Residents' committees (城市社区), the units served by heating and property companies."""
    return "社区" in name or name.endswith("居委会") or name.endswith("居民委员会")


def street_short_name(name):
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def account(id_, display_name, kind, parent_id, bureau_id, jurisdiction, competence, name):
    return {
        "id": id_,
        "displayName": display_name,
        "name": name,
        "kind": kind,
        "parentId": parent_id,
        "bureauId": bureau_id,
        "jurisdiction": jurisdiction,
        "competence": competence,
        "active": True,
    }


def build():
    units = json.loads(UNITS.read_text(encoding="utf-8"))
    areas = read_csv("yinchuan_areas.csv")
    streets = read_csv("yinchuan_streets.csv")
    villages = read_csv("yinchuan_villages_communities.csv")
    all_categories = list(CATEGORIES)
    accounts = []

    accounts.append(account("jiwei", "@银川纪委", "SuperSupervisor", None, None, [CITY_CODE], all_categories,
                             "中共银川市纪律检查委员会 银川市监察委员会"))
    accounts.append(account("weiboyc", "@微博银川", "SuperSupervisor", None, None, [CITY_CODE], all_categories,
                             "银川市人民政府新闻办公室"))
    accounts.append(account("wzyc", "@问政银川", "Manager", None, None, [CITY_CODE], all_categories,
                             "中共银川市委办公室督查室"))
    for m in units["media"]:
        accounts.append(account(m["id"], m["displayName"], "Media", "weiboyc", None, [CITY_CODE], [], m["name"]))

    district_names = {}
    for area in areas:
        code, full = area["code"], area["name"]
        info = units["districts"][code]
        district_names[code] = (info["short"], full)
        accounts.append(account(f"district-{code}", info["displayName"], "DistrictGovernment", "wzyc", None,
                                [code], all_categories, f"{full}人民政府"))

    for b in units["bureaus"]:
        accounts.append(account(b["id"], b["displayName"], "CityBureau", "wzyc", b.get("bureauId"), [CITY_CODE],
                                b["competence"], b["name"]))
    bureau_names = {b["id"]: b["name"] for b in units["bureaus"]}

    for t in units["branches"]:
        for code, (short, full) in district_names.items():
            template = t["county"] if full.endswith(COUNTY_SUFFIXES) else t["district"]
            display = template.format(short=short, full=full)
            accounts.append(account(f"branch-{t['key']}-{code}", display, "BureauBranch", f"district-{code}",
                                    t["bureauId"], [code], t["competence"], display.lstrip("@")))

    for s in streets:
        name = s["name"]
        display = f"@{s['areaName']}{name}" if name in GENERIC_STREET_NAMES else f"@{name}"
        accounts.append(account(f"street-{s['code']}", display, "Street", f"district-{s['areaCode']}", None,
                                [s["code"]], all_categories, f"{s['areaName']}{name}"))

    street_by_code = {s["code"]: s for s in streets}
    # Community names repeat across the city (西湖社区 twice); a Weibo handle cannot, so every member
    # of a colliding group gets its street's short name in front.
    plain = [community_display_name(v["name"]) for v in villages]
    taken = {a["displayName"].lstrip("@") for a in accounts}
    counts = {}
    for p in plain:
        counts[p] = counts.get(p, 0) + 1
    for v, p in zip(villages, plain):
        if counts[p] > 1 or p in taken:
            street = street_by_code[v["streetCode"]]
            prefix = (street["areaName"][:-1] if street["name"] in GENERIC_STREET_NAMES
                      else street_short_name(street["name"]))
            p = prefix + p
        accounts.append(account(f"community-{v['code']}", f"@{p}", "Community", f"street-{v['streetCode']}", None,
                                [v["code"]], all_categories, f"{v['areaName']}{v['streetName']}{v['name']}"))

    urban = [v["code"] for v in villages if is_urban_community(v["name"])]
    exclusive_owner = {}  # (group, community code) -> (prefix length, enterprise id)
    for e in units["enterprises"]:
        group = e.get("exclusive")
        if group is None:
            continue
        for code in urban:
            for prefix in e["servesCommunitiesUnder"]:
                if code.startswith(prefix):
                    key = (group, code)
                    best = exclusive_owner.get(key)
                    if best is None or len(prefix) > best[0]:
                        exclusive_owner[key] = (len(prefix), e["id"])
    for e in units["enterprises"]:
        if "jurisdiction" in e:
            jurisdiction = list(e["jurisdiction"])
        elif e.get("exclusive"):
            jurisdiction = [c for c in urban if exclusive_owner.get((e["exclusive"], c), (0, None))[1] == e["id"]]
        else:
            jurisdiction = [c for c in urban if any(c.startswith(p) for p in e["servesCommunitiesUnder"])]
        accounts.append(account(e["id"], e["displayName"], "Enterprise", e["parentId"], e["parentId"],
                                jurisdiction, e["competence"], e["name"]))
    return accounts, areas, streets, villages


def validate(accounts, areas, streets, villages):
    faults = []
    by_id = {}
    for a in accounts:
        if a["id"] in by_id:
            faults.append(f"duplicate id {a['id']}")
        by_id[a["id"]] = a
        if not a["id"].isascii() or not a["id"] or " " in a["id"]:
            faults.append(f"{a['id']}: id must be non-empty ASCII without spaces")
    names = {}
    for a in accounts:
        if a["displayName"] in names:
            faults.append(f"duplicate displayName {a['displayName']} ({names[a['displayName']]}, {a['id']})")
        names[a["displayName"]] = a["id"]
    vocabulary = set(CATEGORIES) | set(TOPICS)
    region_codes = {CITY_CODE} | {r["code"] for r in areas} | {r["code"] for r in streets} | {r["code"] for r in villages}
    for a in accounts:
        if a["kind"] not in KINDS:
            faults.append(f"{a['id']}: unknown kind {a['kind']}")
        for ref in ("parentId", "bureauId"):
            if a[ref] is not None and a[ref] not in by_id:
                faults.append(f"{a['id']}: {ref} {a[ref]} does not exist")
        for c in a["competence"]:
            if c not in vocabulary:
                faults.append(f"{a['id']}: competence {c} is not in docs/TOPICS.md")
        if not a["jurisdiction"]:
            faults.append(f"{a['id']}: empty jurisdiction")
        for code in a["jurisdiction"]:
            if code not in region_codes:
                faults.append(f"{a['id']}: unknown region code {code}")
    for a in accounts:
        seen, cur = set(), a
        while cur is not None and cur["parentId"] is not None:
            if cur["id"] in seen:
                faults.append(f"{a['id']}: parent chain has a cycle")
                break
            seen.add(cur["id"])
            cur = by_id.get(cur["parentId"])
    for s in streets:
        a = by_id.get(f"street-{s['code']}")
        if a is None or a["parentId"] != f"district-{s['areaCode']}":
            faults.append(f"street {s['code']} missing or not under its district")
    for v in villages:
        a = by_id.get(f"community-{v['code']}")
        if a is None or a["parentId"] != f"street-{v['streetCode']}":
            faults.append(f"community {v['code']} missing or not under its street")
    for a in accounts:
        parent = by_id.get(a["parentId"]) if a["parentId"] else None
        bureau = by_id.get(a["bureauId"]) if a["bureauId"] else None
        if a["kind"] == "BureauBranch":
            if parent is None or parent["kind"] != "DistrictGovernment":
                faults.append(f"{a['id']}: a branch's parent must be a district government")
            if bureau is None or bureau["kind"] != "CityBureau":
                faults.append(f"{a['id']}: a branch's bureauId must be a city bureau")
    heating_served = {}
    for a in accounts:
        if a["kind"] == "Enterprise" and a["competence"] == ["供暖"]:
            for code in a["jurisdiction"]:
                heating_served.setdefault(code, []).append(a["id"])
    unserved = [v["code"] for v in villages if is_urban_community(v["name"]) and v["code"] not in heating_served]
    if unserved:
        faults.append(f"urban communities without a heating company: {unserved[:5]}...")
    for code, owners in heating_served.items():
        if len(owners) > 1:
            faults.append(f"community {code} has several heating companies {owners}")
    return faults


def render(accounts):
    lines = [json.dumps(a, ensure_ascii=False, separators=(", ", ": ")) for a in accounts]
    return "[\n  " + ",\n  ".join(lines) + "\n]\n"


def main():
    accounts, areas, streets, villages = build()
    faults = validate(accounts, areas, streets, villages)
    if faults:
        print("\n".join(faults), file=sys.stderr)
        sys.exit(1)
    text = render(accounts)
    if "--check" in sys.argv[1:]:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date: run python3 scripts/seed/generate_matrix.py", file=sys.stderr)
            sys.exit(1)
    else:
        OUTPUT.write_text(text, encoding="utf-8")
    kinds = {}
    for a in accounts:
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
    print(f"{len(accounts)} accounts: " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in KINDS))


if __name__ == "__main__":
    main()
