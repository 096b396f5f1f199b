"""What the wheel build adds to pyproject.toml's metadata.

A wheel must stand alone: it carries the sample catalog, whose source of truth
is ``resources/`` beside the package, copied here to ``clerk_desk/_resources/``
(where :mod:`clerk_desk.first_run` looks first), and the compiled translations
(``clerk_desk/ui/i18n/*.qm``, package data). The ``.qm`` are build outputs
(``make translations``, pyside6-lrelease): a build without them, or with one
older than its ``.ts``, stops here rather than ship an English-only app.

An editable install (``pip install -e``, as ``make`` does) copies nothing: the
code then finds ``resources/`` and the ``.qm`` in the working tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
I18N = ROOT / "clerk_desk" / "ui" / "i18n"


def missing_translations() -> list[str]:
    """The compiled translations that are missing or older than their .ts."""
    problems = []
    for ts in sorted(I18N.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.stat().st_size == 0:
            problems.append(f"{qm.relative_to(ROOT)} is missing")
        elif qm.stat().st_mtime < ts.stat().st_mtime:
            problems.append(f"{qm.relative_to(ROOT)} is older than {ts.name}")
    return problems


class BuildPyWithResources(build_py):
    def run(self) -> None:
        if not self.editable_mode:
            problems = missing_translations()
            if problems:
                raise SetupError(
                    "the wheel would ship without its translations: "
                    + "; ".join(problems)
                    + ". Run `make translations` first."
                )
        super().run()
        if self.editable_mode:
            return
        if not (RESOURCES / "sample-catalog.json").is_file():
            raise SetupError(f"{RESOURCES / 'sample-catalog.json'} is missing")
        target = Path(self.build_lib) / "clerk_desk" / "_resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(RESOURCES, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))


setup(cmdclass={"build_py": BuildPyWithResources})
