"""Projects, their grid edits, markers and coverage on a real SQLite file."""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.domain import markers as mk
from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.services import projects
from tests.test_vision_helpers import add_indicator, build


def reopen(db: Database) -> Database:
    db.dispose()
    return Database(db.url)


def test_create_with_every_field_and_read_back_after_reopen(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    p = projects.create_project(
        catalogued_db,
        w.plan_id,
        {
            "objective_id": w.objectives["O1.1"],
            "code": "P1.1.1",
            "title": "Adduction d'eau potable",
            "description": "Trois douars",
            "sector_code": "water",
            "douar_ids": [w.douars["Tizi"], w.douars["Agadir Ouzrou"]],
            "whole_commune": False,
            "beneficiaries_women": "1 200",
            "beneficiaries_men": 1100,
            "beneficiaries_youth": 600,
            "total_cost": "2 500 000,50",
            "owner": "Commune",
            "status": "retained",
        },
    )
    db = reopen(catalogued_db)
    got = projects.get_project(db, p.id)
    assert got.douar_names == ("Agadir Ouzrou", "Tizi")
    assert (got.beneficiaries_women, got.beneficiaries_men, got.beneficiaries_youth) == (1200, 1100, 600)
    assert got.total_cost == 2_500_000.5 and got.status == "retained" and got.axis_code == "A1"
    assert got.location == "Agadir Ouzrou, Tizi"
    # the whole commune replaces the douars
    got = projects.update_project(db, p.id, {"whole_commune": True, "douar_ids": [w.douars["Tizi"]]})
    assert got.douar_ids == () and got.location == "*"
    db.dispose()


def test_bad_values_are_refused_all_at_once_naming_each_field(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    with pytest.raises(DomainError) as e:
        projects.create_project(
            catalogued_db,
            w.plan_id,
            {
                "objective_id": 9999,
                "code": "p 1",
                "title": "",
                "sector_code": "space",
                "beneficiaries_women": -3,
                "total_cost": "-10",
                "status": "maybe",
                "owner": "<b>x</b>",
                "douar_ids": [9999],
            },
        )
    fields = {p.field for p in e.value.problems}
    assert fields == {
        "Objectif",
        "Code",
        "Intitulé",
        "Secteur",
        "Bénéficiaires — femmes",
        "Coût total estimé (DH)",
        "Statut",
        "Maître d'ouvrage",
        "Douars",
    }
    assert projects.list_projects(catalogued_db, w.plan_id) == []


def test_cost_boundaries(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    base = {"objective_id": w.objectives["O1.1"], "title": "Projet"}
    assert (
        projects.create_project(catalogued_db, w.plan_id, {**base, "code": "P1", "total_cost": 0}).total_cost
        == 0
    )
    assert (
        projects.create_project(
            catalogued_db, w.plan_id, {**base, "code": "P2", "total_cost": None}
        ).total_cost
        == 0
    )
    top = projects.create_project(
        catalogued_db, w.plan_id, {**base, "code": "P3", "total_cost": projects.MAX_COST}
    )
    assert top.total_cost == projects.MAX_COST
    with pytest.raises(DomainError):
        projects.create_project(
            catalogued_db, w.plan_id, {**base, "code": "P4", "total_cost": projects.MAX_COST + 1}
        )
    with pytest.raises(DomainError):
        projects.create_project(catalogued_db, w.plan_id, {**base, "code": "P5", "total_cost": "abc"})


def test_codes_are_unique_per_plan(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    with pytest.raises(DomainError) as e:
        projects.create_project(
            catalogued_db,
            w.plan_id,
            {"objective_id": w.objectives["O1.1"], "code": "P1.2.1", "title": "Doublon"},
        )
    assert e.value.problems[0].field == "Code" and "P1.2.1" in e.value.problems[0].message
    with pytest.raises(DomainError):
        projects.update_project(catalogued_db, w.projects["P1.1.1"], {"code": "P1.2.2"})
    # keeping its own code is fine
    assert (
        projects.update_project(catalogued_db, w.projects["P1.1.1"], {"code": "P1.1.1", "title": "AEP"}).title
        == "AEP"
    )


def test_choices_and_next_code(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    ch = projects.choices(catalogued_db, w.plan_id)
    assert list(ch.objectives) == [w.objectives["O1.1"], w.objectives["O1.2"], w.objectives["O2.1"]]
    assert ch.next_code(w.objectives["O1.2"]) == "P1.2.3"
    assert ch.next_code(None) == "P1"
    assert list(ch.douars.values()) == ["Agadir Ouzrou", "Imi n'Tala", "Tizi"]


def test_projects_are_listed_in_plan_order_with_codes_read_as_numbers(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    for code in ("P1.1.10", "P1.1.2"):
        projects.create_project(
            catalogued_db, w.plan_id, {"objective_id": w.objectives["O1.1"], "code": code, "title": code}
        )
    assert [p.code for p in projects.list_projects(catalogued_db, w.plan_id)] == [
        "P1.1.1",
        "P1.1.2",
        "P1.1.10",
        "P1.2.1",
        "P1.2.2",
        "P2.1.1",
    ]


def test_grid_edits_are_saved_all_or_nothing(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    rows = [
        {
            "id": w.projects["P1.1.1"],
            "total_cost": 2_100_000,
            "status": "Retenu",
        },  # a French label is accepted
        {"id": w.projects["P1.2.2"], "title": "Piste Tizi – Imi", "beneficiaries_youth": 40},
    ]
    assert projects.update_from_grid(catalogued_db, w.plan_id, rows) == 2
    db = reopen(catalogued_db)
    got = {p.code: p for p in projects.list_projects(db, w.plan_id)}
    assert got["P1.1.1"].total_cost == 2_100_000 and got["P1.1.1"].status == "retained"
    assert got["P1.2.2"].title == "Piste Tizi – Imi" and got["P1.2.2"].beneficiaries_youth == 40
    # one bad cell refuses the whole edit, naming the field and the project
    bad = [{"id": w.projects["P1.1.1"], "total_cost": 5}, {"id": w.projects["P2.1.1"], "total_cost": -1}]
    with pytest.raises(DomainError) as e:
        projects.update_from_grid(db, w.plan_id, bad)
    assert e.value.problems[0].field == "Coût total estimé (DH) — projet P2.1.1"
    assert projects.get_project(db, w.projects["P1.1.1"]).total_cost == 2_100_000
    # unchanged rows are not counted
    assert (
        projects.update_from_grid(db, w.plan_id, [{"id": w.projects["P1.1.1"], "total_cost": 2_100_000}]) == 0
    )
    db.dispose()


def test_grid_codes_may_be_swapped_but_not_duplicated(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    a, b = w.projects["P1.2.1"], w.projects["P1.2.2"]
    assert (
        projects.update_from_grid(
            catalogued_db, w.plan_id, [{"id": a, "code": "P1.2.2"}, {"id": b, "code": "P1.2.1"}]
        )
        == 2
    )
    assert projects.get_project(catalogued_db, a).code == "P1.2.2"
    with pytest.raises(DomainError) as e:
        projects.update_from_grid(catalogued_db, w.plan_id, [{"id": a, "code": "P1.1.1"}])
    assert "P1.1.1" in str(e.value)


def test_grid_row_of_a_deleted_project_is_refused(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    projects.delete_project(catalogued_db, w.plan_id, w.projects["P2.1.1"])
    with pytest.raises(DomainError) as e:
        projects.update_from_grid(catalogued_db, w.plan_id, [{"id": w.projects["P2.1.1"], "title": "x"}])
    assert "rechargez" in str(e.value)


def test_markers_are_saved_and_checked(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    pid = w.projects["P2.1.1"]
    projects.save_markers(
        catalogued_db,
        pid,
        {"gender": 2, "climate_adaptation": "1", "migration": 1},
        ["diaspora_contribution"],
        "",
    )
    db = reopen(catalogued_db)
    got = projects.get_project(db, pid)
    assert (
        got.markers["gender"] == 2
        and got.markers["climate_adaptation"] == 1
        and got.markers["biodiversity"] is None
    )
    assert got.migration_criteria == ("diaspora_contribution",)
    warnings = {(x.project_id, x.code) for x in projects.marker_warnings(db, w.plan_id)}
    assert warnings == {
        (pid, mk.GENDER_NOTE),
        (pid, mk.GENDER_OBJECTIVE),
        (pid, mk.GENDER_INDICATOR_PENDING),
        (pid, mk.ADAPTATION_CONTEXT),
    }
    # once the plan has indicators, the project needs its own sex-disaggregated one
    add_indicator(db, w.plan_id, None, ["sex"])  # an indicator of the plan, not of this project
    assert (pid, mk.GENDER_INDICATOR) in {
        (x.project_id, x.code) for x in projects.marker_warnings(db, w.plan_id)
    }
    add_indicator(db, w.plan_id, pid, ["age", "sex"])
    # OECD DAC: sex-disaggregated data alone is not enough, a gender-specific indicator is needed too
    assert (pid, mk.GENDER_INDICATOR) in {
        (x.project_id, x.code) for x in projects.marker_warnings(db, w.plan_id)
    }
    add_indicator(db, w.plan_id, pid, [], is_gender=True)
    projects.save_markers(
        db, pid, {"gender": 2, "migration": 1}, ["diaspora_contribution"], "Analyse genre faite"
    )
    assert {x.code for x in projects.marker_warnings(db, w.plan_id)} == {mk.GENDER_OBJECTIVE}
    # the objective stated in Arabic only is enough: the rule asks that it be stated, not translated
    projects.save_markers(
        db,
        pid,
        {"gender": 2, "migration": 1},
        ["diaspora_contribution"],
        "Analyse genre faite",
        {"gender_objective_ar": "رفع نسبة النساء المستفيدات إلى النصف"},
    )
    assert projects.marker_warnings(db, w.plan_id) == []
    got = projects.get_project(reopen(db), pid)
    assert (got.gender_objective, got.gender_objective_ar) == ("", "رفع نسبة النساء المستفيدات إلى النصف")
    assert got.gender_analysis_note == "Analyse genre faite"
    db.dispose()


def test_adaptation_needs_its_vulnerability_context_in_either_language(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    pid = w.projects["P2.1.1"]
    projects.save_markers(catalogued_db, pid, {"climate_adaptation": 2})
    assert {x.code for x in projects.marker_warnings(catalogued_db, w.plan_id)} == {mk.ADAPTATION_CONTEXT}
    projects.save_markers(
        catalogued_db, pid, {"climate_adaptation": 2}, texts={"vulnerability_context": "Sécheresses répétées"}
    )
    assert projects.marker_warnings(catalogued_db, w.plan_id) == []
    got = projects.get_project(reopen(catalogued_db), pid)
    assert got.vulnerability_context == "Sécheresses répétées"
    # an HTML context is refused, naming the field in Arabic for an Arabic reader, and nothing changes
    with pytest.raises(DomainError) as e:
        projects.save_markers(
            catalogued_db,
            pid,
            {"climate_adaptation": 1},
            texts={"vulnerability_context_ar": "<b>جفاف</b>"},
            lang="ar",
        )
    assert "سياق الهشاشة المناخية (بالعربية)" in str(e.value)
    assert projects.get_project(catalogued_db, pid).markers["climate_adaptation"] == 2


def test_projects_in_french_only_arabic_only_and_both(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    objective = w.objectives["O1.2"]
    fr = projects.create_project(
        catalogued_db, w.plan_id, {"objective_id": objective, "title": "Piste rurale"}
    )
    ar = projects.create_project(
        catalogued_db, w.plan_id, {"objective_id": objective, "title": "", "title_ar": "مسلك قروي"}
    )
    both = projects.create_project(
        catalogued_db,
        w.plan_id,
        {
            "objective_id": objective,
            "title": "Château d'eau",
            "title_ar": "خزان مائي",
            "expected_results": "Eau potable pour 3 douars",
            "expected_results_ar": "الماء الشروب لثلاثة دواوير",
        },
    )
    db = reopen(catalogued_db)
    got = {p.id: p for p in projects.list_projects(db, w.plan_id)}
    assert (got[fr.id].title, got[fr.id].title_ar) == ("Piste rurale", "")
    assert (got[ar.id].title, got[ar.id].title_ar) == ("", "مسلك قروي")
    assert got[both.id].expected_results_ar == "الماء الشروب لثلاثة دواوير"
    # neither version: refused, naming the field in the reader's language
    with pytest.raises(DomainError) as e:
        projects.create_project(
            db, w.plan_id, {"objective_id": objective, "title": " ", "title_ar": ""}, lang="ar"
        )
    assert "العنوان" in str(e.value) and "إحدى الصيغتين" in str(e.value)
    # the grid edits the French title only: blanking it keeps the project, its Arabic title stands
    projects.update_from_grid(db, w.plan_id, [{"id": both.id, "title": ""}])
    assert projects.get_project(db, both.id).title_ar == "خزان مائي"
    with pytest.raises(DomainError):
        projects.update_from_grid(db, w.plan_id, [{"id": fr.id, "title": ""}])  # it would have no title left
    db.dispose()


def test_bad_markers_are_refused_and_change_nothing(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    pid = w.projects["P2.1.1"]
    projects.save_markers(catalogued_db, pid, {"gender": 1}, [], "note")
    with pytest.raises(DomainError) as e:
        projects.save_markers(catalogued_db, pid, {"gender": 3}, ["no_such_criterion"], "<script>")
    fields = {p.field for p in e.value.problems}
    assert fields == {
        "Marqueur « Genre (CAD-OCDE) »",
        "Critères migration et développement",
        "Note d'analyse de genre (français)",
    }
    assert projects.get_project(catalogued_db, pid).markers["gender"] == 1


def test_coverage_leaves_out_rejected_projects(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    projects.save_markers(
        catalogued_db, w.projects["P1.1.1"], {"gender": 1, "climate_adaptation": 2}, [], "n"
    )
    projects.save_markers(catalogued_db, w.projects["P1.2.1"], {"gender": 0}, [], "")
    projects.update_project(catalogued_db, w.projects["P2.1.1"], {"status": "rejected"})
    cov = projects.marker_coverage(catalogued_db, w.plan_id)
    assert cov.project_count == 3
    t = cov.table
    whole = t[(t.axis_id.isna()) & (t.marker == "gender") & (t.value == 1)].iloc[0]
    assert whole.projects == 1 and whole.cost == 2_000_000
    assert whole.share_cost == pytest.approx(2_000_000 / 4_300_000)
    a1 = t[(t.axis == "A1") & (t.marker == "climate_adaptation") & (t.value == 2)].iloc[0]
    assert a1.share_projects == pytest.approx(1 / 3)
    assert set(cov.without_marker) == {w.projects["P1.2.1"], w.projects["P1.2.2"]}
    assert cov.not_assessed == (w.projects["P1.2.2"],)
    assert projects.marker_coverage(catalogued_db, w.plan_id, include_rejected=True).project_count == 4


def test_delete_project_takes_its_indicators(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    add_indicator(catalogued_db, w.plan_id, w.projects["P1.1.1"], ["sex"])
    assert projects.project_impact(catalogued_db, w.projects["P1.1.1"]) == {"indicators": 1, "fundings": 0}
    assert projects.delete_project(catalogued_db, w.plan_id, w.projects["P1.1.1"]) == "P1.1.1"
    db = reopen(catalogued_db)
    assert "P1.1.1" not in {p.code for p in projects.list_projects(db, w.plan_id)}
    assert not projects.plan_has_indicators(db, w.plan_id)
    with pytest.raises(DomainError):
        projects.delete_project(db, w.plan_id + 1, w.projects["P1.2.1"])
    db.dispose()


def test_a_project_without_code_takes_the_next_of_its_objective(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    p = projects.create_project(
        catalogued_db,
        w.plan_id,
        {"objective_id": w.objectives["O1.2"], "code": " ", "title": "Radier sur l'oued"},
    )
    assert p.code == "P1.2.3"
    assert projects.choices(catalogued_db, w.plan_id).next_code(w.objectives["O1.2"]) == "P1.2.4"
    with pytest.raises(DomainError) as e:  # without an objective the code cannot be guessed: both are named
        projects.create_project(catalogued_db, w.plan_id, {"code": "", "title": "x"})
    assert {p.field for p in e.value.problems} == {"Objectif", "Code"}


def test_owner_in_french_and_arabic_round_trips(catalogued_db: Database) -> None:
    """The maître d'ouvrage is kept in both languages: created, read back after reopening, updated one
    version at a time (the other stays), edited in the grid, in the three-way merge of the form."""
    w = build(catalogued_db, with_projects=False)
    p = projects.create_project(
        catalogued_db,
        w.plan_id,
        {
            "objective_id": w.objectives["O1.1"],
            "title": "Château d'eau",
            "owner": "  Commune de Tinzert ",
            "owner_ar": " جماعة تنزرت ",
        },
    )
    db = reopen(catalogued_db)
    got = projects.get_project(db, p.id)
    assert (got.owner, got.owner_ar) == ("Commune de Tinzert", "جماعة تنزرت")
    listed = {x.id: x for x in projects.list_projects(db, w.plan_id)}[p.id]
    assert (listed.owner, listed.owner_ar) == ("Commune de Tinzert", "جماعة تنزرت")
    # the Arabic version alone: the French one stays
    got = projects.update_project(db, p.id, {"owner_ar": "المجلس الإقليمي"})
    assert (got.owner, got.owner_ar) == ("Commune de Tinzert", "المجلس الإقليمي")
    # the grid edits both columns; an unchanged row is not counted
    assert projects.update_from_grid(db, w.plan_id, [{"id": p.id, "owner_ar": "الجماعة"}]) == 1
    assert projects.update_from_grid(db, w.plan_id, [{"id": p.id, "owner_ar": "الجماعة"}]) == 0
    # the form's three-way merge: a colleague's Arabic owner saved meanwhile clashes with mine
    base = {"owner": "Commune de Tinzert", "owner_ar": "الجماعة", "title": "Château d'eau"}
    projects.update_project(db, p.id, {**base, "owner_ar": "العمالة"}, base=base)
    with pytest.raises(ConflictError) as err:
        projects.update_project(db, p.id, {**base, "owner_ar": "الجهة"}, base=base)
    assert [c.field for c in err.value.clashes] == ["owner_ar"]
    # a form that did not touch the Arabic owner keeps the colleague's
    after = projects.update_project(db, p.id, {**base, "owner": "Province"}, base=base)
    assert (after.owner, after.owner_ar) == ("Province", "العمالة")
    db.dispose()


@pytest.mark.parametrize(
    "lang, named", [("fr", "Maître d'ouvrage (arabe)"), ("ar", "صاحب المشروع (بالعربية)")]
)
def test_an_arabic_owner_of_201_characters_is_refused_and_nothing_saved(
    catalogued_db: Database, lang: str, named: str
) -> None:
    w = build(catalogued_db)
    pid = w.projects["P1.1.1"]
    before = projects.get_project(catalogued_db, pid)
    long_ar = "ج" * 201
    with pytest.raises(DomainError) as e:
        projects.update_project(
            catalogued_db, pid, {"title": "Nouveau titre", "owner": "Commune", "owner_ar": long_ar}, lang=lang
        )
    assert [p.field for p in e.value.problems] == [named]
    assert "201" in str(e.value) and "200" in str(e.value)
    assert projects.get_project(catalogued_db, pid) == before  # nothing saved, not even the title
    with pytest.raises(DomainError):  # nor on creation, nor from the grid
        projects.create_project(
            catalogued_db,
            w.plan_id,
            {"objective_id": w.objectives["O1.1"], "title": "X", "owner_ar": long_ar},
        )
    with pytest.raises(DomainError) as e:
        projects.update_from_grid(catalogued_db, w.plan_id, [{"id": pid, "owner_ar": long_ar}])
    assert e.value.problems[0].field == "Maître d'ouvrage — projet P1.1.1 (arabe)"
    assert len(projects.list_projects(catalogued_db, w.plan_id)) == 4
    assert projects.get_project(catalogued_db, pid) == before
    # exactly 200 characters is accepted
    assert projects.update_project(catalogued_db, pid, {"owner_ar": "ج" * 200}).owner_ar == "ج" * 200
