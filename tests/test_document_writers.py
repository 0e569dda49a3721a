"""The two writers of the document model, read back: PDF through poppler, Word through python-docx."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.documents_writers import chart_png, synthetic_document
from pac.exports.documents import fonts
from pac.exports.documents.docx_reference import make_reference_docx
from pac.exports.documents.docx_writer import REFERENCE, STYLES, render_docx
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
from pac.exports.documents.pdf_base import DocPDF
from pac.exports.documents.pdf_writer import render_pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TIFINAGH = "ⵜⴰⵎⴰⵣⵉⵖⵜ"
NASTY = (
    "Guillemets « » \"doubles\" 'simples' & <b>gras</b> <script>alert(1)</script> **pas du markdown** # titre"
)


def pdf_text(data: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return BIDI_MARKS.sub("", out)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def words(data: bytes, tmp_path: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, word) of every word of `page`, from pdftotext -bbox."""
    html = pdf_text(data, tmp_path, "-bbox", "-f", str(page), "-l", str(page))
    pat = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    return [(float(a), float(c), float(b), w) for a, b, c, w in re.findall(pat, html)]


def small_document(lang: str = "fr", rows: int = 3) -> Document:
    ar = lang == "ar"
    doc = Document(
        kind="pac",
        lang=lang,
        title="برنامج عمل جماعة أنزي" if ar else "Plan d'Action de la Commune d'Anzi",
        subtitle="2022 – 2027",
        running_header="برنامج عمل الجماعة · أنزي" if ar else "PAC · Anzi",
        cover_lines=["إقليم تيزنيت" if ar else "Province de Tiznit"],
        toc_title="الفهرس" if ar else "Sommaire",
    )
    doc.add(
        Heading("المحاور الاستراتيجية" if ar else "Axes stratégiques", 1),
        Paragraph(
            "الماء الصالح للشرب في الدواوير الجبلية" if ar else "L'eau potable dans les douars de montagne."
        ),
        Heading("المخطط الثلاثي" if ar else "Plan triennal", 2),
        Table(
            columns=["الرمز", "المشروع", "الكلفة"] if ar else ["Code", "Projet", "Coût"],
            rows=[
                [
                    f"P-{i:03d}",
                    ("مشروع" if ar else "Projet") + f" {i}",
                    f"{(i + 1) * 1234:,}".replace(",", " "),
                ]
                for i in range(rows)
            ]  # fmt: skip
            + [["", "المجموع" if ar else "Total", "99 999"]],
            widths=[1, 4, 2],
            numeric=[False, False, True],
            total_rows=1,
            caption="بالدرهم" if ar else "En dirhams",
        ),
        Bullets(["أولا" if ar else "premier", "ثانيا" if ar else "second"]),
        KeyValues([("الموقع" if ar else "Localisation", "أنزي" if ar else "Anzi")]),
        Paragraph("لم تسجل بعد" if ar else "Pas encore enregistré", "missing"),
    )
    return doc


# -- PDF ---------------------------------------------------------------------------------------------------


@needs_poppler
def test_french_pdf_has_cover_contents_headings_tables_and_page_numbers(tmp_path: Path) -> None:
    doc = synthetic_document("fr", 40)
    data = render_pdf(doc)
    text = flat(pdf_text(data, tmp_path))
    pages = pdf_pages(data)
    assert 15 <= pages <= 60
    for expected in ("Plan d'Action de la Commune de Tafraout", "Sommaire", "Cadre juridique et méthode",
                     "Plan triennal budgétisé", "P-040", "Adduction d'eau potable du douar Tafraout",
                     "Montants en dirhams", "Donnée manquante"):  # fmt: skip
        assert expected in text, expected
    assert f"Page 3 / {pages}" in text and f"Page {pages} / {pages}" in text
    assert "Page 1 /" not in text  # the cover has no furniture
    first_page = pdf_text(data, tmp_path, "-f", "1", "-l", "1")
    assert "PAC · Tafraout" not in first_page
    # the contents list each chapter with the page it starts on
    toc = pdf_text(data, tmp_path, "-layout", "-f", "2", "-l", "2")
    chapter_page = next(int(m) for m in re.findall(r"Cadre juridique et méthode\s+(\d+)", toc))
    assert "Cadre juridique et méthode" in pdf_text(
        data, tmp_path, "-f", str(chapter_page), "-l", str(chapter_page)
    )


