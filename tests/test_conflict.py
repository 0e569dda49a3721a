"""The three-way merge behind « no silent overwrite »."""

from __future__ import annotations

import pytest

from pac.domain.conflict import ConflictError, merge


def test_without_a_base_everything_is_written() -> None:
    assert merge("Le projet", None, {"title": "A"}, {"title": "B", "cost": 5}) == {"title": "B", "cost": 5}


def test_only_the_fields_i_changed_are_written_and_theirs_are_kept() -> None:
    base = {"title": "Piste", "cost": 100, "owner": "Commune"}
    current = {"title": "Piste", "cost": 100, "owner": "Province"}  # someone changed the owner meanwhile
    mine = {"title": "Piste rurale", "cost": 100, "owner": "Commune"}  # my form still shows the old owner
    assert merge("Le projet", base, current, mine) == {"title": "Piste rurale"}


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    base, current = {"cost": 100}, {"cost": 250}
    assert merge("Le projet", base, current, {"cost": 250.0}) == {"cost": 250.0}


def test_two_different_changes_of_one_field_are_refused_with_both_versions() -> None:
    base = {"title": "Piste", "cost": 100}
    current = {"title": "Piste vers Tigmi", "cost": 100}
    with pytest.raises(ConflictError) as err:
        merge("Le projet « P01 »", base, current, {"title": "Piste rurale", "cost": 120})
    (clash,) = err.value.clashes
    assert (clash.field, clash.base, clash.theirs, clash.mine) == (
        "title",
        "Piste",
        "Piste vers Tigmi",
        "Piste rurale",
    )
    assert "modifié par quelqu'un d'autre" in err.value.messages[0] and "« title »" in err.value.messages[0]
    assert err.value.current == current


def test_blank_and_none_and_lists_compare_as_a_reader_would() -> None:
    assert merge("x", {"a": None, "d": [1, 2]}, {"a": "", "d": [2, 1]}, {"a": "", "d": [2, 1]}) == {}


# --------------------------------------------------------------------------- in the services (SQLite and PostgreSQL)


def _first_project(db):  # type: ignore[no-untyped-def]
    from pac.services import projects
    from pac.services.plan import load_board
    from tests.test_browser_projects import _plan_id

    plan_id = _plan_id(db)
    return projects.list_projects(db, plan_id)[0], load_board(db, plan_id)


def test_a_project_saved_twice_from_two_forms(demo_db) -> None:  # type: ignore[no-untyped-def]
    from pac.services import projects

    p, _ = _first_project(demo_db)
    base = {"title": p.title, "owner": p.owner, "description": p.description}
    projects.update_project(demo_db, p.id, {**base, "owner": "Province"}, base=base)  # the first form
    with pytest.raises(ConflictError) as err:  # the second form, opened before, changed the owner too
        projects.update_project(demo_db, p.id, {**base, "owner": "Région", "title": "Autre"}, base=base)
    assert [c.field for c in err.value.clashes] == ["owner"]
    assert projects.get_project(demo_db, p.id).title == p.title  # nothing of the refused save written
    # a form that did not touch the owner keeps the first save's owner
    projects.update_project(demo_db, p.id, {**base, "title": "Nouveau titre"}, base=base)
    after = projects.get_project(demo_db, p.id)
    assert (after.title, after.owner) == ("Nouveau titre", "Province")


def test_a_funding_grid_saved_twice(demo_db) -> None:  # type: ignore[no-untyped-def]
    from pac.services import plan as plan_service

    _, board = _first_project(demo_db)
    p = board.retained[0]
    base = plan_service.funding_signature(p.budget.fundings)
    rows = [
        {"partner_code": f.partner_code, "year": f.year, "amount": f.amount, "status": f.status}
        for f in p.budget.fundings
    ]
    first = [dict(rows[0], amount=111_111), *rows[1:]]
    second = [dict(rows[0], amount=222_222), *rows[1:]]
    plan_service.save_fundings(demo_db, p.id, first, base=base)
    with pytest.raises(ConflictError) as err:
        plan_service.save_fundings(demo_db, p.id, second, base=base)
    (clash,) = err.value.clashes
    assert "111" in clash.theirs and "222" in clash.mine and "17" in clash.field
    plan_service.save_fundings(demo_db, p.id, first, base=base)  # the same lines as theirs: no conflict
    plan_service.save_fundings(demo_db, p.id, second)  # « keep mine »: over theirs, knowingly
    amounts = [
        f.amount for f in plan_service.load_board(demo_db, board.plan.id).project(p.id).budget.fundings
    ]
    assert 222_222 in amounts and 111_111 not in amounts


