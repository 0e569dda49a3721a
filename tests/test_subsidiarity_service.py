"""Subsidiarity on a real SQLite file: suggestions never applied by themselves, confirmed choices, summary."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pac.db import Database
from pac.domain import subsidiarity as rules
from pac.domain.errors import DomainError
from pac.services import projects, subsidiarity
from tests.test_vision_helpers import build


def rows_by_code(db: Database, plan_id: int) -> dict[str, subsidiarity.SubsidiarityRow]:
    return {r.code: r for r in subsidiarity.list_rows(db, plan_id)}


def test_suggestions_come_from_the_catalogue_and_are_not_applied(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    rows = rows_by_code(catalogued_db, w.plan_id)
    water = rows["P1.1.1"]
    assert water.suggestion is not None and water.suggestion.competence_code == "OWN_WATER"
    assert water.suggestion.lead_code == "COMMUNE"
    school = rows["P1.2.1"]
    assert school.suggestion is not None and school.suggestion.competence_code == "STATE_SCHOOLS"
    assert school.suggestion.lead_code == "DP_EDUCATION"
    # nothing written: no competence, no lead, not confirmed, and the warnings say so
    assert all(r.competence_code is None and r.lead_code is None and not r.confirmed for r in rows.values())
    assert water.warnings == (rules.NO_LEAD, rules.NO_COMPETENCE, rules.NOT_CONFIRMED)


def test_confirming_a_choice_saves_it_and_survives_a_reopen(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    row = subsidiarity.save_subsidiarity(
        catalogued_db, w.plan_id, w.projects["P1.2.1"], "STATE_SCHOOLS", "COMMUNE", [("INDH", "funder")]
    )
    assert row.warnings == (rules.COMMUNE_SOLE_LEAD,)
    catalogued_db.dispose()
    db = Database(catalogued_db.url)
    row = rows_by_code(db, w.plan_id)["P1.2.1"]
    assert (row.competence_code, row.level, row.lead_code, row.confirmed) == (
        "STATE_SCHOOLS",
        "state",
        "COMMUNE",
        True,
    )
    assert row.partners == (("INDH", "funder"),)
    assert row.differs_from_suggestion
    # following the suggestion clears the warning
    s = row.suggestion
    assert s is not None
    row = subsidiarity.save_subsidiarity(
        db, w.plan_id, row.project_id, s.competence_code, s.lead_code, s.partners
    )
    assert row.warnings == () and not row.differs_from_suggestion
    assert projects.get_project(db, row.project_id).partners == (("COMMUNE", "agreement"),)
    db.dispose()


def test_shared_competence_without_agreement_is_flagged(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    row = subsidiarity.save_subsidiarity(
        catalogued_db, w.plan_id, w.projects["P1.2.2"], "SH_COMMUNAL_ROADS", "COMMUNE"
    )
    assert row.warnings == (rules.SHARED_NO_AGREEMENT,)
    row = subsidiarity.save_subsidiarity(
        catalogued_db,
        w.plan_id,
        w.projects["P1.2.2"],
        "SH_COMMUNAL_ROADS",
        "COMMUNE",
        [("CONSEIL_PROV", "agreement")],
    )
    assert row.warnings == ()


def test_confirming_without_a_competence_or_a_lead_is_refused(catalogued_db: Database) -> None:
    """Issue 10, item 6: « Confirmer ces choix » with nothing chosen was accepted."""
    w = build(catalogued_db)
    pid = w.projects["P2.1.1"]
    with pytest.raises(DomainError) as e:
        subsidiarity.save_subsidiarity(catalogued_db, w.plan_id, pid, None, None)
    assert [p.field for p in e.value.problems] == ["Compétence", "Chef de file"]
    with pytest.raises(DomainError, match="Chef de file"):
        subsidiarity.save_subsidiarity(
            catalogued_db, w.plan_id, pid, "SH_LOCAL_ECONOMY", None, [("INDH", "agreement")]
        )
    row = rows_by_code(catalogued_db, w.plan_id)["P2.1.1"]
    assert (row.competence_code, row.lead_code, row.partners, row.confirmed) == (None, None, (), False)


def test_bad_choices_are_refused_naming_the_field_and_change_nothing(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    pid = w.projects["P1.1.1"]
    subsidiarity.save_subsidiarity(catalogued_db, w.plan_id, pid, "OWN_WATER", "COMMUNE")
    with pytest.raises(DomainError) as e:
        subsidiarity.save_subsidiarity(
            catalogued_db,
            w.plan_id,
            pid,
            "NOPE",
            "NOBODY",
            [("COMMUNE", "partner"), ("GHOST", "agreement"), ("INDH", "boss")],
        )
    fields = [p.field for p in e.value.problems]
    assert set(fields) == {"Compétence", "Chef de file", "Partenaires"}
    row = rows_by_code(catalogued_db, w.plan_id)["P1.1.1"]
    assert (row.competence_code, row.lead_code, row.partners) == ("OWN_WATER", "COMMUNE", ())
    with pytest.raises(DomainError):
        subsidiarity.save_subsidiarity(catalogued_db, w.plan_id + 1, pid, "OWN_WATER", "COMMUNE")


def test_unconfirm_keeps_the_choice(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    pid = w.projects["P1.1.1"]
    subsidiarity.save_subsidiarity(catalogued_db, w.plan_id, pid, "OWN_WATER", "COMMUNE")
    subsidiarity.unconfirm(catalogued_db, w.plan_id, pid)
    row = rows_by_code(catalogued_db, w.plan_id)["P1.1.1"]
    assert row.competence_code == "OWN_WATER" and not row.confirmed and row.warnings == (rules.NOT_CONFIRMED,)


def test_summary_by_level_by_lead_and_own_share(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    save = subsidiarity.save_subsidiarity
    save(catalogued_db, w.plan_id, w.projects["P1.1.1"], "OWN_WATER", "COMMUNE")  # 2.0 MDH own
    save(
        catalogued_db,
        w.plan_id,
        w.projects["P1.2.1"],
        "STATE_SCHOOLS",
        "DP_EDUCATION",
        [("COMMUNE", "agreement")],
    )
    save(
        catalogued_db,
        w.plan_id,
        w.projects["P1.2.2"],
        "SH_COMMUNAL_ROADS",
        "COMMUNE",
        [("CONSEIL_PROV", "agreement")],
    )
    projects.update_project(catalogued_db, w.projects["P2.1.1"], {"status": "rejected"})
    rows = subsidiarity.list_rows(catalogued_db, w.plan_id)
    summ = subsidiarity.summary(rows)
    assert [(g.key, g.projects, g.cost) for g in summ.by_level] == [
        ("own", 1, 2_000_000),
        ("shared", 1, 800_000),
        ("state", 1, 1_500_000),
    ]
    assert [(g.key, g.projects) for g in summ.by_lead] == [("COMMUNE", 2), ("DP_EDUCATION", 1)]
    assert summ.own.own_cost == 2_000_000 and summ.own.total_cost == 4_300_000
    assert summ.own.share == pytest.approx(2 / 4.3)
    assert summ.warning_counts[rules.NO_LEAD] == 0  # the rejected project is not counted
    by_level, by_lead = subsidiarity.summary_frames(summ)
    assert list(by_level.columns) == ["key", "projects", "cost"] and len(by_lead) == 2


def test_rows_without_suggestions_then_one_suggestion(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    rows = {r.code: r for r in subsidiarity.list_rows(catalogued_db, w.plan_id, suggestions=False)}
    assert all(r.suggestion is None for r in rows.values())
    school = subsidiarity.with_suggestion(catalogued_db, rows["P1.2.1"])
    assert school.suggestion is not None and school.suggestion.competence_code == "STATE_SCHOOLS"
    assert school.warnings == rows["P1.2.1"].warnings  # nothing else changes, nothing is saved


def test_an_arabic_only_title_gets_the_same_suggestion_as_its_french_twin(catalogued_db: Database) -> None:
    """Issue #12: the catalogue has Arabic keywords, and the suggestion reads both versions of the title."""
    w = build(catalogued_db)
    objective = w.objectives["O1.2"]
    fr = projects.create_project(
        catalogued_db, w.plan_id, {"objective_id": objective, "title": "Construction d'une école primaire"}
    )
    ar = projects.create_project(
        catalogued_db, w.plan_id, {"objective_id": objective, "title": "", "title_ar": "بناء مدرسة ابتدائية"}
    )
    rows = {r.project_id: r for r in subsidiarity.list_rows(catalogued_db, w.plan_id)}
    assert rows[fr.id].suggestion is not None and rows[ar.id].suggestion is not None
    assert rows[ar.id].suggestion.competence_code == rows[fr.id].suggestion.competence_code
    assert rows[ar.id].title_ar == "بناء مدرسة ابتدائية"
    one = subsidiarity.with_suggestion(catalogued_db, replace(rows[ar.id], suggestion=None))
    assert (
        one.suggestion is not None
        and one.suggestion.competence_code == rows[fr.id].suggestion.competence_code
    )


def test_refusals_name_the_field_in_arabic_for_an_arabic_reader(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    pid = next(iter(w.projects.values()))
    with pytest.raises(DomainError) as e:
        subsidiarity.save_subsidiarity(catalogued_db, w.plan_id, pid, None, None, lang="ar")
    assert [p.field for p in e.value.problems] == ["الاختصاص", "حامل المشروع"]
    assert all("حقل" in m for m in e.value.messages)
