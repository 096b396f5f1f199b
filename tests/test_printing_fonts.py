"""Font discovery, per-character fallback and the missing-glyph refusal."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from clerk_desk.errors import RuleViolation
from clerk_desk.printing.fonts import FontSet, FontSource, discover_fonts, probe_font

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # the Song face (fonts-arphic-uming)
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
HANA_A = Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")
HANA_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
NO_FONT_HAS = "\U00030000"  # CJK Extension G: none of the Debian fonts has it


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.discover()


def test_debian_fonts_are_found_in_preference_order() -> None:
    found = discover_fonts()
    names = [s.path.name for s in found]
    # The Song face first (the body of every document), then the fallbacks.
    assert names[:4] == ["uming.ttc", "wqy-microhei.ttc", "HanaMinA.ttf", "HanaMinB.ttf"]
    assert found[0].subfont_index == 0 and "UMing CN" in found[0].label


def test_the_song_face_is_the_simplified_chinese_one() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    song = discover_fonts()[0]
    face = TTFont("uming-check", str(song.path), subfontIndex=song.subfont_index).face
    assert face.familyName == b"AR PL UMing CN"


def test_windows_font_names_in_preference_order(tmp_path: Path) -> None:
    # A stand-in for C:\Windows\Fonts: Windows file names, Debian font files.
    (tmp_path / "msyh.ttc").symlink_to(HANA_A)
    (tmp_path / "SIMSUN.TTC").symlink_to(WQY)
    (tmp_path / "simsunb.ttf").symlink_to(HANA_B)
    (tmp_path / "arial.ttf").symlink_to(HANA_A)  # not a known CJK font: ignored
    (tmp_path / "simhei.ttf").symlink_to(WQY)  # the same file as simsun.ttc: listed once
    found = discover_fonts(system_dirs=[tmp_path])
    assert [s.path.name for s in found] == ["SIMSUN.TTC", "simsunb.ttf", "msyh.ttc"]
    assert found[0].label.startswith("SimSun")


def test_extra_font_directory_comes_first(tmp_path: Path) -> None:
    (tmp_path / "site-font.ttf").symlink_to(HANA_A)
    found = discover_fonts(extra_dir=tmp_path)
    assert found[0].path == tmp_path / "site-font.ttf"
    assert [s.path.name for s in found[1:]] == ["uming.ttc", "wqy-microhei.ttc", "HanaMinB.ttf"]


def _fake_font(path: Path, version: bytes, tags: list[bytes]) -> Path:
    header = version + struct.pack(">HHHH", len(tags), 16, 0, 0)
    records = b"".join(struct.pack(">4sIII", t, 0, 0, 0) for t in tags)
    path.write_bytes(header + records)
    return path


def test_cff_outlines_are_skipped(tmp_path: Path) -> None:
    otto = _fake_font(tmp_path / "NotoSansCJK.otf", b"OTTO", [b"CFF ", b"cmap"])
    cff_in_ttf = _fake_font(tmp_path / "odd.ttf", b"\x00\x01\x00\x00", [b"CFF ", b"cmap"])
    assert probe_font(otto) is None
    assert probe_font(cff_in_ttf) is None
    assert probe_font(tmp_path / "absent.ttf") is None
    assert probe_font(WQY, 0) is not None
    assert probe_font(WQY, 5) is None  # the collection has two faces
    found = discover_fonts(extra_dir=tmp_path)
    assert all(s.path.parent != tmp_path for s in found)


def test_a_cff_font_handed_in_directly_is_skipped_with_a_reason(tmp_path: Path) -> None:
    otto = _fake_font(tmp_path / "cff.otf", b"OTTO", [b"CFF "])
    fs = FontSet([FontSource(otto), FontSource(WQY)])
    assert fs.font_for("王") == FontSource(WQY)
    assert "CFF" in fs.skipped[FontSource(otto)]


def test_each_character_goes_to_the_first_font_with_a_glyph(fonts: FontSet) -> None:
    main = fonts.font_for("王")
    assert main is not None and main.path.name == UMING.name
    # The Song face has these of Extension A and B itself (the same design beside 王) ...
    for rare in ("䶮", "𠈌"):
        found = fonts.font_for(rare)
        assert found is not None and found.path.name == UMING.name, rare
    # ... and not these: HanaMin (a Ming, i.e. Song, design too) draws them.
    for rare in ("𠮷", "𤭢"):
        found = fonts.font_for(rare)
        assert found is not None and found.path.name.startswith("HanaMin"), rare
    assert fonts.font_for(NO_FONT_HAS) is None


def test_runs_split_text_per_font(fonts: FontSet) -> None:
    runs = fonts.runs("王䶮A1𠮷华")
    assert "".join(t for _, t in runs) == "王䶮A1𠮷华"
    assert [t for _, t in runs] == ["王䶮A1", "𠮷", "华"]
    assert [s.path.name for s, _ in runs][::2] == [UMING.name] * 2
    without_song = FontSet([FontSource(WQY), FontSource(HANA_A), FontSource(HANA_B)])
    runs = without_song.runs("王䶮A1𠈌华")
    assert [t for _, t in runs] == ["王", "䶮", "A1", "𠈌", "华"]
    assert [s.path.name for s, _ in runs][::2] == [WQY.name] * 3


def test_ext_b_only_font_chain_is_used_for_ext_b(tmp_path: Path) -> None:
    fs = FontSet([FontSource(WQY), FontSource(HANA_B)])
    assert fs.font_for("𠈌") == FontSource(HANA_B)
    assert fs.font_for("王") == FontSource(WQY)


def test_missing_glyph_message_names_character_code_point_and_field() -> None:
    fs = FontSet([FontSource(WQY)])  # no Extension B font
    with pytest.raises(RuleViolation) as info:
        fs.check_printable({"applicant_name": "陈𠈌华", "item_name": "户籍"})
    assert str(info.value) == (
        "no installed font has a glyph for '𠈌' (U+2020C) in field applicant_name"
    )


def test_every_missing_character_and_every_field_is_named(fonts: FontSet) -> None:
    with pytest.raises(RuleViolation) as info:
        fonts.check_printable(
            {
                "applicant.name": f"王{NO_FONT_HAS}",
                "materials[0].note": f"见{NO_FONT_HAS}\U000e0100",
                "item_name": "正常",
            }
        )
    msg = str(info.value)
    assert f"'{NO_FONT_HAS}' (U+30000) in field applicant.name, materials[0].note" in msg
    assert "(U+E0100) in field materials[0].note" in msg
    assert "item_name" not in msg


def test_no_font_at_all_says_so() -> None:
    with pytest.raises(RuleViolation, match="no usable CJK font"):
        FontSet([]).check_printable({"x": "王"})


def test_line_breaks_need_no_glyph(fonts: FontSet) -> None:
    fonts.check_printable({"note": "第一行\n第二行\t完"})


def test_cmaps_are_read_once_per_font_set(fonts: FontSet, monkeypatch: pytest.MonkeyPatch) -> None:
    fonts.font_for("王")
    import clerk_desk.printing.fonts as fonts_module

    def boom(_cmap: bytes) -> frozenset[int]:
        raise AssertionError("cmap parsed again")

    monkeypatch.setattr(fonts_module, "_parse_cmap", boom)
    assert fonts.font_for("华") is not None
    assert fonts.string_width("王䶮", 10) > 0


def test_widths_come_from_the_font(fonts: FontSet) -> None:
    assert fonts.string_width("王", 10) == pytest.approx(10, abs=0.5)
    assert fonts.string_width("1", 10) < fonts.string_width("王", 10)
    assert fonts.string_width("王王", 12) == pytest.approx(2 * fonts.string_width("王", 12))


# --- whitespace -------------------------------------------------------------

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # no CJK, no U+3000

WHITESPACE = ["\t", "\r", "\n", "\v", "\f", "\u00a0", "\u2003", "\u3000", "\u2028", "\x85", "\x1f"]


@pytest.mark.parametrize("ws", WHITESPACE, ids=[f"U+{ord(c):04X}" for c in WHITESPACE])
def test_whitespace_needs_no_glyph_and_is_drawn_with_one(fonts: FontSet, ws: str) -> None:
    assert fonts.has_glyph(ws)
    fonts.check_printable({"note": f"甲{ws}乙"})
    # Drawn as itself where a font has a glyph for it (U+00A0, U+3000), else as a space.
    glyph = ws if fonts.font_for(ws) is not None else " "
    assert "".join(t for _, t in fonts.runs(f"甲{ws}乙")) == f"甲{glyph}乙"
    assert fonts.char_width(ws, 10) == pytest.approx(fonts.char_width(glyph, 10))


def test_a_tab_is_drawn_as_a_space(fonts: FontSet) -> None:
    assert [t for _, t in fonts.runs("第一\t第二")] == ["第一 第二"]
    assert fonts.char_width("\t", 10) == fonts.char_width(" ", 10) > 0


def test_ideographic_space_stays_itself_where_a_font_has_it(fonts: FontSet) -> None:
    assert [t for _, t in fonts.runs("甲\u3000乙")] == ["甲\u3000乙"]
    latin = FontSet([FontSource(DEJAVU)])
    assert latin.font_for("\u3000") is None
    assert [t for _, t in latin.runs("a\u3000b")] == ["a b"]
    assert latin.char_width("\u3000", 10) == latin.char_width(" ", 10)


def test_a_character_without_glyph_is_refused_not_asserted(fonts: FontSet) -> None:
    only_wqy = FontSet([FontSource(WQY)])
    with pytest.raises(RuleViolation, match="U\\+2020C"):
        only_wqy.runs("陈𠈌华")
    with pytest.raises(RuleViolation, match="U\\+2020C"):
        only_wqy.char_width("𠈌", 10)
    with pytest.raises(RuleViolation, match="no usable CJK font"):
        FontSet([]).runs("王")
    assert FontSet([]).runs(" \t") == []  # whitespace nothing can draw is left out