def test_the_mission_saved_from_two_forms(demo_db) -> None:  # type: ignore[no-untyped-def]
    from pac.services import vision
    from tests.test_browser_projects import _plan_id

    plan_id = _plan_id(demo_db)
    view = vision.get_strategy(demo_db, plan_id)
    base = vision.statement_texts(view)
    typed = {
        "mission": view.mission,
        "mission_ar": view.mission_ar,
        "vision": view.vision,
        "vision_ar": view.vision_ar,
        "values": "\n".join(view.values),
        "values_ar": "\n".join(view.values_ar),
    }
    vision.save_strategy_text(demo_db, plan_id, {**typed, "mission": "Mission de la première"}, base=base)
    with pytest.raises(ConflictError) as err:
        vision.save_strategy_text(demo_db, plan_id, {**typed, "mission": "Mission de la seconde"}, base=base)
    assert [c.field for c in err.value.clashes] == ["mission"]
    # the second form changed only the vision: the first one's mission stays
    vision.save_strategy_text(demo_db, plan_id, {**typed, "vision": "Vision de la seconde"}, base=base)
    after = vision.get_strategy(demo_db, plan_id)
    assert (after.mission, after.vision) == ("Mission de la première", "Vision de la seconde")
    assert after.values == view.values and after.values_ar == view.values_ar


def test_a_swot_item_saved_from_two_forms(demo_db) -> None:  # type: ignore[no-untyped-def]
    from pac.services import swot
    from tests.test_browser_projects import _plan_id

    it = swot.list_items(demo_db, _plan_id(demo_db))[0]
    base = {
        "text": it.text,
        "text_ar": it.text_ar,
        "quadrant": it.quadrant,
        "sector_code": it.sector_code,
        "finding_ids": list(it.finding_ids),
    }
    swot.update_item(demo_db, it.id, {**base, "text": "Texte de la première"}, base=base)
    with pytest.raises(ConflictError):
        swot.update_item(demo_db, it.id, {**base, "text": "Texte de la seconde"}, base=base)
    swot.update_item(demo_db, it.id, {**base, "text_ar": "نص الثانية"}, base=base)  # another field: merged
    after = next(x for x in swot.list_items(demo_db, _plan_id(demo_db)) if x.id == it.id)
    assert (after.text, after.text_ar) == ("Texte de la première", "نص الثانية")


def test_a_text_changed_alone_keeps_its_stored_twin() -> None:
    base = {"title": "Piste", "title_ar": "مسلك"}
    current = {"title": "Piste", "title_ar": "مسلك قروي"}  # a colleague completed the Arabic
    assert merge("x", base, current, {"title": "Piste rurale", "title_ar": "مسلك"}) == {
        "title": "Piste rurale",
        "title_ar": "مسلك قروي",
    }


def test_an_indicator_saved_from_two_forms(demo_db) -> None:  # type: ignore[no-untyped-def]
    from pac.services import monitoring
    from tests.test_browser_projects import _plan_id

    plan_id = _plan_id(demo_db)
    i = monitoring.load_indicators(demo_db, plan_id).indicators[0]
    base = i.values()
    monitoring.save_indicator(demo_db, plan_id, {**base, "unit": "ménages"}, i.id, base=base)
    with pytest.raises(ConflictError) as err:
        monitoring.save_indicator(demo_db, plan_id, {**base, "unit": "foyers"}, i.id, base=base)
    assert [c.field for c in err.value.clashes] == ["unit"]
    done = monitoring.save_indicator(demo_db, plan_id, {**base, "source": "Enquête"}, i.id, base=base)
    assert (done.unit, done.source) == ("ménages", "Enquête")
