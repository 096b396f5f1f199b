"""CJK font discovery and per-character font fallback for printed documents.

Names of counter applicants may contain rare characters (CJK Extension A and
B, e.g. 䶮 U+4DAE, 𠈌 U+2020C) that the main font of a machine lacks. A
:class:`FontSet` holds a preference chain of fonts; every character is drawn
with the first font of the chain that has a glyph for it, so a name is split
into runs of characters per font.

Only fonts with TrueType outlines are usable: reportlab's ``TTFont`` embeds
(subsets) ``glyf`` outlines and cannot handle CFF (PostScript) outlines, so
OpenType/CFF fonts (``OTTO``, a ``CFF ``/``CFF2`` table) are skipped, and so
are fonts whose licence forbids embedding.

Caching: the :class:`FontSet` instance *is* the font cache. It reads each
font's ``cmap`` at most once, and loads each font into reportlab at most once,
the first time a character of that font is measured or drawn; it keeps the
width of every character measured. Create one
``FontSet`` per process (or per renderer) and pass it around; this module
keeps no state of its own.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from clerk_desk.errors import ClerkDeskError, RuleViolation

__all__ = [
    "DEBIAN_FONT_DIRS",
    "KNOWN_FONTS",
    "WINDOWS_FONT_DIRS",
    "FontSet",
    "FontSource",
    "discover_fonts",
    "probe_font",
]

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")

# Known CJK fonts, in order of preference: (file name, subfont index, what it is).
# The body of a document is set in a Song face (宋体), the customary face of
# Chinese official documents: SimSun on Windows (SimSun-ExtB and SimSun-ExtG
# carry Extension B and later), AR PL UMing CN (fonts-arphic-uming, face 0 of
# uming.ttc) on Debian. Titles are the same face made bold by the layout (fill
# and stroke: no Song face here has a bold weight). YaHei, SimHei and WenQuanYi
# Micro Hei are fallbacks for a machine without a Song face; HanaMinA/B
# (fonts-hanazono, a Ming = Song design) cover what is left of Extension A and B.
KNOWN_FONTS: tuple[tuple[str, int, str], ...] = (
    ("simsun.ttc", 0, "SimSun 宋体"),
    ("simsunb.ttf", 0, "SimSun-ExtB"),
    ("SimsunExtG.ttf", 0, "SimSun-ExtG"),
    ("uming.ttc", 0, "AR PL UMing CN 文鼎明体"),
    ("msyh.ttc", 0, "Microsoft YaHei 微软雅黑"),
    ("simhei.ttf", 0, "SimHei 黑体"),
    ("wqy-microhei.ttc", 0, "WenQuanYi Micro Hei 文泉驿微米黑"),
    ("wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei 文泉驿正黑"),
    ("HanaMinA.ttf", 0, "HanaMinA 花园明朝A"),
    ("HanaMinB.ttf", 0, "HanaMinB 花园明朝B"),
)

WINDOWS_FONT_DIRS: tuple[Path, ...] = (Path("C:/Windows/Fonts"),)
DEBIAN_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
)

# Whitespace (str.isspace: tabs, line breaks, U+00A0, U+3000 ...) is layout, not
# a glyph: never required from a font. The layout prints line breaks as breaks and
# other whitespace as a space; a whitespace character that no font has a glyph for
# is drawn as U+0020 (or as nothing, if no font has that either).
_SPACE = " "


@dataclass(frozen=True)
class FontSource:
    """One usable font face: a file and, for a collection (.ttc), the face index."""

    path: Path
    subfont_index: int = 0
    label: str = ""

    @property
    def reportlab_name(self) -> str:
        """Name under which the face is registered with reportlab (unique per file+face)."""
        digest = hashlib.sha1(
            f"{self.path.resolve()}#{self.subfont_index}".encode(), usedforsecurity=False
        ).hexdigest()[:8]
        stem = "".join(c if c.isalnum() else "-" for c in self.path.stem)
        return f"ClerkDesk-{stem}-{self.subfont_index}-{digest}"

    def __str__(self) -> str:
        suffix = f"#{self.subfont_index}" if self.subfont_index else ""
        return f"{self.path.name}{suffix}"


class _FontFileError(Exception):
    """A font file cannot be used (reason in the message)."""


def _read_table_directory(f: BinaryIO, subfont_index: int) -> dict[bytes, tuple[int, int]]:
    """Return ``{tag: (offset, length)}`` of one face of a TrueType/OpenType file."""
    f.seek(0)
    head = f.read(12)
    if len(head) < 12:
        raise _FontFileError("file too short")
    offset = 0
    if head[:4] == b"ttcf":
        (num_fonts,) = struct.unpack(">I", head[8:12])
        if not 0 <= subfont_index < num_fonts:
            raise _FontFileError(f"collection has no face {subfont_index}")
        f.seek(12 + 4 * subfont_index)
        (offset,) = struct.unpack(">I", f.read(4))
        f.seek(offset)
        head = f.read(12)
    elif subfont_index != 0:
        raise _FontFileError("not a font collection")
    version = head[:4]
    if version == b"OTTO":
        raise _FontFileError("CFF outlines (reportlab embeds TrueType outlines only)")
    if version not in (b"\x00\x01\x00\x00", b"true"):
        raise _FontFileError("not a TrueType font")
    (num_tables,) = struct.unpack(">H", head[4:6])
    raw = f.read(16 * num_tables)
    if len(raw) < 16 * num_tables:
        raise _FontFileError("truncated table directory")
    tables: dict[bytes, tuple[int, int]] = {}
    for i in range(num_tables):
        tag, _checksum, t_offset, t_length = struct.unpack(">4sIII", raw[16 * i : 16 * i + 16])
        tables[tag] = (t_offset, t_length)
    return tables


def _read_table(f: BinaryIO, tables: Mapping[bytes, tuple[int, int]], tag: bytes) -> bytes:
    t_offset, t_length = tables[tag]
    f.seek(t_offset)
    data = f.read(t_length)
    if len(data) < t_length:
        raise _FontFileError(f"truncated {tag.decode('latin-1')!r} table")
    return data


def _check_usable(f: BinaryIO, tables: Mapping[bytes, tuple[int, int]]) -> None:
    if b"CFF " in tables or b"CFF2" in tables:
        raise _FontFileError("CFF outlines (reportlab embeds TrueType outlines only)")
    for tag in (b"cmap", b"glyf", b"loca", b"head", b"hhea", b"hmtx", b"maxp"):
        if tag not in tables:
            raise _FontFileError(f"no {tag.decode('latin-1').strip()!r} table")
    if b"OS/2" in tables:
        os2 = _read_table(f, tables, b"OS/2")
        if len(os2) >= 10:
            (fs_type,) = struct.unpack(">H", os2[8:10])
            # Same rule as reportlab: restricted licence or no-subsetting bits.
            if fs_type == 0x0002 or fs_type & 0x0300:
                raise _FontFileError(f"licence forbids embedding (fsType {fs_type:#06x})")


def _choose_cmap_subtable(cmap: bytes) -> int:
    """Offset of the cmap subtable reportlab will use (the same choice as reportlab's).

    reportlab takes the last subtable of platform 3 (Windows), platform 0
    (Unicode, not encoding 5) or Mac Roman. Mirroring that choice guarantees a
    character we route to a font is one reportlab finds in it.
    """
    _version, count = struct.unpack(">HH", cmap[:4])
    chosen: int | None = None
    enc_kind = 0
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * i : 12 + 8 * i])
        if platform == 3 or (platform == 1 and encoding == 1):
            enc_kind, chosen = 1, offset
        elif platform == 1 and encoding == 0 and enc_kind != 1:
            enc_kind, chosen = 2, offset
        elif platform == 0 and encoding != 5:
            enc_kind, chosen = 1, offset
    if chosen is None or enc_kind != 1:
        raise _FontFileError("no Unicode cmap")
    return chosen


def _parse_cmap(cmap: bytes) -> frozenset[int]:
    """Code points that map to a real glyph (glyph id != 0)."""
    off = _choose_cmap_subtable(cmap)
    (fmt,) = struct.unpack(">H", cmap[off : off + 2])
    covered: set[int] = set()
    if fmt == 4:
        (length,) = struct.unpack(">H", cmap[off + 2 : off + 4])
        (seg_x2,) = struct.unpack(">H", cmap[off + 6 : off + 8])
        seg = seg_x2 // 2
        base = off + 14
        ends = struct.unpack(f">{seg}H", cmap[base : base + seg_x2])
        starts = struct.unpack(f">{seg}H", cmap[base + seg_x2 + 2 : base + 2 * seg_x2 + 2])
        deltas = struct.unpack(f">{seg}h", cmap[base + 2 * seg_x2 + 2 : base + 3 * seg_x2 + 2])
        ro_base = base + 3 * seg_x2 + 2
        range_offsets = struct.unpack(f">{seg}H", cmap[ro_base : ro_base + seg_x2])
        limit = off + length
        for n in range(seg):
            start, end, delta, ro = starts[n], ends[n], deltas[n], range_offsets[n]
            if start > end or start == 0xFFFF:
                continue
            if ro == 0:
                covered.update(range(start, end + 1))
                zero = (-delta) & 0xFFFF  # the code that would map to glyph 0
                if start <= zero <= end:
                    covered.discard(zero)
                continue
            for code in range(start, end + 1):
                pos = ro_base + 2 * n + ro + 2 * (code - start)
                if pos + 2 > limit:
                    continue
                (glyph,) = struct.unpack(">H", cmap[pos : pos + 2])
                if glyph != 0 and (glyph + delta) & 0xFFFF != 0:
                    covered.add(code)
    elif fmt == 12:
        (groups,) = struct.unpack(">I", cmap[off + 12 : off + 16])
        data = struct.unpack(f">{3 * groups}I", cmap[off + 16 : off + 16 + 12 * groups])
        for g in range(groups):
            start, end, glyph = data[3 * g], data[3 * g + 1], data[3 * g + 2]
            covered.update(range(start + (1 if glyph == 0 else 0), end + 1))
    elif fmt == 6:
        first, count = struct.unpack(">HH", cmap[off + 6 : off + 10])
        glyphs = struct.unpack(f">{count}H", cmap[off + 10 : off + 10 + 2 * count])
        covered.update(first + i for i, g in enumerate(glyphs) if g)
    else:
        raise _FontFileError(f"unsupported cmap format {fmt}")
    return frozenset(covered)


def probe_font(path: Path, subfont_index: int = 0, label: str = "") -> FontSource | None:
    """Return a :class:`FontSource` if the face is usable by reportlab, else ``None``."""
    try:
        with path.open("rb") as f:
            tables = _read_table_directory(f, subfont_index)
            _check_usable(f, tables)
    except (OSError, struct.error, _FontFileError):
        return None
    return FontSource(path, subfont_index, label or path.stem)


def _index_font_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Map lower-cased file name -> first path found under ``dirs`` (recursive)."""
    found: dict[str, Path] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.lower().endswith(FONT_SUFFIXES):
                    found.setdefault(name.lower(), Path(dirpath) / name)
    return found


def default_font_dirs() -> tuple[Path, ...]:
    """The system font directories of this platform."""
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return tuple(dirs)
    return (*DEBIAN_FONT_DIRS, Path.home() / ".local" / "share" / "fonts")


def discover_fonts(
    extra_dir: Path | None = None,
    system_dirs: Sequence[Path] | None = None,
) -> tuple[FontSource, ...]:
    """Find usable CJK fonts, in preference order.

    Fonts in ``extra_dir`` (every usable TrueType font file there, by file
    name) come first: an administrator who ships a font means it to be used.
    Then the known system fonts of :data:`KNOWN_FONTS`, searched in
    ``system_dirs`` (default: this platform's font directories). Fonts with
    CFF outlines or a licence that forbids embedding are skipped.
    """
    sources: list[FontSource] = []
    seen: set[tuple[Path, int]] = set()

    def add(src: FontSource | None) -> None:
        if src is not None and (src.path.resolve(), src.subfont_index) not in seen:
            seen.add((src.path.resolve(), src.subfont_index))
            sources.append(src)

    if extra_dir is not None and extra_dir.is_dir():
        for path in sorted(extra_dir.iterdir()):
            if path.is_file() and path.name.lower().endswith(FONT_SUFFIXES):
                add(probe_font(path, 0))
    index = _index_font_files(default_font_dirs() if system_dirs is None else system_dirs)
    for file_name, face, label in KNOWN_FONTS:
        found = index.get(file_name.lower())
        if found is not None:
            add(probe_font(found, face, label))
    return tuple(sources)


@dataclass
class _LoadedFace:
    source: FontSource
    coverage: frozenset[int]
    registered_as: str = ""  # the reportlab font name, once loaded into reportlab


class FontSet:
    """A preference chain of fonts with per-character fallback.

    The instance is the process's font cache: cmaps are read lazily, once per
    font, and fonts are loaded into reportlab (and registered with its font
    registry under a name unique to the file) only when a character routed to
    them is measured or drawn. Not thread-safe; reportlab is not either.
    """

    def __init__(self, sources: Sequence[FontSource]) -> None:
        self._sources: tuple[FontSource, ...] = tuple(sources)
        self._faces: list[_LoadedFace | None] = [None] * len(self._sources)
        self._skipped: dict[FontSource, str] = {}
        self._char_font: dict[str, int] = {}
        # Advance widths in 1/1000 em of the characters measured so far, as drawn
        # (after fallback): the layout measures every character of every line.
        self._widths: dict[str, float] = {}

    @classmethod
    def discover(
        cls, extra_dir: Path | None = None, system_dirs: Sequence[Path] | None = None
    ) -> FontSet:
        """A FontSet over :func:`discover_fonts`."""
        return cls(discover_fonts(extra_dir, system_dirs))

    @property
    def sources(self) -> tuple[FontSource, ...]:
        return self._sources

    @property
    def skipped(self) -> Mapping[FontSource, str]:
        """Fonts of the chain found unusable so far, with the reason."""
        return dict(self._skipped)

    def _face(self, i: int) -> _LoadedFace | None:
        face = self._faces[i]
        if face is None and self._sources[i] not in self._skipped:
            src = self._sources[i]
            try:
                with src.path.open("rb") as f:
                    tables = _read_table_directory(f, src.subfont_index)
                    _check_usable(f, tables)
                    coverage = _parse_cmap(_read_table(f, tables, b"cmap"))
            except (OSError, struct.error, _FontFileError) as exc:
                self._skipped[src] = str(exc) or type(exc).__name__
                return None
            face = self._faces[i] = _LoadedFace(src, coverage)
        return face

    def _font_index(self, ch: str) -> int | None:
        idx = self._char_font.get(ch)
        if idx is not None:
            return idx
        code = ord(ch)
        for i in range(len(self._sources)):
            face = self._face(i)
            if face is not None and code in face.coverage:
                self._char_font[ch] = i
                return i
        return None

    def font_for(self, ch: str) -> FontSource | None:
        """The first font of the chain with a glyph for ``ch`` (None if none has one)."""
        idx = self._font_index(ch)
        return None if idx is None else self._sources[idx]

    def has_glyph(self, ch: str) -> bool:
        """Whether ``ch`` can be printed: a font has a glyph for it, or it is whitespace."""
        return ch.isspace() or self._font_index(ch) is not None

    def _drawn_as(self, ch: str) -> tuple[int, str] | None:
        """The font index and the character actually drawn for ``ch``.

        ``None`` for whitespace nothing can draw, and for a character without a
        glyph (which :meth:`check_printable` refuses).
        """
        idx = self._font_index(ch)
        if idx is not None:
            return idx, ch
        if ch.isspace() and ch != _SPACE:
            idx = self._font_index(_SPACE)
            if idx is not None:
                return idx, _SPACE
        return None

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no font has a glyph for, each once, in order."""
        out: list[str] = []
        for ch in dict.fromkeys(text):
            if not self.has_glyph(ch):
                out.append(ch)
        return out

    def check_printable(self, texts: Mapping[str, str]) -> None:
        """Raise :class:`RuleViolation` naming every character no font can print.

        ``texts`` maps a field name (``applicant.name``) to its text. The
        message names each missing character with its code point and every
        field it occurs in, so the clerk can correct exactly that.
        """
        where: dict[str, list[str]] = {}
        for name, text in texts.items():
            for ch in self.missing(text):
                where.setdefault(ch, []).append(name)
        if not where:
            return
        parts = [
            ClerkDeskError(
                "no installed font has a glyph for '{char}' ({code}) in field {document_fields}",
                char=ch,
                code=f"U+{ord(ch):04X}",
                document_fields=", ".join(fields),
            )
            for ch, fields in where.items()
        ]
        if not self._sources:
            parts.insert(0, ClerkDeskError("no usable CJK font (TrueType outlines) is installed"))
        # One problem after the other, each a phrase translated on its own.
        message = parts[-1]
        for part in reversed(parts[:-1]):
            message = ClerkDeskError("{problem}; {more}", problem=part, more=message)
        raise RuleViolation(message.template, **message.params)

    def runs(self, text: str) -> list[tuple[FontSource, str]]:
        """Split ``text`` into maximal runs of characters drawn with the same font.

        Whitespace without a glyph is drawn as a space. Raises
        :class:`RuleViolation` if another character has no glyph: callers are
        expected to have called :meth:`check_printable` first.
        """
        out: list[tuple[FontSource, str]] = []
        cur_idx = -1
        buf: list[str] = []
        for ch in text:
            drawn = self._drawn_as(ch)
            if drawn is None:
                if not ch.isspace():
                    self.check_printable({"text": ch})  # raises: no font has the glyph
                continue
            idx, glyph = drawn
            if idx != cur_idx and buf:
                out.append((self._sources[cur_idx], "".join(buf)))
                buf = []
            cur_idx = idx
            buf.append(glyph)
        if buf:
            out.append((self._sources[cur_idx], "".join(buf)))
        return out

    def reportlab_font(self, source: FontSource) -> str:
        """Load ``source`` into reportlab (once) and return its registered name."""
        i = self._sources.index(source)
        face = self._face(i)
        if face is None:
            raise ValueError(f"font {source} is not usable: {self._skipped.get(source, '')}")
        if not face.registered_as:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            name = source.reportlab_name
            if name not in pdfmetrics.getRegisteredFontNames():
                font = TTFont(name, str(source.path), subfontIndex=source.subfont_index)
                pdfmetrics.registerFont(font)
            face.registered_as = name
        return face.registered_as

    def char_width(self, ch: str, size: float) -> float:
        """Advance width of ``ch`` at ``size`` points, in points (as :meth:`runs` draws it)."""
        w = self._widths.get(ch)
        if w is None:
            w = self._widths[ch] = self._char_width_1000(ch)
        return w * size / 1000.0

    def _char_width_1000(self, ch: str) -> float:
        drawn = self._drawn_as(ch)
        if drawn is None:
            if not ch.isspace():
                self.check_printable({"text": ch})  # raises: no font has the glyph
            return 0.0
        idx, glyph = drawn
        from reportlab.pdfbase import pdfmetrics

        font = pdfmetrics.getFont(self.reportlab_font(self._sources[idx]))
        return float(font.stringWidth(glyph, 1000.0))

    def string_width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` points, with per-character fallback."""
        widths = self._widths
        total = 0.0
        for ch in text:
            w = widths.get(ch)
            if w is None:
                w = widths[ch] = self._char_width_1000(ch)
            total += w
        return total * size / 1000.0