@needs_poppler
def test_arabic_pdf_is_shaped_in_logical_order_with_arabic_page_numbers(tmp_path: Path) -> None:
    doc = synthetic_document("ar", 40)
    data = render_pdf(doc)
    text = flat(pdf_text(data, tmp_path))
    pages = pdf_pages(data)
    for expected in ("برنامج عمل جماعة تافراوت", "الإطار القانوني والمنهجية", "المخطط الثلاثي المبرمج",
                     "تزويد دوار تافراوت بالماء الصالح للشرب", "معطيات غير متوفرة", "الفهرس", "P-040"):  # fmt: skip
        assert expected in text, expected
    assert re.search(rf"الصفحة\s*3\s*من\s*{pages}", text)
    assert "Page 3" not in text


@needs_poppler
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_numeric_columns_are_end_aligned_and_arabic_tables_mirrored(lang: str, tmp_path: Path) -> None:
    data = render_pdf(small_document(lang, rows=12))
    ws = words(data, tmp_path, 3)
    amounts = [w for w in ws if re.fullmatch(r"\d+", w[3]) and len(w[3]) == 3]  # the last group of each cost
    codes = [w for w in ws if w[3].startswith("P-0")]
    assert len(amounts) >= 12 and len(codes) == 12
    if lang == "fr":  # ends on the right edge of the column, codes on the left of the page
        assert max(a[1] for a in amounts) - min(a[1] for a in amounts) < 1.0
        assert max(c[0] for c in codes) < min(a[0] for a in amounts)
    else:  # ends on the left edge (the end of a right-to-left line); the first column is on the right
        rows = {c[2] for c in codes}
        starts = [min(w[0] for w in ws if w[2] == y and w[3].isdigit()) for y in rows]  # leftmost figure
        assert max(starts) - min(starts) < 1.0
        assert min(c[0] for c in codes) > max(a[1] for a in amounts)


@needs_poppler
def test_a_200_row_table_breaks_across_pages_repeating_its_header(tmp_path: Path) -> None:
    doc = small_document("fr", rows=0)
    doc.add(
        Table(
            ["Entête-répétée", "Montant"],
            [[f"ligne {i}", str(i)] for i in range(200)],
            numeric=[False, True],
        )
    )
    data = render_pdf(doc)
    text = pdf_text(data, tmp_path)
    assert "ligne 0" in text and "ligne 199" in text
    table_pages = [
        p
        for p in range(1, pdf_pages(data) + 1)
        if "ligne" in pdf_text(data, tmp_path, "-f", str(p), "-l", str(p))
    ]
    assert len(table_pages) >= 4
    assert text.count("Entête-répétée") == len(table_pages)


