"""The PDF writer of the one document model: cover, contents, headings, paragraphs, lists, figures.

The page itself (fonts, shaping, header and footer) is `pdf_base.DocPDF`; tables and label/value lists are
`pdf_table`.
"""

from __future__ import annotations

import io

from PIL import Image

from pac.exports.documents import fonts, pdf_table
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
from pac.exports.documents.pdf_base import (
    ACCENT,
    GREY,
    INK,
    KV_PAD,
    LINE_MM,
    MISSING_FILL,
    MISSING_INK,
    DocPDF,
    safe,
)
from pac.i18n import t

# -- blocks ------------------------------------------------------------------------------------------------


def _cover(pdf: DocPDF) -> None:
    doc = pdf.doc
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(80)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(pdf.base_family, "B", pdf.body_pt + 14)
    pdf.write_lines(safe(doc.title), pdf.epw, pdf.lh * 2.2, align="C")
    pdf.ln(6)
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.base_family, "", pdf.body_pt + 5)
    pdf.write_lines(safe(doc.subtitle), pdf.epw, pdf.lh * 1.6, align="C")
    pdf.ln(10)
    pdf.set_font(pdf.base_family, "", pdf.body_pt + 1)
    pdf.set_text_color(*GREY)
    for line in doc.cover_lines:
        pdf.write_lines(safe(line), pdf.epw, pdf.lh * 1.2, align="C")
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)


def _toc_entries(doc: Document) -> list[Heading]:
    return [b for b in doc.blocks if isinstance(b, Heading) and b.level <= 2]


_TOC_NUM_W = 14.0


def _toc_item_height(pdf: DocPDF, text: str, level: int) -> float:
    pdf.set_font(pdf.base_family, "B" if level == 1 else "", pdf.body_pt)
    lines = pdf.lines_of(safe(text), pdf.epw - _TOC_NUM_W - 4 - (level - 1) * 6.0)
    return len(lines) * pdf.lh + (1.2 if level == 1 else 0.4)


def _toc_title_height(pdf: DocPDF) -> float:
    pdf.set_font(pdf.base_family, "B", pdf.body_pt + 6)
    title = pdf.doc.toc_title or t("writers.toc", pdf.doc_lang)
    return len(pdf.lines_of(safe(title), pdf.epw)) * pdf.lh * 2 + 2


def _toc_pages(pdf: DocPDF, entries: list[Heading]) -> int:
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


def _render_toc(pdf: DocPDF, _outline: object) -> None:
    first_page = pdf.page
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(pdf.base_family, "B", pdf.body_pt + 6)
    title = pdf.doc.toc_title or t("writers.toc", pdf.doc_lang)
    pdf.write_lines(safe(title), pdf.epw, pdf.lh * 2)
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
        pdf.write_lines(safe(text), w, pdf.lh, x=x_text, link=link)
        y_last = pdf.y - pdf.lh
        pdf.set_xy(x_num, y_last)
        pdf.cell(_TOC_NUM_W, pdf.lh, str(page), align=pdf.end, link=link)
        pdf.set_xy(pdf.l_margin, y_last + pdf.lh + (1.2 if level == 1 else 0.4))
    while pdf.page < first_page + pdf.toc_pages - 1:  # the reserved count, exactly
        pdf.add_page()
    pdf.set_font(pdf.base_family, "", pdf.body_pt)


def _lead(pdf: DocPDF, block: object, after: object = None) -> float:
    """How much of `block` must follow a heading on its page (a heading is never left alone at the foot of
    a page): a table's header and first row, a figure whole, a short introduction with the table it
    introduces (`after`), two lines of the rest."""
    if isinstance(block, Table):
        return pdf_table.lead_height(pdf, block)
    if isinstance(block, Figure):
        return _figure_size(pdf, block)[1] + 10
    intro = _intro_height(pdf, block) if isinstance(block, Paragraph) and isinstance(after, Table) else None
    if intro is not None:
        return intro + pdf_table.lead_height(pdf, after)
    if isinstance(block, Bullets) and block.items:  # a one-line list needs its line, not two and a half
        first = len(pdf.lines_of(safe(block.items[0]), pdf.epw - 6.0))
        return min(pdf.lh * 2.5, first * pdf.lh + 0.8 + (1.5 if len(block.items) == 1 else 0))
    if isinstance(block, Paragraph) and block.style == "body":
        return min(pdf.lh * 2.5, _block_height(pdf, block))
    return pdf.lh * 2.5


