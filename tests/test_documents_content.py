"""The deliverables' content, read on the Document model built from the demo commune (no renderer): titles,
the plan's totals, the missing parts said aloud, Arabic, and text typed by users kept intact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from pac.db import Database
from pac.domain import plan as budget
from pac.domain.errors import DomainError
from pac.exports.documents.model import Bullets, Document, Heading, KeyValues, Paragraph, Table
from pac.i18n import t
from pac.models import Commune, Project
from pac.services import communes, documents, plan
from pac.services.demo import DEMO_SLUG

KINDS = ("synthese", "diagnostic", "pac", "suivi", "atelier")


def texts(doc: Document) -> Iterator[str]:
    """Every text of the document, in reading order."""
    yield from (doc.title, doc.subtitle, *doc.cover_lines)
    for b in doc.blocks:
        if isinstance(b, (Heading, Paragraph)):
            yield b.text
        elif isinstance(b, Bullets):
            yield from b.items
        elif isinstance(b, KeyValues):
            for k, v in b.rows:
                yield k
                yield v
        elif isinstance(b, Table):
            yield from b.columns
            for row in b.rows:
                yield from row
            yield b.caption


def all_text(doc: Document) -> str:
    return "\n".join(texts(doc))


def table_after(doc: Document, heading: str) -> Table:
    seen = False
    for b in doc.blocks:
        if isinstance(b, Heading) and b.text == heading:
            seen = True
        elif seen and isinstance(b, Table):
            return b
    raise AssertionError(f"no table after {heading!r}")


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_document_builds_in_both_languages_with_no_untranslated_key(
    demo_db: Database, kind: str, lang: str
) -> None:
    doc = documents.build(demo_db, DEMO_SLUG, kind, lang)
    assert doc.title == t(f"docs.kind.{kind}", lang)
    assert doc.rtl is (lang == "ar")
    text = all_text(doc)
    for prefix in ("docs.", "plan.col.", "diag.fin.", "vocab.", "subsidiarity.", "bilingual."):
        assert f"\n{prefix}" not in text and not text.startswith(prefix), prefix
    # A heading is never left blank: each is followed by something before the next heading of its level.
    for i, b in enumerate(doc.blocks[:-1]):
        if isinstance(b, Heading):
            nxt = doc.blocks[i + 1]
            assert not (isinstance(nxt, Heading) and nxt.level <= b.level), b.text


def test_pac_document_gives_the_triennial_totals_of_the_plan_service(demo_db: Database) -> None:
    doc = documents.build(demo_db, DEMO_SLUG, "pac", "fr")
    cid = communes.get_commune(demo_db, DEMO_SLUG).id
    board = plan.load_board(demo_db, communes.get_current_plan(demo_db, cid).id)
    money = table_after(doc, t("docs.h.triennial_money", "fr"))
    total = money.rows[-1]
    assert money.total_rows == 1 and total[0] == "Total"
    expected = sum(p.budget.total_cost for p in board.retained)
    assert money.caption == t("docs.amounts_kdh", "fr")  # thousands of DH: one line per amount
    assert total[1] == f"{expected / 1000:,.0f}".replace(",", "\u202f")
    # Year 1 total equals the sum of the retained projects' year-1 costs (pac.domain.plan).
    y1 = budget.cost_by_year(board.budgets(), board.years)[board.years[0]]
    assert total[2] == f"{y1 / 1000:,.0f}".replace(",", "\u202f")

    # every amount of that table is in thousands: for each project, commune + other partners + unfunded gap
    # make its total cost (to the rounding of each figure), and a column's total is the sum of its rows
    def k(cell: str) -> float:
        return float(cell.replace("\u202f", "").replace("\u00a0", "").replace(" ", "") or 0)

    head = money.columns
    col = {name: head.index(name) for name in head}
    share, others, gap = (
        col[t("plan.col.commune_share", "fr")],
        col[t("docs.col.partners", "fr")],
        col[t("plan.col.gap", "fr")],
    )
    assert head[1] == t("docs.col.total_cost", "fr") and "(DH)" not in " ".join(head)
    for row in money.rows[:-1]:
        assert abs(k(row[1]) - (k(row[share]) + k(row[others]) + k(row[gap]))) <= 2, row
    for j in range(1, len(head)):
        assert abs(k(total[j]) - sum(k(r[j]) for r in money.rows[:-1])) <= len(money.rows), head[j]
    # The capacity table has one row per plan year, from the same balances as the plan page.
    cap = table_after(doc, t("docs.h.capacity", "fr"))
    assert len(cap.rows) == len(board.years)
    # Every retained project has its fiche, titled with its code and title.
    headings = {b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2}
    for p in board.retained:
        assert f"{p.code} · {p.title}" in headings


def test_arabic_document_shows_french_only_texts_isolated_and_marked(demo_db: Database) -> None:
    with demo_db.write() as s:
        p = s.scalar(select(Project).where(Project.code == "P01"))
        p.title_ar = "تزويد 9 دواوير بالماء الصالح للشرب"
        other = s.scalar(select(Project).where(Project.code == "P03"))
        other.title_ar = ""
        french_only = other.title
    doc = documents.build(demo_db, DEMO_SLUG, "pac", "ar")
    text = all_text(doc)
    assert "P01 · تزويد 9 دواوير بالماء الصالح للشرب" in text
    assert f"\u2068{french_only}\u2069 {t('bilingual.fallback.fr', 'ar')}" in text
    assert t("docs.h.triennial", "ar") in text


NASTY = ('Piste "Tafoukt" & <b>Igherm</b> **gras** # titre [lien](http://x) ⵜⴰⵎⴰⵣⵉⵖⵜ ' + "très long " * 28)[
    :300
].strip()


def test_text_typed_by_users_comes_out_intact(demo_db: Database) -> None:
    with demo_db.write() as s:
        p = s.scalar(select(Project).where(Project.code == "P01"))
        p.title = NASTY
    doc = documents.build(demo_db, DEMO_SLUG, "pac", "fr")
    assert f"P01 · {NASTY}" in {b.text for b in doc.blocks if isinstance(b, Heading)}  # its fiche
    listed = table_after(doc, t("docs.h.projects", "fr"))
    assert NASTY in [row[1] for row in listed.rows]


def test_a_commune_without_anything_says_what_is_missing(catalogued_db: Database) -> None:
    c = communes.create_commune(catalogued_db, {"name_fr": "Commune vide", "province": "Tiznit"})
    for kind in KINDS:
        doc = documents.build(catalogued_db, c.slug, kind, "fr")
        missing = [b for b in doc.blocks if isinstance(b, Paragraph) and b.style == "missing"]
        assert missing, kind
    doc = documents.build(catalogued_db, c.slug, "synthese", "fr")
    assert t("docs.missing.findings", "fr") in all_text(doc)
    assert t("docs.cover.no_plan", "fr") in doc.subtitle


def test_bad_requests_are_refused_in_french() -> None:
    with pytest.raises(DomainError, match="Document inconnu"):
        documents.check_request("budget", "pdf", "fr")
    with pytest.raises(DomainError, match="se produit en xlsx"):
        documents.check_request("plan", "pdf", "fr")
    with pytest.raises(DomainError, match="pdf ou docx"):
        documents.check_request("pac", "xlsx", "fr")
    with pytest.raises(DomainError, match="Langue inconnue"):
        documents.check_request("pac", "pdf", "en")


def test_produce_writes_under_exports_and_lists_it(
    demo_db: Database, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAC_EXPORTS_DIR", str(tmp_path))
    made = documents.produce(demo_db, DEMO_SLUG, "plan", "xlsx", "fr")
    assert made.path == tmp_path / DEMO_SLUG / f"plan-{DEMO_SLUG}-fr.xlsx"
    assert made.path.read_bytes() == made.data
    listed = documents.last_produced(DEMO_SLUG)
    assert [(f.kind, f.lang, f.fmt) for f in listed] == [("plan", "fr", "xlsx")]
    assert documents.read_produced(DEMO_SLUG, made.name) == made.data
    with demo_db.read() as s:  # nothing was written to the database
        assert s.scalar(select(Commune.slug).where(Commune.slug == DEMO_SLUG)) == DEMO_SLUG


def test_a_chart_that_cannot_be_drawn_is_said_not_left_blank(demo_db: Database) -> None:
    from pac.exports.documents.model import Figure

    def draws_nothing(figures):  # type: ignore[no-untyped-def]  # a renderer without a browser
        return {}

    doc = documents.build(demo_db, DEMO_SLUG, "pac", "fr", draws_nothing)
    assert not [b for b in doc.blocks if isinstance(b, Figure)]
    said = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.style == "missing"]
    assert t("docs.chart_failed", "fr", caption=t("docs.fig.gantt", "fr")) in said


def test_revised_diagnostic_lists_what_the_workshop_changed(demo_db: Database) -> None:
    from pac.services import swot

    cid = communes.get_commune(demo_db, DEMO_SLUG).id
    pid = communes.get_current_plan(demo_db, cid).id
    first, second = swot.list_items(demo_db, pid)[:2]
    numbers = {"fr": first.number, "ar": swot.list_items(demo_db, pid, "ar")[0].number}  # F1, ق1
    swot.update_item(demo_db, first.id, {"quadrant": "W"}, user="animatrice")
    swot.delete_item(demo_db, second.id, user="animatrice")
    for lang in ("fr", "ar"):
        doc = documents.build(demo_db, DEMO_SLUG, "diagnostic", lang)
        log = table_after(doc, t("docs.h.revision_log", lang))
        assert [row[2] for row in log.rows] == [t("docs.action.update", lang), t("docs.action.delete", lang)]
        assert all(row[4] == "animatrice" for row in log.rows)
        assert numbers[lang] in log.rows[0][3]  # the trail's own summary, in the document's language
        assert t("docs.missing.revision", lang) not in all_text(doc)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_demo_documents_are_written_wholly_in_their_language(demo_db: Database, lang: str) -> None:
    """Every text of the demo commune exists in both languages: no document of it falls back on the other
    language's version (owner, units, sources, responsible bodies, organisations, places, key figures
    included), and no code of a closed list is printed instead of its label."""
    other = "fr" if lang == "ar" else "ar"
    marker = t(f"bilingual.fallback.{other}", lang)
    for kind in KINDS:
        text = all_text(documents.build(demo_db, DEMO_SLUG, kind, lang))
        assert marker not in text, (kind, text[text.index(marker) - 200 : text.index(marker) + 20])
        for code in ("elected", "state_service", "civil_society", "diaspora"):
            assert f"\n{code}\n" not in f"\n{text}\n", (kind, code)


def test_arabic_documents_name_the_province_and_region_in_arabic(demo_db: Database) -> None:
    doc = documents.build(demo_db, DEMO_SLUG, "synthese", "ar")
    text = all_text(doc)
    assert "تيزنيت" in text and "سوس ماسة" in text
    assert "Tiznit" not in text and "Souss-Massa" not in text
    fr = all_text(documents.build(demo_db, DEMO_SLUG, "synthese", "fr"))
    assert "Tiznit" in fr and "Souss-Massa" in fr