@needs_poppler
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_user_text_comes_out_intact_and_odd_blocks_never_crash(lang: str, tmp_path: Path) -> None:
    long_title = ("Réhabilitation de la piste " * 12)[:300]
    doc = Document(kind="pac", lang=lang, title=long_title, subtitle=NASTY, running_header=NASTY + " {nb}")
    doc.add(
        Heading("Niveau trois d'abord", 3),
        Heading("Niveau cinq", 5),
        Heading(long_title, 1),
        Paragraph(NASTY),
        Paragraph(f"Tifinagh : {TIFINAGH} ; {{nb}} n'est pas le nombre de pages"),
        Paragraph("contrôle\x00\x07 caché\nnouvelle ligne"),
        Paragraph("", "missing"),
        Bullets([]),
        KeyValues([]),
        Table([], []),
        Table(["Vide"], [], numeric=[True, True, True]),
        Table(["A", "B", "C"], [["un"], ["1", "2", "3", "4"]], widths=[0, -1, 2], total_rows=9),
        Table(["Énorme"], [["mot " * 3000]]),
        Figure(b"pas une image", caption="cassée"),
        Figure(chart_png(1, 400, 2400), caption="très haute"),
        PageBreak(),
        PageBreak(),
    )
    data = render_pdf(doc)
    text = flat(pdf_text(data, tmp_path))
    for part in ('"doubles"', "'simples'", "& <b>gras</b>", "<script>alert(1)</script>", "**pas du markdown** # titre",
                 TIFINAGH, "{nb} n'est pas", "Niveau cinq", "Aucune ligne" if lang == "fr" else "لا توجد"):  # fmt: skip
        assert part in text, part
    assert "Réhabilitation de la piste Réhabilitation" in text
    assert render_pdf(doc) == data
    # the Word writer takes the same document
    d = docx.Document(io.BytesIO(render_docx(doc)))
    body = "\n".join(p.text for p in d.paragraphs)
    assert NASTY in body and TIFINAGH in body and "contrôle caché" in body


def test_pdf_is_byte_for_byte_reproducible_with_fixed_metadata() -> None:
    doc = small_document("ar")
    first, second = render_pdf(doc), render_pdf(doc)
    assert first == second
    assert b"D:20240101" in first


# -- Word --------------------------------------------------------------------------------------------------


