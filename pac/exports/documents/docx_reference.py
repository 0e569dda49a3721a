"""The default reference document of the Word writer: data/reference.docx is this, saved.

    python -m pac.exports.documents.docx_reference     # rewrites data/reference.docx

An NGO restyles every Word document by replacing that file (docs/reference-docx.md); this module is only
how the bundled one was made: styles with explicit Latin and complex-script (Arabic) fonts and sizes, the
bidi language ar-MA, a "PAC Table" table style, A4 margins, a placeholder logo in the header.
"""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw

from pac.exports.documents.docx_writer import FIXED_DATE, REFERENCE, fixed_zip

ACCENT = RGBColor(0x00, 0x5E, 0x6E)
GREY = RGBColor(0x6C, 0x75, 0x7D)
LATIN_FONT, CS_FONT = "Calibri", "Arial"  # Arial: on every Windows machine, with Arabic glyphs

# Schema order of a run's properties after w:iCs (Word refuses children out of order).
_RPR_AFTER_ICS = (
    "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
    "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
    "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
)  # fmt: skip

_TABLE_STYLE = """
<w:style {ns} w:type="table" w:customStyle="1" w:styleId="PACTable">
  <w:name w:val="PAC Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="7F9FA6"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="7F9FA6"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="7F9FA6"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="7F9FA6"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="7F9FA6"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="7F9FA6"/>
    </w:tblBorders>
    <w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="005E6E"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band2Horz">
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEF3F5"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""

# A box rather than a bar on one side: the same in French and in a right-to-left paragraph.
_MISSING_BORDER = (
    f"<w:pBdr {nsdecls('w')}>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="{12 if side in ("left", "right") else 4}" w:space="4" w:color="994C00"/>'
        for side in ("top", "left", "bottom", "right")
    )
    + "</w:pBdr>"
)


def _set_fonts(style, size_pt: float, cs_size_pt: float) -> None:
    """Latin and complex-script fonts and sizes of a style, explicitly (theme fonts dropped)."""
    rPr = style.element.get_or_add_rPr()
    rFonts = rPr.find(qn("w:rFonts"))
    if rFonts is None:
        rFonts = OxmlElement("w:rFonts")
        rPr.insert(0, rFonts)
    for attr in list(rFonts.attrib):
        if attr.endswith("Theme"):
            del rFonts.attrib[attr]
    for attr, name in (
        ("ascii", LATIN_FONT),
        ("hAnsi", LATIN_FONT),
        ("cs", CS_FONT),
        ("eastAsia", LATIN_FONT),
    ):
        rFonts.set(qn(f"w:{attr}"), name)
    style.font.size = Pt(size_pt)
    szCs = rPr.find(qn("w:szCs"))
    if szCs is None:
        szCs = OxmlElement("w:szCs")
        rPr.find(qn("w:sz")).addnext(szCs)
    szCs.set(qn("w:val"), str(int(round(cs_size_pt * 2))))


def _logo_png() -> bytes:
    """A neutral placeholder logo: the NGO replaces it by theirs in the reference's header."""
    img = Image.new("RGB", (360, 120), (0, 94, 110))
    draw = ImageDraw.Draw(img)
    draw.rectangle([6, 6, 353, 113], outline=(255, 255, 255), width=3)
    draw.text((30, 45), "LOGO  ONG / NGO", fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def make_reference_docx() -> bytes:
    """The default reference document: styles, A4 margins, a placeholder logo in the header."""
    d = docx.Document()
    styles = d.styles
    normal = styles["Normal"]
    _set_fonts(normal, 10.5, 12)
    normal.paragraph_format.space_after = Pt(6)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-MA")
    lang.set(qn("w:bidi"), "ar-MA")
    normal.element.get_or_add_rPr().append(lang)
    for name, size, cs in (("Title", 26, 28), ("Subtitle", 15, 16), ("Heading 1", 17, 18), ("Heading 2", 13.5, 15),
                           ("Heading 3", 11.5, 13), ("TOC Heading", 17, 18), ("Caption", 9, 10), ("Quote", 10.5, 12),
                           ("List Bullet", 10.5, 12), ("Header", 8.5, 10), ("Footer", 8.5, 10)):  # fmt: skip
        _set_fonts(styles[name], size, cs)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "TOC Heading"):
        styles[name].font.color.rgb = ACCENT
    for name in ("Header", "Footer", "Caption"):
        styles[name].font.color.rgb = GREY
    # Arabic is not slanted in a quote or a subtitle (italic is not an Arabic habit; Word would fake it).
    for name in ("Quote", "Subtitle"):
        rPr = styles[name].element.get_or_add_rPr()
        ics = rPr.find(qn("w:iCs"))
        if ics is None:
            ics = OxmlElement("w:iCs")
            rPr.insert_element_before(ics, *_RPR_AFTER_ICS)
        ics.set(qn("w:val"), "0")
    styles["Heading 1"].paragraph_format.page_break_before = True  # a chapter starts a page, as in the PDF
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    note = styles.add_style("PAC Note", 1)
    note.base_style = normal
    _set_fonts(note, 9, 10.5)
    note.font.color.rgb = GREY
    cell = styles.add_style("PAC Table Text", 1)  # table text: smaller than the body, as in the PDF
    cell.base_style = normal
    _set_fonts(cell, 8.5, 10)
    cell.paragraph_format.space_after = Pt(0)
    compact = styles.add_style("PAC Table Text Compact", 1)  # a wide table whose words do not fit otherwise
    compact.base_style = cell
    _set_fonts(compact, 7.5, 9)
    missing = styles.add_style("PAC Missing", 1)
    missing.base_style = normal
    missing.font.color.rgb = RGBColor(0x99, 0x4C, 0x00)
    pPr = missing.element.get_or_add_pPr()
    pPr.append(parse_xml(_MISSING_BORDER))
    pPr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFF3E0"/>'))
    styles.element.append(parse_xml(_TABLE_STYLE.format(ns=nsdecls("w"))))

    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.7), Cm(2)
    section.header_distance, section.footer_distance = Cm(0.9), Cm(1)
    section.header.paragraphs[0].add_run().add_picture(io.BytesIO(_logo_png()), height=Cm(1.0))
    d.add_paragraph(
        "PAC Atelier reference document: its styles, margins and header are used by every Word document; "
        "its text is ignored. See docs/reference-docx.md."
    )
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = "PAC Atelier — reference", "PAC Atelier", "PAC Atelier"
    cp.created = cp.modified = cp.last_printed = FIXED_DATE
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return fixed_zip(buf.getvalue())


if __name__ == "__main__":
    REFERENCE.write_bytes(make_reference_docx())
    print(REFERENCE)
