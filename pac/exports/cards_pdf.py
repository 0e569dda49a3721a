"""Printed participant cards: eight per A4 page, each with its personal QR code and the join code.

A card is one participant identity: its QR code opens `/voter?code=XXXX&card=<token>`, so the
holder votes once (and may change the vote) from any phone, even a shared one.  French and
Arabic on every card (Arabic shaped by HarfBuzz through fpdf2's text shaping).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from pac.exports.qr import qr_png

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
COLS, ROWS = 2, 4
MARGIN = 10.0  # mm
QR_SIZE = 38.0  # mm: readable by a cheap phone camera at arm's length
# Fixed so that the same cards give the same bytes (tests compare, printers cache).
CREATION_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

FR_HOW = "Connectez-vous au Wi-Fi de l'atelier et scannez ce code QR ; ou ouvrez l'adresse ci-dessous et tapez le code."
AR_HOW = "اتصلوا بشبكة الويفي الخاصة بالورشة وامسحوا رمز QR، أو افتحوا العنوان أسفله واكتبوا الرمز."
FR_KEEP = "Gardez cette carte : elle permet de modifier votre vote jusqu'à la clôture."
AR_KEEP = "احتفظوا بهذه البطاقة: تمكنكم من تعديل تصويتكم إلى حين إغلاقه."


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
) -> bytes:
    """The cards laid out eight per page with dashed cutting lines; returns the PDF bytes."""
    pdf = _CardsPDF()
    pdf.set_title(f"Cartes de vote {join_code}")
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
        _card(pdf, card, x, y, w, h, join_code, address, round_title, commune_fr, commune_ar)
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
    commune_fr: str,
    commune_ar: str,
) -> None:
    pad = 4.0
    inner = w - 2 * pad
    # Header: number in French (left) and Arabic (right).
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("dejavu", "B", 11)
    pdf.set_xy(x + pad, y + pad)
    pdf.cell(inner / 2, 6, f"Carte de vote n° {card.number}", align="L")
    pdf.set_font("amiri", "B", 12)
    pdf.set_xy(x + pad + inner / 2, y + pad - 0.5)
    pdf.cell(inner / 2, 6, f"بطاقة التصويت رقم {card.number}", align="R")
    pdf.set_font("dejavu", "", 7)
    pdf.set_text_color(80, 80, 80)
    pdf.set_xy(x + pad, y + pad + 6)
    pdf.cell(
        inner * 0.6,
        4,
        _fit(pdf, " · ".join(p for p in (commune_fr, round_title) if p), inner * 0.6),
        align="L",
    )
    if commune_ar:
        pdf.set_font("amiri", "", 8)
        pdf.set_xy(x + pad + inner * 0.6, y + pad + 5.6)
        pdf.cell(inner * 0.4, 4, commune_ar, align="R")
    # QR code on the left.
    qr_y = y + pad + 11
    pdf.image(io.BytesIO(qr_png(card.url, scale=8, border=2)), x=x + pad, y=qr_y, w=QR_SIZE, h=QR_SIZE)
    # Join code and how to use the card on the right.
    rx = x + pad + QR_SIZE + 3
    rw = x + w - pad - rx
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("dejavu", "", 7.5)
    pdf.set_xy(rx, qr_y)
    pdf.cell(rw / 2, 4, "Code", align="L")
    pdf.set_font("amiri", "", 9)
    pdf.set_xy(rx + rw / 2, qr_y - 0.5)
    pdf.cell(rw / 2, 4, "الرمز", align="R")
    pdf.set_font("dejavu", "B", 24)
    pdf.set_char_spacing(2)
    pdf.set_xy(rx, qr_y + 4)
    pdf.cell(rw, 10, join_code, align="C")
    pdf.set_char_spacing(0)
    pdf.set_font("dejavu", "", 6.5)
    pdf.set_xy(rx, qr_y + 15.5)
    pdf.multi_cell(rw, 2.9, FR_HOW, align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font("amiri", "", 8.5)
    pdf.set_xy(rx, pdf.get_y() + 0.8)
    pdf.multi_cell(rw, 3.7, AR_HOW, align="R", new_x="LEFT", new_y="NEXT")
    # Under the QR code: the address to type, then why to keep the card.
    foot = qr_y + QR_SIZE + 1
    pdf.set_font("dejavu", "B", 8)
    pdf.set_xy(x + pad, foot)
    pdf.cell(inner, 4, _fit(pdf, address, inner), align="C")
    pdf.set_text_color(80, 80, 80)
    pdf.set_font("dejavu", "", 6)
    pdf.set_xy(x + pad, foot + 4.3)
    pdf.cell(inner, 3, FR_KEEP, align="L")
    pdf.set_font("amiri", "", 7.5)
    pdf.set_xy(x + pad, foot + 7.2)
    pdf.cell(inner, 3.6, AR_KEEP, align="R")


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten a line with an ellipsis so that it fits the card."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"
