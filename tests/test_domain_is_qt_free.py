"""The domain never imports Qt: every rule runs headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import clerk_desk

PACKAGE = Path(clerk_desk.__file__).parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in QT]
    assert offenders == []


def test_importing_every_domain_module_loads_no_qt() -> None:
    modules = sorted(
        "clerk_desk." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in ("ui", "migrations") and p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        f"print(sorted(k for k in sys.modules if k.split('.')[0] in {QT!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
