"""Tables and label/value lists in the PDF: drawn by us, each cell broken into lines once.

fpdf2's `table()` lays every cell out twice with its character-by-character line breaking; on the French
PAC document its 53 tables took 2.1 of 3.5 s.  Here each cell is broken once (`pdf_text.wrap`, word widths
cached), a row is as tall as its tallest cell, a row that does not fit starts a new page under the header
drawn again, and a row taller than a page is set out as label/value pairs, which continue across pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from pac.exports.documents import fonts, pdf_text
from pac.exports.documents.model import KeyValues, Table
from pac.exports.documents.pdf_base import ACCENT, GREY, INK, RULE, TOTAL_FILL, ZEBRA, DocPDF, safe
from pac.i18n import t


def key_values(pdf: DocPDF, block: KeyValues) -> None:
    """Label (bold, start side) beside its value, a rule under each pair.  Drawn directly rather than as
    an fpdf2 table: a table measures every cell before drawing it, which doubled the cost of the project
    sheets, and a long value here simply continues on the next page."""
    if not block.rows:
        return
    label_w, value_w = _kv_widths(pdf)
    x_label = pdf.w - pdf.r_margin - label_w if pdf.rtl else pdf.l_margin
    x_value = pdf.l_margin if pdf.rtl else pdf.l_margin + label_w + 3
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.need(pdf.lh * 2)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pad = pdf.kv_pad
    for label, value in block.rows:
        label, value = safe(label), safe(value)
        pdf.set_font(pdf.base_family, "B", pdf.body_pt)
        label_lines = pdf.lines_of(label, label_w)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        value_lines = pdf.lines_of(value, value_w)
        height = max(len(label_lines), len(value_lines)) * pdf.lh + 2 * pad
        # a pair that fits on a page is kept whole; a longer one starts here and continues overleaf
        pdf.need(height if height < pdf.page_break_trigger - pdf.t_margin else pdf.lh * 2)
        y0, page0 = pdf.y + pad, pdf.page
        pdf.set_font(pdf.base_family, "B", pdf.body_pt)
        pdf.set_y(y0)
        pdf.write_lines(label, label_w, pdf.lh, x=x_label, lines=label_lines)
        label_end, label_page = pdf.y, pdf.page
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        if label_page == page0:
            pdf.set_y(y0)
        pdf.write_lines(value, value_w, pdf.lh, x=x_value, lines=value_lines)
        if pdf.page == label_page:
            pdf.set_y(max(pdf.y, label_end))
        pdf.set_x(pdf.l_margin)
        pdf.ln(pad)
        pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(3)


def _kv_widths(pdf: DocPDF) -> tuple[float, float]:
    """The widths of a label/value list's labels and values (3 mm between them)."""
    label_w = pdf.epw * 0.35
    return label_w, pdf.epw - label_w - 3


def key_values_height(pdf: DocPDF, block: KeyValues) -> float:
    """The height `key_values` gives `block` on one page."""
    if not block.rows:
        return 0.0
    label_w, value_w = _kv_widths(pdf)
    h = 3.0
    for label, value in block.rows:
        pdf.set_font(pdf.base_family, "B", pdf.body_pt)
        n = len(pdf.lines_of(safe(label), label_w))
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        h += max(n, len(pdf.lines_of(safe(value), value_w))) * pdf.lh + 2 * pdf.kv_pad
    return h


def _records(pdf: DocPDF, rows: list[list[str]], columns: list[str]) -> None:
    """Table rows too tall for any page, as label/value pairs (which continue across pages)."""
    for cells in rows:
        key_values(pdf, KeyValues(list(zip(columns, cells, strict=False))))


@dataclass
class _Setup:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float]
    aligns: list[str]
    n_total: int
    size: float
    lh: float
    laid: tuple[list[list[str]], float, list[tuple[list[list[str]], float]]] | None = None


