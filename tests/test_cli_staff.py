"""``clerk-desk staff ...``: accounts from the command line, audited as the system's."""

from __future__ import annotations

import getpass
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.staff import audit

from clerk_desk.cli import main
from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.staff import DEMO_LOGIN, DEMO_PASSWORD
from clerk_desk.storage import DB_FILENAME

PASSWORD = "Guocang#2026"


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv])


def typed(monkeypatch, *entries: str) -> list[str]:
    """Answer getpass with ``entries`` in turn; returns the prompts asked."""
    answers = iter(entries)
    prompts: list[str] = []

    def fake(prompt: str = "Password: ", stream=None) -> str:  # type: ignore[no-untyped-def]
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", fake)
    return prompts


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def dump(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        return list(conn.iterdump())


@pytest.fixture
def ready(data_dir: Path, capsys) -> Iterator[Path]:
    assert run(data_dir, "info") == 0
    capsys.readouterr()
    yield data_dir


def opened(data_dir: Path) -> Desk:
    return Desk.open(data_dir)


def test_info_names_the_demo_account_but_never_its_password(data_dir: Path, capsys) -> None:
    assert run(data_dir, "info") == 0
    out = capsys.readouterr().out
    assert "demo account active: login demo" in out
    assert "no admin yet" in out
    assert DEMO_PASSWORD not in out


def test_the_first_admin_ends_the_demo_account(ready: Path, monkeypatch, capsys) -> None:
    prompts = typed(monkeypatch, PASSWORD, PASSWORD)
    assert run(ready, "staff", "add", "zhang", "--name", "张主任", "--role", "admin") == 0
    assert prompts == ["Password for zhang: ", "Repeat the password: "]
    captured = capsys.readouterr()
    assert "created admin account zhang (张主任)" in captured.out
    assert "the demo account demo is disabled" in captured.out
    assert PASSWORD not in captured.out + captured.err
    desk = opened(ready)
    try:
        admin = desk.staff.by_login("zhang")
        assert admin is not None and admin.role == "admin" and not admin.must_change_password
        assert desk.staff.authenticate("zhang", PASSWORD) is not None
        demo = desk.staff.by_login(DEMO_LOGIN)
        assert demo is not None and not demo.active
        created = audit(desk, "staff.created")[-1]
        assert created[0] == SYSTEM_ACTOR and created[2]["via"] == "cli"
        assert audit(desk, "staff.disabled")[-1][2]["via"] == "cli"
        assert desk.verify_audit().ok
    finally:
        desk.close()
    assert run(ready, "info") == 0
    out = capsys.readouterr().out
    assert "demo account" not in out and "no admin yet" not in out


def test_two_different_entries_change_nothing(ready: Path, monkeypatch, capsys) -> None:
    before = dump(ready)
    typed(monkeypatch, PASSWORD, PASSWORD + "x")
    assert run(ready, "staff", "add", "zhang", "--name", "张主任", "--role", "admin") == 1
    assert "password: the two entries differ" in capsys.readouterr().err
    assert dump(ready) == before


@pytest.mark.parametrize(
    ("argv", "line", "field"),
    [
        (["zhang", "--name", "张主任", "--role", "admin"], "short\n", "password:"),
        (["zhang", "--name", "张主任", "--role", "admin"], "zhang\n", "password:"),
        (["zhang", "--name", "张主任", "--role", "admin"], f"{DEMO_PASSWORD}\n", "password:"),
        (["zhao", "--name", "赵代办", "--role", "agent"], f"{PASSWORD}\n", "village:"),
        (
            ["li", "--name", "李", "--role", "clerk", "--village", "东关村"],
            f"{PASSWORD}\n",
            "village:",
        ),
        (["bad login", "--name", "李", "--role", "clerk"], f"{PASSWORD}\n", "login:"),
        (["demo", "--name", "李", "--role", "clerk"], f"{PASSWORD}\n", "demo account"),
        (["li", "--name", "", "--role", "clerk"], f"{PASSWORD}\n", "name:"),
    ],
)
def test_a_refused_account_names_the_field_and_changes_nothing(
    ready: Path, monkeypatch, capsys, argv: list[str], line: str, field: str
) -> None:
    before = dump(ready)
    stdin(monkeypatch, line)
    assert run(ready, "staff", "add", *argv, "--password-stdin") == 1
    err = capsys.readouterr().err
    assert err.startswith("clerk-desk: ") and field in err
    assert line.strip() not in err or line.strip() in argv  # the password is never echoed
    assert dump(ready) == before


def test_usage_errors_exit_2(ready: Path, capsys) -> None:
    for argv in (
        ["staff", "add", "li", "--name", "李", "--role", "boss"],
        ["staff", "add", "li", "--role", "clerk"],
        ["staff", "passwd"],
        ["staff"],
    ):
        with pytest.raises(SystemExit) as info:
            run(ready, *argv)
        assert info.value.code == 2, argv
    capsys.readouterr()


def test_list_passwd_disable_enable(ready: Path, monkeypatch, capsys) -> None:
    stdin(monkeypatch, PASSWORD + "\n")
    assert (
        run(
            ready,
            "staff",
            "add",
            "zhang",
            "--name",
            "张主任",
            "--role",
            "admin",
            "--password-stdin",
        )
        == 0
    )
    stdin(monkeypatch, "temp-2026\r\n")
    assert (
        run(ready, "staff", "add", "zhao", "--name", "赵代办", "--role", "agent",
            "--village", "东关村代办点", "--password-stdin")
        == 0
    )  # fmt: skip
    assert "the password is temporary" in capsys.readouterr().out

    assert run(ready, "staff", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split()[0] for ln in lines] == ["demo", "zhang", "zhao"]
    assert "disabled" in lines[0]
    assert "admin" in lines[1] and "active" in lines[1] and "张主任" in lines[1]
    assert "password to change" in lines[2] and "village 东关村代办点" in lines[2]
    assert "argon2" not in "\n".join(lines)

    typed(monkeypatch, "another-2026", "another-2026")
    assert run(ready, "staff", "passwd", "zhang") == 0
    assert "changed at the next login" in capsys.readouterr().out
    assert run(ready, "staff", "disable", "zhao") == 0
    assert run(ready, "staff", "disable", "zhao") == 1
    assert "already disabled" in capsys.readouterr().err
    assert run(ready, "staff", "enable", "zhao") == 0
    assert run(ready, "staff", "disable", "zhang") == 1
    assert "last active admin" in capsys.readouterr().err
    assert run(ready, "staff", "enable", "demo") == 1
    assert "stays disabled" in capsys.readouterr().err
    assert run(ready, "staff", "passwd", "nobody") == 1
    assert "login: no staff account with login 'nobody'" in capsys.readouterr().err

    desk = opened(ready)
    try:
        zhang = desk.staff.by_login("zhang")
        assert zhang is not None and zhang.must_change_password
        assert desk.staff.authenticate("zhang", "another-2026") is not None
        assert desk.staff.authenticate("zhao", "temp-2026") is not None  # \r\n is not kept
        for action in ("staff.password_reset", "staff.disabled", "staff.enabled"):
            actor, _, payload = audit(desk, action)[-1]
            assert (actor, payload["via"]) == (SYSTEM_ACTOR, "cli"), action
        assert desk.verify_audit().ok
    finally:
        desk.close()
