"""A follow-up committee member's name (or function) and a douar's fraction in French and in Arabic: the
services keep both and refuse a bad version by name, saving nothing; the commune workbook carries them
(`comite_suivi.nom_ar`, `douars.fraction_ar`) and an older workbook without them still imports; the
translation view lists them; the Arabic M&E document and the Arabic synthesis show the Arabic ones (text
read back from the PDF and from the Word file); the pages show both columns, the reader's first."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bench.plan import seed_plan
from pac.db import Database
from pac.domain.errors import DomainError
from pac.domain.validate import in_lang
from pac.models import Douar, MeCommitteeMember
from pac.services import communes, diagnostic, documents, monitoring, translation, workbook
from pac.services.demo import DEMO_SLUG
from tests.seeded_commune import call, serve_seeded_commune

VICE_FR, VICE_AR = "Vice-président chargé de la planification", "نائب الرئيس المكلف بالتخطيط"
OUZROU_FR, OUZROU_AR = "Aït Ouzrou", "آيت أوزرو"
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def seeded(catalogued_db: Database) -> tuple[Database, int, int]:
    cid, pid = seed_plan(catalogued_db, projects=8, fundings=12, indicators=2, tracking=False)
    diagnostic.save_douars(
        catalogued_db, cid, [{"name": "Tafoukt", "population": 820}, {"name": "Ifri", "population": 310}]
    )
    return catalogued_db, cid, pid


def _members(db: Database, plan_id: int) -> list[tuple[Any, ...]]:
    with db.read() as s:
        rows = s.scalars(
            select(MeCommitteeMember)
            .where(MeCommitteeMember.plan_id == plan_id)
            .order_by(MeCommitteeMember.id)
        )
        return [(m.name, m.name_ar, m.role, m.organisation, m.organisation_ar) for m in rows]


def _douars(db: Database, commune_id: int) -> list[tuple[Any, ...]]:
    with db.read() as s:
        rows = s.scalars(select(Douar).where(Douar.commune_id == commune_id).order_by(Douar.id))
        return [(d.id, d.name, d.name_ar, d.fraction, d.fraction_ar, d.population) for d in rows]


# --------------------------------------------------------------------------- services


def test_a_members_name_is_kept_in_both_languages_and_either_alone(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    monitoring.save_committee(
        db,
        pid,
        [
            {"name": VICE_FR, "name_ar": VICE_AR, "role": "elected", "sex": "m"},
            {"name": "", "name_ar": "رئيسة هيئة المساواة", "role": "ieeag", "sex": "f"},  # Arabic only
            {"name": "Directeur des services", "role": "staff"},  # French only
        ],
    )
    committee = monitoring.load_system(db, pid).committee
    assert [(m.name, m.name_ar) for m in committee] == [
        (VICE_FR, VICE_AR),
        ("", "رئيسة هيئة المساواة"),
        ("Directeur des services", ""),
    ]


@pytest.mark.parametrize(
    ("row", "lang", "field"),
    [
        ({"name": "Omar", "name_ar": "ع" * 201, "role": "staff"}, "fr", "Nom (arabe)"),
        ({"name": "O" * 201, "role": "staff"}, "fr", "Nom (français)"),
        ({"name_ar": "<b>عمر</b>", "role": "staff"}, "fr", "Nom (arabe)"),
        ({"name": "Omar", "name_ar": "ع" * 201, "role": "staff"}, "ar", "الاسم (بالعربية)"),
    ],
)
def test_a_bad_name_is_refused_by_its_version_and_nothing_is_saved(seeded, row, lang, field) -> None:  # type: ignore[no-untyped-def]
    db, _, pid = seeded
    monitoring.save_committee(db, pid, [{"name": VICE_FR, "name_ar": VICE_AR, "role": "elected"}])
    before = _members(db, pid)
    with pytest.raises(DomainError) as e:
        monitoring.save_committee(
            db, pid, [{"name": "Khadija", "name_ar": "خديجة", "role": "ieeag"}, row], lang=lang
        )
    assert {(p.row, p.field) for p in e.value.problems} == {(2, field)}, e.value.messages
    assert _members(db, pid) == before


def test_a_douars_fraction_is_kept_in_both_languages(seeded) -> None:  # type: ignore[no-untyped-def]
    db, cid, _ = seeded
    rows = diagnostic.douars_frame(db, cid).to_dict("records")
    assert rows and "fraction_ar" in rows[0]
    rows[0].update(fraction=OUZROU_FR, fraction_ar=OUZROU_AR)
    rows[1].update(fraction="", fraction_ar="آيت تالا")  # Arabic only
    diagnostic.save_douars(db, cid, rows)
    frame = diagnostic.douars_frame(db, cid).set_index("id")
    assert tuple(frame.loc[rows[0]["id"], ["fraction", "fraction_ar"]]) == (OUZROU_FR, OUZROU_AR)
    assert tuple(frame.loc[rows[1]["id"], ["fraction", "fraction_ar"]]) == ("", "آيت تالا")
    # saved again as read (the grid's round trip): the same table
    again = diagnostic.douars_frame(db, cid)
    diagnostic.save_douars(db, cid, again.to_dict("records"))
    assert diagnostic.douars_frame(db, cid).equals(again)


@pytest.mark.parametrize(
    ("change", "field", "field_ar"),
    [
        ({"fraction_ar": "ف" * 201}, "Fraction (arabe)", "الفخذة (بالعربية)"),
        ({"fraction": "F" * 201}, "Fraction (français)", "الفخذة (بالفرنسية)"),
        ({"fraction_ar": "<script>1</script>"}, "Fraction (arabe)", "الفخذة (بالعربية)"),
    ],
)
def test_a_bad_fraction_is_refused_by_its_version_and_nothing_is_saved(
    seeded, change, field, field_ar
) -> None:  # type: ignore[no-untyped-def]
    db, cid, _ = seeded
    rows = diagnostic.douars_frame(db, cid).to_dict("records")
    rows[0].update(fraction=OUZROU_FR, fraction_ar=OUZROU_AR)
    diagnostic.save_douars(db, cid, rows)
    before = _douars(db, cid)
    rows = diagnostic.douars_frame(db, cid).to_dict("records")
    rows[0]["population"] = 999  # a good change beside the bad one: not saved either
    rows[1].update(change)
    with pytest.raises(DomainError) as e:
        diagnostic.save_douars(db, cid, rows)
    assert [(p.row, p.field) for p in e.value.problems] == [(2, field)], e.value.messages
    # the grid says it to an Arabic reader in Arabic, the field and its version included
    said = in_lang(e.value.problems[0], "ar")
    assert said.field == field_ar and said.lang == "ar", said
    assert _douars(db, cid) == before


# --------------------------------------------------------------------------- the commune workbook


def test_the_workbook_carries_both_versions_and_an_older_one_still_imports(
    demo_db: Database, catalogued_db: Database
) -> None:
    book = json.loads(workbook.export_workbook(demo_db, DEMO_SLUG, "json"))
    douars, members = book["sheets"]["douars"], book["sheets"]["comite_suivi"]
    assert list(douars[0])[list(douars[0]).index("fraction") + 1] == "fraction_ar"
    assert list(members[0])[list(members[0]).index("nom") + 1] == "nom_ar"
    assert {(d["fraction"], d["fraction_ar"]) for d in douars} >= {(OUZROU_FR, OUZROU_AR)}
    assert all(d["fraction_ar"] for d in douars) and all(m["nom_ar"] for m in members)
    assert (VICE_FR, VICE_AR) in {(m["nom"], m["nom_ar"]) for m in members}

    # into another database, and back out: the same sheets
    data = json.dumps(book, ensure_ascii=False).encode("utf-8")
    workbook.import_workbook(catalogued_db, data, "json", backup=False)
    again = json.loads(workbook.export_workbook(catalogued_db, DEMO_SLUG, "json"))
    assert again["sheets"]["douars"] == douars and again["sheets"]["comite_suivi"] == members

    # a workbook written before these columns existed: imported, the Arabic versions empty
    for d in book["sheets"]["douars"]:
        del d["fraction_ar"]
    for m in book["sheets"]["comite_suivi"]:
        del m["nom_ar"]
    # (one fraction and one name typed in Arabic in the single column: each filed by its script)
    book["sheets"]["douars"][-1]["fraction"] = "آيت أوفلا"
    book["sheets"]["comite_suivi"][-1]["nom"] = "ممثلة جمعيات مغاربة العالم"
    data = json.dumps(book, ensure_ascii=False).encode("utf-8")
    workbook.import_workbook(catalogued_db, data, "json", replace=True, backup=False)
    cid = communes.get_commune(catalogued_db, DEMO_SLUG).id
    assert {(d[3], d[4]) for d in _douars(catalogued_db, cid)} == {
        (OUZROU_FR, ""),
        ("Aït Tala", ""),
        ("Aït Argane", ""),
        ("Aït Oufella", ""),
        ("", "آيت أوفلا"),
    }
    with catalogued_db.read() as s:
        names = s.execute(select(MeCommitteeMember.name, MeCommitteeMember.name_ar)).tuples().all()
    assert (VICE_FR, "") in names and ("", "ممثلة جمعيات مغاربة العالم") in names
    assert sum(1 for _, ar in names if ar) == 1


def test_the_excel_workbook_has_the_two_new_columns(demo_db: Database) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook.export_workbook(demo_db, DEMO_SLUG, "xlsx")))

    def header(sheet: str) -> list[str]:
        ws = book[sheet]
        for row in ws.iter_rows(max_row=5, values_only=True):
            if "commune" in row or "plan" in row:
                return [str(x) for x in row if x is not None]
        raise AssertionError(sheet)

    douars, members = header("douars"), header("comite_suivi")
    assert douars[douars.index("fraction") + 1] == "fraction_ar"
    assert members[members.index("nom") + 1] == "nom_ar"


# --------------------------------------------------------------------------- the translation view


def test_the_translation_view_lists_a_name_and_a_fraction_lacking_a_version(demo_db: Database) -> None:
    cid = communes.get_commune(demo_db, DEMO_SLUG).id
    assert not [i for i in translation.texts(demo_db, cid) if i.entity in ("Douar", "MeCommitteeMember")]
    with demo_db.write() as s:
        douar = s.scalars(select(Douar).where(Douar.commune_id == cid).order_by(Douar.id)).first()
        member = s.scalars(select(MeCommitteeMember).order_by(MeCommitteeMember.id)).first()
        douar.fraction_ar, member.name_ar = "", ""
        douar_id, douar_name, member_id = douar.id, douar.name, member.id
    items = {(i.entity, i.field): i for i in translation.texts(demo_db, cid)}
    fraction, name = items[("Douar", "fraction")], items[("MeCommitteeMember", "name")]
    assert (fraction.id, fraction.where, fraction.fr, fraction.missing) == (
        douar_id,
        douar_name,
        OUZROU_FR,
        "ar",
    )
    assert (name.id, name.where, name.fr, name.missing) == (member_id, VICE_FR, VICE_FR, "ar")
    assert fraction.step == "diagnostic" and name.step == "monitoring"
    edits = [
        {"entity": "Douar", "id": douar_id, "field": "fraction", "fr": OUZROU_FR, "ar": OUZROU_AR},
        {"entity": "MeCommitteeMember", "id": member_id, "field": "name", "fr": VICE_FR, "ar": VICE_AR},
    ]
    # too long (like its French column, 200 characters): refused, nothing written
    with pytest.raises(DomainError):
        translation.save_texts(demo_db, cid, [edits[0], {**edits[1], "ar": "ن" * 201}])
    assert {(i.entity, i.field) for i in translation.texts(demo_db, cid)} >= {
        ("Douar", "fraction"),
        ("MeCommitteeMember", "name"),
    }
    assert translation.save_texts(demo_db, cid, edits) == 2
    assert not [i for i in translation.texts(demo_db, cid) if i.entity in ("Douar", "MeCommitteeMember")]


# --------------------------------------------------------------------------- the documents


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(BIDI_MARKS.sub("", out).split())


def _docx_text(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    cells = [c.text for table in d.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_arabic_me_document_names_the_members_in_arabic(demo_db: Database, tmp_path: Path) -> None:
    names = [(m.name, m.name_ar) for m in _demo_committee(demo_db)]
    # names found nowhere else in the document (not a tool's responsible body), each on one line of its cell
    only_here = ("رئيسة لجنة الشؤون الاجتماعية", "مسؤولة التتبع والتقييم", "ممثلة جمعيات مغاربة العالم")
    data = documents.produce(demo_db, DEMO_SLUG, "suivi", "pdf", "ar", write=False, charts=False).data
    ar = _pdf_text(data, tmp_path)
    assert all(name in ar for name in only_here), ar
    assert not any(name_fr in ar for name_fr, _ in names), ar
    data = documents.produce(demo_db, DEMO_SLUG, "suivi", "pdf", "fr", write=False, charts=False).data
    fr = _pdf_text(data, tmp_path)
    assert all(name_fr in fr for name_fr, _ in names) and not any(name in fr for name in only_here)
    data = documents.produce(demo_db, DEMO_SLUG, "suivi", "docx", "ar", write=False, charts=False).data
    docx_ar = _docx_text(data)
    assert all(name_ar in docx_ar and name_fr not in docx_ar for name_fr, name_ar in names)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_arabic_synthesis_names_the_fractions_in_arabic(demo_db: Database, tmp_path: Path) -> None:
    fractions = {"آيت أوزرو", "آيت تالا", "آيت أركان", "آيت أوفلا"}
    french = {"Aït Ouzrou", "Aït Tala", "Aït Argane", "Aït Oufella"}
    docx_ar = _docx_text(
        documents.produce(demo_db, DEMO_SLUG, "synthese", "docx", "ar", write=False, charts=False).data
    )
    assert all(f in docx_ar for f in fractions) and not any(f in docx_ar for f in french)
    ar = _pdf_text(
        documents.produce(demo_db, DEMO_SLUG, "synthese", "pdf", "ar", write=False, charts=False).data,
        tmp_path,
    )
    assert all(f in ar for f in fractions) and not any(f in ar for f in french)
    docx_fr = _docx_text(
        documents.produce(demo_db, DEMO_SLUG, "synthese", "docx", "fr", write=False, charts=False).data
    )
    assert all(f in docx_fr for f in french) and not any(f in docx_fr for f in fractions)


def test_a_text_known_in_one_language_is_shown_marked_in_the_other_document(demo_db: Database) -> None:
    """Never a blank: a member's name or a fraction lacking its Arabic version is printed in French, marked."""
    from pac.i18n import t
    from tests.test_documents_content import all_text

    cid = communes.get_commune(demo_db, DEMO_SLUG).id
    with demo_db.write() as s:
        s.scalars(select(MeCommitteeMember).order_by(MeCommitteeMember.id)).first().name_ar = ""
        for d in s.scalars(select(Douar).where(Douar.commune_id == cid)):
            d.fraction_ar = ""
    marker = t("bilingual.fallback.fr", "ar")
    text = all_text(documents.build(demo_db, DEMO_SLUG, "suivi", "ar"))
    assert f"\u2068{VICE_FR}\u2069 {marker}" in text
    text = all_text(documents.build(demo_db, DEMO_SLUG, "synthese", "ar"))
    assert f"\u2068{OUZROU_FR}\u2069 {marker}" in text