def _setup(pdf: DocPDF, block: Table) -> _Setup:
    """The table's text size, column widths and alignments, its rows made as wide as its header; made once
    per table (a heading above it asks for its first row's height before the table is drawn)."""
    made = pdf.table_setups.get(id(block))
    if made is None:
        made = pdf.table_setups[id(block)] = _make_setup(pdf, block)
    return made


def _make_setup(pdf: DocPDF, block: Table) -> _Setup:
    ncols = len(block.columns)
    widths = list(block.widths or [])
    if len(widths) != ncols or any(not (w > 0) for w in widths):
        widths = [1.0] * ncols
    numeric = list(block.numeric or [])[:ncols] + [False] * max(0, ncols - len(block.numeric or []))
    aligns = [pdf.end if n else pdf.start for n in numeric]
    # Rows are made exactly as wide as the header: a ragged row is padded, never dropped or crashing.
    rows = [[safe(c) for c in (list(r) + [""] * ncols)[:ncols]] for r in block.rows]
    n_total = max(0, min(block.total_rows, len(rows)))
    size = pdf.body_pt - (1.0 if ncols <= 5 else 2.0)
    columns = [safe(c) for c in block.columns]
    # A wide table whose longest words do not all fit is set half a point to a point smaller first (two
    # points for eight columns or more: the indicators' targets year by year).
    steps = (0.0, 0.5, 1.0, 1.5, 2.0) if ncols >= 8 else (0.0, 0.5, 1.0)
    for step in steps:
        fitted = fonts.fit_widths(columns, rows, widths, pdf.epw, size - step, 3.2, pdf.base_family)
        if fitted is not None:
            size, widths = size - step, fitted
            break
    else:  # at the smallest size, room for the short words at least; long words break
        size -= steps[-1]
        widths = fonts.fit_widths(columns, rows, widths, pdf.epw, size, 3.2, pdf.base_family, True) or widths
    lh = pdf.lh * size / pdf.body_pt
    return _Setup(columns, rows, widths, aligns, n_total, size, lh)


def _cell_lines(
    pdf: DocPDF, cells: list[str], widths: list[float], size: float, bold: bool
) -> list[list[str]]:
    pdf.set_font(pdf.base_family, "B" if bold else "", size)
    lines = []
    for text, w in zip(cells, widths, strict=True):
        with pdf._run(text) as run:
            lines.append(pdf_text.wrap(pdf, run, w - 2 * _PAD_X))
    return lines


def _faces(st: _Setup) -> list[str]:
    n = len(st.rows)
    return ["total" if i >= n - st.n_total else "zebra" if i % 2 else "plain" for i in range(n)]


def _laid(pdf: DocPDF, st: _Setup) -> tuple[list[list[str]], float, list[tuple[list[list[str]], float]]]:
    """The header's lines and height, and each row's (lines, height): made once per table, whether a
    project sheet measured it first or it is being drawn."""
    if st.laid is None:

        def layout(cells: list[str], bold: bool) -> tuple[list[list[str]], float]:
            lines = _cell_lines(pdf, cells, st.widths, st.size, bold)
            return lines, max(len(c) for c in lines) * st.lh + 2 * _PAD_Y

        head_lines, head_h = layout(st.columns, True)
        rows = [layout(cells, face == "total") for cells, face in zip(st.rows, _faces(st), strict=True)]
        st.laid = (head_lines, head_h, rows)
    return st.laid


def height(pdf: DocPDF, block: Table) -> float:
    """The height `table` gives `block` when it fits on one page (a project sheet's, to keep to its page)."""
    if not block.columns:
        return pdf.lh * 0.85 + 1.5
    st = _setup(pdf, block)
    _, head_h, rows = _laid(pdf, st)
    h = head_h + sum(rh for _, rh in rows) + (0 if rows else st.lh + 2 * _PAD_Y) + 3
    if block.caption:
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        h += 0.8 + len(pdf.lines_of(safe(block.caption), pdf.epw)) * pdf.lh * 0.9
    pdf.set_font(pdf.base_family, "", pdf.body_pt)
    return h


