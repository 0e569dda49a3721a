"""The bundled fonts of the documents, and the questions the writers ask about a text's script.

DejaVu Sans writes French (and Tifinagh, which Amiri lacks); Amiri writes Arabic (and the Latin runs of an
Arabic line: codes, numbers, French names).  Both ship in pac/assets/fonts: nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf.fonts import TTFFont

FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"

# family -> style ("" regular, "B" bold, "I" italic) -> file.  Amiri has no italic of its own in our bundle:
# an Arabic "quote" is set upright (italics are not an Arabic typographic habit anyway).
FAMILIES: dict[str, dict[str, str]] = {
    "dejavu": {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"},
    "amiri": {"": "Amiri-Regular.ttf", "B": "Amiri-Bold.ttf"},
}

# Scripts written right to left and joined: only runs containing them go through HarfBuzz (shaping a Latin
# run costs about three times more than measuring it, and changes nothing in it).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Bidi controls the content builders use to isolate a run of the other language (pac.domain.bilingual).
BIDI_CONTROLS = "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"
_STRIP_BIDI = str.maketrans("", "", BIDI_CONTROLS)


def needs_shaping(text: str) -> bool:
    """True when `text` holds a right-to-left script (Arabic), which must be shaped and reordered."""
    return _RTL.search(text) is not None


def strip_bidi_controls(text: str) -> str:
    """`text` without isolate/embedding controls: for runs of one direction, where they do nothing."""
    return text.translate(_STRIP_BIDI)


def font_path(family: str, style: str = "") -> Path:
    files = FAMILIES[family]
    return FONTS_DIR / files.get(style, files[""])


@lru_cache(maxsize=8)
def _coverage(family: str) -> frozenset[int]:
    cmap = TTFont(font_path(family), lazy=True).getBestCmap()
    return frozenset(cmap)


def uncovered(text: str, family: str) -> set[str]:
    """The characters of `text` the regular face of `family` has no glyph for (controls excepted)."""
    cov = _coverage(family)
    return {ch for ch in set(text) if ord(ch) not in cov and ch.isprintable()}


def covered_by_any(ch: str) -> bool:
    return any(ord(ch) in _coverage(f) for f in FAMILIES)


@lru_cache(maxsize=8)
def _advances(family: str, style: str) -> tuple[dict[int, int], float]:
    """Per code point advance width (font units) of a face, and its units per em."""
    font = TTFont(font_path(family, style), lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"].metrics
    return {cp: hmtx[name][0] for cp, name in cmap.items()}, float(font["head"].unitsPerEm)


def text_width_mm(text: str, size_pt: float, family: str = "dejavu", style: str = "B") -> float:
    """Width of `text`, to size table columns, not to draw: Arabic shaped (its joined letters are about
    half as wide as the isolated ones), other scripts from the advance widths."""
    style = style if style in FAMILIES[family] else ""
    if needs_shaping(text):
        return _shaped_units(text, family, style) * size_pt * 25.4 / 72
    adv, upem = _advances(family, style)
    fallback = upem * 0.6
    return sum(adv.get(ord(ch), fallback) for ch in text) / upem * size_pt * 25.4 / 72


@lru_cache(maxsize=8)
def _hb_font(family: str, style: str) -> tuple[Any, int]:
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(font_path(family, style))))
    return hb.Font(face), face.upem


@lru_cache(maxsize=20_000)
def _shaped_units(text: str, family: str, style: str) -> float:
    """Shaped width of `text` in ems (HarfBuzz, the shaper fpdf2 uses)."""
    import uharfbuzz as hb

    font, upem = _hb_font(family, style)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return sum(p.x_advance for p in buf.glyph_positions) / upem


def fit_widths(
    columns: list[str],
    rows: list[list[str]],
    shares: list[float],
    total_mm: float,
    size_pt: float,
    pad_mm: float,
    family: str = "dejavu",
    partial: bool = False,
    arabic_size_pt: float | None = None,
) -> list[float] | None:
    """Column widths (mm) close to `shares` in which every column can hold its longest word unbroken.

    A narrow numeric column given by a builder would otherwise cut "Femmes" into "Fem/mes" or an amount
    into two lines; columns with room to spare give some of it.  None when even the longest words cannot
    all fit side by side (the caller then tries a smaller size, or keeps the shares and breaks words).
    `arabic_size_pt`: the size of Arabic words when it differs (a Word document's w:szCs)."""

    def size_of(word: str) -> float:  # Word sets Arabic runs at their own (complex-script) size
        return arabic_size_pt if arabic_size_pt and needs_shaping(word) else size_pt

    total_share = sum(shares) or 1.0
    widths = [s / total_share * total_mm for s in shares]
    need = []
    for j, head in enumerate(columns):
        words: set[str] = set()
        for row in rows:
            words.update(row[j].split() if j < len(row) else ())
        # by length first: measuring every word is waste; the header's words are bold, the cells' not
        measured = [(w, "B") for w in sorted(set(head.split()), key=len, reverse=True)[:4]]
        measured += [(w, "") for w in sorted(words, key=len, reverse=True)[:8]]
        need.append(max((text_width_mm(w, size_of(w), family, b) for w, b in measured), default=0.0) + pad_mm)
    if sum(need) > total_mm:
        if not partial:
            return None
        # Partly then: the columns of short words (figures, codes, short labels) get their room, the text
        # columns share what is left and break inside their longest words.
        short = {j for j, n in enumerate(need) if n <= total_mm * 0.18}
        fixed = sum(max(widths[j], need[j]) for j in short)
        rest = sum(w for j, w in enumerate(widths) if j not in short)
        if len(short) == len(need):  # only short words, and still too many: each column the same share
            return [n * total_mm / sum(need) for n in need]  # of what its longest word needs
        if not short or rest <= 0:
            return None
        # The text columns keep at least a fifth of the width between them; when the short columns leave
        # less, they give up the same share each of what they asked (a figure may then break, a text
        # column is never squeezed to a word a line).
        floor = total_mm * 0.2
        shrink = min(1.0, (total_mm - floor) / fixed)
        room = total_mm - fixed * shrink
        return [max(w, need[j]) * shrink if j in short else w * room / rest for j, w in enumerate(widths)]
    deficit = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    slack = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    total_slack = sum(slack)
    if deficit <= 0 or total_slack <= 0:
        return widths
    return [
        n if w < n else w - deficit * s / total_slack for n, w, s in zip(need, widths, slack, strict=True)
    ]


_WIDTHS: dict[tuple[Any, ...], tuple[int, float]] = {}
_WIDTHS_MAX = 200_000


class MemoTTFFont(TTFFont):
    """fpdf2's font, measuring shaped runs word by word and remembering each word's width.

    fpdf2's line breaking asks HarfBuzz for the width of the line so far at every character it adds
    (on the demo's Arabic PAC document, 325,000 measurements).  Arabic letters never join across a space,
    so a run's width is the sum of its words' widths and its spaces' (checked: 0.05 % off on a paragraph,
    from kerning around spaces); and words repeat, so each is shaped about once per document.  Drawing
    still shapes each line whole (fpdf2's `shape_text`): only the measuring is cached.
    """

    __slots__ = ()

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        """fpdf2's own sum for unshaped text (a French run), with map() instead of a generator: the line
        breaker measures every line prefix again at each character (261,000 calls for the French PAC
        document), and this was a third of its time.  Same widths, same sum order."""
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        return len(text), sum(map(self.cw.__getitem__, map(ord, text))) * font_size_pt * 0.001

    def shaped_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        if " " not in text or len(text) < 16:
            return self._word_width(text, font_size_pt, text_shaping_params)
        parts = text.split(" ")
        glyphs, width = 0, 0.0
        for part in parts:
            if part:
                n, w = self._word_width(part, font_size_pt, text_shaping_params)
                glyphs, width = glyphs + n, width + w
        n, w = self._word_width(" ", font_size_pt, text_shaping_params)
        spaces = len(parts) - 1
        return glyphs + spaces * n, width + spaces * w

    def _word_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        # Our shaping settings never set script, language or features (see pdf_writer._DocPDF): the run's
        # direction is the only parameter that varies.
        p = text_shaping_params or {}
        key = (self.fontkey, text, font_size_pt, p.get("fragment_direction"))
        hit = _WIDTHS.get(key)
        if hit is None:
            hit = super().shaped_text_width(text, font_size_pt, text_shaping_params)
            if len(_WIDTHS) >= _WIDTHS_MAX:
                _WIDTHS.clear()
            _WIDTHS[key] = hit
        return hit
