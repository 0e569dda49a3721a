"""Printed participant cards: eight per A4 page, each with its personal QR code and the join code.

A card is one participant identity: its QR code opens `/voter?code=XXXX&card=<token>`, so the
holder votes once (and may change the vote) from any phone, even a shared one.  The cards are in the
language chosen when printing them (Arabic shaped by HarfBuzz through fpdf2's text shaping, right-aligned);
the round's title comes already in that language (or the other one, marked).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from pac.exports.qr import qr_png
from pac.i18n import t

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
COLS, ROWS = 2, 4
MARGIN = 10.0  # mm
QR_SIZE = 38.0  # mm: readable by a cheap phone camera at arm's length
# Fixed so that the same cards give the same bytes (tests compare, printers cache).
CREATION_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

# Each language's font (DejaVu has no Arabic forms worth printing; Amiri is the Arabic book face).
FONT = {"fr": "dejavu", "ar": "amiri"}


@dataclass(frozen=True)
class Card:
    number: int
    url: str  # what the QR code opens


class _CardsPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN)
        self.add_font("dejavu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("dejavu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.add_font("amiri", "", str(FONTS / "Amiri-Regular.ttf"))
        self.add_font("amiri", "B", str(FONTS / "Amiri-Bold.ttf"))
        self.set_text_shaping(True)
        self.set_creation_date(CREATION_DATE)
        self.set_creator("PAC Atelier")


def cards_pdf(
    cards: Sequence[Card],
    *,
    join_code: str,
    address: str,
    round_title: str = "",
    commune_fr: str = "",
    commune_ar: str = "",
    lang: str = "fr",
) -> bytes:
    """The cards laid out eight per page with dashed cutting lines, in `lang`; returns the PDF bytes."""
    lang = lang if lang in FONT else "fr"
    pdf = _CardsPDF()
    pdf.set_title(t("vote.card.pdf_title", lang, code=join_code))
    w = (pdf.w - 2 * MARGIN) / COLS
    h = (pdf.h - 2 * MARGIN) / ROWS
    per_page = COLS * ROWS
    for i, card in enumerate(cards):
        if i % per_page == 0:
            pdf.add_page()
            _cut_lines(pdf, w, h)
        slot = i % per_page
        x = MARGIN + (slot % COLS) * w
        y = MARGIN + (slot // COLS) * h
        commune = (commune_ar or commune_fr) if lang == "ar" else (commune_fr or commune_ar)
        _card(pdf, card, x, y, w, h, join_code, address, round_title, commune, lang)
    if not cards:
        pdf.add_page()
    return bytes(pdf.output())


def _cut_lines(pdf: FPDF, w: float, h: float) -> None:
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=2, gap=2)
    for col in range(COLS + 1):
        pdf.line(MARGIN + col * w, MARGIN, MARGIN + col * w, MARGIN + ROWS * h)
    for row in range(ROWS + 1):
        pdf.line(MARGIN, MARGIN + row * h, MARGIN + COLS * w, MARGIN + row * h)
    pdf.set_dash_pattern()


def _card(
    pdf: FPDF,
    card: Card,
    x: float,
    y: float,
    w: float,
    h: float,
    join_code: str,
    address: str,
    round_title: str,
    commune: str,
    lang: str,
) -> None:
    pad = 4.0
    inner = w - 2 * pad
    rtl = lang == "ar"
    font, align = FONT[lang], ("R" if rtl else "L")
    # Arabic glyphs are smaller at the same size: Amiri one point larger reads like DejaVu.
    up = 1.0 if rtl else 0.0
    # Header: the card's number, then the commune and the round (a title in the other script keeps its
    # own direction: fpdf2's shaping isolates runs).
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(font, "B", 12 + up)
    pdf.set_xy(x + pad, y + pad)
    pdf.cell(inner, 6, t("vote.card.number", lang, n=card.number), align=align)
    pdf.set_font(_font_for(round_title + commune, lang), "", 7.5 + up)
    pdf.set_text_color(80, 80, 80)
    pdf.set_xy(x + pad, y + pad + 6)
    pdf.cell(inner, 4, _fit(pdf, " · ".join(p for p in (commune, round_title) if p), inner), align=align)
    # QR code on the leading side, the join code and how to use the card beside it.
    qr_y = y + pad + 11
    qr_x = x + w - pad - QR_SIZE if rtl else x + pad
    pdf.image(io.BytesIO(qr_png(card.url, scale=8, border=2)), x=qr_x, y=qr_y, w=QR_SIZE, h=QR_SIZE)
    rx = x + pad if rtl else x + pad + QR_SIZE + 3
    rw = w - 2 * pad - QR_SIZE - 3
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(font, "", 8 + up)
    pdf.set_xy(rx, qr_y)
    pdf.cell(rw, 4, t("vote.card.code", lang), align="C")
    pdf.set_font("dejavu", "B", 24)
    pdf.set_char_spacing(2)
    pdf.set_xy(rx, qr_y + 4)
    pdf.cell(rw, 10, join_code, align="C")
    pdf.set_char_spacing(0)
    pdf.set_font(font, "", 7 + up)
    pdf.set_xy(rx, qr_y + 16)
    pdf.multi_cell(rw, 3.4 + up * 0.4, t("vote.card.how", lang), align=align, new_x="LEFT", new_y="NEXT")
    # Under the QR code: the address to type, then why to keep the card.
    foot = qr_y + QR_SIZE + 1
    pdf.set_font("dejavu", "B", 8)
    pdf.set_xy(x + pad, foot)
    pdf.cell(inner, 4, _fit(pdf, address, inner), align="C")
    pdf.set_text_color(80, 80, 80)
    pdf.set_font(font, "", 6.5 + up)
    pdf.set_xy(x + pad, foot + 4.5)
    pdf.cell(inner, 3.6, _fit(pdf, t("vote.card.keep", lang), inner), align=align)


def _font_for(text: str, lang: str) -> str:
    """Amiri as soon as a line holds Arabic letters (DejaVu's Arabic is not for print), else the language's."""
    return "amiri" if any("ARABIC" in unicodedata.name(ch, "") for ch in text if ch.isalpha()) else FONT[lang]


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten a line with an ellipsis so that it fits the card."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"