def lead_height(pdf: DocPDF, block: Table) -> float:
    """The height of the table's header and first row, or of the whole of a small table (kept whole): what
    a heading above it needs below itself so as not to be left alone at the foot of a page."""
    if not block.columns:
        return pdf.lh * 2
    st = _setup(pdf, block)
    _, head_h, rows = _laid(pdf, st)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)
    whole = head_h + sum(h for _, h in rows)
    if _small(pdf, whole):
        return whole
    return head_h + (rows[0][1] if rows else st.lh + 2 * _PAD_Y)


# A table this part of a page high or less (a project sheet's costs, a few lines of totals) is never split:
# it starts overleaf, with the heading above it, rather than leave two rows at the foot of a page.
_SMALL = 0.3


def _small(pdf: DocPDF, height: float) -> bool:
    return height <= (pdf.page_break_trigger - pdf.t_margin) * _SMALL


def table(pdf: DocPDF, block: Table) -> None:
    if not block.columns:
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.write_lines(t("writers.empty_table", pdf.doc_lang), pdf.epw, pdf.lh * 0.85)
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        pdf.ln(1.5)
        return
    st = _setup(pdf, block)
    rows, columns, widths, aligns, n_total, size, lh = (
        st.rows,
        st.columns,
        st.widths,
        st.aligns,
        st.n_total,
        st.size,
        st.lh,
    )
    pdf.set_font(pdf.base_family, "", size)
    pdf.need(lh * 4)
    start = _table_part(pdf, block, st, rows, 0, widths, aligns, n_total, lh)
    if start is not None:  # one row taller than a page: the rest as records, label by label
        _records(pdf, rows[start:], columns)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)
    if block.caption:
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.ln(0.8)
        pdf.write_lines(safe(block.caption), pdf.epw, pdf.lh * 0.9)
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
    pdf.ln(3)


_PAD_X, _PAD_Y = 1.5, 1.0


def _pages(pdf: DocPDF, heights: list[float], head_h: float, room: float) -> tuple[set[int], bool]:
    """Where the table breaks: the rows that start a new page (under the header drawn again), and whether
    the table itself starts on a new page.  Rows fill each page; then neither end is left thin: a table
    whose first page would hold a single row, or a small table that does not fit whole, starts overleaf,
    and the last page never holds one or two rows alone when the page before can spare them (a total row
    always has company)."""
    top, bottom = pdf.t_margin, pdf.page_break_trigger

    def fill(y: float) -> list[int]:
        starts, y = [0], y + head_h
        for i, h in enumerate(heights):
            if h > room:  # drawn as label/value pairs from here on
                break
            if i and y + h > bottom:
                starts.append(i)
                y = top + head_h
            y += h
        return starts

    y = pdf.y
    before = bool(heights) and y + head_h + heights[0] > bottom and not pdf.fresh_page
    starts = fill(top if before else y)
    n = next((i for i, h in enumerate(heights) if h > room), len(heights))  # the rows drawn as a table
    if (
        len(starts) > 1
        and not pdf.fresh_page
        and not before
        and ((starts[1] == 1 and n > 2) or (n == len(heights) and _small(pdf, head_h + sum(heights))))
    ):
        before = True
        starts = fill(top)
    if len(starts) > 1:
        last, prev = starts[-1], starts[-2]
        short = 3 - (n - last)  # rows the last page lacks to hold three
        if short > 0 and last - short - prev >= 3 and sum(heights[last - short : n]) <= room:
            starts[-1] = last - short
    return set(starts[1:]), before