def docx_xml(data: bytes, part: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(part).decode()


def all_footers(data: bytes) -> str:
    return "".join(docx_xml(data, n) for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "footer" in n)


def test_french_docx_has_heading_styles_tables_toc_and_page_fields() -> None:
    data = render_docx(synthetic_document("fr", 40))
    d = docx.Document(io.BytesIO(data))
    by_style: dict[str, list[str]] = {}
    for p in d.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert "Cadre juridique et méthode" in by_style["Heading 1"]
    assert "Plan triennal budgétisé" in by_style["Heading 2"]
    assert by_style["Title"] == ["Plan d'Action de la Commune de Tafraout"]
    assert len(d.tables) >= 42
    plan = next(t for t in d.tables if t.cell(0, 0).text == "Code")
    assert len(plan.rows) == 42 and plan.cell(41, 1).text == "Total"
    head_trPr = plan.rows[0]._tr.trPr
    assert head_trPr.find(qn("w:tblHeader")) is not None and head_trPr.find(qn("w:cantSplit")) is not None
    amount = plan.cell(1, 6).paragraphs[0]
    assert amount.alignment is not None and amount.alignment.name == "RIGHT"
    assert plan.cell(41, 6).paragraphs[0].runs[0].bold
    xml = docx_xml(data)
    assert 'TOC \\o "1-2"' in xml and "w:bidi" not in xml
    footers = all_footers(data)
    assert 'w:instr=" PAGE "' in footers and 'w:instr=" NUMPAGES "' in footers
    assert '<w:updateFields w:val="true"/>' in docx_xml(data, "word/settings.xml")
    assert any("PAC · Tafraout 2022–2027" in p.text for p in d.sections[0].header.paragraphs)
    assert d.sections[0].different_first_page_header_footer
    assert len(d.inline_shapes) == 4
    assert abs(d.inline_shapes[0].width - 0.9 * (d.sections[0].page_width - d.sections[0].left_margin
                                                  - d.sections[0].right_margin)) < 5000  # fmt: skip


def test_arabic_docx_is_right_to_left_throughout() -> None:
    data = render_docx(synthetic_document("ar", 10))
    d = docx.Document(io.BytesIO(data))
    body = d.element.body
    paragraphs = body.iter(qn("w:p"))
    assert all(p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None for p in paragraphs)
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None
    tables = list(body.iter(qn("w:tbl")))
    assert tables and all(t.find(f"{qn('w:tblPr')}/{qn('w:bidiVisual')}") is not None for t in tables)
    arabic_runs = [r for r in body.iter(qn("w:r")) if re.search("[\u0600-\u06ff]", "".join(r.itertext()))]
    assert arabic_runs and all(r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for r in arabic_runs)
    styles = docx_xml(data, "word/styles.xml")
    assert 'w:cs="Arial"' in styles and "<w:szCs " in styles and 'w:bidi="ar-MA"' in styles

    # paragraphs Word makes itself (the contents' entries when it fills the field) are right to left too
    def default_bidi(doc_bytes: bytes) -> bool:
        root = docx.Document(io.BytesIO(doc_bytes)).styles.element
        return (
            root.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:bidi')}") is not None
        )

    assert default_bidi(data) and not default_bidi(render_docx(synthetic_document("fr", 1)))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert "الإطار القانوني والمنهجية" in headings
    footers = all_footers(data)
    assert "الصفحة" in footers and 'w:instr=" PAGE "' in footers


def test_docx_is_reproducible_and_dated_once() -> None:
    doc = small_document("fr")
    first = render_docx(doc)
    assert first == render_docx(doc)
    props = docx.Document(io.BytesIO(first)).core_properties
    assert props.created.year == 2024 and props.modified.year == 2024


def test_a_replaced_reference_restyles_the_document_and_a_bare_one_still_works(tmp_path: Path) -> None:
    ref = docx.Document(io.BytesIO(make_reference_docx()))
    ref.styles["Heading 1"].font.size = docx.shared.Pt(31)
    ref.sections[0].left_margin = docx.shared.Cm(4)
    custom = tmp_path / "ngo.docx"
    ref.save(custom)
    d = docx.Document(io.BytesIO(render_docx(small_document("fr"), custom)))
    assert d.styles["Heading 1"].font.size == docx.shared.Pt(31)
    assert abs(d.sections[0].left_margin - docx.shared.Cm(4)) < 1000  # twips rounding
    assert not any("reference document" in p.text for p in d.paragraphs)  # its sample text is not kept
    bare = tmp_path / "bare.docx"
    docx.Document().save(bare)  # no PAC styles at all: built-in ones stand in
    d = docx.Document(io.BytesIO(render_docx(small_document("ar"), bare)))
    assert any(p.text == "المحاور الاستراتيجية" for p in d.paragraphs)


def test_the_bundled_reference_has_every_style_the_writer_uses() -> None:
    names = {s.name for s in docx.Document(str(REFERENCE)).styles}
    assert {preferred for preferred, _ in STYLES.values()} <= names


# -- line breaking (pdf_text.wrap) ---------------------------------------------------------------------------

WRAP_WORDS = st.sampled_from(
    [
        "eau",
        "Aït",
        "n'Ouzrou",
        "(INDH)",
        "1 250 000",
        "P-07",
        "ⵜⴰⵎⴰⵣⵉⵖⵜ",
        "الماء",
        "الصالح",
        "للشرب",
        "«",
        "Réhabilitation",
        "x" * 60,
        "",
        "—",
        "\u2067المهمة\u2069",
    ]  # fmt: skip
)


@pytest.mark.parametrize("lang", ["fr", "ar"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WRAP_WORDS, max_size=40), width=st.floats(12, 170), bold=st.booleans())
def test_wrapped_lines_fit_their_width_as_fpdf2_measures_them_and_lose_nothing(
    lang: str, words: list[str], width: float, bold: bool
) -> None:
    """Each word is measured once and cached; fpdf2's own measure of each whole line is the referee."""
    pdf = DocPDF(Document(kind="pac", lang=lang, title="t", subtitle="s", running_header="h"))
    pdf.add_page()
    pdf.set_font(pdf.base_family, "B" if bold else "", pdf.body_pt)
    text = " ".join(words)
    lines = pdf.lines_of(text, width)
    assert lines
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", fonts.strip_bidi_controls(text)) or (
        fonts.needs_shaping(text) and re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
    )
    for line in lines:
        with pdf._run(line, text) as run:
            measured = FPDF.get_string_width(pdf, run)
        assert measured <= width - 2 * pdf.c_margin + 0.05 or len(run) == 1, (line, measured, width)


