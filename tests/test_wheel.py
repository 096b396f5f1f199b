"""The wheel stands alone: built, installed into a fresh venv, used there in Chinese.

The wheel is built from a copy of the source tree (the tracked files and the
compiled translations ``make translations`` left), installed with its
dependencies at the versions of constraints.txt into a venv made for the test
(not one that sees this venv's packages), and run with its working directory
outside the repository and no PYTHONPATH: whatever the installed app needs
(the sample catalog, the .qm) must come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest
from support.desks import HOLIDAYS_FILE, REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SKIPPED_DIRS = {".git", ".venv", "build", "dist", "__pycache__", ".mypy_cache", ".pytest_cache"}


def _source_files() -> list[Path]:
    """The files a clean clone has (tracked or new, not ignored), plus the compiled .qm."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode()
        files = [REPO / name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        files = [
            p
            for p in REPO.rglob("*")
            if p.is_file() and not SKIPPED_DIRS & set(p.relative_to(REPO).parts)
        ]
    files += sorted((REPO / "clerk_desk" / "ui" / "i18n").glob("*.qm"))
    return [f for f in files if f.is_file()]


def _copy_tree(target: Path) -> Path:
    for source in _source_files():
        dest = target / source.relative_to(REPO)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    return target


def _build_wheel(src: Path, out: Path) -> Path:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = out.glob("clerk_desk-*.whl")
    return wheel


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no PYTHONPATH, no virtualenv of ours."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_FIND_LINKS", "PIP_CERT")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh venv's bin directory, the wheel)."""
    root = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(_copy_tree(root / "src"), root / "dist")
    venv.EnvBuilder(with_pip=True, clear=True).create(root / "venv")
    bin_dir = root / "venv" / "bin"
    proc = subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            str(REPO / "constraints.txt"),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        cwd=root,
        env=_clean_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return bin_dir, wheel


def test_the_wheel_carries_the_sample_catalog_and_the_translations(installed) -> None:
    _, wheel = installed
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        catalog = archive.read("clerk_desk/_resources/sample-catalog.json")
    assert catalog == (REPO / "resources" / "sample-catalog.json").read_bytes()
    for ts in (REPO / "clerk_desk" / "ui" / "i18n").glob("*.ts"):
        assert f"clerk_desk/ui/i18n/{ts.stem}.qm" in names, ts.stem
    # The migrations run at the first start of an installed app too.
    assert "clerk_desk/migrations/env.py" in names
    assert any(n.startswith("clerk_desk/migrations/versions/0001") for n in names)


def test_a_build_without_compiled_translations_fails_loudly(tmp_path: Path) -> None:
    src = _copy_tree(tmp_path / "src")
    for qm in (src / "clerk_desk" / "ui" / "i18n").glob("*.qm"):
        qm.unlink()
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "make translations" in proc.stdout + proc.stderr
    assert not list(tmp_path.glob("dist/*.whl"))


def test_info_in_the_fresh_venv_imports_the_sample_catalog(installed, tmp_path: Path) -> None:
    bin_dir, _ = installed
    data = tmp_path / "data"
    proc = subprocess.run(
        [str(bin_dir / "clerk-desk"), "info"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(CLERK_DESK_DATA_DIR=str(data), CLERK_DESK_HOLIDAYS=str(HOLIDAYS_FILE)),
        check=False,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    sample = json.loads((REPO / "resources" / "sample-catalog.json").read_text(encoding="utf-8"))
    assert "set-up: imported the sample catalog" in proc.stdout
    assert f"catalog: version {sample['catalog_version']}" in proc.stdout
    assert f"{data}" in proc.stdout and (data / "clerk_desk.sqlite3").exists()


INTAKE = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    repo, data = Path(sys.argv[1]), Path(sys.argv[2])
    import clerk_desk
    assert repo not in Path(clerk_desk.__file__).resolve().parents, clerk_desk.__file__

    from clerk_desk.desk import Desk
    from clerk_desk.errors import RuleViolation
    from clerk_desk.first_run import DEMO_LOGIN, DEMO_PASSWORD, SAMPLE_CATALOG, ensure_ready
    from clerk_desk.identity_numbers import resident_id_check_char

    assert SAMPLE_CATALOG.is_file() and repo not in SAMPLE_CATALOG.resolve().parents
    desk = Desk.open(data)
    ensure_ready(desk)
    clerk = desk.staff.authenticate(DEMO_LOGIN, DEMO_PASSWORD)
    assert clerk is not None
    body = "37083019800101123"
    applicant = desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=body + resident_id_check_char(body),
        phone="13812345678",
    )
    case = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-MZ-001", applicant_id=applicant.id
    )
    case = desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={
        "by_proxy": False, "has_disabled_member": False,
        "has_serious_illness": False, "divorced": False,
    })
    try:  # nothing received yet: refused, and the refusal reads in Chinese below
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
        raise SystemExit("accepted without materials")
    except RuleViolation as error:
        refusal = error
    desk.intake.mark(
        case_id=case.id, clerk_id=clerk.id, received=[e.material.id for e in case.checklist]
    )
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    pdf = desk.documents.pdf(docs[0].id)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000, len(pdf)
    print("accepted", case.tracking_number, "due", case.due_on, "receipt bytes", len(pdf))

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from clerk_desk.ui.app import I18N, install_translators
    from clerk_desk.ui.messages import describe
    assert repo not in I18N.resolve().parents, I18N
    assert install_translators(app, "zh_CN")
    title = QCoreApplication.translate(
        "MainWindow", "Tracking no., ID number, name or phone (Ctrl+F)"
    )
    assert title == "办件编号、身份证号码、姓名或电话（Ctrl+F）", title
    message = describe(refusal)
    assert any("\\u4e00" <= ch <= "\\u9fff" for ch in message), message
    print("zh_CN:", title, "|", message)
    desk.close()
    """
)


def test_a_headless_intake_in_chinese_in_the_fresh_venv(installed, tmp_path: Path) -> None:
    bin_dir, _ = installed
    script = tmp_path / "intake.py"
    script.write_text(INTAKE, encoding="utf-8")
    proc = subprocess.run(
        [str(bin_dir / "python"), str(script), str(REPO), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(QT_QPA_PLATFORM="offscreen", CLERK_DESK_HOLIDAYS=str(HOLIDAYS_FILE)),
        check=False,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "accepted" in proc.stdout and "zh_CN: 办件编号" in proc.stdout
