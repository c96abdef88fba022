"""Word's symbol characters (``w:sym``) as the Unicode text they show.

Word's Insert > Symbol in a symbol font (Symbol, Wingdings) writes no text at all, only the
font and a code in it: ``<w:sym w:font="Symbol" w:char="F0B3"/>`` is "≥". Read as text, a
staffing ratio's "≥" or an appendix form's "☐" would vanish from the part without a word; here
each becomes its Unicode character, and a code no table below names becomes U+FFFD, which the
import's note counts, so nothing leaves the document unsaid. A ``w:sym`` in a text font holds
the character's own code. Text typed in a run set in a symbol font ("þ" in Wingdings, shown as
"☑") is read through the same tables.
"""

from __future__ import annotations

REPLACEMENT = "\ufffd"

# Adobe's Symbol encoding (the font Word's Insert > Symbol opens on): Greek and mathematics.
_GREEK_UPPER = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"  # 0x41-0x5A
_GREEK_LOWER = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"  # 0x61-0x7A
_SYMBOL = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥",
    0x7E: "∼", 0xA0: "€", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞", 0xA6: "ƒ",
    0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→",
    0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂",
    0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…", 0xC0: "ℵ", 0xC4: "⊗",
    0xC5: "⊕", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂",
    0xCD: "⊆", 0xCE: "∈", 0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD2: "®", 0xD3: "©", 0xD4: "™",
    0xD5: "∏", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐",
    0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓", 0xE0: "◊", 0xE1: "〈", 0xE2: "®", 0xE3: "©", 0xE4: "™",
    0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
    **{0x41 + i: c for i, c in enumerate(_GREEK_UPPER)},
    **{0x61 + i: c for i, c in enumerate(_GREEK_LOWER)},
    **{c: chr(c) for c in b" !#%&(),./0123456789:;<=>?[]_{|}"},
}  # fmt: skip
# Wingdings: the boxes, ticks, bullets and arrows documents use it for.
_WINGDINGS = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0x9F: "•", 0xA7: "▪",
    0xA8: "◻", 0xD8: "➢", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
}  # fmt: skip
_FONTS = {"symbol": _SYMBOL, "wingdings": _WINGDINGS}


def symbol_font(name: str | None) -> bool:
    """Whether `name` is a symbol font whose codes this module reads (Symbol, Wingdings)."""
    return (name or "").strip().lower() in _FONTS


def _shown(table: dict[int, str], code: int) -> str:
    """A symbol font's character for `code` (Word's private range F0xx read as the font's own
    0xNN), else U+FFFD."""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return table.get(code, REPLACEMENT)


def in_symbol_font(font: str, text: str) -> str:
    """Text typed in a symbol font (a run set in Wingdings holding "þ", or Word's F0xx codes):
    each character as the symbol it shows, as ``symbol_text`` reads a ``w:sym``."""
    table = _FONTS[font.strip().lower()]
    return "".join(c if c.isspace() else _shown(table, ord(c)) for c in text)


def symbol_text(font: str | None, char: str | None) -> str:
    """The character a ``w:sym`` shows: from the symbol font's table (a code in Word's private
    range F0xx read as the font's own 0xNN), the code itself in a text font, else U+FFFD."""
    try:
        code = int(char or "", 16)
    except ValueError:
        return REPLACEMENT
    table = _FONTS.get((font or "").strip().lower())
    if table is None:  # a text font: the code is the character (Word writes "00A7" for §)
        shown = 0x20 <= code < 0x7F or 0xA0 <= code < 0xD800 or 0xF900 <= code <= 0xFFFD  # no control
        return chr(code) if shown else REPLACEMENT
    return _shown(table, code)
