"""The clerk-central command, run as a real process."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from sqlalchemy import select
from support.central import (
    Enrolled,
    enroll,
    push,
    run,
)

from clerk_central import cli
from clerk_central.models import ServerAudit

REPO = Path(__file__).resolve().parents[2]


def test_every_argument_has_help() -> None:
    missing = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")
                for choice in action._choices_actions:
                    if not choice.help:
                        missing.append(f"{path} {choice.dest}")
            elif not action.help:
                missing.append(f"{path} {action.dest}")

    walk(cli._parser(), "clerk-central")
    assert missing == []


def test_admin_commands_end_to_end(client, sessions, db_url) -> None:
    added = run(
        db_url,
        "centre",
        "add",
        "C01",
        "城关镇便民服务中心",
        "--region-code",
        "370830",
        "--phone",
        "0537-7212345",
    )
    assert added.returncode == 0, added.stderr
    assert run(db_url, "centre", "add", "C01", "again").returncode == 1
    assert run(db_url, "centre", "add", "C02", "x", "--region-code", "12").returncode == 1
    code = run(db_url, "enroll-code", "C01")
    assert code.returncode == 0, code.stderr
    lines = code.stdout.splitlines()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", lines[0])
    assert lines[1].startswith("valid until ")
    assert run(db_url, "enroll-code", "NOPE").returncode == 1
    settings = run(db_url, "settings", "set", "public_status_url", "https://zw.example.cn/t")
    assert settings.returncode == 0, settings.stderr
    assert run(db_url, "settings", "set", "public_status_url", "javascript:x").returncode == 1
    assert run(db_url, "settings", "set", "colour", "red").returncode == 1

    body = enroll(client, lines[0], store_id="store-cli").json()
    terminal = Enrolled(body)
    assert body["settings"]["public_status_url"] == "https://zw.example.cn/t"
    push(client, terminal, [terminal.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)])

    listing = run(db_url, "terminals", "list")
    assert listing.returncode == 0
    row = listing.stdout.splitlines()[1]
    assert row.split()[:3] == ["00001", "C01", "store-cli"]
    assert "ok (seq 1)" in row and row.rstrip().endswith("no")
    shown = run(db_url, "case", "show", "00001-2026-000001")
    assert shown.returncode == 0
    assert json.loads(shown.stdout)["state"] == "accepted"
    assert run(db_url, "case", "show", "nope").returncode == 1

    assert run(db_url, "terminals", "revoke", "00001").returncode == 0
    assert run(db_url, "terminals", "revoke", "00001").returncode == 1
    assert run(db_url, "terminals", "revoke", "00077").returncode == 1
    assert "revoked" not in run(db_url, "terminals", "list").stdout.splitlines()[1][-3:]
    assert run(db_url, "bogus").returncode == 2
    assert run(db_url, "--help").returncode == 0
    with sessions() as s:
        actions = [a.action for a in s.scalars(select(ServerAudit).order_by(ServerAudit.id))]
    assert actions == ["centre.add", "enroll_code.create", "settings.set", "terminal.revoke"]


def test_internal_error_exits_3(tmp_path) -> None:
    broken = run("postgresql://postgres@127.0.0.1:1/none", "terminals", "list")
    assert broken.returncode == 3
    assert broken.stderr.startswith("clerk-central: internal error: OperationalError")
