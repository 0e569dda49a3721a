"""The plan's road to adoption: its rules (pure), the service on the demo commune, the page with AppTest,
and the workbook that carries it."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from pac.db import Database
from pac.domain import adoption as rules
from pac.domain.errors import DomainError
from pac.models import AdoptionStep, Plan
from pac.i18n import t
from pac.services import adoption, compliance
from pac.services.common import current_plan
from pac.services.workbook import import_workbook, workbook_dict
from tests.apptest_utils import logged_in_app
from tests.seeded_commune import by_label

D = dt.date
TODAY = D(2026, 11, 30)


def rec(step: str, day: dt.date, **kw: object) -> rules.StepRecord:
    return rules.StepRecord(step, day, **kw)  # type: ignore[arg-type]


ADOPTED = {"session_type": "ordinary", "votes_for": 12, "votes_against": 3, "votes_abstain": 1}
ROAD = [
    rec("submitted_ngo", D(2022, 1, 3)),
    rec("ngo_review", D(2022, 1, 20), outcome="validated"),
    rec("state_services", D(2022, 1, 25)),
    rec("ieeag_opinion", D(2022, 2, 1), text="Avis favorable"),
    rec("committees_sent", D(2022, 2, 10)),
    rec("committee_reports", D(2022, 3, 5), text="Rapports"),
    rec("adopted", D(2022, 3, 14), **ADOPTED),
    rec("governor_visa", D(2022, 4, 1)),
    rec("in_force", D(2022, 4, 2)),
]


# --------------------------------------------------------------------------- rules


def test_the_status_follows_the_road_and_a_return_sends_it_back() -> None:
    assert rules.status([]) == "draft" and rules.next_step([]) == "submitted_ngo"
    for i, r in enumerate(ROAD):
        assert rules.status(ROAD[: i + 1]) == r.step
    assert rules.next_step(ROAD) is None
    returned = [ROAD[0], rec("ngo_review", D(2022, 1, 20), outcome="returned")]
    assert rules.status(returned) == "returned" and rules.next_step(returned) == "submitted_ngo"
    again = [
        *returned,
        rec("submitted_ngo", D(2022, 2, 1)),
        rec("ngo_review", D(2022, 2, 9), outcome="validated"),
    ]
    assert rules.status(again) == "ngo_review"


def test_every_step_of_the_road_is_accepted_in_order() -> None:
    for i, r in enumerate(ROAD):
        rules.validate(r, ROAD[:i], TODAY)


def problems(record: rules.StepRecord, before: list[rules.StepRecord]) -> str:
    with pytest.raises(DomainError) as err:
        rules.validate(record, before, TODAY)
    return " | ".join(err.value.messages)


@pytest.mark.parametrize(
    ("record", "before", "words"),
    [
        (rec("adopted", D(2022, 3, 14), **ADOPTED), ROAD[:2], "Étape"),
        (rec("submitted_ngo", D(2027, 1, 1)), [], "dans le futur"),
        (rec("ngo_review", D(2022, 1, 20)), ROAD[:1], "Décision de l'ONG"),
        (rec("ngo_review", D(2021, 12, 1), outcome="validated"), ROAD[:1], "précède l'étape précédente"),
        (rec("ieeag_opinion", D(2022, 2, 1), text="  "), ROAD[:3], "Texte de l'avis de l'IEEAG"),
        (rec("committee_reports", D(2022, 3, 5)), ROAD[:5], "Rapports des commissions"),
        (
            rec("adopted", D(2022, 3, 14), session_type="", votes_for=1, votes_against=0, votes_abstain=0),
            ROAD[:6],
            "Type de session",
        ),
        (
            rec(
                "adopted",
                D(2022, 3, 14),
                session_type="ordinary",
                votes_for=None,
                votes_against=0,
                votes_abstain=0,
            ),
            ROAD[:6],
            "Voix pour",
        ),
        (
            rec(
                "adopted",
                D(2022, 3, 14),
                session_type="ordinary",
                votes_for=5,
                votes_against=-1,
                votes_abstain=0,
            ),
            ROAD[:6],
            "-1 est négatif",
        ),
        (
            rec(
                "adopted",
                D(2022, 3, 14),
                session_type="ordinary",
                votes_for=5,
                votes_against=5,
                votes_abstain=0,
            ),
            ROAD[:6],
            "n'adoptent pas",
        ),
    ],
)
def test_a_record_the_road_does_not_allow_is_refused_naming_the_field(record, before, words) -> None:  # type: ignore[no-untyped-def]
    assert words in problems(record, before)


def test_a_step_already_reached_may_be_corrected() -> None:
    rules.validate(rec("state_services", D(2022, 1, 26), note="date corrigée"), ROAD, TODAY)


def test_thirty_days_notice_counts_whole_days() -> None:
    sent = D(2022, 2, 10)
    assert rules.notice_ok(sent, sent + dt.timedelta(days=30))
    assert not rules.notice_ok(sent, sent + dt.timedelta(days=29))
    assert rules.notice_days(sent, D(2022, 3, 14)) == 32


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [(2022, 2027, True), (2017, 2030, False), (2022, 2026, False), (2022, 2028, False)],
)
def test_a_pac_covers_six_years(start: int, end: int, ok: bool) -> None:
    assert rules.covers_six_years(start, end) is ok


def test_first_year_of_the_mandate_around_its_limit() -> None:
    mandates = rules.parse_mandates(
        [
            {"code": "2015", "elected_on": "2015-09-04", "source": "BO"},
            {"code": "2021", "elected_on": "2021-09-08", "source": "BO"},
            {"code": "2027", "elected_on": "", "source": "à fixer"},
        ]
    )
    assert rules.within_first_year(D(2022, 9, 7), mandates) is True
    assert rules.within_first_year(D(2022, 9, 8), mandates) is False
    assert rules.within_first_year(D(2021, 9, 8), mandates) is True
    assert rules.within_first_year(D(2016, 3, 1), mandates) is True
    assert rules.within_first_year(D(2014, 1, 1), mandates) is None
    assert rules.mandate_of(D(2030, 1, 1), mandates).code == "2021"  # type: ignore[union-attr]
    assert rules.first_year_end(D(2024, 2, 29)) == D(2025, 2, 28)


# --------------------------------------------------------------------------- service, on the demo commune


FORM_ROAD = [
    ("submitted_ngo", {"done_on": "2022-01-03", "note": "Envoyé par courriel"}),
    ("ngo_review", {"done_on": "20/01/2022", "outcome": "validated"}),
    ("state_services", {"done_on": "2022-01-25"}),
    (
        "ieeag_opinion",
        {"done_on": "2022-02-01", "text": "Avis favorable *sous* réserve [genre](http://x) ; 2 < 3."},
    ),
    ("committees_sent", {"done_on": "2022-02-10"}),
    ("committee_reports", {"done_on": "2022-03-05", "text": "Trois rapports"}),
    (
        "adopted",
        {
            "done_on": "2022-03-14",
            "session_type": "ordinary",
            "votes_for": "12",
            "votes_against": "3",
            "votes_abstain": "1",
        },
    ),
    ("governor_visa", {"done_on": "2022-04-01"}),
    ("in_force", {"done_on": "2022-04-02"}),
]


def test_the_whole_road_on_the_demo_commune(demo_db: Database, demo_commune_id: int) -> None:
    with demo_db.read() as s:
        plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    before = {i.code: i for i in compliance.check(demo_db, demo_commune_id).items}
    assert not before["governor_visa"].ok and not before["committees"].ok
    for step, values in FORM_ROAD:
        status = adoption.record_step(demo_db, plan_id, step, values, recorded_by="Animatrice")
        assert status == step
    reopened = Database(demo_db.url)  # a fresh engine proves the writes were committed
    try:
        road = adoption.load_road(reopened, plan_id)
        assert road.status == "in_force" and road.next_step is None
        assert [h.step for h in road.history] == [s for s, _ in FORM_ROAD]
        assert road.latest["adopted"].votes_for == 12 and road.latest["adopted"].session_type == "ordinary"
        assert road.latest["ieeag_opinion"].text.startswith("Avis favorable")
        assert road.latest["submitted_ngo"].recorded_by == "Animatrice"
        with reopened.read() as s:
            plan = s.get(Plan, plan_id)
            assert plan is not None and plan.status == "adopted"
            assert plan.adoption_session_on == D(2022, 3, 14) and plan.committees_sent_on == D(2022, 2, 10)
        after = {i.code: i for i in compliance.check(reopened, demo_commune_id).items}
        for code in ("governor_visa", "state_services", "ieeag", "first_year"):
            assert after[code].ok, (code, after[code].missing)
        assert [m.key for m in after["committees"].missing] == []
    finally:
        reopened.dispose()


def test_a_refused_step_saves_nothing(demo_db: Database, demo_commune_id: int) -> None:
    with demo_db.read() as s:
        plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    for values in ({"done_on": "demain"}, {"done_on": ""}, {"done_on": "2099-01-01"}):
        with pytest.raises(DomainError) as err:
            adoption.record_step(demo_db, plan_id, "submitted_ngo", values)
        assert "Date" in err.value.messages[0]
    with pytest.raises(DomainError) as err:
        adoption.record_step(demo_db, plan_id, "adopted", {"done_on": "2022-01-01", "votes_for": "-4"})
    assert any("Voix pour" in m for m in err.value.messages)
    with demo_db.read() as s:
        assert s.scalars(select(AdoptionStep).where(AdoptionStep.plan_id == plan_id)).all() == []


def test_comments_on_plan_section_and_project_then_answered(demo_db: Database, demo_commune_id: int) -> None:
    with demo_db.read() as s:
        plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    code = adoption.load_road(demo_db, plan_id).project_codes[0]
    a = adoption.add_comment(demo_db, plan_id, {"source": "ngo", "text": "Résumé trop long"})
    adoption.add_comment(
        demo_db, plan_id, {"target": "section", "target_ref": "monitoring", "text": "Cibles ?"}
    )
    adoption.add_comment(
        demo_db,
        plan_id,
        {"target": "project", "target_ref": code, "source": "committee", "text": "Coût à revoir"},
    )
    with pytest.raises(DomainError):
        adoption.add_comment(demo_db, plan_id, {"target": "project", "target_ref": "ZZZ", "text": "x"})
    with pytest.raises(DomainError):
        adoption.add_comment(demo_db, plan_id, {"text": "  "})
    road = adoption.load_road(demo_db, plan_id)
    assert road.open_comments == 3
    assert [(c.target, c.target_ref) for c in road.comments] == [
        ("plan", ""),
        ("section", "monitoring"),
        ("project", code),
    ]
    adoption.answer_comment(demo_db, a, "Raccourci à deux pages")
    road = adoption.load_road(demo_db, plan_id)
    assert road.open_comments == 2 and road.comments[0].state == "answered"


# --------------------------------------------------------------------------- workbook


def test_the_workbook_carries_the_road_and_old_workbooks_still_import(
    demo_db: Database, demo_commune_id: int, tmp_path: Path
) -> None:
    with demo_db.read() as s:
        plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    for step, values in FORM_ROAD[:3]:
        adoption.record_step(demo_db, plan_id, step, values, recorded_by="Animatrice")
    adoption.add_comment(demo_db, plan_id, {"text": "À revoir"})
    d = workbook_dict(demo_db, demo_commune_id)
    assert [r["etape"] for r in d["sheets"]["adoption"]] == ["submitted_ngo", "ngo_review", "state_services"]
    assert d["sheets"]["commentaires_revue"][0]["texte"] == "À revoir"
    from pac.db import upgrade
    from pac.services import catalogues

    dst = Database(f"sqlite:///{tmp_path / 'dst.db'}")
    try:
        upgrade(dst)
        catalogues.load_if_empty(dst)
        import_workbook(dst, json.dumps(d).encode(), "json")
        again = workbook_dict(dst, d["commune"])
        assert again["sheets"]["adoption"] == d["sheets"]["adoption"]
        assert again["sheets"]["commentaires_revue"] == d["sheets"]["commentaires_revue"]
        # A workbook written before these sheets existed imports, with an empty road.
        old = copy.deepcopy(d)
        del old["sheets"]["adoption"], old["sheets"]["commentaires_revue"]
        import_workbook(dst, json.dumps(old).encode(), "json", replace=True)
        assert workbook_dict(dst, d["commune"])["sheets"]["adoption"] == []
    finally:
        dst.dispose()


# --------------------------------------------------------------------------- page


def test_the_page_walks_the_road_and_keeps_what_was_typed_on_a_refusal(
    app_env: Path, demo_commune_id: int
) -> None:
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/adoption.py", demo_commune_id)
    assert not at.exception, [e.value for e in at.exception]
    assert "Projet" in " ".join(m.value for m in at.markdown)
    for step, values in FORM_ROAD:
        assert by_label(at.selectbox, t("adoption.record.step")).value == step
        day = dt.datetime.strptime(
            values["done_on"], "%d/%m/%Y" if "/" in values["done_on"] else "%Y-%m-%d"
        ).date()
        at.date_input[0].set_value(day)
        if step == "ngo_review":
            at.radio[0].set_value("validated")
        if step == "adopted":
            at.radio[0].set_value("ordinary")
            by_label(at.text_input, "Voix pour *").input("douze")
            by_label(at.text_input, "Voix contre *").input("3")
            by_label(at.text_input, "Abstentions *").input("1")
            by_label(at.button, "Enregistrer l'étape").click().run()
            errors = " ".join(e.value for e in at.error)
            assert "Voix pour" in errors and "n'est pas un nombre" in errors, errors
            assert by_label(at.text_input, "Voix contre *").value == "3"  # kept as typed
            by_label(at.text_input, "Voix pour *").input("12")
        if "text" in values:
            at.text_area[0].input(values["text"])
        by_label(at.button, "Enregistrer l'étape").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("La route est achevée" in s.value for s in at.success)
    assert any("Version 1 adoptée le 14/03/2022, figée" in i.value for i in at.info)
    assert any("Classeur de la version 1" in b.label for b in at.get("download_button"))
    db = Database(url)
    try:
        with db.read() as s:
            plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
        road = adoption.load_road(db, plan_id)
        assert road.status == "in_force" and road.latest["adopted"].votes_for == 12
        assert road.latest["submitted_ngo"].recorded_by == "Animatrice"
    finally:
        db.dispose()


def test_the_comments_and_checklist_views_and_the_dashboard_follow_the_facts(
    app_env: Path, demo_commune_id: int
) -> None:
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/adoption.py", demo_commune_id)
    db = Database(url)
    try:
        with db.read() as s:
            plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    finally:
        db.dispose()
    at.session_state[f"_adoption_view_{plan_id}"] = "comments"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    by_label(at.text_area, "Commentaire *").input("Le **résumé** est trop long")
    by_label(at.button, "Ajouter le commentaire").click().run()
    assert not at.error, [e.value for e in at.error]
    assert any(t.value == "Le **résumé** est trop long" for t in at.text)  # shown as typed, as text
    at.session_state[f"_adoption_view_{plan_id}"] = "checklist"
    at.run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "Visa du gouverneur" in shown
    # The dashboard: a step whose page the checklist still faults is not ticked.
    home = logged_in_app(url, "pages/home.py", demo_commune_id)
    assert not home.exception, [e.value for e in home.exception]
    row = [m.value for m in home.markdown if "Adoption" in m.value or "Subsidiarité" in m.value]
    assert any("radio_button_unchecked" in v and "Adoption" in v for v in row), row
    assert any("Subsidiarité" in v for v in row) and any("Plan triennal" in m.value for m in home.markdown)


def test_uncertain_commune_names_carry_a_to_verify_note(catalogued_db: Database) -> None:
    from pac.services import catalogues
    from pac.services.communes import list_communes

    catalogues.load_mission_communes(catalogued_db)
    notes = {c.name_fr: c.notes for c in list_communes(catalogued_db)}
    for name in ("Tafraout", "Ammelne", "Azaghar N'Irs"):
        assert "vérifier" in notes[name].lower(), name
    assert "Tafraout El Mouloud" in notes["Tafraout"]


def test_the_adopted_version_is_frozen_and_survives_a_later_edit(
    demo_db: Database, demo_commune_id: int, tmp_path: Path
) -> None:
    from pac.models import Project

    with demo_db.read() as s:
        plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    for step, values in FORM_ROAD:
        adoption.record_step(demo_db, plan_id, step, values)
    road = adoption.load_road(demo_db, plan_id)
    assert [v.number for v in road.versions] == [1] and not road.changed_since_adoption
    frozen = adoption.version_workbook(demo_db, plan_id, 1)
    adopted = json.loads(frozen)
    title = next(r for r in adopted["sheets"]["projets"])["titre"]
    # A later change of the plan: the adopted version stays as it was, byte for byte.
    with demo_db.write() as s:
        p = s.scalars(select(Project).where(Project.plan_id == plan_id).order_by(Project.id)).first()
        assert p is not None and p.title == title
        p.title = title + " (modifié après adoption)"
    road = adoption.load_road(demo_db, plan_id)
    assert road.changed_since_adoption
    assert adoption.version_workbook(demo_db, plan_id, 1) == frozen
    # The frozen workbook imports like any workbook: the documents can be produced again from it.
    from pac.db import upgrade
    from pac.services import catalogues

    other = Database(f"sqlite:///{tmp_path / 'v1.db'}")
    try:
        upgrade(other)
        catalogues.load_if_empty(other)
        import_workbook(other, frozen, "json")
        again = workbook_dict(other, adopted["commune"])
        assert next(r for r in again["sheets"]["projets"])["titre"] == title
    finally:
        other.dispose()
    # Re-adopted, the changed plan becomes version 2; version 1 is kept.
    adoption.record_step(demo_db, plan_id, "adopted", dict(FORM_ROAD[6][1], done_on="2022-06-20"))
    road = adoption.load_road(demo_db, plan_id)
    assert [v.number for v in road.versions] == [1, 2] and not road.changed_since_adoption
    assert adoption.version_workbook(demo_db, plan_id, 1) == frozen
    # Correcting only a later step of the road (the visa's date) is not a change of the plan.
    adoption.record_step(demo_db, plan_id, "governor_visa", {"done_on": "2022-07-01"})
    assert not adoption.load_road(demo_db, plan_id).changed_since_adoption


def test_an_existing_database_gets_the_shipped_corrections_but_keeps_its_own_edits(tmp_path: Path) -> None:
    """Migration 0004 on a database filled by an earlier version: the corrected catalogue rows, the Arabic
    keywords, the « to verify » notes and the OECD DAC marker text arrive; a facilitator's edit stays."""
    from sqlalchemy import text

    from pac.db import upgrade

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(db, "0003")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO sectors (code, label_fr, label_ar, position) VALUES ('roads', 'Routes', '', 1)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO sectors (code, label_fr, label_ar, position) VALUES ('water', 'Eau', '', 2)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO competences (code, level, article, domain_fr, domain_ar, sector_code, keywords, verified) "
                    "VALUES ('PROV_RURAL_TRACKS', 'province', 'LO 112-14', 'Pistes', '', 'roads', "
                    "'piste rurale;pistes rurales', false), "
                    "('STATE_HEALTH', 'state', '', 'Santé', '', NULL, 'hôpital', true), "
                    "('OWN_WATER', 'own', 'LO 113-14 art. 83', 'Eau', '', 'water', 'eau potable;mon mot', true)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO communes (slug, name_fr, name_ar, province, region, kind, is_demo, archived, notes, "
                    "created_at, updated_at) VALUES ('ammelne', 'Ammelne', 'أملن', 'Tiznit', 'Souss-Massa', 'rural', "
                    "false, false, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
        upgrade(db)
        with db.read() as s:
            rows = dict(s.execute(text("SELECT code, keywords FROM competences")).tuples().all())
            assert rows["PROV_RURAL_TRACKS"] == "piste provinciale;programme provincial de pistes"
            assert rows["OWN_WATER"] == "eau potable;mon mot"  # edited by the facilitator: kept
            assert "SH_NATIONAL_ROADS_URBAN" in rows
            assert s.execute(
                text("SELECT verified FROM competences WHERE code = 'STATE_HEALTH'")
            ).scalar() in (0, False)
            arabic = s.execute(text("SELECT keywords_ar FROM competences WHERE code = 'OWN_WATER'")).scalar()
            assert "الماء الصالح للشرب" in arabic
            assert "vérifier" in s.execute(text("SELECT notes FROM communes WHERE slug = 'ammelne'")).scalar()
    finally:
        db.dispose()


