#!/bin/sh
# Prints the path of the Python to build .venv with: 3.12 first, then 3.13,
# then 3.11 (any that runs), looking on PATH and in pyenv's versions.
# Why not just python3: on 3.11, PySide6 6.12 miscounts references and must be
# held below 6.12 (see pyproject.toml), which also means the big Addons wheel.
set -u
candidates="python3.12 python3.13"
if command -v pyenv >/dev/null 2>&1; then
    root="$(pyenv root 2>/dev/null || true)"
    for v in 3.12 3.13; do
        for p in "$root"/versions/"$v"*/bin/python"$v"; do
            [ -x "$p" ] && candidates="$candidates $p"
        done
    done
fi
candidates="$candidates python3.11 python3"
for c in $candidates; do
    if "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1; then
        echo "$c"
        exit 0
    fi
done
echo "find-python: no Python 3.11 or newer found" >&2
exit 1
