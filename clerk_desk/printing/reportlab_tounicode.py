"""Work around reportlab's ToUnicode CMap for code points beyond the BMP.

Why: reportlab (seen with 5.1) writes each entry of a TrueType subset's
ToUnicode CMap as ``"<%02X> <%04X>" % (code, unicode)``. For a code point
beyond U+FFFF this gives five hex digits: U+2020C (𠈌) becomes ``<2020C>``.
PDF readers parse the destination as UTF-16BE, so they read ``<2020>`` plus a
stray nibble: the glyph *renders* right, but copying or extracting the text
gives U+2020 (†). A person's name with a CJK Extension B character would be
wrong in every text search of an archived PDF. The destination must be the
UTF-16BE surrogate pair, ``<D840DE0C>`` (PDF 32000-1:2008, 9.10.3).

What: :func:`apply` replaces ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap``
(looked up as a module global by ``TTFont.addObjects``) with a version that
writes surrogate pairs. It probes reportlab's own function first and does
nothing if that already writes a correct entry, so it turns into a no-op once
upstream is fixed. It is idempotent.

Upstream should fix this in ``makeToUnicodeCMap``. To drop this work-around
once every supported reportlab version is fixed: delete this module, its call
in ``DocumentRenderer.__init__`` (documents.py) and the test that shows the
unpatched behaviour (tests/test_printing_tounicode.py); the round-trip text
extraction tests stay and keep guarding the behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["apply", "fixed_make_to_unicode_cmap", "is_applied", "upstream_is_broken"]

_PROBE_CODE_POINT = 0x2020C  # 𠈌
_PATCH_MARK = "_clerk_desk_tounicode_fix"


def _utf16_hex(code_point: int) -> str:
    """Hex of the UTF-16BE encoding of one code point (4 or 8 hex digits)."""
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def fixed_make_to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with UTF-16BE destinations."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def upstream_is_broken(make_cmap: Callable[[str, list[int]], str] | None = None) -> bool:
    """True if ``make_cmap`` (default: reportlab's current one) mis-writes U+2020C."""
    if make_cmap is None:
        from reportlab.pdfbase import ttfonts

        make_cmap = ttfonts.makeToUnicodeCMap
    cmap = make_cmap("PROBE", [0, _PROBE_CODE_POINT])
    return f"<01> <{_utf16_hex(_PROBE_CODE_POINT)}>" not in cmap


def is_applied() -> bool:
    from reportlab.pdfbase import ttfonts

    return bool(getattr(ttfonts.makeToUnicodeCMap, _PATCH_MARK, False))


def apply() -> bool:
    """Install the fix if reportlab needs it. Returns True if the fix is in force."""
    from reportlab.pdfbase import ttfonts

    if is_applied():
        return True
    if not upstream_is_broken(ttfonts.makeToUnicodeCMap):
        return False

    def make_to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
        return fixed_make_to_unicode_cmap(fontname, subset)

    setattr(make_to_unicode_cmap, _PATCH_MARK, True)
    make_to_unicode_cmap.__wrapped__ = ttfonts.makeToUnicodeCMap  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    return True