def test_the_mandates_catalogue_is_editable_with_its_source(catalogued_db: Database) -> None:
    from pac.services import catalogues

    table = catalogues.list_catalogue(catalogued_db, "mandates")
    assert list(table["code"]) == ["2015", "2021", "2027"] and table["source"].str.len().min() > 0
    assert [m.code for m in catalogues.mandates(catalogued_db) if m.elected_on is None] == ["2027"]
    table["elected_on"] = table["elected_on"].astype(object)  # as the editor gives a cell typed by hand
    table.loc[table["code"] == "2027", "elected_on"] = "pas encore"
    with pytest.raises(DomainError) as err:
        catalogues.save_catalogue(catalogued_db, "mandates", table)
    assert "elected_on" in err.value.messages[0] and "n'est pas une date" in err.value.messages[0]
    table.loc[table["code"] == "2027", "elected_on"] = "2027-09-15"
    catalogues.save_catalogue(catalogued_db, "mandates", table)
    assert {m.code: m.elected_on for m in catalogues.mandates(catalogued_db)}["2027"] == D(2027, 9, 15)


def test_the_adopted_versions_documents_reproduce_byte_for_byte(
    demo_db: Database, demo_commune_id: int
) -> None:
    """Documents of an adopted version come from its frozen workbook: a later edit of the plan changes
    today's document, never the adopted version's, which is the same bytes each time it is produced."""
    import subprocess
    import tempfile

    from pac.models import Project
    from pac.services import documents

    def pdf_text(data: bytes) -> str:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            out = subprocess.run(
                ["pdftotext", f.name, "-"], capture_output=True, text=True, check=True
            ).stdout
        return " ".join(out.split())

    with demo_db.read() as s:
        plan_id = current_plan(s, demo_commune_id).id  # type: ignore[union-attr]
    for step, values in FORM_ROAD:
        adoption.record_step(demo_db, plan_id, step, values)
    first = documents.produce_version(demo_db, plan_id, 1, "pac", "pdf", "fr")
    docx = documents.produce_version(demo_db, plan_id, 1, "pac", "docx", "ar")
    with demo_db.write() as s:
        p = s.scalars(select(Project).where(Project.plan_id == plan_id).order_by(Project.id)).first()
        assert p is not None
        old_title, p.title = p.title, "Titre changé après l'adoption"
    again = documents.produce_version(demo_db, plan_id, 1, "pac", "pdf", "fr")
    assert again.data == first.data and again.name == "v1-" + first.name.removeprefix("v1-")
    assert documents.produce_version(demo_db, plan_id, 1, "pac", "docx", "ar").data == docx.data
    text = pdf_text(first.data)
    assert old_title[:30] in text and "Titre changé" not in text
    today = documents.produce(demo_db, demo_commune_id, "pac", "pdf", "fr", write=False, charts=False)
    assert "Titre changé après l'adoption" in pdf_text(today.data)
