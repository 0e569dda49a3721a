"""The bundled fonts of the documents, and the questions the writers ask about a text's script.

DejaVu Sans writes French (and Tifinagh, which Amiri lacks); Amiri writes Arabic (and the Latin runs of an
Arabic line: codes, numbers, French names).  Both ship in pac/assets/fonts: nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

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
