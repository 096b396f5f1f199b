"""Generate large, valid, realistic-looking ``clerk-catalog/1`` documents.

Used by benchmarks and tests to exercise the catalog parser and the importer at
scale. Deterministic for a given seed.

    python bench/generate_catalog.py 5000 /tmp/catalog-5000.json [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

REGION_CODE = "370830104"
REGION_NAME = "山东省济宁市汶上县郭仓镇便民服务中心"

# (abbreviation used in item codes, department name)
DEPARTMENTS = (
    ("MZ", "民政"),
    ("RS", "人力资源和社会保障"),
    ("YB", "医疗保障"),
    ("CL", "残疾人联合会"),
    ("WJ", "卫生健康"),
    ("NY", "农业农村"),
    ("ZJ", "住房和城乡建设"),
    ("SF", "司法所"),
    ("TY", "退役军人服务站"),
    ("SC", "市场监督管理"),
    ("GA", "公安派出所"),
    ("ZR", "自然资源"),
)
KINDS = ("行政许可", "行政给付", "行政确认", "公共服务", "行政裁决", "其他行政权力")
SUBJECTS = (
    "城乡居民",
    "困难群众",
    "残疾人",
    "农村村民",
    "退役军人",
    "80周岁以上老年人",
    "特困人员",
    "计划生育家庭",
    "个体工商户",
    "灵活就业人员",
    "脱贫人口",
    "留守儿童",
)
OBJECTS = (
    "基本养老保险",
    "基本医疗保险",
    "最低生活保障",
    "临时救助",
    "高龄津贴",
    "护理补贴",
    "就业创业证",
    "社会保障卡",
    "宅基地使用",
    "耕地地力保护补贴",
    "法律援助",
    "优待证",
    "营业执照",
    "生育服务",
    "危房改造补助",
    "创业担保贷款",
)
ACTIONS = (
    "申请",
    "登记",
    "申领",
    "变更",
    "补换",
    "注销",
    "核发",
    "备案",
    "资格认证",
    "待遇核定",
)
LEGAL_SOURCES = (
    "《社会救助暂行办法》",
    "《中华人民共和国社会保险法》",
    "《残疾人保障法》",
    "《中华人民共和国土地管理法》",
    "《法律援助法》",
    "《退役军人保障法》",
    "《促进个体工商户发展条例》",
    "《山东省最低生活保障办法》",
)
ARTICLES = ("第一条", "第五条", "第十一条", "第十四条", "第二十二条", "第三十条", "第四十二条")
CONDITIONS = (
    "持有本县户籍,家庭人均收入低于当地最低生活保障标准。",
    "年满16周岁、不满60周岁的本地常住人员。",
    "申请人及其家庭成员名下无商品房、机动车辆。",
    "经村(居)民委员会初审并公示无异议。",
    "",
)
# (id, text)
QUESTIONS = (
    ("by_proxy", "是否委托他人或村代办员代为办理?"),
    ("divorced", "申请人是否离异?"),
    ("has_disabled_member", "家庭成员中是否有持证残疾人?"),
    ("has_serious_illness", "家庭成员中是否有重大疾病患者?"),
    ("is_minor", "申请人是否未满18周岁?"),
    ("non_local", "申请人是否为非本县户籍?"),
    ("first_time", "是否首次申请?"),
    ("card_lost", "原证件是否遗失?"),
    ("is_veteran", "申请人是否为退役军人?"),
    ("married", "申请人是否已婚?"),
    ("has_employer", "申请人目前是否有用人单位?"),
    ("land_transfer", "承包地是否已流转?"),
)
# (id, name, note)
MATERIALS = (
    ("id_card", "申请人居民身份证", "窗口核验原件后退还"),
    ("hukou", "居民户口簿", "核验原件后退还"),
    ("app_form", "申请表", None),
    ("photo", "近期一寸免冠彩色照片", "白底,两张"),
    ("income", "家庭收入及财产状况申报表", None),
    ("consent", "家庭经济状况核对授权书", "家庭成员均需签字"),
    ("marriage", "结婚证", None),
    ("divorce", "离婚证或离婚判决书", None),
    ("disability", "残疾人证", None),
    ("medical", "诊断证明及医疗费用票据", "近一年内"),
    ("proxy_letter", "授权委托书", None),
    ("proxy_id", "受托人居民身份证", "核验原件后退还"),
    ("guardian", "监护关系证明", None),
    ("residence", "居住证", None),
    ("discharge", "退役证或退伍证", None),
    ("bank_card", "本人社会保障卡或银行卡", "用于待遇发放"),
    ("land_contract", "土地承包经营权证", None),
    ("loss_statement", "证件遗失声明", "本人签字"),
    ("labor_contract", "劳动合同", None),
    ("village_opinion", "村(居)民委员会意见", "加盖村委会公章"),
)
FORMS = ("original", "original", "original", "copy", "copy", "electronic")
LEVELS = ("township", "township", "township", "village", "county")


def _item(rng: random.Random, index: int) -> dict[str, Any]:
    abbr, department = rng.choice(DEPARTMENTS)
    name = rng.choice(SUBJECTS) + rng.choice(OBJECTS) + rng.choice(ACTIONS)
    immediate = rng.random() < 0.15
    statutory = rng.choice((1, 3, 5, 7, 10, 15, 20, 30, 40, 60))
    promised = 0 if immediate else rng.randint(0, statutory)
    fee = rng.choice((0, 0, 0, 0, 0, 0, 1000, 2000, 5000))

    questions = rng.sample(QUESTIONS, rng.randint(2, 5))
    qids = [qid for qid, _ in questions]
    materials: list[dict[str, Any]] = []
    for mid, mname, note in rng.sample(MATERIALS, rng.randint(4, 12)):
        material: dict[str, Any] = {
            "id": mid,
            "name": mname,
            "form": rng.choice(FORMS),
            "copies": rng.choice((1, 1, 1, 1, 2, 3)),
            "key": rng.random() < 0.6,
        }
        if note is not None and rng.random() < 0.7:
            material["note"] = note
        if mid == "app_form" or rng.random() < 0.05:
            material["template"] = f"{mname}(范本)"
        roll = rng.random()
        if roll < 0.30:
            material["when_yes"] = [rng.choice(qids)]
        elif roll < 0.40:
            material["when_no"] = [rng.choice(qids)]
        elif roll < 0.45:
            yes, no = rng.sample(qids, 2)
            material["when_yes"] = [yes]
            material["when_no"] = [no]
        materials.append(material)

    legal_basis = [
        rng.choice(LEGAL_SOURCES) + rng.choice(ARTICLES) for _ in range(rng.randint(1, 3))
    ]
    return {
        "code": f"{REGION_CODE}-{abbr}-{index + 1:05d}",
        "name": name,
        "department": department,
        "kind": rng.choice(KINDS),
        "level": rng.choice(LEVELS),
        "legal_basis": legal_basis,
        "conditions": rng.choice(CONDITIONS),
        "time_limit": {
            "statutory_days": statutory,
            "promised_days": promised,
            "unit": "working_day" if rng.random() < 0.8 else "calendar_day",
            "immediate": immediate,
        },
        "fee": {
            "amount_cents": fee,
            "basis": "《行政事业性收费标准》" if fee else None,
        },
        "agency_allowed": rng.random() < 0.5,
        "tolerant_acceptance": rng.random() < 0.4,
        "questions": [{"id": qid, "text": text} for qid, text in questions],
        "materials": materials,
    }


def generate_catalog(n_items: int, *, seed: int = 0, version: str = "bench-1") -> dict[str, Any]:
    """A valid ``clerk-catalog/1`` document with ``n_items`` items."""
    if n_items < 1:
        raise ValueError("a catalog needs at least one item")
    rng = random.Random(seed)
    return {
        "format": "clerk-catalog/1",
        "catalog_version": version,
        "published_at": "2026-11-20T09:00:00+08:00",
        "region": {"code": REGION_CODE, "name": REGION_NAME},
        "items": [_item(rng, i) for i in range(n_items)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated clerk-catalog/1 document.")
    parser.add_argument("n_items", type=int, help="number of service items")
    parser.add_argument("path", type=Path, help="output file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--version", default="bench-1", help="catalog_version label")
    args = parser.parse_args(argv)
    doc = generate_catalog(args.n_items, seed=args.seed, version=args.version)
    args.path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.n_items} items to {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
