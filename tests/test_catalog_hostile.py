"""Hostile catalogs: every malformed document is refused cleanly, in bounded time and memory.

Fault tests count the faults they try and the failures they see (printed for
the issue's table) and assert no failure: every document either imports or is
refused with a CatalogFormatError/ClerkDeskError, and a refusal leaves the
store exactly as it was.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from support.desks import REPO, SAMPLE_CATALOG, db_dump, resident_id, unchanged

from clerk_desk.catalog_format import (
    MAX_DOCUMENT_BYTES,
    MAX_FEE_CENTS,
    MAX_JSON_VALUES,
    MAX_PROBLEMS,
    CatalogFormatError,
    parse_catalog,
)
from clerk_desk.cli import main
from clerk_desk.desk import Desk
from clerk_desk.errors import ClerkDeskError, NotFound, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import CatalogItem, CatalogVersion
from clerk_desk.text_rules import forbidden_character

Doc = dict[str, Any]
SAMPLE_TEXT = SAMPLE_CATALOG.read_text(encoding="utf-8")


def sample() -> Doc:
    return json.loads(SAMPLE_TEXT)


def encode(doc: Doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def refused(desk: Desk, data: bytes) -> CatalogFormatError:
    with unchanged(desk), pytest.raises(CatalogFormatError) as info:
        desk.catalog.import_document(data)
    return info.value


def paths(error: CatalogFormatError) -> list[str]:
    return [p.path for p in error.problems]


# --------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    "value",
    [
        "1999-12-31T23:59:59Z",
        "2000-01-01T07:59:59+08:00",  # 1999 in UTC
        "2101-01-01T00:00:00Z",
        "2100-12-31T20:00:00-05:00",  # 2101 in UTC
        "0001-01-01T00:00:00+08:00",  # cannot even be moved to UTC
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-08:00",
        "9999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
    ],
)
def test_publication_times_outside_2000_2100_are_refused(desk: Desk, value: str) -> None:
    doc = sample()
    doc["catalog_version"], doc["published_at"] = "2099.1", value
    error = refused(desk, encode(doc))
    assert paths(error) == ["published_at"]
    assert "2000-2100" in error.problems[0].message


@pytest.mark.parametrize("value", ["2000-01-01T00:00:00Z", "2100-12-31T23:59:59.999999Z"])
def test_publication_times_at_the_ends_import_and_show(desk: Desk, value: str) -> None:
    doc = sample()
    doc["catalog_version"], doc["published_at"] = "edge", value
    result = desk.catalog.import_document(encode(doc))
    assert result.created
    stored = next(v for v in desk.catalog.versions() if v.label == "edge")
    assert stored.published_at == parse_catalog(encode(doc)).published_at
    assert main(["--data-dir", str(desk.data_dir), "catalog", "show"]) == 0


# Every number whose JSON range is wider than what the store and the screens hold:
# (field path in the first item, the largest value accepted, a value just over it).
NUMBER_FIELDS = [
    (("time_limit", "statutory_days"), 3650, 3651),
    (("time_limit", "promised_days"), 0, -1),
    (("materials", 0, "copies"), 999, 1000),
    (("materials", 0, "copies"), 1, 0),
    (("fee", "amount_cents"), MAX_FEE_CENTS, MAX_FEE_CENTS + 1),
    (("fee", "amount_cents"), MAX_FEE_CENTS, 2**63),  # beyond SQLite's INTEGER
    (("fee", "amount_cents"), 0, -(2**63) - 1),
]


def _set(doc: Doc, where: tuple[Any, ...], value: Any) -> None:
    node = doc["items"][0]
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value


def _path(where: tuple[Any, ...]) -> str:
    out = "items[0]"
    for key in where:
        out += f"[{key}]" if isinstance(key, int) else f".{key}"
    return out


@pytest.mark.parametrize(("where", "largest", "over"), NUMBER_FIELDS)
def test_numbers_beyond_what_the_store_holds_are_refused_at_their_path(
    desk: Desk, where: tuple[Any, ...], largest: int, over: int
) -> None:
    for bad in (over, 10**40, 1e308, 1.5, "1", None, True):
        doc = sample()
        doc["catalog_version"] = "n.bad"
        if where[-1] == "promised_days":
            doc["items"][0]["time_limit"]["statutory_days"] = 3650
        _set(doc, where, bad)
        assert paths(refused(desk, encode(doc))) == [_path(where)], bad
    # Written as digits that overflow a double, or as a 5,000-digit integer.
    for literal in ("1e999999", "9" * 5000):
        doc = sample()
        doc["catalog_version"] = "n.huge"
        _set(doc, where, "@@")
        data = encode(doc).replace(b'"@@"', literal.encode())
        assert paths(refused(desk, data)) == [_path(where)], literal
    doc = sample()
    doc["catalog_version"] = "n.ok"
    _set(doc, where, largest)
    if where[-1] == "promised_days":
        doc["items"][0]["time_limit"]["statutory_days"] = 3650
    result = desk.catalog.import_document(encode(doc))
    assert result.created
    stored = desk.catalog.item(doc["items"][0]["code"], result.version.id)
    assert stored.item.to_json() == doc["items"][0]


# (field, its longest accepted length): names and ids against the columns they fill.
LENGTHS = [
    (("code",), 200),  # catalog_items.code is String(200)
    (("name",), 2000),
    (("materials", 0, "id"), 200),
    (("questions", 0, "id"), 200),
    (("conditions",), 20_000),
]


@pytest.mark.parametrize(("where", "limit"), LENGTHS)
def test_string_lengths_against_the_columns(desk: Desk, where: tuple[Any, ...], limit: int) -> None:
    doc = sample()
    doc["catalog_version"] = "len.bad"
    _set(doc, where, "a" * (limit + 1))
    problems = paths(refused(desk, encode(doc)))
    assert _path(where) in problems
    doc = sample()
    doc["catalog_version"] = "len.ok"
    if where == ("questions", 0, "id"):
        return  # the materials' conditions name the id: the refusal above is what counts
    _set(doc, where, "a" * limit)
    assert desk.catalog.import_document(encode(doc)).created


def test_version_label_and_region_code_against_their_columns(desk: Desk) -> None:
    doc = sample()
    doc["catalog_version"] = "v" * 201  # catalog_versions.label is String(200)
    assert paths(refused(desk, encode(doc))) == ["catalog_version"]
    doc = sample()
    doc["region"]["code"] = "3" * 13  # region_code is String(12)
    assert paths(refused(desk, encode(doc))) == ["region.code"]


# --------------------------------------------------------- invisible characters

INVISIBLE = {
    0x200B: "zero width space",
    0x200C: "zero width non-joiner",
    0x200D: "zero width joiner",
    0x2060: "word joiner",
    0xFEFF: "byte order mark",
    0x202E: "bidi",
    0x202A: "bidi",
    0x2066: "bidi",
    0x2069: "bidi",
    0x200E: "bidi",
    0x061C: "bidi",
    0x2028: "line separator",
    0x2029: "paragraph separator",
    0x00AD: "soft hyphen",
    0xFDD0: "noncharacter",
    0xFFFE: "noncharacter",
    0x10FFFF: "noncharacter",
    0xE0001: "tag character",
    0xE0041: "tag character",
    0xE007F: "tag character",
    0x0085: "C1 control",
    0x009B: "C1 control",
    0x0007: "control",
    0x001B: "escape",
    0x007F: "delete",
}

TEXT_FIELDS: list[tuple[Any, ...]] = [
    ("items", 0, "name"),
    ("items", 0, "department"),
    ("items", 0, "kind"),
    ("items", 0, "legal_basis", 0),
    ("items", 0, "conditions"),
    ("items", 0, "questions", 0, "text"),
    ("items", 0, "materials", 0, "name"),
    ("items", 0, "materials", 0, "note"),
    ("items", 0, "materials", 0, "template"),
    ("items", 0, "authority"),
    ("items", 0, "notice_basis", 0),
    ("items", 0, "fee", "basis"),
    ("region", "name"),
    ("catalog_version",),
]


def _doc_path(where: tuple[Any, ...]) -> str:
    out = ""
    for key in where:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def _put(doc: Doc, where: tuple[Any, ...], value: str) -> None:
    node: Any = doc
    for key in where[:-1]:
        node = node[key]
    if where[-1] == "notice_basis":
        node[where[-1]] = [value]
    elif isinstance(node, dict) and where[-1] not in node and where[-1] != 0:
        node[where[-1]] = value
    else:
        node[where[-1]] = value


def test_invisible_characters_are_refused_in_every_text_field(desk: Desk) -> None:
    tries = failures = 0
    for where in TEXT_FIELDS:
        for cp in INVISIBLE:
            doc = sample()
            doc["catalog_version"] = "inv"
            if where[-2:] == ("notice_basis", 0):
                doc["items"][0]["notice_basis"] = ["依据"]
            if where[-1] in ("note", "template", "authority") or where[-2:] == ("fee", "basis"):
                _put(doc, where, "文本")
            _put(doc, where, "名\u4e00" + chr(cp) + "称")
            tries += 1
            try:
                desk.catalog.import_document(
                    json.dumps(doc, ensure_ascii=True).encode()  # lone surrogates too
                )
                failures += 1
                print("accepted:", where, hex(cp))
            except CatalogFormatError as exc:
                want = f"U+{cp:04X}"
                ok = [p for p in exc.problems if p.path == _doc_path(where) and want in p.message]
                if not ok:
                    failures += 1
                    print("wrong message:", where, hex(cp), exc.problems[:2])
    print(f"invisible characters in text fields: tries {tries}, failures {failures}")
    assert tries >= 300 and failures == 0


def test_line_breaks_only_where_the_format_takes_multi_line_text(desk: Desk) -> None:
    doc = sample()
    doc["catalog_version"] = "multi"
    doc["items"][0]["conditions"] = "一、本县户籍；\r\n二、\t收入低于标准。"
    doc["items"][0]["materials"][0]["note"] = "核验原件后退还\n复印件留存"
    assert desk.catalog.import_document(encode(doc)).created
    for where in (("items", 0, "name"), ("items", 0, "materials", 0, "name")):
        doc = sample()
        doc["catalog_version"] = "multi2"
        _put(doc, where, "两\n行")
        assert paths(refused(desk, encode(doc))) == [_doc_path(where)]


def test_variation_selectors_stay_allowed(desk: Desk) -> None:
    doc = sample()
    doc["catalog_version"] = "vs"
    doc["items"][0]["name"] = "\u845b\U000e0100家庄\u8fb6\ufe00申请"  # IVS and SVS
    doc["items"][0]["materials"][0]["name"] = "䶮\ufe0f材料"
    result = desk.catalog.import_document(encode(doc))
    assert result.created
    stored = desk.catalog.item(doc["items"][0]["code"], result.version.id)
    assert stored.item.name == doc["items"][0]["name"]


@pytest.mark.parametrize(
    "bad",
    [
        "MZ 001",
        "MZ-001\u200b",
        "MZ－001",
        "ＭＺ001",
        "MZ.001",
        "Mé-001",
        "MZ/001",
        "MZ\t1",
        "\U0001f600",
    ],
)
@pytest.mark.parametrize(
    "where", [("code",), ("materials", 0, "id"), ("questions", 0, "id")], ids=str
)
def test_identifiers_are_ascii_letters_digits_hyphen_underscore(
    desk: Desk, where: tuple[Any, ...], bad: str
) -> None:
    doc = sample()
    doc["catalog_version"] = "ids"
    _set(doc, where, bad)
    error = refused(desk, encode(doc))
    assert _path(where) in paths(error)
    message = next(p.message for p in error.problems if p.path == _path(where))
    assert "U+" in message


def test_identifiers_with_hyphen_and_underscore_import(desk: Desk) -> None:
    doc = sample()
    doc["catalog_version"] = "ids-ok"
    doc["items"][0]["code"] = "A-b_9"
    doc["items"][0]["materials"][0]["id"] = "x_Y-1"
    assert desk.catalog.import_document(encode(doc)).created


def test_shared_validator_names_the_code_point() -> None:
    found = forbidden_character("姓\u200b名")
    assert found is not None and found.describe() == "U+200B (zero width space) at character 2"
    assert forbidden_character("a\nb", multiline=True) is None
    assert forbidden_character("䶮\U000e0100") is None


# ------------------------------------------------------------- problem count


def test_problems_stop_at_200_and_the_rest_are_counted(desk: Desk, capsys: Any) -> None:
    doc = sample()
    doc["catalog_version"] = "many"
    doc["items"] = [{} for _ in range(1000)]  # 13 missing fields each
    error = refused(desk, encode(doc))
    assert len(error.problems) == MAX_PROBLEMS
    assert error.more == 13 * 1000 - MAX_PROBLEMS and error.total == 13_000
    assert str(error).endswith("... and 12,800 more problems")
    file = desk.data_dir / "many.json"
    file.write_bytes(encode(doc))
    assert main(["--data-dir", str(desk.data_dir), "catalog", "import", str(file)]) == 1
    err = capsys.readouterr().err
    assert "13,000 problem(s)" in err and err.rstrip().endswith("... and 12,800 more problems")
    assert err.count("\n  items[") == MAX_PROBLEMS


def test_a_file_over_the_size_limit_is_refused_unread(desk: Desk, capsys: Any) -> None:
    file = desk.data_dir / "big.json"
    with file.open("wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: never written, never read
    with unchanged(desk):
        assert main(["--data-dir", str(desk.data_dir), "catalog", "import", str(file)]) == 1
    assert f"at most {MAX_DOCUMENT_BYTES:,} bytes" in capsys.readouterr().err


def test_too_many_values_are_refused_before_parsing(desk: Desk) -> None:
    data = b"[" + b"0," * MAX_JSON_VALUES + b"0]"
    error = refused(desk, data)
    assert paths(error) == ["$"] and "JSON values" in error.problems[0].message


# Shapes of hostile documents: bench/bench_catalog_hostile.py builds them (at 32 and 64 MB).
HOSTILE_PROGRAM = textwrap.dedent(
    """
    import json, sys, time
    from clerk_desk.cli import main
    t = time.perf_counter()
    status = main(["--data-dir", sys.argv[1], "catalog", "import", sys.argv[2]])
    # VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's (pytest's) size.
    hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    print(json.dumps({"status": status, "seconds": time.perf_counter() - t,
                      "rss_mb": int(hwm.split()[1]) / 1024}))
    """
)


def _load_bench() -> ModuleType:
    path = REPO / "bench" / "bench_catalog_hostile.py"
    spec = importlib.util.spec_from_file_location("bench_catalog_hostile", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _load_bench()
SHAPES = BENCH.SHAPES


def test_the_bench_knows_the_limit() -> None:
    assert BENCH.MAX_JSON_VALUES == MAX_JSON_VALUES


def run_hostile(data_dir: Path, file: Path) -> dict[str, Any]:
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", HOSTILE_PROGRAM, str(data_dir), str(file)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["stderr"] = done.stderr
    return result


@pytest.mark.parametrize("shape", SHAPES)
def test_a_5_mb_hostile_document_is_refused_in_bounded_memory(
    desk: Desk, tmp_path: Path, shape: str
) -> None:
    file = tmp_path / "hostile.json"
    file.write_bytes(BENCH.hostile_document(shape, 5 * 1024 * 1024))
    before = db_dump(desk)
    desk.close()
    result = run_hostile(desk.data_dir, file)
    print(f"5 MB {shape}: {result['seconds']:.2f} s, {result['rss_mb']:.0f} MB")
    assert result["status"] == 1
    assert "not imported" in result["stderr"]
    assert len(result["stderr"].splitlines()) <= MAX_PROBLEMS + 2
    assert result["rss_mb"] < 300
    reopened = Desk.open(desk.data_dir)
    try:
        assert db_dump(reopened) == before
    finally:
        reopened.close()


# ----------------------------------------------------------------- fuzzing

WEIRD_STRINGS = [
    "",
    " ",
    "\u3000",
    "\u200b",
    "a\u202eb",
    "\x00",
    "x" * 2001,
    "\ud800",
    "\n",
    "\r\n",
    "\ufeff",
    "\u00ad",
    "\U000e0041",
    "\ufdd0",
    "\uffff",
    "\u2028",
    "a\tb",
    "İ",
    "ß",
    "ﬃ",
    "\U00020000",
    "䶮\ufe00",
    "\u0300",
    "\u3164",
    "{name}",
    "<b>x</b>",
    "%s",
    "0001-01-01T00:00:00+08:00",
    "9999-12-31T23:59:59-08:00",
    "1999-12-31T23:59:59Z",
    "2101-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "2026-12-01T09:00:00+24:00",
    "2026-12-01T09:00:60Z",
    "2026-12-01",
    "village",
    "working_day",
    "copy",
    "clerk-catalog/2",
    "37083010412345",
]
WEIRD_NUMBERS: list[Any] = [
    -1,
    0,
    1,
    3651,
    999,
    1000,
    MAX_FEE_CENTS + 1,
    2**63,
    -(2**63) - 1,
    10**100,
    1e300,
    -0.0,
    0.5,
]


def _weird_value(r: random.Random) -> Any:
    k = r.randrange(7)
    if k == 0:
        return r.choice(WEIRD_STRINGS)
    if k == 1:
        return r.choice(WEIRD_NUMBERS)
    if k == 2:
        return r.choice([None, True, False])
    if k == 3:
        return r.choice([[], {}, [None], {"x": 1}])
    if k == 4:
        return r.choice(WEIRD_STRINGS) * r.randrange(1, 50)
    if k == 5:
        return [[[[r.choice(WEIRD_STRINGS)]]]]
    return "y" * r.choice([199, 200, 201, 2000, 2001, 20_001])


def _pick(r: random.Random, doc: Doc) -> tuple[tuple[Any, ...], Any]:
    """A random value of the document (not the root) and its path, by random descent."""
    path: list[Any] = []
    node: Any = doc
    while True:
        if isinstance(node, dict) and node:
            key: Any = r.choice(list(node))
        elif isinstance(node, list) and node:
            key = r.randrange(len(node))
        else:
            break
        path.append(key)
        node = node[key]
        if r.random() < 0.3:
            break
    return tuple(path), node


def _mutate_tree(r: random.Random, doc: Doc) -> None:
    for _ in range(r.randrange(1, 4)):
        where, node = _pick(r, doc)
        if not where:
            continue
        parent: Any = doc
        for key in where[:-1]:
            parent = parent[key]
        key = where[-1]
        op = r.randrange(10)
        if op == 0:
            parent[key] = _weird_value(r)  # type swapped / out of range
        elif op == 1 and isinstance(parent, dict):
            del parent[key]  # key dropped
        elif op == 2 and isinstance(node, str):
            at = r.randrange(len(node) + 1)
            parent[key] = node[:at] + r.choice(WEIRD_STRINGS) + node[at:]
        elif op == 3 and isinstance(node, int) and not isinstance(node, bool):
            parent[key] = r.choice(WEIRD_NUMBERS)
        elif op == 4 and isinstance(parent, list):
            parent.append(copy.deepcopy(node))  # repeated element (duplicate code or id)
        elif op == 5:
            parent[key] = [[[[node]]]]  # nesting
        elif op == 6 and isinstance(parent, dict):
            parent[str(key) + r.choice(["_", "X", " ", "\u200b"])] = node  # unknown key
        elif op == 7 and isinstance(parent, list) and parent:
            parent.pop(r.randrange(len(parent)))
        elif op == 8 and isinstance(node, (dict, list)):
            parent[key] = json.loads(json.dumps(node)) if r.random() < 0.5 else {}
        else:
            parent[key] = _weird_value(r)


def _mutate_bytes(r: random.Random, data: bytes) -> bytes:
    op = r.randrange(9)
    at = r.randrange(len(data))
    if op == 0:  # invalid UTF-8
        return data[:at] + bytes([r.choice([0x80, 0xC0, 0xFF, 0xED, 0xF5])]) + data[at:]
    if op == 1:  # truncated
        return data[:at]
    if op == 2:  # a duplicate key
        key = r.choice([b'"name": ', b'"code": ', b'"id": ', b'"copies": ', b'"format": '])
        i = data.find(key, at)
        i = data.find(key) if i < 0 else i
        end = data.find(b",", i)
        return data[:end] + b", " + data[i:end] + data[end:] if i >= 0 and end > 0 else data
    if op == 3:  # deep nesting
        depth = r.choice([50, 900, 5000, 100_000])
        return data[:at] + b"[" * depth + data[at:]
    if op == 4:  # huge number
        lit = r.choice([b"1e999999", b"-1e999999", b"9" * 5000, b"1" * 40, b"NaN", b"Infinity"])
        i = data.find(b": ", at)
        return data[: i + 2] + lit + b"," + data[i + 2 :] if i >= 0 else data + lit
    if op == 5:  # flipped byte
        return data[:at] + bytes([data[at] ^ (1 << r.randrange(8))]) + data[at + 1 :]
    if op == 6:  # a BOM, UTF-16, or trailing garbage
        return r.choice([b"\xef\xbb\xbf" + data, b"\xff\xfe" + data, data + b" x", data + b"{}"])
    if op == 7:  # a huge string
        i = data.find(b'"name": "', at)
        size = r.choice([3000, 30_000, 300_000])
        return data[: i + 9] + b"z" * size + data[i + 9 :] if i >= 0 else data
    return data.replace(b'"', b"'", 1)


def fuzz_document(r: random.Random, n: int) -> bytes:
    doc = sample()
    doc["catalog_version"] = f"fuzz-{n}"
    doc["published_at"] = r.choice(["2026-10-01T09:00:00+08:00", "2026-12-02T09:00:00+08:00"])
    in_bytes = r.random() < 0.3
    if not in_bytes or r.random() < 0.5:
        _mutate_tree(r, doc)
    data = json.dumps(doc, ensure_ascii=r.random() < 0.3).encode("utf-8", "surrogatepass")
    if in_bytes:
        data = _mutate_bytes(r, data)
    return data


def _commits_counter(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("SELECT count(*) FROM catalog_versions").fetchone()  # open a read snapshot once
    return conn


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits (PRAGMA data_version)."""
    value: int = conn.execute("PRAGMA data_version").fetchone()[0]
    return value


