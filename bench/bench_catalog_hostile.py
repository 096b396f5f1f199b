"""Hostile catalogs: time and peak memory of refusing large malformed documents.

Each document is imported with the real command, ``clerk-desk catalog import
FILE``, in a fresh process (a data directory set up beforehand); the figures
are that process's wall time and its peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``, one child at a time).

Target (issue #9): a 64 MB hostile document is refused in under 10 s and under
300 MB resident. The documents are built in several shapes at 64 MB (over the
size limit: refused from its size, unread) and at the size limit itself,
``MAX_DOCUMENT_BYTES`` (the largest a parser ever reads), plus one just under
``MAX_JSON_VALUES``.

    .venv/bin/python bench/bench_catalog_hostile.py [--sizes 64,32] [--shapes ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample-catalog.json"
MB = 1024 * 1024

# Kept in step with clerk_desk.catalog_format (not imported: the bench builds files only).
MAX_JSON_VALUES = 1_200_000

SHAPES = (
    "empty items",
    "unknown fields",
    "duplicate keys",
    "one huge string",
    "escaped string",
    "deep nesting",
    "huge numbers",
    "invisible characters",
    "too many values",
)


def hostile_document(shape: str, size: int) -> bytes:
    """A document of about ``size`` bytes of one hostile shape.

    Shapes with many values stop just under MAX_JSON_VALUES and fill the rest
    with one long string (the parser holds it three times: bytes, text, value).
    """
    head = (
        b'{"format":"clerk-catalog/1","catalog_version":"hostile",'
        b'"published_at":"2026-12-01T09:00:00+08:00",'
        b'"region":{"code":"370830104","name":"n"},"items":'
    )
    room = size - len(head) - 16

    def fit(unit: bytes) -> int:
        """How many ``unit,`` fit in the room and under the value limit."""
        counted = sum(unit.count(c) for c in (b",", b":", b"[", b"{")) + 1
        return min(room // (len(unit) + 1), (MAX_JSON_VALUES - 100) // counted)

    def padded(body: bytes) -> bytes:
        pad = max(0, room - len(body))
        return head + body[:-1] + b',"' + b"p" * pad + b'"' + body[-1:] + b"}"

    if shape == "empty items":
        return padded(b"[" + b",".join([b"{}"] * fit(b"{}")) + b"]")
    if shape == "unknown fields":
        n = fit(b'{"k000000000":0}')
        return padded(b"[" + b",".join(b'{"k%09d":0}' % i for i in range(n)) + b"]")
    if shape == "duplicate keys":
        return padded(b"[{" + b",".join([b'"a":0'] * fit(b'"a":0')) + b"}]")
    if shape == "one huge string":
        return head + b'["' + b"x" * room + b'"]}'
    if shape == "escaped string":
        return head + b'["' + b"\\u200b" * (room // 6) + b'"]}'
    if shape == "deep nesting":
        return b"[" * min(size, MAX_JSON_VALUES - 100) + b" " * max(0, size - MAX_JSON_VALUES)
    if shape == "huge numbers":
        return padded(b"[" + b",".join([b"1e9999999"] * fit(b"1e9999999")) + b"]")
    if shape == "invisible characters":
        item = json.loads(SAMPLE.read_text(encoding="utf-8"))["items"][0]
        item["name"] = "低保\u200b申请\u202e"
        one = json.dumps(item, ensure_ascii=False).encode()
        return padded(b"[" + b",".join([one] * fit(one)) + b"]")
    if shape == "too many values":
        return head + b"[" + b"0," * (room // 2) + b"0]}"
    raise ValueError(shape)


def measure(data_dir: Path, file: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit status, last line of stderr) of one import."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "clerk_desk",
            "--data-dir",
            str(data_dir),
            "catalog",
            "import",
            str(file),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        print("  (peak not above an earlier child's: run shapes separately)", file=sys.stderr)
    if "Traceback" in done.stderr:
        print(done.stderr, file=sys.stderr)
    lines = done.stderr.strip().splitlines() or [""]
    return seconds, peak / 1024, done.returncode, lines[-1].strip()[:90]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="64,32", help="document sizes in MB (default 64,32)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        subprocess.run(
            [sys.executable, "-m", "clerk_desk", "--data-dir", str(data_dir), "info"],
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=True,
        )
        print(f"{'shape':<22} {'MB':>4} {'seconds':>8} {'peak MB':>8} status  message")
        for size in sizes:
            for shape in args.shapes.split(","):
                file = Path(tmp) / "hostile.json"
                file.write_bytes(hostile_document(shape, size * MB))
                # A fresh process per document so that RUSAGE_CHILDREN is this one's peak.
                out = subprocess.run(
                    [sys.executable, __file__, "--one", str(data_dir), str(file)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split("\t")
                seconds, peak, status, message = float(out[0]), float(out[1]), out[2], out[3]
                print(f"{shape:<22} {size:>4} {seconds:>8.2f} {peak:>8.0f} {status:>6}  {message}")
                file.unlink()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        s, p, rc, msg = measure(Path(sys.argv[2]), Path(sys.argv[3]))
        print(f"{s}\t{p}\t{rc}\t{msg.strip()}", end="")
    else:
        main()