@needs_poppler
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_table_cells_stay_inside_their_columns_and_every_word_is_drawn(lang: str, tmp_path: Path) -> None:
    ar = lang == "ar"
    place = "أيت باها، تافراوت، إيغرم" if ar else "Aït Baha, Tafraout, Igherm, Tizourgane, Anzi"
    rows = [[f"P{i:02d}", (place + " ") * (1 + i % 3), f"{i * 1111:,}".replace(",", " ")] for i in range(30)]
    doc = Document(kind="pac", lang=lang, title="t", subtitle="s", running_header="h")
    doc.add(Table(["Code", "Localisation", "Coût"], rows, widths=[1, 3, 1.2], numeric=[False, False, True]))
    data = render_pdf(doc)
    pages = range(2, pdf_pages(data) + 1)  # the cover, then the table (no headings: no contents)
    ws = [w for p in pages for w in words(data, tmp_path, p) if w[2] > 60 and w[2] < 780]  # no header/footer
    drawn = " ".join(w[3] for w in ws)
    for code in (r[0] for r in rows):
        assert code in drawn
    # the columns, in points: the page's text width (A4, 20 mm margins) shared as the widths say
    pt = 72 / 25.4
    left, right = 20 * pt, (210 - 20) * pt
    assert all(left - 0.5 <= w[0] and w[1] <= right + 0.5 for w in ws)
    # a cell's words never cross into the next column: the codes' column holds only codes
    code_col = [w for w in ws if re.fullmatch(r"P\d\d", w[3])]
    others = [w for w in ws if not re.fullmatch(r"P\d\d|Code", w[3])]
    if ar:
        assert min(c[0] for c in code_col) > max(o[1] for o in others)
    else:
        assert max(c[1] for c in code_col) < min(o[0] for o in others)


