"""Importing catalogs into the store and from the command line: all or nothing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from support.desks import SAMPLE_CATALOG, unchanged

from clerk_desk.catalog_format import CatalogFormatError
from clerk_desk.cli import main
from clerk_desk.errors import RuleViolation


def sample() -> dict:
    return json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))


def encode(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_same_version_twice_is_a_no_op(desk) -> None:
    with unchanged(desk):
        result = desk.catalog.import_document(SAMPLE_CATALOG.read_bytes())
    assert not result.created and result.version.label == "2026.12.1"


def test_the_same_version_laid_out_differently_is_a_no_op(desk) -> None:
    """Re-serialised by another tool (key order, indentation, escapes, a BOM): same content."""
    doc = sample()
    reordered = {key: doc[key] for key in reversed(doc)}
    layouts = [
        json.dumps(reordered, ensure_ascii=True, indent=4).encode("utf-8"),
        b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(),
    ]
    for data in layouts:
        with unchanged(desk):
            result = desk.catalog.import_document(data)
        assert not result.created and result.version.label == "2026.12.1"


def test_changed_document_under_a_stored_label_is_refused(desk) -> None:
    doc = sample()
    doc["items"][0]["name"] = "改过的名称"
    with (
        unchanged(desk),
        pytest.raises(RuleViolation, match="already stored with different content"),
    ):
        desk.catalog.import_document(encode(doc))


def test_versions_are_kept_and_the_newest_published_is_current(desk, clock) -> None:
    newer, older = sample(), sample()
    newer["catalog_version"], newer["published_at"] = "2026.12.2", "2026-12-02T09:00:00+08:00"
    older["catalog_version"], older["published_at"] = "2026.10.1", "2026-10-01T09:00:00+08:00"
    older["items"] = older["items"][:3]
    clock.advance(timedelta(hours=1))
    assert desk.catalog.import_document(encode(newer)).version.current
    result = desk.catalog.import_document(encode(older))
    assert result.created and not result.version.current
    assert [(v.label, v.item_count, v.current) for v in desk.catalog.versions()] == [
        ("2026.10.1", 3, False),
        ("2026.12.1", 19, False),
        ("2026.12.2", 19, True),
    ]
    assert [i.item.code for i in desk.catalog.items()] == [i["code"] for i in newer["items"]]


def test_malformed_catalog_changes_nothing_and_reports_every_problem(desk) -> None:
    doc = sample()
    doc["catalog_version"] = "2026.12.9"
    doc["items"][3]["materials"][2]["when_yes"] = ["no_such_question"]
    doc["items"][5]["time_limit"]["promised_days"] = 99
    doc["items"][7]["code"] = doc["items"][6]["code"]
    with unchanged(desk), pytest.raises(CatalogFormatError) as err:
        desk.catalog.import_document(encode(doc))
    paths = {p.path for p in err.value.problems}
    assert "items[3].materials[2].when_yes[0]" in paths
    assert "items[5].time_limit.promised_days" in paths
    assert "items[7].code" in paths


def test_cli_import_and_show(data_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "info"]) == 0
    out = capsys.readouterr().out
    assert "imported the sample catalog 2026.12.1 (19 items)" in out
    assert "demo clerk" in out

    newer = sample()
    newer["catalog_version"], newer["published_at"] = "2026.12.2", "2026-12-02T09:00:00+08:00"
    good = tmp_path / "newer.json"
    good.write_bytes(encode(newer))
    assert main(["--data-dir", str(data_dir), "catalog", "import", str(good)]) == 0
    assert "imported catalog version 2026.12.2: 19 items (current)" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "catalog", "import", str(good)]) == 0
    assert "already imported; nothing changed" in capsys.readouterr().out

    assert main(["--data-dir", str(data_dir), "catalog", "show"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("  2026.12.1") and "19 items" in lines[0]
    assert lines[1].startswith("* 2026.12.2")


def test_cli_refuses_a_bad_file_with_every_path(data_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "info"]) == 0
    capsys.readouterr()
    bad = sample()
    bad["catalog_version"] = "2027.1"
    bad["region"]["code"] = "3708"
    bad["items"][0]["materials"][0]["form"] = "photocopy"
    path = tmp_path / "bad.json"
    path.write_bytes(encode(bad))
    assert main(["--data-dir", str(data_dir), "catalog", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not imported" in err
    assert "  region.code: " in err
    assert "  items[0].materials[0].form: " in err
    assert main(["--data-dir", str(data_dir), "catalog", "show"]) == 0
    assert "2027.1" not in capsys.readouterr().out

    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"format": "clerk-catalog/1",\n  "items": [}')
    assert main(["--data-dir", str(data_dir), "catalog", "import", str(broken)]) == 1
    assert "line 2" in capsys.readouterr().err
    assert (
        main(["--data-dir", str(data_dir), "catalog", "import", str(tmp_path / "nope.json")]) == 1
    )
    assert "cannot read" in capsys.readouterr().err


def test_console_script_runs_from_a_fresh_process(tmp_path: Path) -> None:
    env_dir = tmp_path / "env-data"
    proc = subprocess.run(
        [sys.executable, "-m", "clerk_desk", "catalog", "show"],
        capture_output=True,
        text=True,
        env={"CLERK_DESK_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "no catalog imported"
    assert (env_dir / "clerk_desk.sqlite3").exists()


# --- a catalog for another region -------------------------------------------


def _for_region(code: str, name: str, label: str = "2026.12.5") -> bytes:
    doc = sample()
    doc["catalog_version"], doc["published_at"] = label, "2026-12-05T09:00:00+08:00"
    doc["region"] = {"code": code, "name": name}
    return encode(doc)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("370830104", "郭仓镇便民服务中心"),  # the centre's own
        ("370830", "汶上县政务服务中心"),  # its county
        ("370800", "济宁市政务服务中心"),  # its city
        ("370000", "山东省政务服务中心"),  # its province
    ],
)
def test_a_catalog_for_the_centre_or_a_region_above_it_is_taken(desk, code, name) -> None:
    assert desk.settings().region_code == "370830104"
    result = desk.catalog.import_document(_for_region(code, name))
    assert result.created and result.version.region_code == code


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("370830105", "汶上县义桥镇便民服务中心"),  # a neighbouring township
        ("370831", "泗水县政务服务中心"),  # another county
        ("370830104201", "郭仓镇某村便民服务代办点"),  # below the centre, not above
        ("370900", "泰安市政务服务中心"),  # another city
    ],
)
def test_a_catalog_for_another_region_is_refused_naming_both(desk, code, name) -> None:
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.catalog.import_document(_for_region(code, name))
    text = str(err.value)
    assert f"{name} ({code})" in text
    assert "山东省济宁市汶上县郭仓镇便民服务中心 (370830104)" in text
    assert "--other-region" in text


def test_an_admin_imports_another_region_on_purpose_and_it_is_audited(desk, clerk) -> None:
    data = _for_region("370831", "泗水县政务服务中心")
    with unchanged(desk), pytest.raises(RuleViolation, match="only an admin"):
        desk.catalog.import_document(data, actor_id=clerk.id, other_region=True)
    admin = desk.staff.create(
        actor_id="system", login="root", name="管理员", role="admin", window="", password="x" * 10
    )
    result = desk.catalog.import_document(data, actor_id=admin.id, other_region=True)
    assert result.created and result.version.region_name == "泗水县政务服务中心"
    with sqlite3.connect(desk.store.path) as conn:
        payload, actor = conn.execute(
            "SELECT payload, actor_id FROM audit_entries WHERE action = 'catalog.imported' "
            "ORDER BY seq DESC"
        ).fetchone()
    audited = json.loads(payload)
    assert actor == admin.id
    assert audited["other_region"] is True
    assert audited["region"] == {"code": "370831", "name": "泗水县政务服务中心"}
    assert audited["centre_region"]["code"] == "370830104"
    assert desk.verify_audit().ok


def test_a_terminal_without_a_region_takes_any_catalog(data_dir, clock) -> None:
    from clerk_desk.desk import Desk

    fresh = Desk.open(data_dir / "fresh", clock=clock)
    try:
        assert fresh.settings().region_code == ""
        assert fresh.catalog.import_document(_for_region("370831", "泗水县政务服务中心")).created
    finally:
        fresh.close()


def test_cli_refuses_another_region_unless_told(data_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "info"]) == 0
    capsys.readouterr()
    path = tmp_path / "other.json"
    path.write_bytes(_for_region("370831", "泗水县政务服务中心"))
    assert main(["--data-dir", str(data_dir), "catalog", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "泗水县政务服务中心 (370831)" in err and "(370830104)" in err
    assert "--other-region" in err
    assert (
        main(["--data-dir", str(data_dir), "catalog", "import", "--other-region", str(path)]) == 0
    )
    out = capsys.readouterr().out
    assert "imported catalog version 2026.12.5" in out
    assert "for another region: 泗水县政务服务中心 (370831)" in out
