"""The Word writer of the one document model, built on a reference .docx the NGO can replace.

Like pandoc's reference document: the styles (Title, Subtitle, Heading 1–3, Normal, List Bullet, Quote,
Caption, TOC Heading, and our "PAC Note", "PAC Missing", "PAC Table"), the page size and margins, and the
header (the NGO's logo) come from data/reference.docx; this writer only adds content and uses style names,
so restyling every Word document is replacing that one file (docs/reference-docx.md; the bundled one is
made by docx_reference.py).  A missing style in
a replaced reference falls back to a built-in one: never a crash.

Arabic documents are right to left the way Word writes them: w:bidi on every paragraph and on the
section, w:rtl on the runs holding Arabic, w:bidiVisual on tables; the complex-script fonts and sizes
(w:rFonts w:cs, w:szCs) and the bidi language (ar-MA) live in the reference's styles.  In a bidi
paragraph Word reads w:jc "left"/"right" as start/end, so numeric cells say "right" in both languages.

Output is deterministic (fixed core properties and zip dates): an adopted plan's files reproduce.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
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

REFERENCE = Path(__file__).resolve().parent.parent.parent.parent / "data" / "reference.docx"
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)

# Style names used by the writer -> what to use when a replaced reference lacks them.
STYLES = {
    "title": ("Title", "Normal"),
    "subtitle": ("Subtitle", "Normal"),
    "toc_heading": ("TOC Heading", "Heading 1"),
    "h1": ("Heading 1", "Normal"),
    "h2": ("Heading 2", "Normal"),
    "h3": ("Heading 3", "Normal"),
    "body": ("Normal", "Normal"),
    "note": ("PAC Note", "Normal"),
    "quote": ("Quote", "Normal"),
    "missing": ("PAC Missing", "Normal"),
    "bullet": ("List Bullet", "Normal"),
    "caption": ("Caption", "Normal"),
    "header": ("Header", "Normal"),
    "footer": ("Footer", "Normal"),
    "table": ("PAC Table", "Table Grid"),
    "cell": ("PAC Table Text", "Normal"),
    "cell_compact": ("PAC Table Text Compact", "PAC Table Text"),
}

# Schema order of the elements we add (Word refuses a document whose children are out of order).
_PPR_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_RPR_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_TBLPR_AFTER_BIDIVISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip
_SECTPR_AFTER_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_SETTINGS_AFTER_UPDATEFIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "w:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


class _Writer:
    def __init__(self, doc: Document, reference: Path | None) -> None:
        self.doc = doc
        self.rtl = doc.rtl
        self.lang = "ar" if doc.rtl else "fr"
        ref = reference or REFERENCE
        if ref.exists():
            source: Path | io.BytesIO = ref
        else:  # the bundled file deleted: its twin, made in memory, rather than a crash
            from pac.exports.documents.docx_reference import make_reference_docx

            source = io.BytesIO(make_reference_docx())
        self.d: DocxDocument = docx.Document(source)
        # Style objects resolved once: python-docx looks a style name up by scanning every style.
        by_name = {s.name: s for s in self.d.styles}
        self.style = {
            k: by_name.get(a) or by_name.get(b) or by_name["Normal"] for k, (a, b) in STYLES.items()
        }
        self.normal_id = by_name["Normal"].style_id
        # The cells' text size: their paragraph style's, else Normal's (Word lets a paragraph style's size
        # override a table style's, so the size of table text is set on a paragraph style).
        # Arabic runs are set at the complex-script size (w:szCs), larger in the bundled reference.
        normal_pt = by_name["Normal"].font.size.pt if by_name["Normal"].font.size else 11.0
        self.cell_sizes = {k: _sizes(self.style[k], normal_pt) for k in ("cell", "cell_compact")}
        self.cell_sizes["tight"] = tuple(x - 1.5 for x in self.cell_sizes["cell_compact"])
        self.cell_pad_mm = _cell_margins_mm(self.style["table"]) + 0.4
        body = self.d.element.body
        for child in list(body):  # the reference's sample text goes; its last section (margins) stays
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        section = self.d.sections[0]
        self.text_width = Emu(section.page_width - section.left_margin - section.right_margin)
        self.text_height = Emu(section.page_height - section.top_margin - section.bottom_margin)

    # -- paragraphs and runs ---------------------------------------------------------------------------

    def para(
        self, text: str = "", style: str = "body", *, bold: bool = False, container=None
    ) -> DocxParagraph:
        target = container if container is not None else self.d
        p = target.add_paragraph()
        # The style id set directly: python-docx's own setter looks the default style up on every call.
        style_id = self.style[style].style_id
        if style_id != self.normal_id:
            p._p.style = style_id
        if self.rtl:
            _bidi(p)
        if text:
            self.run(p, text, bold=bold)
        return p

    def run(
        self, p: DocxParagraph, text: str, *, bold: bool = False, sizes: tuple[float, float] | None = None
    ):
        """A run of `text`; `sizes` (size, complex-script size) set on it directly (a table's cells); a
        size of 0 is left to the style (only a run without Arabic then gets the complex-script size)."""
        r = p.add_run(_xml_safe(text))
        if bold:
            r.bold = True
            _cs_bold(r)
        arabic = fonts.needs_shaping(text)
        if sizes is not None and (sizes[0] or not arabic):
            _run_sizes(r, sizes, arabic)
        if arabic:
            _rtl(r)
        return r

    # -- blocks ----------------------------------------------------------------------------------------

    def cover(self) -> None:
        for _ in range(6):
            self.para()
        p = self.para(self.doc.title, "title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = self.para(self.doc.subtitle, "subtitle")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in self.doc.cover_lines:
            p = self.para(line)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.page_break()

    def toc(self) -> None:
        entries = [b for b in self.doc.blocks if isinstance(b, Heading) and b.level <= 2]
        if not entries:
            return
        p = self.para(self.doc.toc_title or t("writers.toc", self.lang), "toc_heading")
        p.paragraph_format.page_break_before = False
        # A TOC field: Word fills it when the document opens (w:updateFields); until then it shows the
        # headings (without page numbers) and a word on how to update it.
        p = self.para()
        _field_begin(p, ' TOC \\o "1-2" \\h \\z \\u ')
        self.run(p, t("writers.toc_update", self.lang))
        for h in entries:
            p.add_run().add_break()
            self.run(p, ("    " if h.level == 2 else "") + h.text)
        _field_end(p)
        self.page_break()

    def page_break(self) -> None:
        p = self.para()
        p.add_run().add_break(WD_BREAK.PAGE)

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), 3)
        self.para(block.text, f"h{level}")

    def paragraph(self, block: Paragraph) -> None:
        style = block.style if block.style in ("note", "quote", "missing") else "body"
        if style == "missing":
            p = self.para(style="missing")
            label = t("writers.missing", self.lang)
            self.run(p, label + (" : " if self.lang == "fr" else ": ") if block.text else label, bold=True)
            if block.text:
                self.run(p, block.text)
            return
        self.para(block.text, style)

    def bullets(self, block: Bullets) -> None:
        for item in block.items:
            self.para(item, "bullet")

    def key_values(self, block: KeyValues) -> None:
        if not block.rows:
            return
        table = self._table(2, [0.35, 0.65], header=False)
        for label, value in block.rows:
            cells = self._row(table)
            self._cell(cells[0], label, bold=True)
            self._cell(cells[1], value)
        self.para()

    def table(self, block: Table) -> None:
        ncols = len(block.columns)
        if ncols == 0:
            self.para(t("writers.empty_table", self.lang), "note")
            return
        widths = list(block.widths or [])
        if len(widths) != ncols or any(not (w > 0) for w in widths):
            widths = [1.0] * ncols
        numeric = (list(block.numeric or []) + [False] * ncols)[:ncols]
        rows = [[str(c) for c in (list(r) + [""] * ncols)[:ncols]] for r in block.rows]
        # Every column wide enough for its longest word, measured in DejaVu (wider than Calibri or Arial:
        # a safe side) at the size of the cells' paragraph style; Arabic words shaped, at the larger
        # complex-script size Word gives them; the table style's inner cell margins and 0.4 mm to spare.
        # A table too wide for that, or only by squeezing its text to a few words a line, is set in the
        # compact cell style (a point smaller), as the PDF does.
        # A table of many figures that even the compact style cannot hold (ten columns of amounts) is set
        # a point and a half smaller still, that size written on its runs, as the PDF sets such a table.
        text_mm = self.text_width / 36000
        fitted, cell_style, level = None, "cell_compact", "tight"
        for level, partial in (("cell", False), ("cell_compact", False), ("tight", False), ("tight", True)):
            size, cs = self.cell_sizes[level]
            fitted = fonts.fit_widths(
                block.columns,
                rows,
                widths,
                text_mm,
                size,
                self.cell_pad_mm,
                partial=partial,
                arabic_size_pt=cs,
            )
            if fitted is not None:
                break
        cell_style = "cell" if level == "cell" else "cell_compact"
        # Figures and Latin words in an Arabic table are written at the size they are measured at, the
        # Latin one: Word sets them so, but LibreOffice gives them the complex-script size of a right-to-left
        # paragraph, a sixth wider.
        sizes = (
            self.cell_sizes[level]
            if level == "tight"
            else (0.0, self.cell_sizes[level][0])
            if self.rtl
            else None
        )
        widths = fitted or widths
        table = self._table(ncols, widths, header=True)
        head = self._row(table, header=True)
        for j, text in enumerate(block.columns):
            self._cell(head[j], text, bold=True, end=numeric[j], style=cell_style, sizes=sizes)
            # The header row stays with the first row: never alone at the foot of a page.
            DocxParagraph(head[j]._tc.p_lst[0], head[j]).paragraph_format.keep_with_next = True
        n_total = max(0, min(block.total_rows, len(rows)))
        if not rows:
            self._row(table)
            cells = table.rows[-1].cells
            merged = cells[0].merge(cells[-1]) if ncols > 1 else cells[0]
            self._cell(merged, t("writers.empty_table", self.lang))
        for i, row in enumerate(rows):
            cells = self._row(table)
            bold = i >= len(rows) - n_total
            for j, text in enumerate(row):
                self._cell(cells[j], str(text), bold=bold, end=numeric[j], style=cell_style, sizes=sizes)
        if block.caption:
            self.para(block.caption, "caption")
        else:
            self.para()

    def figure(self, block: Figure) -> None:
        try:
            with Image.open(io.BytesIO(block.png)) as im:
                px_w, px_h = im.size
                im.verify()
        except Exception:  # noqa: BLE001 - a broken chart is said in the document, never stops it
            self.paragraph(Paragraph(t("writers.figure_unreadable", self.lang), "missing"))
            return
        ratio = min(max(block.width_ratio or 1.0, 0.1), 1.0)
        width = self.text_width * ratio
        if (
            width * px_h / max(px_w, 1) > self.text_height * 0.85
        ):  # taller than a page: scaled to fit, not cut
            width = self.text_height * 0.85 * px_w / max(px_h, 1)
        p = self.para()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(block.png), width=Emu(int(width)))
        if block.caption:
            c = self.para(block.caption, "caption")
            c.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # -- tables ----------------------------------------------------------------------------------------

    def _table(self, ncols: int, widths: list[float], *, header: bool) -> DocxTable:
        table = self.d.add_table(rows=0, cols=ncols)
        table._tbl.tblPr.style = self.style["table"].style_id
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = sum(widths)
        self._widths = [Emu(int(self.text_width * w / total)) for w in widths]
        for col, w in zip(table.columns, self._widths, strict=True):
            col.width = w
        tblPr = table._tbl.tblPr
        look = tblPr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            tblPr.append(look)
        for attr, on in (("firstRow", header), ("lastRow", False), ("firstColumn", False), ("lastColumn", False),
                         ("noHBand", False), ("noVBand", True)):  # fmt: skip
            look.set(qn(f"w:{attr}"), "1" if on else "0")
        look.set(qn("w:val"), "04A0" if header else "0420")
        if self.rtl:
            tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *_TBLPR_AFTER_BIDIVISUAL)
        return table

    def _row(self, table: DocxTable, *, header: bool = False):
        row = table.add_row()
        trPr = row._tr.get_or_add_trPr()
        trPr.append(OxmlElement("w:cantSplit"))  # a row never breaks across two pages
        if header:
            trPr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
        # The new cells already carry the grid's widths; wrapping their elements directly is much
        # cheaper than python-docx's `row.cells`, which resolves the whole grid for every row.
        return [_Cell(tc, table) for tc in row._tr.tc_lst]

    def _cell(
        self,
        cell,
        text: str,
        *,
        bold: bool = False,
        end: bool = False,
        style: str = "cell",
        sizes: tuple[float, float] | None = None,
    ) -> None:
        p = DocxParagraph(cell._tc.p_lst[0], cell)
        if self.style[style].style_id != self.normal_id:
            p._p.style = self.style[style].style_id
        if self.rtl:
            _bidi(p)
        if end:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # end: visual right in French, visual left in a bidi one
        lines = str(text).split("\n")
        for k, line in enumerate(lines):
            if k:
                p.add_run().add_break()
            if line:
                self.run(p, line, bold=bold, sizes=sizes)

    # -- page furniture --------------------------------------------------------------------------------

    def furniture(self) -> None:
        section = self.d.sections[0]
        section.different_first_page_header_footer = True  # the cover has neither header nor page number
        if self.rtl:
            _section_bidi(section._sectPr)
            _default_bidi(self.d)
        header = section.header
        header.is_linked_to_previous = False
        if self.rtl:
            for p in header.paragraphs:
                _bidi(p)
        p = self.para(self.doc.running_header, "header", container=header)
        footer = section.footer
        footer.is_linked_to_previous = False
        p = self.para(style="footer", container=footer)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # "Page {n} / {total}" with the two numbers as PAGE and NUMPAGES fields.
        template = t("writers.page", self.lang, n="\x00PAGE\x00", total="\x00NUMPAGES\x00")
        for k, part in enumerate(template.split("\x00")):
            if k % 2:
                _simple_field(p, part, self.rtl)
            elif part:
                self.run(p, part)

    def settings(self) -> None:
        settings = self.d.settings.element
        if settings.find(qn("w:updateFields")) is None:
            upd = OxmlElement("w:updateFields")
            upd.set(qn("w:val"), "true")
            settings.insert_element_before(upd, *_SETTINGS_AFTER_UPDATEFIELDS)
        cp = self.d.core_properties
        cp.title = fonts.strip_bidi_controls(self.doc.title)[:250]
        cp.subject = fonts.strip_bidi_controls(self.doc.subtitle)[:250]
        cp.author = "PAC Atelier"
        cp.last_modified_by = "PAC Atelier"
        cp.created = FIXED_DATE
        cp.modified = FIXED_DATE
        cp.last_printed = FIXED_DATE
        cp.revision = 1
        cp.language = "ar-MA" if self.rtl else "fr-MA"

    def write(self) -> bytes:
        self.cover()
        self.toc()
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Bullets):
                self.bullets(block)
            elif isinstance(block, KeyValues):
                self.key_values(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, PageBreak):
                self.page_break()
        self.furniture()
        self.settings()
        buf = io.BytesIO()
        self.d.save(buf)
        return fixed_zip(buf.getvalue())


def render_docx(doc: Document, reference: Path | None = None) -> bytes:
    """The document as .docx bytes, on `reference` (None: data/reference.docx)."""
    return _Writer(doc, Path(reference) if reference else None).write()


# -- low-level OOXML -----------------------------------------------------------------------------------


def _xml_safe(text: str) -> str:
    """User text minus the control characters XML 1.0 cannot hold (a tab or a line break stays)."""
    s = "" if text is None else str(text)
    return "".join(ch for ch in s if ch in "\t\n" or ord(ch) >= 32) if any(ord(c) < 32 for c in s) else s


def _bidi(p: DocxParagraph) -> None:
    pPr = p._p.get_or_add_pPr()
    if pPr.find(qn("w:bidi")) is None:
        pPr.insert_element_before(OxmlElement("w:bidi"), *_PPR_AFTER_BIDI)


def _rtl(run) -> None:
    rPr = run._r.get_or_add_rPr()
    if rPr.find(qn("w:rtl")) is None:
        rPr.insert_element_before(OxmlElement("w:rtl"), *_RPR_AFTER_RTL)


_RPR_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign") + (
    "w:rtl",
    *_RPR_AFTER_RTL,
)


def _run_sizes(run, sizes: tuple[float, float], arabic: bool) -> None:
    """`sizes` (size, complex-script size) on a run: the complex-script one is the size for a run of
    Arabic, the Latin one for any other (figures, codes) even in a right-to-left paragraph."""
    size, cs = sizes
    if size:
        run.font.size = Pt(size)
    rPr = run._r.get_or_add_rPr()
    el = rPr.find(qn("w:szCs"))
    if el is None:
        el = OxmlElement("w:szCs")
        rPr.insert_element_before(el, *_RPR_AFTER_SZCS)
    el.set(qn("w:val"), str(round((cs if arabic or not size else size) * 2)))


def _cs_bold(run) -> None:
    rPr = run._r.get_or_add_rPr()
    if rPr.find(qn("w:bCs")) is None:
        b = rPr.find(qn("w:b"))
        b.addnext(OxmlElement("w:bCs"))


def _sizes(style, normal_pt: float) -> tuple[float, float]:
    """(size, complex-script size) in points of a paragraph style, inherited from the style it is based on
    when it sets none."""
    size = cs = None
    while style is not None and (size is None or cs is None):
        if size is None and style.font.size is not None:
            size = style.font.size.pt
        el = style.element.find(f"{qn('w:rPr')}/{qn('w:szCs')}")
        if cs is None and el is not None:
            cs = int(el.get(qn("w:val"))) / 2
        style = style.base_style
    size = size or normal_pt
    return size, cs or size


def _cell_margins_mm(style) -> float:
    """A table style's left and right inner cell margins together, in mm (Word's 0.19 cm a side when the
    style, or the one it is based on, sets none)."""
    sides: dict[str, float] = {}
    while style is not None and len(sides) < 2:
        mar = style.element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        for side, names in (("start", ("w:left", "w:start")), ("end", ("w:right", "w:end"))):
            el = next((e for n in names if mar is not None and (e := mar.find(qn(n))) is not None), None)
            if side not in sides and el is not None and (el.get(qn("w:type")) or "dxa") == "dxa":
                sides[side] = int(el.get(qn("w:w")) or 0) * 25.4 / 1440
        style = style.base_style
    return sides.get("start", 1.9) + sides.get("end", 1.9)


def _default_bidi(d) -> None:
    """Right to left by default, for the paragraphs Word itself makes: the table of contents' entries (TOC 1,
    TOC 2) when it fills the field, a paragraph the consultant adds."""
    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    pPr = ppr_default.find(qn("w:pPr"))
    if pPr is None:
        pPr = OxmlElement("w:pPr")
        ppr_default.append(pPr)
    if pPr.find(qn("w:bidi")) is None:
        pPr.insert_element_before(OxmlElement("w:bidi"), *_PPR_AFTER_BIDI)


def _section_bidi(sectPr) -> None:
    if sectPr.find(qn("w:bidi")) is None:
        sectPr.insert_element_before(OxmlElement("w:bidi"), *_SECTPR_AFTER_BIDI)


def _field_begin(p: DocxParagraph, instr: str) -> None:
    r = p.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "begin")
    fld.set(qn("w:dirty"), "true")
    r._r.append(fld)
    r = p.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = instr
    r._r.append(it)
    r = p.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    r._r.append(sep)


def _field_end(p: DocxParagraph) -> None:
    r = p.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    r._r.append(end)


def _simple_field(p: DocxParagraph, instr: str, rtl: bool) -> None:
    """A PAGE or NUMPAGES field (its cached result "1" until Word or LibreOffice lays the pages out)."""
    rtl_xml = "<w:rPr><w:rtl/></w:rPr>" if rtl else ""
    p._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r>{rtl_xml}<w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates (python-docx stamps the current time on every entry)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