def _intro_height(pdf: DocPDF, block: Paragraph) -> float | None:
    """The height of a paragraph short enough (three lines) to be kept with the table it introduces."""
    if block.style not in ("body", "note"):
        return None
    note = block.style == "note"
    pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5 if note else pdf.body_pt)
    n = len(pdf.lines_of(safe(block.text), pdf.epw))
    pdf.set_font(pdf.base_family, "", pdf.body_pt)
    return n * pdf.lh * (0.85 if note else 1) + 2 if n <= 3 else None


def _keep_intro(pdf: DocPDF, block: Paragraph, table: Table) -> None:
    """A short paragraph introducing a table (a round's method and turnout) starts a page with it rather
    than end the page above it alone."""
    own = _intro_height(pdf, block)
    if own is not None:
        pdf.need(own + min(pdf_table.lead_height(pdf, table), pdf.page_break_trigger - pdf.t_margin - own))


def _keep_lead(pdf: DocPDF, following: object, after: object = None, then: object = None) -> float:
    """What a heading keeps with itself: the lead of the block after it, or, when a sub-heading comes
    first, that sub-heading and its block's lead (never a heading alone over another at a page's foot)."""
    if following is None:
        return 0.0
    if isinstance(following, Heading):
        if after is None or isinstance(after, Heading):
            return 0.0
        return _block_height(pdf, following) + _lead(pdf, after, then)
    return _lead(pdf, following, after)


def _heading_pt(pdf: DocPDF, level: int) -> float:
    """A heading's text size, by its level (1 to 3)."""
    return pdf.body_pt + {1: 7.0, 2: 3.5, 3: 1.5}[level]


def _heading(
    pdf: DocPDF, block: Heading, following: object = None, after: object = None, then: object = None
) -> None:
    level = min(max(block.level, 1), 3)
    text = safe(block.text)
    if level == 1:
        if not pdf.fresh_page:
            pdf.add_page()
    else:
        own = _block_height(pdf, block)
        lead = _keep_lead(pdf, following, after, then)
        room = pdf.page_break_trigger - pdf.t_margin
        pdf.need(own + min(lead, room - own) if lead else max(own, pdf.lh * 5))
        pdf.ln(pdf.lh * (0.6 if level == 2 else 0.4))
    if level <= 2:
        pdf.toc.append((text, level, pdf.page))
        pdf.start_section(fonts.strip_bidi_controls(text) or " ", level=level - 1, strict=False)
    size = _heading_pt(pdf, level)
    pdf.set_font(pdf.base_family, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.write_lines(text, pdf.epw, size * 0.52)
    if level == 1:
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.y + 1, pdf.w - pdf.r_margin, pdf.y + 1)
        pdf.ln(4)
    else:
        pdf.ln(1.5)
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.base_family, "", pdf.body_pt)


def _missing_body(pdf: DocPDF, text: str) -> str:
    """« Donnée manquante : … », what a box of missing data says."""
    label = t("writers.missing", pdf.doc_lang)
    return f"{label} : {text}" if text and pdf.doc_lang == "fr" else f"{label}: {text}" if text else label


def _paragraph(pdf: DocPDF, block: Paragraph) -> None:
    text = safe(block.text)
    if block.style == "missing":
        # Said aloud, and seen: a tinted box with a bar on the start side and the words "missing data".
        body = _missing_body(pdf, text)
        lines = pdf.lines_of(body, pdf.epw - 8)
        height = len(lines) * pdf.lh + 3
        boxed = height < pdf.page_break_trigger - pdf.t_margin  # else the text simply runs over pages
        pdf.need(height if boxed else pdf.lh * 2)
        y0 = pdf.y
        if boxed:
            pdf.set_fill_color(*MISSING_FILL)
            pdf.rect(pdf.l_margin, y0, pdf.epw, height, style="F")
            pdf.set_fill_color(*MISSING_INK)
            x_bar = pdf.w - pdf.r_margin - 1.2 if pdf.rtl else pdf.l_margin
            pdf.rect(x_bar, y0, 1.2, height, style="F")
        pdf.set_text_color(*MISSING_INK)
        pdf.set_y(y0 + 1.5)
        pdf.write_lines(body, pdf.epw - 8, pdf.lh, x=pdf.l_margin + 4, lines=lines)
        pdf.set_xy(pdf.l_margin, pdf.y + 1.5)
        pdf.set_text_color(*INK)
        pdf.ln(2)
        return
    if block.style == "note":
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.write_lines(text, pdf.epw, pdf.lh * 0.85)
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        pdf.ln(1.5)
        return
    if block.style == "quote":
        pdf.set_font(pdf.base_family, "I" if "I" in fonts.FAMILIES[pdf.base_family] else "", pdf.body_pt)
        pdf.write_lines(text, pdf.epw - 16, pdf.lh, x=pdf.l_margin + 8)
        pdf.set_x(pdf.l_margin)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        pdf.ln(2)
        return
    pdf.write_lines(text, pdf.epw, pdf.lh)
    pdf.ln(2)