_UPDATE_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdateToPdf(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(inUrl, "_blank", 0, args())
  For i = 0 To oDoc.getDocumentIndexes().getCount() - 1
    oDoc.getDocumentIndexes().getByIndex(i).update()
  Next i
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = "FilterName"
  f(0).Value = "writer_pdf_Export"
  oDoc.storeToURL(outUrl, f())
  oDoc.close(True)
End Sub
</script:module>
"""


@needs_poppler
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice absent (apt install libreoffice-writer-nogui)"
)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_word_contents_field_lists_every_heading_with_its_page_once_updated(
    lang: str, tmp_path: Path
) -> None:
    """Word fills the contents field when the file opens (w:updateFields); LibreOffice does not, so here
    LibreOffice is told to update it, as Word would, and the result is read back."""
    doc = synthetic_document(lang, 1)
    src = tmp_path / "doc.docx"
    src.write_bytes(render_docx(doc))
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--terminate_after_init"],
        capture_output=True,
        timeout=180,
    )
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.parent.exists():
        pytest.skip("LibreOffice did not create its profile")
    module.write_text(_UPDATE_MACRO, encoding="utf-8")
    out = tmp_path / "doc.pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            f'macro:///Standard.Module1.UpdateToPdf("file://{src}","file://{out}")',
        ],  # fmt: skip
        capture_output=True,
        timeout=180,
    )
    assert out.exists()
    data = out.read_bytes()
    contents = pdf_text(data, tmp_path, "-layout", "-f", "2", "-l", "3")
    entries = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level <= 2]
    # the dot leader and the page (before the dots once pdftotext has reordered a right-to-left line)
    dotted = [m for m in (re.search(r"(\d+)\.{5,}|\.{5,}\W*(\d+)", ln) for ln in contents.splitlines()) if m]
    assert len(dotted) >= len(entries), contents[:1500]
    pages = [int(m.group(1) or m.group(2)) for m in dotted]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert (
        pages == sorted(pages)
        and pages[0] >= 3
        and pages[-1] <= int(re.search(r"Pages:\s+(\d+)", info).group(1))
    )
    if lang == "ar":  # pdftotext gives LibreOffice's Arabic ligatures in another order: pages only
        return
    for text in (b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1):
        line = next((ln for ln in contents.splitlines() if flat(text) in flat(ln)), None)
        assert line is not None, text
        page = int(re.search(r"(\d+)\s*$", line.strip()).group(1))
        assert flat(text) in flat(pdf_text(data, tmp_path, "-f", str(page), "-l", str(page))), (text, page)


@needs_poppler
@pytest.mark.parametrize("rows", [25, 26, 27, 64, 65, 103])
def test_a_table_never_leaves_one_or_two_rows_alone_on_its_last_page(rows: int, tmp_path: Path) -> None:
    """Whatever the number of rows, the last page of a long table holds at least three (a total row
    always has company), and every row is drawn once under a header repeated on each page."""
    doc = small_document("fr", rows=0)
    body = [[f"ligne {i}", str(i)] for i in range(rows - 1)] + [["Total", "999"]]
    doc.add(Table(["Entête-répétée", "Montant"], body, numeric=[False, True], total_rows=1))
    data = render_pdf(doc)
    pages = [pdf_text(data, tmp_path, "-f", str(p), "-l", str(p)) for p in range(1, pdf_pages(data) + 1)]
    with_table = [p for p in pages if "Entête-répétée" in p]
    assert sum(len(re.findall(r"ligne \d+\b", p)) for p in with_table) == rows - 1
    last = with_table[-1]
    assert len(re.findall(r"ligne \d+\b", last)) + last.count("Total") >= 3 or len(with_table) == 1


@needs_poppler
def test_a_heading_and_an_introduction_stay_with_the_table_they_announce(tmp_path: Path) -> None:
    """Wherever the page ends, « Titre annoncé » and its one-line introduction are on the page where the
    table's header is (never alone at the foot of the page above)."""
    for filler in range(18, 32):  # seven millimetres each: the heading lands all down the first page
        doc = Document(kind="pac", lang="fr", title="t", subtitle="s", running_header="h")
        doc.add(Heading("Chapitre", 1), *[Paragraph(f"Ligne de remplissage {k}.") for k in range(filler)])
        doc.add(Heading("Titre annoncé", 2), Paragraph("Méthode : points · bulletins : 25.", "note"))
        doc.add(Table(["Entête-du-tableau", "Valeur"], [["une\nligne\nhaute\nde\ncinq", "1"], ["b", "2"]]))
        data = render_pdf(doc)
        pages = [pdf_text(data, tmp_path, "-f", str(p), "-l", str(p)) for p in range(1, pdf_pages(data) + 1)]
        [where] = [p for p in pages[2:] if "Titre annoncé" in p]  # after the cover and the contents
        assert "Méthode : points" in where and "Entête-du-tableau" in where, filler
        # the same without a heading: the introduction alone goes with its table
        doc = Document(kind="pac", lang="fr", title="t", subtitle="s", running_header="h")
        doc.add(*[Paragraph(f"Ligne de remplissage {k}.") for k in range(filler + 2)])
        doc.add(Paragraph("Introduction seule : voici."))
        doc.add(Table(["Second-entête", "Valeur"], [["une\nligne\nhaute\nde\ncinq", "1"], ["b", "2"]]))
        data = render_pdf(doc)
        pages = [pdf_text(data, tmp_path, "-f", str(p), "-l", str(p)) for p in range(1, pdf_pages(data) + 1)]
        [where] = [p for p in pages if "Introduction seule" in p]
        assert "Second-entête" in where, filler