FUZZ_TRIES = 10_000


def test_ten_thousand_malformed_catalogs_import_or_are_refused_cleanly(
    desk: Desk, capsys: Any
) -> None:
    r = random.Random(20261205)
    watcher = _commits_counter(desk.store.path)
    tries = failures = imported = same = 0
    outcomes: Counter[str] = Counter()
    for n in range(FUZZ_TRIES):
        data = fuzz_document(r, n)
        tries += 1
        full_check = n % 1000 == 0
        dump = db_dump(desk) if full_check else None
        before = _data_version(watcher)
        try:
            result = desk.catalog.import_document(data)
        except ClerkDeskError as exc:
            outcomes[type(exc).__name__] += 1
            if _data_version(watcher) != before or (full_check and db_dump(desk) != dump):
                failures += 1
                print(f"try {n}: refused but the store changed")
        except Exception as exc:  # any other exception is the fault counted
            failures += 1
            outcomes[f"crash {type(exc).__name__}"] += 1
            print(f"try {n}: {type(exc).__name__}: {exc!s:.300}")
        else:
            imported += result.created
            same += not result.created  # a mutated label that names a stored version
    watcher.close()
    # Every version stored can be shown: listed, its items loaded and searched.
    for version in desk.catalog.versions():
        assert desk.catalog.items(version.id)
    desk.item_index().search("低保")
    assert main(["--data-dir", str(desk.data_dir), "catalog", "show"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == imported + 1
    print(
        f"malformed catalogs: tries {tries}, failures {failures}, imported {imported}, "
        f"already stored {same}"
    )
    print(f"  outcomes: {dict(outcomes)}")
    assert tries >= 10_000
    assert failures == 0
    assert 0 < imported < tries


# ------------------------------------------------------------------ retire


def _import(desk: Desk, label: str, published: str, items: int | None = None) -> None:
    doc = sample()
    doc["catalog_version"], doc["published_at"] = label, published
    if items:
        doc["items"] = doc["items"][:items]
    assert desk.catalog.import_document(encode(doc)).created


def _current(desk: Desk) -> str:
    current = desk.catalog.current_version()
    assert current is not None
    return current.label


def test_retiring_the_current_version_makes_the_previous_good_one_current(desk: Desk) -> None:
    _import(desk, "2026.12.2", "2026-12-02T09:00:00+08:00", items=5)
    _import(desk, "2026.12.3", "2026-12-03T09:00:00+08:00", items=3)
    assert _current(desk) == "2026.12.3"
    assert len(desk.item_index()) == 3
    result = desk.catalog.retire("2026.12.3", actor_id=SYSTEM_ACTOR, via="cli")
    assert result.was_current and result.current.label == "2026.12.2"
    assert _current(desk) == "2026.12.2"
    assert len(desk.item_index()) == 5  # the index follows the current version
    # Retiring a version that is not current changes nothing else.
    result = desk.catalog.retire("2026.12.1")
    assert not result.was_current and _current(desk) == "2026.12.2"
    # The last version in use cannot be retired; a retired one cannot be again.
    with unchanged(desk), pytest.raises(RuleViolation, match="only one in use"):
        desk.catalog.retire("2026.12.2")
    with unchanged(desk), pytest.raises(RuleViolation, match="already retired"):
        desk.catalog.retire("2026.12.3")
    with unchanged(desk), pytest.raises(NotFound):
        desk.catalog.retire("no.such")
    # A retired version stays retired when its document is imported again.
    doc = sample()
    doc["catalog_version"], doc["published_at"] = "2026.12.3", "2026-12-03T09:00:00+08:00"
    doc["items"] = doc["items"][:3]
    with unchanged(desk):
        again = desk.catalog.import_document(encode(doc))
    assert not again.created and again.version.retired_at is not None
    assert _current(desk) == "2026.12.2"


def test_retiring_the_only_version_is_refused(desk: Desk) -> None:
    with unchanged(desk), pytest.raises(RuleViolation, match="only one in use"):
        desk.catalog.retire("2026.12.1")
    assert _current(desk) == "2026.12.1"


def test_open_cases_keep_their_items_when_their_version_is_retired(desk: Desk, clock: Any) -> None:
    clerk = desk.staff.by_login("demo")
    assert clerk is not None
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=resident_id(), phone="13812345678"
    )
    code = sample()["items"][0]["code"]
    case = desk.intake.start(clerk_id=clerk.id, item_code=code, applicant_id=person.id)
    before = desk.cases.get(case.id).stored_item
    newer = sample()
    newer["catalog_version"], newer["published_at"] = "2026.12.9", "2026-12-09T09:00:00+08:00"
    newer["items"][0]["name"] = "改过名称的事项"
    clock.advance(timedelta(minutes=1))
    desk.catalog.import_document(encode(newer))
    desk.catalog.retire("2026.12.1")
    desk.catalog._items.clear()  # read again from the store, not from the cache
    after = desk.cases.get(case.id).stored_item
    assert after.item == before.item and after.version_label == "2026.12.1"
    assert desk.catalog.item(code).item.name == "改过名称的事项"


def test_catalog_retire_at_the_command_line_is_audited_and_shown(desk: Desk, capsys: Any) -> None:
    _import(desk, "2026.12.2", "2026-12-02T09:00:00+08:00")
    desk.close()
    args = ["--data-dir", str(desk.data_dir), "catalog"]
    assert main([*args, "retire", "2026.12.2"]) == 0
    out = capsys.readouterr().out
    assert "catalog version 2026.12.2 retired" in out and "2026.12.1 is now current" in out
    assert main([*args, "retire", "2026.12.1"]) == 1
    assert "only one in use" in capsys.readouterr().err
    assert main([*args, "show"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("* 2026.12.1") and lines[1].startswith("R 2026.12.2")
    assert "retired 20" in lines[1]
    with sqlite3.connect(desk.data_dir / "clerk_desk.sqlite3") as conn:
        rows = conn.execute(
            "SELECT actor_id, payload FROM audit_entries WHERE action = 'catalog.retired'"
        ).fetchall()
    assert len(rows) == 1 and rows[0][0] == SYSTEM_ACTOR
    assert json.loads(rows[0][1]) == {
        "label": "2026.12.2",
        "was_current": True,
        "current": "2026.12.1",
        "via": "cli",
    }


def test_a_document_the_search_cannot_index_is_never_stored(desk: Desk) -> None:
    """The import builds the index the screens build; every imported version shows."""
    doc = sample()
    doc["catalog_version"] = "shown"
    doc["items"][0]["name"] = "İ\u0307ǅ\U00020000ﬃ䶮\ufe00"  # case-folding and astral oddities
    assert desk.catalog.import_document(encode(doc)).created
    assert desk.item_index().search("ffi") is not None


def test_stored_items_and_columns_agree(desk: Desk) -> None:
    with desk.store.read() as session:
        version = session.query(CatalogVersion).one()
        codes = [c for (c,) in session.query(CatalogItem.code)]
    assert version.retired_at is None and len(codes) == version.item_count