def _demo_committee(db: Database) -> list[MeCommitteeMember]:
    with db.read() as s:
        members = list(s.scalars(select(MeCommitteeMember).order_by(MeCommitteeMember.id)))
        s.expunge_all()
    assert len(members) == 9 and all(m.name and m.name_ar for m in members)
    return members


# --------------------------------------------------------------------------- the pages, in Arabic


@pytest.fixture
def seeded_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    yield from serve_seeded_commune(tmp_path, monkeypatch, indicators=1)


def test_the_committee_grid_shows_both_names_the_readers_first(seeded_app) -> None:  # type: ignore[no-untyped-def]
    from tests.test_monitoring_app import open_in_arabic, open_view

    url, cid, pid = seeded_app
    call(url, monitoring.save_committee, pid, [{"name": VICE_FR, "name_ar": VICE_AR, "role": "elected"}])
    at = open_in_arabic(url, cid, pid, "system")
    committee = at.dataframe[0]
    columns = list(committee.value.columns)
    assert columns.index("name_ar") < columns.index("name") < columns.index("role")
    assert (committee.value.iloc[0]["name_ar"], committee.value.iloc[0]["name"]) == (VICE_AR, VICE_FR)
    headers = json.loads(committee.proto.columns)
    assert (headers["name_ar"]["label"], headers["name"]["label"]) == (
        "الاسم (بالعربية)",
        "الاسم (بالفرنسية)",
    )
    at = open_view(url, cid, pid, "system")
    columns = list(at.dataframe[0].value.columns)
    assert columns.index("name") < columns.index("name_ar") < columns.index("role")
    headers = json.loads(at.dataframe[0].proto.columns)
    assert (headers["name"]["label"], headers["name_ar"]["label"]) == ("Nom (français)", "Nom (arabe)")