def _bullets(pdf: DocPDF, block: Bullets) -> None:
    indent = 6.0
    for item in block.items:
        lines = pdf.lines_of(safe(item), pdf.epw - indent)
        pdf.need(len(lines) * pdf.lh if len(lines) <= 4 else pdf.lh * 2)  # an item of a few lines stays whole
        y = pdf.y
        pdf.set_xy(pdf.w - pdf.r_margin - indent if pdf.rtl else pdf.l_margin, y)
        pdf.cell(indent, pdf.lh, "•", align="C")
        pdf.set_y(y)
        pdf.write_lines(
            safe(item),
            pdf.epw - indent,
            pdf.lh,
            x=pdf.l_margin if pdf.rtl else pdf.l_margin + indent,
            lines=lines,
        )
        pdf.set_x(pdf.l_margin)
        pdf.ln(0.8)
    pdf.ln(1.5)


def _figure_size(pdf: DocPDF, block: Figure) -> tuple[float, float]:
    """The drawn (width, height) of a chart, mm: its share of the text width, scaled down to fit a page;
    (0, 0) when its image cannot be read."""
    try:
        with Image.open(io.BytesIO(block.png)) as im:
            px_w, px_h = im.size
    except Exception:  # noqa: BLE001 - a broken chart says so in the document, never stops it
        return 0.0, 0.0
    ratio = min(max(block.width_ratio or 1.0, 0.1), 1.0)
    w = pdf.epw * ratio
    h = w * px_h / max(px_w, 1)
    room = pdf.page_break_trigger - pdf.t_margin - 12
    if h > room:  # taller than a page: scaled down to fit, never cut
        h = room
        w = h * px_w / max(px_h, 1)
    return w, h


def _figure(pdf: DocPDF, block: Figure) -> None:
    w, h = _figure_size(pdf, block)
    if not h:
        _paragraph(pdf, Paragraph(t("writers.figure_unreadable", pdf.doc_lang), "missing"))
        return
    pdf.need(h + 10)
    x = pdf.l_margin + (pdf.epw - w) / 2
    pdf.image(io.BytesIO(block.png), x=x, y=pdf.y, w=w, h=h)
    pdf.set_y(pdf.y + h + 1.5)
    if block.caption:
        pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
        pdf.set_text_color(*GREY)
        pdf.write_lines(safe(block.caption), pdf.epw, pdf.lh * 0.9, align="C")
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
    pdf.ln(3)


# -- a project sheet keeps to its page ----------------------------------------------------------------------

# A sheet (a level-2 heading and what follows it up to a page break) a little too long for the page it
# starts on is set tight rather than spill a heading and a line or two onto a page of its own: lines a
# twelfth closer, label/value pairs with less air.
TIGHT_LH, TIGHT_KV_PAD = 0.92, 0.3


def _block_height(pdf: DocPDF, block: object) -> float:
    """The height the writer gives `block` when it fits on the page (same rules as the drawing code)."""
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 3)
        size = _heading_pt(pdf, level)
        pdf.set_font(pdf.base_family, "B", size)
        n = len(pdf.lines_of(safe(block.text), pdf.epw))
        pdf.set_font(pdf.base_family, "", pdf.body_pt)
        return pdf.lh * (0.6 if level == 2 else 0.4) + n * size * 0.52 + 1.5
    if isinstance(block, Paragraph):
        text = safe(block.text)
        if block.style == "missing":
            return len(pdf.lines_of(_missing_body(pdf, text), pdf.epw - 8)) * pdf.lh + 5
        if block.style == "note":
            pdf.set_font(pdf.base_family, "", pdf.body_pt - 1.5)
            n = len(pdf.lines_of(text, pdf.epw))
            pdf.set_font(pdf.base_family, "", pdf.body_pt)
            return n * pdf.lh * 0.85 + 1.5
        if block.style == "quote":
            pdf.set_font(pdf.base_family, "I" if "I" in fonts.FAMILIES[pdf.base_family] else "", pdf.body_pt)
            n = len(pdf.lines_of(text, pdf.epw - 16))
            pdf.set_font(pdf.base_family, "", pdf.body_pt)
            return n * pdf.lh + 2
        return len(pdf.lines_of(text, pdf.epw)) * pdf.lh + 2
    if isinstance(block, Bullets):
        lines = sum(len(pdf.lines_of(safe(item), pdf.epw - 6.0)) for item in block.items)
        return lines * pdf.lh + 0.8 * len(block.items) + 1.5
    if isinstance(block, KeyValues):
        return pdf_table.key_values_height(pdf, block)
    if isinstance(block, Table):
        return pdf_table.height(pdf, block)
    if isinstance(block, Figure):
        h = _figure_size(pdf, block)[1]
        return h + 4.5 + (pdf.lh * 0.9 * 2 if block.caption else 0) if h else pdf.lh * 2 + 5
    return 0.0


