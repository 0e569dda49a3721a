"""The PDF writer of the one document model: A4, cover, contents, running header, page numbers.

French pages are set in DejaVu Sans, Arabic pages right to left in Amiri.  Text shaping (HarfBuzz, with
fpdf2's bidi algorithm) is switched on only for the runs that hold Arabic: measuring a Latin run is about
three times cheaper than shaping it, and a French document then costs what bare fpdf2 costs.  The choice is
made in one place, `_DocPDF._run`, which every text output goes through (our own blocks, fpdf2's tables).

Output is deterministic: a fixed creation date, so an adopted plan's documents reproduce byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TextDirection, XPos, YPos
from PIL import Image

from pac.exports.documents import fonts
from pac.exports.documents.model import (
    Bullets,
    Document,
    Figure,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    Table,
)
from pac.i18n import t

# Fixed: the same Document gives the same bytes (an adopted plan's documents are reproducible).
CREATION_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20.0, 22.0, 18.0  # mm; the header sits in the top margin
INK = (33, 37, 41)
GREY = (108, 117, 125)
ACCENT = (0, 94, 110)  # headings, table heads: a dark teal that stays readable in grey print
ZEBRA = (238, 243, 245)
RULE = (190, 200, 205)
TOTAL_FILL = (214, 232, 235)
MISSING_FILL, MISSING_INK = (255, 243, 224), (153, 76, 0)

# Arabic letters look smaller than Latin ones at the same size: Arabic pages use a larger body size and a
# taller line (Amiri's marks need room above and below).
BODY_PT = {"fr": 10.0, "ar": 12.5}
LINE_MM = {"fr": 5.0, "ar": 6.6}
# fpdf2 replaces this alias by the page count wherever it occurs: three private-use characters, which no
# user types (fpdf2's default "{nb}" would turn a user's "{nb}" into a number).  Three, for the width of
# a three-digit count.
NB_ALIAS = "\ue000\ue001\ue002"


class _DocPDF(FPDF):
    def __init__(self, doc: Document) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc = doc
        self.doc_lang = "ar" if doc.rtl else "fr"
        self.rtl = doc.rtl
        self.base_family = "amiri" if self.rtl else "dejavu"
        self.body_pt = BODY_PT[self.doc_lang]
        self.lh = LINE_MM[self.doc_lang]
        self.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        self.set_auto_page_break(True, MARGIN_BOTTOM)
        self.set_creation_date(CREATION_DATE)
        self.set_creator("PAC Atelier")
        self.set_producer("PAC Atelier")
        self.set_title(fonts.strip_bidi_controls(doc.title))
        self.set_subject(fonts.strip_bidi_controls(doc.subtitle))
        self.set_lang("ar-MA" if self.rtl else "fr-MA")
        self.alias_nb_pages(NB_ALIAS)
        # One shaping setting, reused: the paragraph direction is the page's in Arabic; in French it is
        # detected (a French line quoting an Arabic text stays a left-to-right line).
        self._shaping: dict[str, Any] = {
            "use_shaping_engine": True,
            "features": {},
            "direction": TextDirection.RTL if self.rtl else None,
            "script": None,
            "language": None,
            "fragment_direction": None,
            "paragraph_direction": None,
        }
        self.text_shaping = None
        self._in_run = False
        self.toc: list[tuple[str, int, int]] = []  # (heading text, level, page)
        self.toc_heights: list[float] = []
        self.toc_pages = 0
        self.set_font(self.base_family, "", self.body_pt)
        self.set_text_color(*INK)

    def set_font(self, family: str | None = None, style: Any = "", size: float = 0) -> None:
        """Our fonts are added when first used: parsing a font costs ~0.1 s, and a French document
        quoting no Arabic never needs Amiri."""
        fam = (family or self.font_family or "").lower()
        st = (style if isinstance(style, str) else style.style).upper().replace("U", "")
        if fam in fonts.FAMILIES and f"{fam}{st}" not in self.fonts:
            self.add_font(fam, st, str(fonts.font_path(fam, st)))
            self.fonts[f"{fam}{st}"].__class__ = fonts.MemoTTFFont
        super().set_font(family, style, size)

    # -- every text goes through here --------------------------------------------------------------------

    @contextmanager
    def _run(self, text: str) -> Iterator[str]:
        """Font, fallback and shaping for `text`, restored afterwards; yields the text to draw."""
        if self._in_run:  # fpdf2 calling itself (multi_cell -> cell): already prepared
            yield text
            return
        shaped = fonts.needs_shaping(text)
        family = "amiri" if (self.rtl or shaped) else "dejavu"
        style = self.font_style.replace("U", "")
        if style not in fonts.FAMILIES[family]:
            style = "B" if "B" in style else ""
        prev = (self.font_family, self.font_style, self.font_size_pt)
        if (self.font_family, self.font_style) != (family, style):
            self.set_font(family, style, self.font_size_pt)
        # Glyphs the chosen font lacks (Tifinagh in Amiri) come from the other family; only then is the
        # slower per-character fallback search switched on.
        fallback = family == "amiri" and bool(fonts.uncovered(text, "amiri"))
        if fallback:
            if "dejavu" not in self.fonts:
                self.set_font("dejavu", "", self.font_size_pt)
                self.set_font(family, style, self.font_size_pt)
            self.set_fallback_fonts(["dejavu"], exact_match=False)
        self.text_shaping = self._shaping if shaped else None
        self._in_run = True
        try:
            yield text if shaped else fonts.strip_bidi_controls(text)
        finally:
            self._in_run = False
            self.text_shaping = None
            if fallback:
                self.set_fallback_fonts([])
            if (self.font_family, self.font_style) != prev[:2]:
                self.set_font(prev[0], prev[1], prev[2])

    def cell(self, w: Any = None, h: Any = None, text: str = "", *args: Any, **kwargs: Any) -> Any:
        with self._run(text) as text:
            return super().cell(w, h, text, *args, **kwargs)

    def multi_cell(self, w: Any, h: Any = None, text: str = "", *args: Any, **kwargs: Any) -> Any:
        with self._run(text) as text:
            return super().multi_cell(w, h, text, *args, **kwargs)

    def get_string_width(self, s: str, *args: Any, **kwargs: Any) -> float:
        with self._run(s) as s:
            return super().get_string_width(s, *args, **kwargs)

    # -- page furniture --------------------------------------------------------------------------------

    @property
    def start(self) -> str:
        return "R" if self.rtl else "L"

    @property
    def end(self) -> str:
        return "L" if self.rtl else "R"

    def header(self) -> None:
        if self.page == 1:  # the cover
            return
        self.set_font(self.base_family, "", self.body_pt - 2)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, 9)
        self.cell(self.epw, 5, _safe(self.doc.running_header), align=self.start)
        self.set_draw_color(*GREY)
        self.set_line_width(0.2)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_xy(self.l_margin, self.t_margin)
        self.set_text_color(*INK)
        self.set_font(self.base_family, "", self.body_pt)

    def footer(self) -> None:
        if self.page == 1:
            return
        self.set_font(self.base_family, "", self.body_pt - 2)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, self.h - 12)
        self.cell(self.epw, 5, t("writers.page", self.doc_lang, n=self.page, total=NB_ALIAS), align="C")
        self.set_text_color(*INK)

    @property
    def fresh_page(self) -> bool:
        return abs(self.y - self.t_margin) < 0.5

    def need(self, height: float) -> None:
        """A page break now unless `height` mm still fit (keeps a heading with what follows it)."""
        if self.y + height > self.page_break_trigger and not self.fresh_page:
            self.add_page()


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _safe(text: object) -> str:
    """User text as text: never None, never the page-count alias, no control characters (no glyph)."""
    s = "" if text is None else str(text)
    if "\ue000" in s:
        s = s.replace(NB_ALIAS, "")
    return s.translate(_CONTROLS) if _HAS_CONTROL.search(s) else s


_CONTROLS = {c: None for c in range(32) if c not in (9, 10)} | {127: None}
_HAS_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


# -- blocks ------------------------------------------------------------------------------------------------


def _cover(pdf: _DocPDF) -> None:
    doc = pdf.doc
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(80)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(pdf.base_family, "B", pdf.body_pt + 14)
    pdf.multi_cell(pdf.epw, pdf.lh * 2.2, _safe(doc.title), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.base_family, "", pdf.body_pt + 5)
    pdf.multi_cell(pdf.epw, pdf.lh * 1.6, _safe(doc.subtitle), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    pdf.set_font(pdf.base_family, "", pdf.body_pt + 1)
    pdf.set_text_color(*GREY)
    for line in doc.cover_lines:
        pdf.multi_cell(pdf.epw, pdf.lh * 1.2, _safe(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)


def _toc_entries(doc: Document) -> list[Heading]:
    return [b for b in doc.blocks if isinstance(b, Heading) and b.level <= 2]


_TOC_NUM_W = 14.0


def _toc_item_height(pdf: _DocPDF, text: str, level: int) -> float:
    pdf.set_font(pdf.base_family, "B" if level == 1 else "", pdf.body_pt)
    lines = pdf.multi_cell(
        pdf.epw - _TOC_NUM_W - 4 - (level - 1) * 6.0,
        pdf.lh,
        _safe(text),
        dry_run=True,
        output=MethodReturnValue.LINES,
    )
    return max(1, len(lines)) * pdf.lh + (1.2 if level == 1 else 0.4)


def _toc_title_height(pdf: _DocPDF) -> float:
    pdf.set_font(pdf.base_family, "B", pdf.body_pt + 6)
    title = pdf.doc.toc_title or t("writers.toc", pdf.doc_lang)
    lines = pdf.multi_cell(pdf.epw, pdf.lh * 2, _safe(title), dry_run=True, output=MethodReturnValue.LINES)
    return max(1, len(lines)) * pdf.lh * 2 + 2


def _toc_pages(pdf: _DocPDF, entries: list[Heading]) -> int:
    """How many pages the contents take.  fpdf2 reserves them before the body is drawn and refuses a
    different count afterwards, so the contents are measured now and laid out later by the same rule."""
    pdf.toc_heights = [_toc_item_height(pdf, h.text, h.level) for h in entries]
    pages, y = 1, pdf.t_margin + _toc_title_height(pdf)
    for h in pdf.toc_heights:
        if y + h > pdf.page_break_trigger:
            pages, y = pages + 1, pdf.t_margin
        y += h
    pdf.set_font(pdf.base_family, "", pdf.body_pt)
    return pages


def _render_toc(pdf: _DocPDF, _outline: object) -> None:
    first_page = pdf.page
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(pdf.base_family, "B", pdf.body_pt + 6)
    title = pdf.doc.toc_title or t("writers.toc", pdf.doc_lang)
    pdf.multi_cell(pdf.epw, pdf.lh * 2, _safe(title), align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_text_color(*INK)
    for (text, level, page), height in zip(pdf.toc, pdf.toc_heights, strict=True):
        indent = (level - 1) * 6.0
        pdf.set_font(pdf.base_family, "B" if level == 1 else "", pdf.body_pt)
        link = pdf.add_link(page=page)
        w = pdf.epw - _TOC_NUM_W - 4 - indent
        x_text = pdf.l_margin + (_TOC_NUM_W + 4 if pdf.rtl else indent)
        x_num = pdf.l_margin if pdf.rtl else pdf.w - pdf.r_margin - _TOC_NUM_W
        if pdf.y + height > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_x(x_text)
        pdf.multi_cell(
            w, pdf.lh, _safe(text), align=pdf.start, link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        y_last = pdf.y - pdf.lh
        pdf.set_xy(x_num, y_last)
        pdf.cell(_TOC_NUM_W, pdf.lh, str(page), align=pdf.end, link=link)
        pdf.set_xy(pdf.l_margin, y_last + pdf.lh + (1.2 if level == 1 else 0.4))
    while pdf.page < first_page + pdf.toc_pages - 1:  # the reserved count, exactly
        pdf.add_page()
    pdf.set_font(pdf.base_family, "", pdf.body_pt)


def _heading(pdf: _DocPDF, block: Heading) -> None:
    level = min(max(block.level, 1), 3)
    text = _safe(block.text)
    if level == 1:
        if not pdf.fresh_page:
            pdf.add_page()
    else:
        pdf.need(pdf.lh * 5)
        pdf.ln(pdf.lh * 0.6)
    if level <= 2:
        pdf.toc.append((text, level, pdf.page))
        pdf.start_section(fonts.strip_bidi_controls(text) or " ", level=level - 1, strict=False)
    size = {1: pdf.body_pt + 7, 2: pdf.body_pt + 3.5, 3: pdf.body_pt + 1.5}[level]
    pdf.set_font(pdf.base_family, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, size * 0.52, text, align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if level == 1:
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.y + 1, pdf.w - pdf.r_margin, pdf.y + 1)
        pdf.ln(4)
    else:
        pdf.ln(1.5)
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)


def _paragraph(pdf: _DocPDF, block: Paragraph) -> None:
    text = _safe(block.text)
    if block.style == "missing":
        # Said aloud, and seen: a tinted box with a bar on the start side and the words "missing data".
        pdf.need(pdf.lh * 2)
        label = t("writers.missing", pdf.doc_lang)
        body = f"{label} : {text}" if text and pdf.doc_lang == "fr" else f"{label}: {text}" if text else label
        pdf.set_fill_color(*MISSING_FILL)
        pdf.set_text_color(*MISSING_INK)
        y0, page0 = pdf.y, pdf.page
        pdf.multi_cell(
            pdf.epw,
            pdf.lh,
            body,
            align=pdf.start,
            fill=True,
            padding=(1.5, 4),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if pdf.page == page0:
            pdf.set_fill_color(*MISSING_INK)
            x_bar = pdf.w - pdf.r_margin - 1.2 if pdf.rtl else pdf.l_margin
            pdf.rect(x_bar, y0, 1.2, pdf.y - y0, style="F")
        pdf.set_text_color(*INK)
        pdf.ln(2)
        return
    if block.style == "note":
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(pdf.epw, pdf.lh * 0.85, text, align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        pdf.ln(1.5)
        return
    if block.style == "quote":
        pdf.set_font(pdf.base_family, "I" if "I" in fonts.FAMILIES[pdf.base_family] else "", pdf.body_pt)
        pdf.set_x(pdf.l_margin + 8)
        pdf.multi_cell(pdf.epw - 16, pdf.lh, text, align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        pdf.ln(2)
        return
    pdf.multi_cell(pdf.epw, pdf.lh, text, align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _bullets(pdf: _DocPDF, block: Bullets) -> None:
    indent = 6.0
    for item in block.items:
        pdf.need(pdf.lh)
        y = pdf.y
        pdf.set_xy(pdf.w - pdf.r_margin - indent if pdf.rtl else pdf.l_margin, y)
        pdf.cell(indent, pdf.lh, "•", align="C")
        pdf.set_xy(pdf.l_margin if pdf.rtl else pdf.l_margin + indent, y)
        pdf.multi_cell(
            pdf.epw - indent, pdf.lh, _safe(item), align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(0.8)
    pdf.ln(1.5)


def _mirror(pdf: _DocPDF, cells: list[Any]) -> list[Any]:
    """Right-to-left tables read from the right: the first column is drawn on the right."""
    return cells[::-1] if pdf.rtl else cells


def _key_values(pdf: _DocPDF, block: KeyValues) -> None:
    """Label (bold, start side) beside its value, a rule under each pair.  Drawn directly rather than as
    an fpdf2 table: a table measures every cell before drawing it, which doubled the cost of the project
    sheets, and a long value here simply continues on the next page."""
    if not block.rows:
        return
    label_w = pdf.epw * 0.35
    value_w = pdf.epw - label_w - 3
    x_label = pdf.w - pdf.r_margin - label_w if pdf.rtl else pdf.l_margin
    x_value = pdf.l_margin if pdf.rtl else pdf.l_margin + label_w + 3
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.need(pdf.lh * 2)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    for label, value in block.rows:
        pdf.need(pdf.lh * 2)
        y0, page0 = pdf.y + 1.2, pdf.page
        pdf.set_font(pdf.base_family, "B", pdf.body_pt)
        pdf.set_xy(x_label, y0)
        pdf.multi_cell(label_w, pdf.lh, _safe(label), align=pdf.start, new_x=XPos.LEFT, new_y=YPos.NEXT)
        label_end, label_page = pdf.y, pdf.page
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        if label_page == page0:
            pdf.set_xy(x_value, y0)
        else:
            pdf.set_x(x_value)
        pdf.multi_cell(value_w, pdf.lh, _safe(value), align=pdf.start, new_x=XPos.LEFT, new_y=YPos.NEXT)
        if pdf.page == label_page:
            pdf.set_y(max(pdf.y, label_end))
        pdf.set_x(pdf.l_margin)
        pdf.ln(1.2)
        pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(3)


def _records(pdf: _DocPDF, rows: list[list[str]], columns: list[str]) -> None:
    """Table rows too tall for any page, as label/value pairs (which continue across pages)."""
    for cells in rows:
        _key_values(pdf, KeyValues(list(zip(columns, cells, strict=False))))


_TOO_HIGH = re.compile(r"row with index (\d+) is too high")


def _table(pdf: _DocPDF, block: Table) -> None:
    ncols = len(block.columns)
    if ncols == 0:
        _paragraph(pdf, Paragraph(t("writers.empty_table", pdf.doc_lang), "note"))
        return
    widths = list(block.widths or [])
    if len(widths) != ncols or any(not (w > 0) for w in widths):
        widths = [1.0] * ncols
    numeric = list(block.numeric or [])[:ncols] + [False] * max(0, ncols - len(block.numeric or []))
    aligns = [pdf.end if n else pdf.start for n in numeric]
    # Rows are made exactly as wide as the header: a ragged row is padded, never dropped or crashing.
    rows = [[_safe(c) for c in (list(r) + [""] * ncols)[:ncols]] for r in block.rows]
    n_total = max(0, min(block.total_rows, len(rows)))
    size = pdf.body_pt - (1.0 if ncols <= 5 else 2.0)
    columns = [_safe(c) for c in block.columns]
    # A wide table whose longest words do not all fit is set half a point or a point smaller first.
    for step in (0.0, 0.5, 1.0):
        fitted = fonts.fit_widths(columns, rows, widths, pdf.epw, size - step, 3.2, pdf.base_family)
        if fitted is not None:
            size, widths = size - step, fitted
            break
    else:  # at the smallest size, room for the short words at least; long words break
        size -= 1.0
        widths = fonts.fit_widths(columns, rows, widths, pdf.epw, size, 3.2, pdf.base_family, True) or widths
    lh = pdf.lh * size / pdf.body_pt
    pdf.set_font(pdf.base_family, "", size)
    pdf.need(lh * 4)
    start = _table_part(pdf, block, rows, 0, widths, aligns, n_total, lh)
    if start is not None:  # one row taller than a page: the rest as records, label by label
        _records(pdf, rows[start:], columns)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)
    if block.caption:
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(
            pdf.epw, pdf.lh * 0.9, _safe(block.caption), align=pdf.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
    pdf.ln(3)


def _table_part(
    pdf: _DocPDF,
    block: Table,
    rows: list[list[str]],
    first: int,
    widths: list[float],
    aligns: list[str],
    n_total: int,
    lh: float,
) -> int | None:
    """Draws the table; returns the index of a row too tall for any page (then not drawn), else None."""
    ncols = len(block.columns)
    # Colours as hex and zebra rows as row styles: fpdf2 2.8.9 fills a cell with the colour current before
    # the table when given `cell_fill_color`/`cell_fill_mode`, so those are not used.
    head = FontFace(emphasis="BOLD", color="#ffffff", fill_color=_hex(ACCENT))
    zebra = FontFace(fill_color=_hex(ZEBRA))
    total = FontFace(emphasis="BOLD", fill_color=_hex(TOTAL_FILL))
    pdf.set_fill_color(255)
    try:
        with pdf.table(
            col_widths=_mirror(pdf, widths),
            text_align=tuple(_mirror(pdf, aligns)),
            headings_style=head,
            line_height=lh,
            padding=(1.0, 1.5),
            v_align="TOP",
            repeat_headings=1,
        ) as table:
            row = table.row()
            for text in _mirror(pdf, [_safe(c) for c in block.columns]):
                row.cell(text)
            if not rows:
                table.row().cell(t("writers.empty_table", pdf.doc_lang), colspan=ncols, align="C")
            for i, cells in enumerate(rows):
                style = total if i >= len(rows) - n_total else zebra if i % 2 else None
                row = table.row(style=style)
                for text in _mirror(pdf, cells):
                    row.cell(text)
    except ValueError as err:
        m = _TOO_HIGH.search(str(err))
        if not m:
            raise
        return first + max(0, int(m.group(1)) - 1)  # index 0 is the header row
    return None


def _figure(pdf: _DocPDF, block: Figure) -> None:
    try:
        with Image.open(io.BytesIO(block.png)) as im:
            px_w, px_h = im.size
    except Exception:  # noqa: BLE001 - a broken chart says so in the document, never stops it
        _paragraph(pdf, Paragraph(t("writers.figure_unreadable", pdf.doc_lang), "missing"))
        return
    ratio = min(max(block.width_ratio or 1.0, 0.1), 1.0)
    w = pdf.epw * ratio
    h = w * px_h / max(px_w, 1)
    room = pdf.page_break_trigger - pdf.t_margin - 12
    if h > room:  # taller than a page: scaled down to fit, never cut
        h = room
        w = h * px_w / max(px_h, 1)
    pdf.need(h + 10)
    x = pdf.l_margin + (pdf.epw - w) / 2
    pdf.image(io.BytesIO(block.png), x=x, y=pdf.y, w=w, h=h)
    pdf.set_y(pdf.y + h + 1.5)
    if block.caption:
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(
            pdf.epw, pdf.lh * 0.9, _safe(block.caption), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
    pdf.ln(3)


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes: cover, contents (level 1–2 headings), then the blocks in order."""
    pdf = _DocPDF(doc)
    _cover(pdf)
    entries = _toc_entries(doc)
    pdf.add_page()
    if entries:
        pdf.toc_pages = _toc_pages(pdf, entries)
        pdf.insert_toc_placeholder(_render_toc, pages=pdf.toc_pages, reset_page_indices=False)
    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Bullets):
            _bullets(pdf, block)
        elif isinstance(block, KeyValues):
            _key_values(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Figure):
            _figure(pdf, block)
        elif isinstance(block, PageBreak) and not pdf.fresh_page:
            pdf.add_page()
    return bytes(pdf.output())
