"""The scripts in examples/ run as documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.desks import REPO


def test_notice_then_acceptance_example(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "examples" / "notice_then_acceptance.py"), str(tmp_path / "d")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "for 张𠈌 (3708**********" in out
    assert "one-time notice lists: 家庭收入及财产状况申报表, 家庭经济状况核对授权书" in out
    assert "re-check: 家庭收入及财产状况申报表, 家庭经济状况核对授权书（家庭成员均需签字）" in out
    # Accepted Thursday 26 Nov; 20 working days from Friday 27 Nov is Thursday 24 Dec.
    assert "accepted on 2026-11-26, due 2026-12-24 (20 working days)" in out
    assert "audit log intact: True" in out
