"""Line breaking for the PDF writer's tables and label/value lists: each word measured once.

fpdf2's `multi_cell` measures the line it is building again at every character it adds (261,000
measurements for the French PAC document, most of its writing time).  Here a text is cut into words, each
word's width is looked up (and computed only the first time it is met in the document), and the lines are
filled greedily: a space-separated word never breaks unless it is longer than a whole line, then it is
cut between characters.  Lines come out in logical order; drawing each line with `cell()` reorders and
shapes it (bidi per line, as multi_cell does).

Works on the font the caller has set up (inside `_DocPDF._run`): `font`, `size` and shaping are read from
the FPDF object.  A text needing a fallback font (Tifinagh in an Arabic page) is measured by fpdf2 itself.
"""

from __future__ import annotations

from typing import Any

from fpdf.enums import MethodReturnValue

# (font key, word) -> width in points at 1 pt, for unshaped runs (a French document's words)
_UNITS: dict[tuple[str, str], float] = {}
_UNITS_MAX = 200_000


def _measure_unshaped(font: Any, word: str) -> float:
    key = (font.fontkey, word)
    w = _UNITS.get(key)
    if w is None:
        w = sum(map(font.cw.__getitem__, map(ord, word))) * 0.001
        if len(_UNITS) >= _UNITS_MAX:
            _UNITS.clear()
        _UNITS[key] = w
    return w


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """The lines of `text` within `width` (user units) in the current font; at least one line."""
    if getattr(pdf, "_fallback_font_ids", None):  # per-character font fallback: fpdf2 knows how
        lines = pdf.multi_cell(width, 1, text, dry_run=True, output=MethodReturnValue.LINES)
        return list(lines) or [""]
    font, size, shaping = pdf.current_font, pdf.font_size_pt, pdf.text_shaping
    limit = width * pdf.k / size  # in points at 1 pt
    if shaping:
        # Each word measured in its own direction (HarfBuzz guesses it: right to left for Arabic), not in
        # that of the last run fpdf2 drew, which it leaves in the shared settings: else a paragraph measured
        # ahead of time (a project sheet keeping to its page) and when drawn could break differently.
        shaping = {**shaping, "fragment_direction": None}

        # MemoTTFFont caches each word's shaped width; scaled back to 1 pt here
        def measure(word: str) -> float:
            return font.get_text_width(word, size, shaping)[1] / size if word else 0.0
    else:

        def measure(word: str) -> float:
            return _measure_unshaped(font, word)

    space = measure(" ")
    out: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in para.split(" "):
            w = measure(word)
            if line and used + space + w <= limit:
                line.append(word)
                used += space + w
                continue
            if line:
                out.append(" ".join(line))
            if w <= limit:
                line, used = [word], w
                continue
            # a word longer than a line: cut between characters
            chunk, cw = "", 0.0
            for ch in word:
                chw = measure(ch)
                if chunk and cw + chw > limit:
                    out.append(chunk)
                    chunk, cw = "", 0.0
                chunk += ch
                cw += chw
            line, used = [chunk], cw
        out.append(" ".join(line))
    return out