def _sheet_end(blocks: list[object], i: int) -> int | None:
    """The end of the sheet a level-2 heading at `i` starts: the page break (or level-1 heading, or the
    document's end) after it; None when another level-2 heading comes first (a section, not a sheet)."""
    for j in range(i + 1, len(blocks)):
        b = blocks[j]
        if isinstance(b, PageBreak) or (isinstance(b, Heading) and b.level <= 1):
            return j
        if isinstance(b, Heading) and b.level == 2:
            return None
    return len(blocks)


def _set_tight(pdf: DocPDF, tight: bool) -> None:
    pdf.lh = LINE_MM[pdf.doc_lang] * (TIGHT_LH if tight else 1.0)
    pdf.kv_pad = TIGHT_KV_PAD if tight else KV_PAD


def _keeps_to_page_if_tight(pdf: DocPDF, blocks: list[object]) -> bool:
    """True when the sheet `blocks` overflows the page it starts on as set, and fits it set tight.
    Its tables are measured at their own size (made once, kept for the drawing)."""
    if _fits(pdf, blocks, 1.2) is not False:  # fits as set, or cannot fit even tight
        return False
    _set_tight(pdf, True)
    try:
        return bool(_fits(pdf, blocks, 1.0))
    finally:
        _set_tight(pdf, False)


def _fits(pdf: DocPDF, blocks: list[object], give_up: float) -> bool | None:
    """Whether `blocks` fit on the rest of the page, a heading's wish to keep the start of what follows it
    included; None as soon as they overrun it by more than `give_up` times the room (measuring stops: a
    long section costs little more)."""
    bottom = pdf.page_break_trigger - 1.0  # a millimetre spare for rounding
    y = pdf.y
    for k, b in enumerate(blocks):
        h = _block_height(pdf, b)
        if (
            isinstance(b, Heading)
            and b.level > 1
            and y + h + _keep_lead(pdf, *blocks[k + 1 : k + 4]) > bottom
        ):
            return False
        y += h
        if y - pdf.y > (bottom - pdf.y) * give_up:
            return None
    return y <= bottom


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes: cover, contents (level 1–2 headings), then the blocks in order."""
    pdf = DocPDF(doc)
    _cover(pdf)
    entries = _toc_entries(doc)
    pdf.add_page()
    if entries:
        pdf.toc_pages = _toc_pages(pdf, entries)
        pdf.insert_toc_placeholder(_render_toc, pages=pdf.toc_pages, reset_page_indices=False)
    tight_until = -1
    for i, block in enumerate(doc.blocks):
        if i == tight_until:
            _set_tight(pdf, False)
        if isinstance(block, Heading) and block.level == 2 and i > tight_until:
            end = _sheet_end(doc.blocks, i)
            if end is not None and _keeps_to_page_if_tight(pdf, doc.blocks[i:end]):
                _set_tight(pdf, True)
                tight_until = end
        if isinstance(block, Heading):
            _heading(pdf, block, *doc.blocks[i + 1 : i + 4])
        elif isinstance(block, Paragraph):
            following = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
            if isinstance(following, Table):
                _keep_intro(pdf, block, following)
            _paragraph(pdf, block)
        elif isinstance(block, Bullets):
            _bullets(pdf, block)
        elif isinstance(block, KeyValues):
            pdf_table.key_values(pdf, block)
        elif isinstance(block, Table):
            pdf_table.table(pdf, block)
        elif isinstance(block, Figure):
            _figure(pdf, block)
        elif isinstance(block, PageBreak) and not pdf.fresh_page:
            pdf.add_page()
    _set_tight(pdf, False)
    return bytes(pdf.output())
