"""AppTest flows of the page « Vision & axes » on a copy of the demo commune."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.services import communes, projects, vision
from pac.ui.kit.text import plain
from tests.apptest_utils import logged_in_app

PAGE = "pages/vision.py"


def open_tab(app_env: Path, commune_id: int, tab: int) -> AppTest:
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=commune_id)
    at.session_state["_keep_tab_strategy"] = tab  # lazy_tabs opens the tab kept for the page
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def inputs(at: AppTest, form_key: str) -> dict:  # type: ignore[type-arg]
    return {
        w.label: w
        for w in at.get("text_input") + at.get("text_area") + at.get("selectbox")
        if getattr(w, "form_id", None) == form_key
    }


def submit(at: AppTest, form_key: str) -> None:
    [button] = [b for b in at.get("button") if getattr(b, "form_id", None) == form_key]
    button.click()
    at.run()


def plan_id(app_env: Path, commune_id: int) -> int:
    db = Database(f"sqlite:///{app_env}")
    try:
        plan = communes.get_current_plan(db, commune_id)
        assert plan is not None
        return plan.id
    finally:
        db.dispose()


def view(app_env: Path, commune_id: int) -> vision.StrategyView:
    db = Database(f"sqlite:///{app_env}")
    try:
        return vision.get_strategy(db, plan_id(app_env, commune_id))
    finally:
        db.dispose()


def test_mission_is_saved_as_soon_as_it_changes(app_env: Path, demo_commune_id: int) -> None:
    at = open_tab(app_env, demo_commune_id, 0)
    pid = plan_id(app_env, demo_commune_id)
    at.text_area(key=f"strategy_mission_{pid}").input("Servir chaque douar avec équité.").run()
    at.text_area(key=f"strategy_values_{pid}").input("Équité\n\nTransparence").run()
    assert not at.exception
    v = view(app_env, demo_commune_id)
    assert v.mission == "Servir chaque douar avec équité."
    assert v.values == ("Équité", "Transparence")


def test_refused_vision_keeps_the_draft_and_changes_nothing(app_env: Path, demo_commune_id: int) -> None:
    before = view(app_env, demo_commune_id).vision
    at = open_tab(app_env, demo_commune_id, 0)
    pid = plan_id(app_env, demo_commune_id)
    at.text_area(key=f"strategy_vision_{pid}").input("<script>alert(1)</script>").run()
    assert any("Vision" in e.value and "balises" in e.value for e in at.error)
    assert view(app_env, demo_commune_id).vision == before
    # the typed text is still there after a page switch and back
    at.switch_page("pages/home.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert at.text_area(key=f"strategy_vision_{pid}").value == "<script>alert(1)</script>"


def test_add_an_axis_with_the_suggested_code_and_move_it_up(app_env: Path, demo_commune_id: int) -> None:
    at = open_tab(app_env, demo_commune_id, 1)
    before = [a.code for a in view(app_env, demo_commune_id).axes]
    form = f"strategy_new_axis_{plan_id(app_env, demo_commune_id)}"
    fields = inputs(at, form)
    assert fields["Code"].value == "A6"  # the next code is suggested
    fields["Intitulé"].input("Gouvernance et finances")
    submit(at, form)
    assert not at.exception
    axes = [a.code for a in view(app_env, demo_commune_id).axes]
    assert axes == [*before, "A6"]
    new_id = view(app_env, demo_commune_id).axes[-1].id
    at.button(key=f"up_axis_{new_id}").click().run()
    assert [a.code for a in view(app_env, demo_commune_id).axes][-2] == "A6"


def test_deleting_an_objective_with_projects_asks_then_moves_them(
    app_env: Path, demo_commune_id: int
) -> None:
    v = view(app_env, demo_commune_id)
    obj = v.axes[0].objectives[1]
    target = v.axes[0].objectives[0]
    n = len(obj.projects)
    assert n > 0
    at = open_tab(app_env, demo_commune_id, 1)
    at.button(key=f"del_objective_{obj.id}").click().run()
    assert any(plain(obj.code) in w.value and "projet" in w.value for w in at.warning)
    assert view(app_env, demo_commune_id).objective(obj.id) is not None  # nothing deleted yet
    at.selectbox(key=f"move_target_{obj.id}").select(target.id).run()
    at.button(key=f"move_{obj.id}").click().run()
    assert not at.exception
    after = view(app_env, demo_commune_id)
    assert after.objective(obj.id) is None
    assert len(after.objective(target.id).projects) == len(target.projects) + n  # type: ignore[union-attr]
    db = Database(f"sqlite:///{app_env}")
    assert len(projects.list_projects(db, after.plan_id)) == sum(len(o.projects) for o in v.objectives)
    db.dispose()


def test_cancelling_a_deletion_keeps_everything(app_env: Path, demo_commune_id: int) -> None:
    axis = view(app_env, demo_commune_id).axes[0]
    at = open_tab(app_env, demo_commune_id, 1)
    at.button(key=f"del_axis_{axis.id}").click().run()
    assert any(axis.code in w.value for w in at.warning)
    at.button(key=f"no_axis_{axis.id}").click().run()
    assert not at.warning or all(axis.code not in w.value for w in at.warning)
    assert view(app_env, demo_commune_id).axis(axis.id) is not None


def test_swot_links_tab_flags_the_gaps_and_saves_a_link(app_env: Path, demo_commune_id: int) -> None:
    v = view(app_env, demo_commune_id)
    at = open_tab(app_env, demo_commune_id, 2)
    if v.links.unanswered:
        assert any("sans objectif" in w.value for w in at.warning)
    item = v.links.unanswered[0] if v.links.unanswered else v.swot[0].id
    obj = v.objectives[0]
    box = at.multiselect(key=f"strategy_swot_{obj.id}")
    box.set_value([*box.value, item]).run()
    assert not at.exception
    assert item in view(app_env, demo_commune_id).objective(obj.id).swot_ids  # type: ignore[union-attr]


def test_tree_shows_every_axis_objective_and_project(app_env: Path, demo_commune_id: int) -> None:
    v = view(app_env, demo_commune_id)
    at = open_tab(app_env, demo_commune_id, 3)
    html = "".join(h.proto.body for h in at.get("html"))
    for axis in v.axes:
        assert axis.code in html
        for o in axis.objectives:
            assert o.code in html
            assert all(p.code in html for p in o.projects)
