"""Time and peak memory of the two document writers (PDF, Word), French and Arabic, demo scale and 5×.

    python bench/documents_writers.py [--runs 3] [--scales 1,5] [--profile pdf-ar]

Builds synthetic Documents shaped like the PAC document (cover, legal framework, mission and vision, axes,
the list of projects, the budgeted triennial plan, four charts, one project sheet per project, the
workshop record): 40 projects at demo scale, 200 at 5×.  Beside them, in the same run, the issue's bare
fpdf2 reference (60 paragraphs and a 44-row table, French without shaping, French with shaping, Arabic
with shaping), so the figures can be read against this machine's speed of the moment.

`synthetic_document` is also what tests/test_document_writers.py renders.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from pac.exports.documents.model import (  # noqa: E402
    Bullets,
    Document,
    Figure,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    Table,
)

DOUARS_FR = ("Tafraout", "Aït Baha", "Igherm", "Tizourgane", "Anzi", "Tighmi", "Ida Ougnidif", "Amanouz")
DOUARS_AR = ("تافراوت", "أيت باها", "إيغرم", "تيزورغان", "أنزي", "تيغمي", "إدا وكنيضيف", "أمانوز")
PROJECTS_FR = (
    "Adduction d'eau potable du douar {d}",
    "Aménagement de la piste rurale reliant {d} à la route provinciale",
    "Construction d'un foyer féminin à {d}",
    "Éclairage public du centre de {d}",
    "Réhabilitation du dispensaire de {d}",
    "Assainissement liquide du douar {d}",
    "Coopérative d'argan des femmes de {d} : unité de valorisation",
)
PROJECTS_AR = (
    "تزويد دوار {d} بالماء الصالح للشرب",
    "تهيئة المسلك القروي الرابط بين {d} والطريق الإقليمية",
    "بناء دار المرأة في {d}",
    "الإنارة العمومية لمركز {d}",
    "إعادة تأهيل المستوصف الصحي في {d}",
    "التطهير السائل لدوار {d}",
    "وحدة تثمين منتوج الأركان لتعاونية نساء {d}",
)
AXES_FR = ("Infrastructures de base", "Développement économique local", "Services sociaux", "Gouvernance")
AXES_AR = ("البنيات التحتية الأساسية", "التنمية الاقتصادية المحلية", "الخدمات الاجتماعية", "الحكامة")
FUNDERS = ("Commune", "INDH", "FDR", "Conseil provincial", "ONEE", "ABH Souss-Massa")

BODY_FR = (
    "Le diagnostic participatif a fait ressortir un déficit d'accès à l'eau potable dans les douars de montagne, "
    "une forte émigration des jeunes hommes vers Agadir et l'étranger, et un potentiel réel autour de l'argan, "
    "de l'amande et du tourisme rural. Les femmes ont demandé en priorité des foyers féminins et le transport "
    "scolaire des filles (ONEE, INDH, code P-07, 1 250 000 MAD)."
)
BODY_AR = (
    "أبرز التشخيص التشاركي خصاصا في الولوج إلى الماء الصالح للشرب في الدواوير الجبلية، وهجرة قوية للشباب نحو "
    "أكادير والخارج، وإمكانات حقيقية في مجال الأركان واللوز والسياحة القروية. وطالبت النساء بالأولوية بدور المرأة "
    "والنقل المدرسي للفتيات (ONEE و INDH، الرمز P-07، 1 250 000 درهم)."
)


def _fmt(n: float) -> str:
    return f"{n:,.0f}".replace(",", "\u202f")


def chart_png(seed: int, width: int = 1400, height: int = 800) -> bytes:
    """A bar chart's PNG of the size plotly renders (the writers only place it)."""
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    for i in range(12):
        h = 100 + ((seed * 37 + i * 53) % 600)
        x = 80 + i * 105
        draw.rectangle([x, height - 60 - h, x + 70, height - 60], fill=(0, 94 + i * 8, 110))
    draw.line([60, height - 60, width - 40, height - 60], fill="black", width=3)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def synthetic_document(lang: str = "fr", projects: int = 40, charts: int = 4) -> Document:
    """A PAC document of `projects` projects in `lang` with `charts` figures."""
    ar = lang == "ar"
    douars = DOUARS_AR if ar else DOUARS_FR
    titles = PROJECTS_AR if ar else PROJECTS_FR
    axes = AXES_AR if ar else AXES_FR
    body = BODY_AR if ar else BODY_FR
    doc = Document(
        kind="pac",
        lang=lang,
        title="برنامج عمل جماعة تافراوت" if ar else "Plan d'Action de la Commune de Tafraout",
        subtitle="2022 – 2027",
        running_header="برنامج عمل الجماعة · تافراوت 2022–2027" if ar else "PAC · Tafraout 2022–2027",
        cover_lines=["إقليم تيزنيت – جهة سوس ماسة", "نسخة 1"]
        if ar
        else ["Province de Tiznit – Région Souss-Massa", "Version 1"],
        toc_title="الفهرس" if ar else "Sommaire",
    )
    doc.add(Heading("الإطار القانوني والمنهجية" if ar else "Cadre juridique et méthode", 1))
    for _ in range(6):
        doc.add(Paragraph(body))
    doc.add(Heading("المشاركون" if ar else "Participants", 2))
    doc.add(
        Table(
            columns=["الفئة", "نساء", "رجال", "المجموع"] if ar else ["Rôle", "Femmes", "Hommes", "Total"],
            rows=[
                ["منتخبون" if ar else "Élus", "4", "19", "23"],
                ["IEEAG", "6", "3", "9"],
                ["∑", "10", "22", "32"],
            ],
            widths=[3, 1, 1, 1],
            numeric=[False, True, True, True],
            total_rows=1,
        )
    )
    doc.add(Heading("الرسالة والرؤية والقيم" if ar else "Mission, vision et valeurs", 1))
    doc.add(Paragraph(body, "quote"), Paragraph(body), Bullets([body[:80], body[40:140], body[:60]]))
    doc.add(
        Paragraph("لم تسجل القيم بعد." if ar else "Les valeurs ne sont pas encore enregistrées.", "missing")
    )
    doc.add(Heading("المحاور الاستراتيجية والأهداف" if ar else "Axes stratégiques et objectifs", 1))
    for i, axis in enumerate(axes, 1):
        doc.add(Heading(f"{i}. {axis}", 2), Paragraph(body), Bullets([f"{axis} — {j}" for j in range(1, 4)]))
    doc.add(Heading("لائحة المشاريع" if ar else "Liste des projets", 1))
    rows = []
    total = [0, 0, 0]
    for p in range(projects):
        title = titles[p % len(titles)].format(d=douars[p % len(douars)])
        years = [((p * 7919) % 900 + 100) * 1000 * (y + 1) for y in range(3)]
        total = [a + b for a, b in zip(total, years, strict=True)]
        rows.append(
            [f"P-{p + 1:03d}", title, axes[p % len(axes)], *(_fmt(v) for v in years), _fmt(sum(years))]
        )
    rows.append(["", "المجموع" if ar else "Total", "", *(_fmt(v) for v in total), _fmt(sum(total))])
    cols = (
        ["الرمز", "المشروع", "المحور", "2025", "2026", "2027", "المجموع (درهم)"]
        if ar
        else ["Code", "Projet", "Axe", "2025", "2026", "2027", "Total (MAD)"]
    )
    doc.add(Heading("المخطط الثلاثي المبرمج" if ar else "Plan triennal budgétisé", 2))
    doc.add(
        Table(
            cols,
            rows,
            widths=[1, 4, 2.2, 1.4, 1.4, 1.4, 1.6],
            numeric=[False] * 3 + [True] * 4,
            total_rows=1,
            caption="المبالغ بالدرهم" if ar else "Montants en dirhams",
        )
    )
    doc.add(Heading("الرسوم البيانية" if ar else "Graphiques", 2))
    for c in range(charts):
        doc.add(Figure(chart_png(c), caption=f"{'الرسم' if ar else 'Figure'} {c + 1}", width_ratio=0.9))
    doc.add(Heading("بطاقات المشاريع" if ar else "Annexe : fiches projet", 1))
    for p in range(projects):
        title = titles[p % len(titles)].format(d=douars[p % len(douars)])
        doc.add(Heading(f"P-{p + 1:03d} {title}", 2))
        doc.add(
            KeyValues(
                [
                    ("المحور" if ar else "Axe", axes[p % len(axes)]),
                    ("الموقع" if ar else "Localisation", douars[p % len(douars)]),
                    (
                        "الكلفة" if ar else "Coût",
                        _fmt(((p * 7919) % 900 + 100) * 6000) + (" درهم" if ar else " MAD"),
                    ),
                    ("صاحب المشروع" if ar else "Maître d'ouvrage", FUNDERS[p % len(FUNDERS)]),
                    ("الشركاء" if ar else "Partenaires", ", ".join(FUNDERS[1:4])),
                    ("النتائج المنتظرة" if ar else "Résultats attendus", body[:120]),
                ]
            )
        )
        doc.add(Paragraph(body, "note"))
    doc.add(PageBreak())
    doc.add(Heading("محضر الورشة" if ar else "Compte rendu d'atelier", 1), Paragraph(body))
    return doc


