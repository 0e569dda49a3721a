"""The four quadrants of the SWOT on one screen, numbered, readable on a wall.

Drawn as one HTML block (the user's text escaped): a 2×2 grid, internal factors on
the top row, external ones below.  In projection mode the board takes the height of
the screen and the type shrinks as quadrants fill up, so that all four stay visible
at 1920×1080 and 1280×720; a quadrant with more items than fit scrolls on its own.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import streamlit as st

from pac.domain import vocab
from pac.i18n import t, tn
from pac.i18n import vocab as label
from pac.services.swot import SwotItemView
from pac.ui.kit.text import bi_raw

COLOURS = {
    "S": ("#1b5e20", "#eef7ee"),
    "W": ("#b23c17", "#fdf1ec"),
    "O": ("#0d47a1", "#edf3fb"),
    "T": ("#5d1a72", "#f6eef9"),
}
CSS = """
<style>
.pac-swot {display:grid; grid-template-columns:1fr 1fr; gap:.6rem; margin-bottom:.8rem;}
.pac-swot.pac-one {grid-template-columns:1fr;}
.pac-q {border:2px solid var(--c); background:var(--bg); border-radius:10px; padding:.35rem .8rem .5rem;
        overflow-y:auto; min-height:8rem;}
.pac-q h3 {margin:0 0 .25rem; padding:0; color:var(--c); font-size:1.3em; font-weight:700;
           display:flex; justify-content:space-between; align-items:baseline; gap:.5rem;}
.pac-q h3 small {font-size:.6em; font-weight:400; color:#555;}
.pac-swot .pac-q ol {list-style:none; margin:0; padding:0; font-size:1em !important;}
.pac-swot .pac-q li {font-size:1em !important; padding:.18em 0; border-bottom:1px solid rgba(0,0,0,.07); line-height:1.28; margin:0;
           display:grid; grid-template-columns:2.4em 1fr; column-gap:.2em;}
.pac-q li:last-child {border-bottom:none;}
.pac-q .pac-n {font-weight:700; color:var(--c);}
.pac-q .pac-l {color:#607d8b; font-size:.72em; white-space:nowrap;}
.pac-q .pac-flag {color:#b00020; font-size:.72em; white-space:nowrap; font-weight:600;}
.pac-q .pac-empty {color:#777; font-style:italic; font-size:.85em; margin:0;}
.pac-proj .pac-q {height:calc((100vh - 180px) / 2);}
.pac-proj.pac-one .pac-q {height:calc(100vh - 180px);}
</style>
"""
# On this page only (the style leaves with the page): a smaller title leaves the wall to the quadrants.
PROJECTION_CSS = """
<style>
[data-testid="stMainBlockContainer"] h1 {font-size:1.5rem !important; padding:0 0 .3rem 0 !important;}
</style>
"""


ROOT_PX = 22  # the projection mode's root type size (pac/ui/kit/frame.py)
CHAR_EM = 0.44  # mean width of a character of the UI font, in em (measured on the screenshots)
TOP_PX = 180  # title and projection bar above the board


def _fits(texts_by_quadrant: Sequence[Sequence[str]], size: float, screen_h: float, single: bool) -> bool:
    """Whether every quadrant's heading and items fit its box at `size` px on a 16:9 screen `screen_h` high."""
    screen_w = screen_h * 16 / 9
    box_w = (screen_w - 220 - 14) / (1 if single else 2) - 4
    box_h = (screen_h - TOP_PX) / (1 if single else 2) - 4
    text_w = box_w - size * (1.6 + 2.6)  # side paddings and the number column
    per_line = max(10, int(text_w / (CHAR_EM * size)))
    for texts in texts_by_quadrant:
        lines = sum(0.36 + 1.28 * math.ceil((len(t) + 11) / per_line) for t in texts)
        if (2.3 + lines) * size > box_h * 0.95:
            return False
    return True


def _best_size(
    texts_by_quadrant: Sequence[Sequence[str]], screen_h: float, largest: float, single: bool
) -> float:
    low, high = 9.0, largest
    for _ in range(20):
        mid = (low + high) / 2
        low, high = (mid, high) if _fits(texts_by_quadrant, mid, screen_h, single) else (low, mid)
    return low


def font_size(texts_by_quadrant: Sequence[Sequence[str]], projection: bool, single: bool = False) -> str:
    """CSS type size of the board: as large as the wall allows.

    In projection the largest size at which the fullest quadrant fits is worked out for a 16:9
    screen 720 and 1080 pixels high, and the CSS draws the line through both (px + vh), so that
    the board fills 1280×720 as well as 1920×1080.  A quadrant with more than fits scrolls.
    """
    count = max((len(x) for x in texts_by_quadrant), default=0)
    if not projection:
        return "1rem" if count <= 8 else "0.92rem"
    largest = ROOT_PX * (1.35 if count <= 6 else 1.2 if count <= 9 else 1.1)
    small = _best_size(texts_by_quadrant, 720, largest * 720 / 1080, single)
    big = _best_size(texts_by_quadrant, 1080, largest, single)
    per_vh = (big - small) * 100 / 360
    base = small - per_vh * 7.2
    return f"clamp(11px, calc({base:.2f}px + {per_vh:.3f}vh), {largest:.1f}px)"


def board_html(items: Sequence[SwotItemView], lang: str, *, projection: bool, only: str | None = None) -> str:
    quadrants = [only] if only else list(vocab.QUADRANTS)
    by_q = {q: [i for i in items if i.quadrant == q] for q in vocab.QUADRANTS}
    # Each item in the reader's language, else the other version with its marker (escaped below).
    shown = {i.id: bi_raw(i, "text", lang) for i in items}
    size = font_size([[shown[i.id] for i in by_q[q]] for q in quadrants], projection, single=bool(only))
    classes = "pac-swot" + (" pac-proj" if projection else "") + (" pac-one" if only else "")
    css = CSS + (PROJECTION_CSS if projection else "")
    parts = [
        css,
        f'<div class="{classes}" style="font-size:{size}" dir="{"rtl" if lang == "ar" else "ltr"}">',
    ]
    for q in quadrants:
        fg, bg = COLOURS[q]
        parts.append(f'<section class="pac-q pac-q-{q}" style="--c:{fg}; --bg:{bg}">')
        parts.append(
            f"<h3><span>{html.escape(label('quadrants', q, lang))} ({len(by_q[q])})</span>"
            f"<small>{html.escape(t(f'swot.side.{q}', lang))}</small></h3>"
        )
        if not by_q[q]:
            parts.append(f'<p class="pac-empty">{html.escape(t("swot.quadrant_empty", lang))}</p>')
        else:
            parts.append("<ol>")
            for it in by_q[q]:
                tail = (
                    f' <span class="pac-l">· {html.escape(tn("swot.n_findings", len(it.finding_ids), lang))}</span>'
                    if it.supported
                    else f' <span class="pac-flag">⚠ {html.escape(t("swot.no_finding", lang))}</span>'
                )
                parts.append(
                    f'<li><span class="pac-n">{html.escape(it.number)}</span>'
                    f"<span>{html.escape(shown[it.id])}{tail}</span></li>"
                )
            parts.append("</ol>")
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def board(items: Sequence[SwotItemView], lang: str, *, projection: bool, only: str | None = None) -> None:
    st.html(board_html(items, lang, projection=projection, only=only))
