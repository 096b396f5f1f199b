"""Where the data lives: per user by default, CLERK_DESK_DATA_DIR, or --data-dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from clerk_desk.cli import main
from clerk_desk.desk import DATA_DIR_ENV, default_data_dir
from clerk_desk.storage import DB_FILENAME


def test_the_default_is_the_per_user_data_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "ClerkDesk"
    assert default_data_dir() == Path(platformdirs.user_data_dir("ClerkDesk", appauthor=False))


def test_the_environment_chooses_another(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"


@pytest.mark.parametrize("with_env", [True, False])
def test_the_command_line_option_wins(monkeypatch, tmp_path: Path, capsys, with_env) -> None:
    env_dir, cli_dir = tmp_path / "env", tmp_path / "cli"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if with_env:
        monkeypatch.setenv(DATA_DIR_ENV, str(env_dir))
    else:
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert main(["--data-dir", str(cli_dir), "info"]) == 0
    assert f"ClerkDesk data directory: {cli_dir}" in capsys.readouterr().out
    assert (cli_dir / DB_FILENAME).exists()
    assert not env_dir.exists() and not (tmp_path / "xdg").exists()


def test_without_the_option_the_environment_is_used(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert main(["info"]) == 0
    assert (tmp_path / "env" / DB_FILENAME).exists()