def test_the_douars_grid_has_the_arabic_fraction_beside_the_french(
    app_env: Path, demo_commune_id: int
) -> None:
    from pac.ui.kit import state
    from tests.apptest_utils import logged_in_app

    for lang, tab, order, labels in (
        ("fr", "Chiffres clés", ["fraction", "fraction_ar"], ("Fraction (français)", "Fraction (arabe)")),
        ("ar", "أرقام أساسية", ["fraction_ar", "fraction"], ("الفخذة (بالعربية)", "الفخذة (بالفرنسية)")),
    ):
        at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
        at.session_state[state.LANG] = lang
        at.session_state["_lang_choice"] = lang
        at.switch_page("pages/diagnostic.py")
        at.run()
        at.session_state["diag__tabs"] = tab
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        [grid] = [x for x in at.dataframe if "fraction" in x.proto.column_order]
        shown = [c for c in grid.proto.column_order if c.startswith("fraction")]
        assert shown == order, lang
        headers = json.loads(grid.proto.columns)
        assert tuple(headers[c]["label"] for c in order) == labels
        assert OUZROU_AR in set(grid.value["fraction_ar"])


def test_the_translation_view_says_which_text_it_is() -> None:
    from pac.ui.translation import _where

    member = translation.TextItem("monitoring", "MeCommitteeMember", 1, "name", VICE_FR, VICE_FR, "")
    douar = translation.TextItem("diagnostic", "Douar", 2, "fraction", "Ifri", "Aït Tala", "")
    assert _where(member, "fr") == f"Membre du comité de suivi \u2068{VICE_FR}\u2069 · nom ou fonction"
    assert _where(douar, "ar") == "دوار \u2068Ifri\u2069 · الفخذة"
    indicator = translation.TextItem("monitoring", "Indicator", 3, "name", "I-1", "Taux", "")
    assert _where(indicator, "fr").endswith("· intitulé")  # the common name of the field elsewhere