def _table_part(
    pdf: DocPDF,
    block: Table,
    st: _Setup,
    rows: list[list[str]],
    first: int,
    widths: list[float],
    aligns: list[str],
    n_total: int,
    lh: float,
) -> int | None:
    """Draws the table, its header again at the top of each page; returns the index of a row too tall for
    any page (then not drawn), else None.

    Drawn here rather than with fpdf2's `table()`, which lays every cell out twice with its character-by-
    character line breaking (2.1 of the French PAC document's 3.5 s): each cell is broken into lines once
    (`pdf_text.wrap`, word widths cached), the row's height is the tallest cell's, and each line is one
    `cell()`."""
    size = pdf.font_size_pt
    # x of each column: the first column on the start side (the right in Arabic)
    xs, x = [], pdf.l_margin
    for w in widths:
        xs.append(pdf.w - pdf.r_margin - (x - pdf.l_margin) - w if pdf.rtl else x)
        x += w
    width_all = sum(widths)
    x_left = pdf.w - pdf.r_margin - width_all if pdf.rtl else pdf.l_margin

    def draw(cells: list[str], lines: list[list[str]], height: float, face: str) -> None:
        y = pdf.y
        fill = {"head": ACCENT, "zebra": ZEBRA, "total": TOTAL_FILL}.get(face)
        if fill:
            pdf.set_fill_color(*fill)
            pdf.rect(x_left, y, width_all, height, style="F")
        pdf.set_font(pdf.base_family, "B" if face in ("head", "total") else "", size)
        pdf.set_text_color(*((255, 255, 255) if face == "head" else INK))
        c_margin, pdf.c_margin = pdf.c_margin, _PAD_X  # the cell's own inner margin is the padding
        for j, (text, cell_lines) in enumerate(zip(cells, lines, strict=True)):
            align = aligns[j]
            with pdf._run(text):
                for k, line in enumerate(cell_lines):
                    if line:
                        pdf.set_xy(xs[j], y + _PAD_Y + k * lh)
                        pdf.cell(widths[j], lh, line, align=align)
        pdf.c_margin = c_margin
        pdf.set_text_color(*INK)
        pdf.set_draw_color(*(ACCENT if face == "head" else RULE))
        pdf.set_line_width(0.2)
        for xv in xs[1:] if not pdf.rtl else xs[:-1]:
            pdf.line(xv, y, xv, y + height)
        pdf.line(x_left, y + height, x_left + width_all, y + height)
        pdf.set_xy(pdf.l_margin, y + height)

    columns = st.columns
    head_lines, head_h, laid = _laid(pdf, st)
    room = pdf.page_break_trigger - pdf.t_margin - head_h

    def head() -> None:
        draw(columns, head_lines, head_h, "head")

    def box(y0: float) -> None:  # the outer sides of what was drawn on this page
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.line(x_left, y0, x_left, pdf.y)
        pdf.line(x_left + width_all, y0, x_left + width_all, pdf.y)

    if not rows:
        pdf.need(head_h + lh * 2)
        y0 = pdf.y
        head()
        empty = [t("writers.empty_table", pdf.doc_lang)]
        pdf.set_font(pdf.base_family, "", size)
        h = lh + 2 * _PAD_Y
        pdf.set_xy(x_left, pdf.y + _PAD_Y)
        pdf.cell(width_all, lh, empty[0], align="C")
        pdf.set_xy(pdf.l_margin, y0 + head_h + h)
        pdf.set_draw_color(*RULE)
        pdf.line(x_left, pdf.y, x_left + width_all, pdf.y)
        box(y0)
        return None
    faces = _faces(st)
    starts, before = _pages(pdf, [h for _, h in laid], head_h, room)
    y0 = None
    for i, cells in enumerate(rows):
        lines, h = laid[i]
        if h > room:
            if y0 is not None:
                box(y0)
            return first + i
        if y0 is None or i in starts:
            if y0 is not None:
                box(y0)
                pdf.add_page()
            elif before:
                pdf.add_page()
            y0 = pdf.y
            head()
        draw(cells, lines, h, faces[i])
    if y0 is not None:
        box(y0)
    pdf.set_font(pdf.base_family, "", size)
    return None
