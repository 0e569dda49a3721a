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


# Where a line may break: spaces and line breaks, never the no-break spaces that group a figure's thousands
# (« 1 500 000 » is one word to the writers, which never break it there).
_BREAKS = re.compile(r"[ \t\n]+")
# A text column may be narrowed below its builder's share to make room for another's longest word; below
# this part of its share (and of what its longest cell needs on one line) it is cramped, and a smaller
# text size is tried first.
COMFORT = 0.6


def _column_needs(
    columns: list[str],
    rows: list[list[str]],
    size_pt: float,
    pad_mm: float,
    family: str,
    arabic_size_pt: float | None,
) -> tuple[list[float], list[float]]:
    """Per column, (lo) the width of its longest word, the header's included, and (hi) the width its longest
    cell takes on one line (never less than lo): what it needs at least, and what it never needs more than.
    Only the longest words and cells (by length) are measured: measuring every one is waste."""

    def size_of(text: str) -> float:  # Word sets Arabic runs at their own (complex-script) size
        return arabic_size_pt if arabic_size_pt and needs_shaping(text) else size_pt

    lo, hi = [], []
    for j, head in enumerate(columns):
        words: set[str] = set()
        lines: set[str] = set()
        for row in rows:
            if j < len(row) and row[j]:
                lines.update(row[j].split("\n"))
                words.update(_BREAKS.split(row[j]))
        words.discard("")
        measured = [(w, "B") for w in _longest(set(_BREAKS.split(head)) - {""}, 4)]
        measured += [(w, "") for w in _longest(words, 8)]
        low = max((text_width_mm(w, size_of(w), family, b) for w, b in measured), default=0.0) + pad_mm
        longest = _longest({ln.strip() for ln in lines}, 3)
        high = max((text_width_mm(ln, size_of(ln), family, "") for ln in longest if ln), default=0.0) + pad_mm
        lo.append(low)
        hi.append(max(low, high))
    return lo, hi


def _longest(texts: set[str], n: int) -> list[str]:
    """The `n` longest of `texts`, ties by the text itself: the same ones whatever the order of the set
    (Python's string hashing changes it from one run to the next, and with it the widths)."""
    return sorted(texts, key=lambda x: (len(x), x), reverse=True)[:n]


def _spread(share_w: list[float], lo: list[float], hi: list[float], total_mm: float) -> list[float]:
    """Widths summing to `total_mm`, each between its column's lo and hi where it can: from the builder's
    shares, a column of figures gives what its figures do not need to the columns whose text wraps.

    Short phrases (« 0 (2021) », a date and its time, a short label) stay on one line when the text columns
    can spare the room above COMFORT of their shares: a wrapped pair of figures reads badly, and in a
    right-to-left line its brackets come apart."""
    phrase = [b <= total_mm * 0.18 for b in hi]
    w = [b if p else min(max(s, a), b) for s, a, b, p in zip(share_w, lo, hi, phrase, strict=True)]
    gap = total_mm - sum(w)
    if gap < 0:  # taken from the text columns down to their comfort, then from all down to their longest word
        comfort = [max(a, min(b, COMFORT * s)) for s, a, b in zip(share_w, lo, hi, strict=True)]
        for floor in ([x if p else c for x, p, c in zip(w, phrase, comfort, strict=True)], lo):
            above = [max(0.0, x - f) for x, f in zip(w, floor, strict=True)]
            take = min(-gap, sum(above))
            if take > 0:
                w = [x - take * r / sum(above) for x, r in zip(w, above, strict=True)]
                gap += take
        return w
    # given to the columns whose text wraps, in proportion to their shares, none beyond its longest cell
    for _ in range(len(w)):
        open_ = [j for j, x in enumerate(w) if x < hi[j] - 1e-6]
        if gap <= 1e-6 or not open_:
            break
        shares = sum(share_w[j] for j in open_) or 1.0
        for j in open_:
            w[j] = min(hi[j], w[j] + gap * share_w[j] / shares)
        gap = total_mm - sum(w)
    if gap > 1e-6:  # every cell on one line and room to spare: each column widens by its width
        w = [x * total_mm / sum(w) for x in w]
    return w


def _cramped(w: list[float], share_w: list[float], hi: list[float]) -> bool:
    """A column of wrapping text narrowed well below both its share and its longest cell's width."""
    return any(x < min(b, COMFORT * s) - 0.05 for x, s, b in zip(w, share_w, hi, strict=True))


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
    """Column widths (mm) close to `shares` in which every column can hold its longest word unbroken, no
    column is wider than its longest cell needs, and the text columns get what the others do not need.

    A narrow numeric column given by a builder would otherwise cut "Femmes" into "Fem/mes" or an amount
    into two lines, and a column of short figures would keep room the text beside it lacks.  None when the
    longest words cannot all fit side by side, or when they only fit by squeezing a text column well below
    its share (the caller then tries a smaller size; with `partial`, at its smallest size, it gets the
    best widths there are).  `arabic_size_pt`: the size of Arabic words when it differs (a Word document's
    w:szCs)."""
    total_share = sum(shares) or 1.0
    share_w = [s / total_share * total_mm for s in shares]
    lo, hi = _column_needs(columns, rows, size_pt, pad_mm, family, arabic_size_pt)
    if sum(lo) <= total_mm:
        widths = _spread(share_w, lo, hi, total_mm)
        return widths if partial or not _cramped(widths, share_w, hi) else None
    if not partial:
        return None
    # Partly then: the columns of short words (figures, codes, short labels) get their room, the text
    # columns (those that wrap) share what is left and break inside their longest words.
    text = {j for j in range(len(lo)) if hi[j] > lo[j] * 1.5 or lo[j] > total_mm * 0.18}
    if not text:  # only short words, and still too many: each column the same share of what it needs
        return [a * total_mm / sum(lo) for a in lo]
    # The text columns keep at least their longest words, or a fifth of the width between them, up to
    # COMFORT of their shares; the short columns give up the same share each of what they ask when that
    # leaves them too little (a figure may then break, a text column is never squeezed to a word a line).
    cols = sorted(text)
    want = sum(min(hi[j], max(lo[j], COMFORT * share_w[j])) for j in cols)
    floor = min(want, max(total_mm * 0.2, sum(lo[j] for j in cols)))
    fixed = sum(lo[j] for j in range(len(lo)) if j not in text)
    shrink = min(1.0, (total_mm - floor) / fixed) if fixed > 0 else 1.0
    room = total_mm - fixed * shrink
    t_lo = [lo[j] for j in cols]
    if sum(t_lo) <= room:
        t_w = _spread([share_w[j] for j in cols], t_lo, [hi[j] for j in cols], room)
    else:
        t_w = [a * room / sum(t_lo) for a in t_lo]
    out = [a * shrink for a in lo]
    for j, x in zip(cols, t_w, strict=True):
        out[j] = x
    return out


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
