"""Mission, vision, values, axes and objectives on a real SQLite file (reopened to prove the commit)."""

from __future__ import annotations

import pytest

from pac.db import Database
from pac.domain.errors import DomainError
from pac.services import projects
from pac.services import vision as vision_service
from tests.test_vision_helpers import add_indicator, build


def reopen(db: Database) -> Database:
    db.dispose()
    return Database(db.url)


def test_mission_vision_and_values_are_saved_and_survive_a_reopen(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    vision_service.save_statement(catalogued_db, w.plan_id, "mission", "  Servir les douars  ")
    vision_service.save_statement(catalogued_db, w.plan_id, "vision", "Une commune solidaire en 2033")
    vision_service.save_values(catalogued_db, w.plan_id, ["Transparence", "", "Équité", "Participation"])
    db = reopen(catalogued_db)
    view = vision_service.get_strategy(db, w.plan_id)
    assert view.mission == "Servir les douars"
    assert view.vision == "Une commune solidaire en 2033"
    assert view.values == ("Transparence", "Équité", "Participation")
    vision_service.save_values(db, w.plan_id, ["Équité"])
    assert vision_service.get_strategy(db, w.plan_id).values == ("Équité",)
    db.dispose()


def test_bad_statement_is_refused_naming_the_field_and_changes_nothing(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    vision_service.save_statement(catalogued_db, w.plan_id, "vision", "Avant")
    with pytest.raises(DomainError) as e:
        vision_service.save_statement(catalogued_db, w.plan_id, "vision", "<script>alert(1)</script>")
    assert "Vision" in str(e.value)
    with pytest.raises(DomainError) as e:
        vision_service.save_statement(catalogued_db, w.plan_id, "mission", "x" * 4001)
    assert "Mission" in str(e.value) and "4000" in str(e.value)
    with pytest.raises(DomainError):
        vision_service.save_values(catalogued_db, w.plan_id, ["Équité", "équité"])
    view = vision_service.get_strategy(catalogued_db, w.plan_id)
    assert view.vision == "Avant" and view.values == ()


def test_axes_and_objectives_in_order_with_next_codes(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    view = vision_service.get_strategy(catalogued_db, w.plan_id)
    assert [a.code for a in view.axes] == ["A1", "A2"]
    assert [o.code for o in view.axes[0].objectives] == ["O1.1", "O1.2"]
    assert view.next_axis_code == "A3"
    assert view.next_objective_code(w.axes["A1"]) == "O1.3"
    assert view.axes[0].project_count == 3
    assert [p.code for p in view.objective(w.objectives["O1.2"]).projects] == ["P1.2.1", "P1.2.2"]  # type: ignore[union-attr]


def test_axis_and_objective_codes_are_unique_and_fields_named(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    with pytest.raises(DomainError) as e:
        vision_service.save_axis(catalogued_db, w.plan_id, {"code": "A1", "title": "Doublon"})
    assert e.value.problems[0].field == "Code"
    with pytest.raises(DomainError) as e:
        vision_service.save_axis(catalogued_db, w.plan_id, {"code": "", "title": ""})
    assert {p.field for p in e.value.problems} == {"Code", "Intitulé"}
    with pytest.raises(DomainError):
        vision_service.save_objective(catalogued_db, w.plan_id, w.axes["A2"], {"code": "O1.1", "title": "Doublon"})
    # renaming an axis keeping its own code is fine
    vision_service.save_axis(
        catalogued_db, w.plan_id, {"code": "A1", "title": "Services sociaux de base"}, w.axes["A1"]
    )
    assert vision_service.get_strategy(catalogued_db, w.plan_id).axes[0].title == "Services sociaux de base"


def test_reordering_axes_and_objectives(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    vision_service.move_axis(catalogued_db, w.plan_id, w.axes["A2"], -1)
    vision_service.move_objective(catalogued_db, w.plan_id, w.objectives["O1.2"], -1)
    db = reopen(catalogued_db)
    view = vision_service.get_strategy(db, w.plan_id)
    assert [a.code for a in view.axes] == ["A2", "A1"]
    assert [o.code for o in view.axis(w.axes["A1"]).objectives] == ["O1.2", "O1.1"]  # type: ignore[union-attr]
    vision_service.move_axis(db, w.plan_id, w.axes["A2"], -1)  # already first
    assert [a.code for a in vision_service.get_strategy(db, w.plan_id).axes] == ["A2", "A1"]
    db.dispose()


def test_moving_an_objective_to_another_axis(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    vision_service.save_objective(
        catalogued_db, w.plan_id, w.axes["A2"], {"code": "O1.2", "title": "Désenclaver"}, w.objectives["O1.2"]
    )
    view = vision_service.get_strategy(catalogued_db, w.plan_id)
    assert [o.code for o in view.axis(w.axes["A2"]).objectives] == ["O2.1", "O1.2"]  # type: ignore[union-attr]
    assert view.axis(w.axes["A2"]).project_count == 3  # type: ignore[union-attr]


def test_swot_links_flag_both_ways(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    view = vision_service.get_strategy(catalogued_db, w.plan_id)
    assert set(view.links.objectives_without_link) == {w.objectives["O1.2"], w.objectives["O2.1"]}
    assert view.links.unanswered == (w.swot["W2"],)
    vision_service.set_objective_swot(catalogued_db, w.plan_id, w.objectives["O1.2"], [w.swot["W2"]])
    vision_service.set_objective_swot(catalogued_db, w.plan_id, w.objectives["O2.1"], [w.swot["S1"], w.swot["O1"]])
    db = reopen(catalogued_db)
    view = vision_service.get_strategy(db, w.plan_id)
    assert view.links.ok
    assert view.objective(w.objectives["O2.1"]).swot_ids == (w.swot["S1"], w.swot["O1"])  # type: ignore[union-attr]
    db.dispose()


def test_swot_link_to_an_item_of_another_plan_is_refused(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    with pytest.raises(DomainError) as e:
        vision_service.set_objective_swot(catalogued_db, w.plan_id, w.objectives["O1.1"], [w.swot["W1"], 9999])
    assert e.value.problems[0].field == "Éléments AFOM"
    assert vision_service.get_strategy(catalogued_db, w.plan_id).objective(w.objectives["O1.1"]).swot_ids == (  # type: ignore[union-attr]
        w.swot["W1"],
        w.swot["T1"],
    )


def test_deleting_an_objective_with_projects_asks_first_and_never_orphans(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    add_indicator(catalogued_db, w.plan_id, w.projects["P1.2.1"], ["sex"])
    impact = vision_service.objective_impact(catalogued_db, w.objectives["O1.2"])
    assert (impact.projects, impact.indicators) == (2, 1)
    with pytest.raises(DomainError) as e:
        vision_service.delete_objective(catalogued_db, w.plan_id, w.objectives["O1.2"])
    assert "2 projet(s)" in str(e.value)
    assert len(projects.list_projects(catalogued_db, w.plan_id)) == 4  # nothing changed
    # move the projects away, then the objective goes without asking
    assert vision_service.move_projects(catalogued_db, w.plan_id, w.objectives["O1.2"], w.objectives["O1.1"]) == 2
    vision_service.delete_objective(catalogued_db, w.plan_id, w.objectives["O1.2"])
    db = reopen(catalogued_db)
    remaining = projects.list_projects(db, w.plan_id)
    assert len(remaining) == 4 and {p.objective_code for p in remaining} == {"O1.1", "O2.1"}
    db.dispose()


def test_deleting_an_axis_confirmed_takes_its_objectives_projects_and_indicators(
    catalogued_db: Database,
) -> None:
    w = build(catalogued_db)
    add_indicator(catalogued_db, w.plan_id, w.projects["P1.1.1"], ["sex"])
    with pytest.raises(DomainError):
        vision_service.delete_axis(catalogued_db, w.plan_id, w.axes["A1"])
    impact = vision_service.delete_axis(catalogued_db, w.plan_id, w.axes["A1"], confirmed=True)
    assert (impact.objectives, impact.projects, impact.indicators) == (2, 3, 1)
    db = reopen(catalogued_db)
    view = vision_service.get_strategy(db, w.plan_id)
    assert [a.code for a in view.axes] == ["A2"] and view.axes[0].position == 1
    assert [p.code for p in projects.list_projects(db, w.plan_id)] == ["P2.1.1"]
    assert not projects.plan_has_indicators(db, w.plan_id)
    db.dispose()


def test_an_empty_axis_is_deleted_without_asking(catalogued_db: Database) -> None:
    w = build(catalogued_db, with_projects=False)
    a3 = vision_service.save_axis(catalogued_db, w.plan_id, {"code": "A3", "title": "Gouvernance"})
    assert vision_service.axis_impact(catalogued_db, a3.id).empty
    vision_service.delete_axis(catalogued_db, w.plan_id, a3.id)
    assert [a.code for a in vision_service.get_strategy(catalogued_db, w.plan_id).axes] == ["A1", "A2"]


def test_moving_projects_needs_two_different_objectives_of_the_plan(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    with pytest.raises(DomainError) as e:
        vision_service.move_projects(catalogued_db, w.plan_id, w.objectives["O1.2"], w.objectives["O1.2"])
    assert e.value.problems[0].field == "Objectif de destination"
    with pytest.raises(DomainError):
        vision_service.move_projects(catalogued_db, w.plan_id, w.objectives["O1.2"], 9999)


def test_impact_tells_the_objectives_own_indicators_apart(catalogued_db: Database) -> None:
    w = build(catalogued_db)
    from pac.models import Indicator

    with catalogued_db.write() as s:
        s.add(Indicator(plan_id=w.plan_id, objective_id=w.objectives["O1.2"], level="outcome", name="Taux"))
    add_indicator(catalogued_db, w.plan_id, w.projects["P1.2.1"], [])
    impact = vision_service.objective_impact(catalogued_db, w.objectives["O1.2"])
    assert (impact.projects, impact.indicators, impact.objective_indicators) == (2, 2, 1)
    vision_service.move_projects(catalogued_db, w.plan_id, w.objectives["O1.2"], w.objectives["O1.1"])
    with pytest.raises(DomainError):  # its own indicator still asks for a confirmation
        vision_service.delete_objective(catalogued_db, w.plan_id, w.objectives["O1.2"])
    vision_service.delete_objective(catalogued_db, w.plan_id, w.objectives["O1.2"], confirmed=True)
    assert projects.plan_has_indicators(catalogued_db, w.plan_id)  # the project's indicator moved with it
