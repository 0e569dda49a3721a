"""The PDF page of the one document model: A4, fonts, running header, page numbers, and the one place every
text goes through.

French pages are set in DejaVu Sans, Arabic pages right to left in Amiri.  Text shaping (HarfBuzz, with
fpdf2's bidi algorithm) is switched on only for the runs that hold Arabic: measuring a Latin run is about
three times cheaper than shaping it, and a French document then costs what bare fpdf2 costs.  The choice is
made in one place, `DocPDF._run`, which every text output goes through.  Lines are broken by
`pdf_text.wrap` (each word measured once), not by fpdf2's `multi_cell`.

Output is deterministic: a fixed creation date, so an adopted plan's documents reproduce byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fpdf import FPDF
from fpdf.enums import TextDirection

from pac.exports.documents import fonts, pdf_text
from pac.exports.documents.model import Document
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
# mm above and below each label/value pair (pdf_table.key_values): a project sheet (twelve pairs) fits its
# page.  `DocPDF.kv_pad` is this, or less while a project sheet is set tight (pdf_writer).
KV_PAD = 0.8
# fpdf2 replaces this alias by the page count wherever it occurs: three private-use characters, which no
# user types (fpdf2's default "{nb}" would turn a user's "{nb}" into a number).  Three, for the width of
# a three-digit count.
NB_ALIAS = "\ue000\ue001\ue002"


class DocPDF(FPDF):
    def __init__(self, doc: Document) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc = doc
        self.doc_lang = "ar" if doc.rtl else "fr"
        self.rtl = doc.rtl
        self.base_family = "amiri" if self.rtl else "dejavu"
        self.body_pt = BODY_PT[self.doc_lang]
        self.lh = LINE_MM[self.doc_lang]
        self.kv_pad = KV_PAD
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
        self.table_setups: dict[int, Any] = {}  # id(Table block) -> its layout (pdf_table), made once
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
    def _run(self, text: str, like: str | None = None) -> Iterator[str]:
        """Font, fallback and shaping for `text`, restored afterwards; yields the text to draw.

        `like`: the whole text `text` is a line of, which decides (a French line of a paragraph quoting
        Arabic is drawn in the paragraph's font, the one it was measured in)."""
        if self._in_run:  # fpdf2 calling itself (multi_cell -> cell): already prepared
            yield text
            return
        like = text if like is None else like
        shaped = fonts.needs_shaping(like)
        family = "amiri" if (self.rtl or shaped) else "dejavu"
        style = self.font_style.replace("U", "")
        if style not in fonts.FAMILIES[family]:
            style = "B" if "B" in style else ""
        prev = (self.font_family, self.font_style, self.font_size_pt)
        if (self.font_family, self.font_style) != (family, style):
            self.set_font(family, style, self.font_size_pt)
        # Glyphs the chosen font lacks (Tifinagh in Amiri) come from the other family; only then is the
        # slower per-character fallback search switched on.
        fallback = family == "amiri" and bool(fonts.uncovered(like, "amiri"))
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

    def lines_of(self, text: str, w: float) -> list[str]:
        """The lines `text` takes in a box `w` wide (its inner margins deducted), in the current font."""
        with self._run(text) as run:
            return pdf_text.wrap(self, run, w - 2 * self.c_margin)

    def write_lines(
        self,
        text: str,
        w: float,
        h: float,
        align: str | None = None,
        x: float | None = None,
        link: Any = None,
        lines: list[str] | None = None,
    ) -> None:
        """What `multi_cell` does for our blocks, each line measured once (`pdf_text.wrap`): `text` broken
        into lines `w` wide, drawn from (x, y) down, continuing on a new page when one is full.  Leaves y
        under the last line and x at `x` (the left margin by default)."""
        x = self.l_margin if x is None else x
        align = align or self.start
        for line in self.lines_of(text, w) if lines is None else lines:
            if self.y + h > self.page_break_trigger:
                self.add_page()
            if line:
                self.set_x(x)
                with self._run(line, text) as run:
                    super().cell(w, h, run, align=align, link=link or "")
            self.set_xy(x, self.y + h)

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
        self.cell(self.epw, 5, safe(self.doc.running_header), align=self.start)
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


def safe(text: object) -> str:
    """User text as text: never None, never the page-count alias, no control characters (no glyph)."""
    s = "" if text is None else str(text)
    if "\ue000" in s:
        s = s.replace(NB_ALIAS, "")
    return s.translate(_CONTROLS) if _HAS_CONTROL.search(s) else s


_CONTROLS = {c: None for c in range(32) if c not in (9, 10)} | {127: None}
_HAS_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