def bare_fpdf2(lang: str, shaping: bool) -> bytes:
    """The issue's reference: bare fpdf2, 60 paragraphs and a 44-row table."""
    from fpdf import FPDF

    from pac.exports.documents.fonts import font_path

    pdf = FPDF()
    family = "amiri" if lang == "ar" else "dejavu"
    pdf.add_font(family, "", str(font_path(family)))
    pdf.add_font(family, "B", str(font_path(family, "B")))
    if shaping:
        pdf.set_text_shaping(True, direction="rtl" if lang == "ar" else "ltr")
    pdf.set_font(family, "", 11)
    pdf.add_page()
    text = BODY_AR if lang == "ar" else BODY_FR
    for _ in range(60):
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for r in range(44):
            row = table.row()
            for c in range(5):
                row.cell(f"{text[:20]} {r}.{c}")
    return bytes(pdf.output())


def _measure(fn, runs: int) -> tuple[float, float, float]:
    """(median wall s, median CPU s, peak MiB of one more run).  CPU time is the steadier figure on the
    shared 2-core machine, where other test suites run at the same time."""
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(walls), statistics.median(cpus), peak / 2**20


def main() -> None:
    from pac.exports.documents.docx_writer import render_docx
    from pac.exports.documents.pdf_writer import render_pdf

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scales", default="1,5")
    ap.add_argument(
        "--profile", default="", help="pdf-fr, pdf-ar, docx-fr or docx-ar: cProfile one demo render"
    )
    args = ap.parse_args()
    if args.profile:
        fmt, lang = args.profile.split("-")
        doc = synthetic_document(lang, 40)
        fn = render_pdf if fmt == "pdf" else render_docx
        fn(doc)  # warm: fonts parsed, modules imported
        prof = cProfile.Profile()
        prof.runcall(fn, doc)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return

    print(f"{'case':48} {'wall s':>7} {'CPU s':>6} {'peak MiB':>9} {'pages, size':>13}")
    for lang, shaping in (("fr", False), ("fr", True), ("ar", True)):
        wall, cpu, peak = _measure(lambda lang=lang, shaping=shaping: bare_fpdf2(lang, shaping), args.runs)
        label = f"bare fpdf2 {lang} shaping {'on' if shaping else 'off'} (60 par., 44 rows)"
        print(f"{label:48} {wall:7.2f} {cpu:6.2f} {peak:9.1f}", flush=True)
    for scale in (int(s) for s in args.scales.split(",")):
        for lang in ("fr", "ar"):
            doc = synthetic_document(lang, 40 * scale)
            for fmt, fn in (("pdf", render_pdf), ("docx", render_docx)):
                out = fn(doc)
                wall, cpu, peak = _measure(lambda fn=fn, doc=doc: fn(doc), args.runs)
                size = f"{len(out) // 1024} KB"
                if fmt == "pdf":
                    size = f"{out.count(b'/Type /Page') - out.count(b'/Type /Pages')} p, {size}"
                label = f"PAC {fmt} {lang} ×{scale} ({40 * scale} projects, 4 charts)"
                print(f"{label:48} {wall:7.2f} {cpu:6.2f} {peak:9.1f} {size:>13}", flush=True)


if __name__ == "__main__":
    main()
