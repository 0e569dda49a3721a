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


def statement(at: AppTest, pid: int, field: str, which: str = "fr"):  # type: ignore[no-untyped-def]
    return at.text_area(key=f"strategy_{field}_{pid}_bi_{which}")


def save_statement(at: AppTest, pid: int) -> None:
    submit(at, f"strategy_statement_{pid}")


def test_mission_vision_and_values_are_saved_together_in_both_languages(
    app_env: Path, demo_commune_id: int
) -> None:
    at = open_tab(app_env, demo_commune_id, 0)
    pid = plan_id(app_env, demo_commune_id)
    statement(at, pid, "mission").input("Servir chaque douar avec équité.")
    statement(at, pid, "mission", "ar").input("خدمة كل دوار بإنصاف.")
    statement(at, pid, "vision").input("")
    statement(at, pid, "vision", "ar").input("جماعة منصفة ومستدامة.")
    statement(at, pid, "values").input("Équité\n\nTransparence")
    statement(at, pid, "values", "ar").input("الإنصاف\n\nالشفافية")
    save_statement(at, pid)
    assert not at.exception
    v = view(app_env, demo_commune_id)
    assert (v.mission, v.mission_ar) == ("Servir chaque douar avec équité.", "خدمة كل دوار بإنصاف.")
    assert (v.vision, v.vision_ar) == ("", "جماعة منصفة ومستدامة.")
    assert v.values == ("Équité", "Transparence")
    assert v.values_ar == ("الإنصاف", "الشفافية")
    # the French vision is missing: the form says so, and the tree shows the Arabic with its marker
    assert any("version française manquante" in h.body for h in at.get("html"))


def test_typing_the_vision_while_nothing_is_saved_loses_nothing(app_env: Path, demo_commune_id: int) -> None:
    """Issue #10: the mission's save used to rerun the page and drop what was typed in the vision box.
    Both sit in one form now: typing reruns nothing, one click saves both."""
    at = open_tab(app_env, demo_commune_id, 0)
    pid = plan_id(app_env, demo_commune_id)
    statement(at, pid, "mission").input("Mission tapée")
    statement(at, pid, "vision").input("Vision collée aussitôt")
    save_statement(at, pid)
    v = view(app_env, demo_commune_id)
    assert (v.mission, v.vision) == ("Mission tapée", "Vision collée aussitôt")
    assert statement(at, pid, "vision").value == "Vision collée aussitôt"


def test_refused_vision_keeps_the_draft_and_changes_nothing(app_env: Path, demo_commune_id: int) -> None:
    before = view(app_env, demo_commune_id)
    at = open_tab(app_env, demo_commune_id, 0)
    pid = plan_id(app_env, demo_commune_id)
    statement(at, pid, "mission").input("Nouvelle mission")
    statement(at, pid, "vision").input("<script>alert(1)</script>")
    save_statement(at, pid)
    assert any("Vision (français)" in e.value and "balises" in e.value for e in at.error)
    after = view(app_env, demo_commune_id)
    assert (after.vision, after.mission) == (
        before.vision,
        before.mission,
    )  # nothing saved, not even the mission
    assert statement(at, pid, "mission").value == "Nouvelle mission"
    # the typed text is still there after a page switch and back
    at.switch_page("pages/home.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert statement(at, pid, "vision").value == "<script>alert(1)</script>"
    assert statement(at, pid, "mission").value == "Nouvelle mission"


def test_refusal_in_arabic_names_the_field_in_arabic(app_env: Path, demo_commune_id: int) -> None:
    at = open_tab(app_env, demo_commune_id, 0)
    at.session_state["pac_lang"] = "ar"  # as the sidebar's language switch leaves it
    at.session_state["_lang_choice"] = "ar"
    at.run()
    pid = plan_id(app_env, demo_commune_id)
    statement(at, pid, "vision", "ar").input("<b>رؤية</b>")
    save_statement(at, pid)
    assert any("الرؤية (بالعربية)" in e.value and "HTML" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    assert statement(at, pid, "vision", "ar").value == "<b>رؤية</b>"


def test_add_an_axis_with_the_suggested_code_and_move_it_up(app_env: Path, demo_commune_id: int) -> None:
    at = open_tab(app_env, demo_commune_id, 1)
    before = [a.code for a in view(app_env, demo_commune_id).axes]
    form = f"strategy_new_axis_{plan_id(app_env, demo_commune_id)}"
    fields = inputs(at, form)
    assert fields["Code"].value == "A6"  # the next code is suggested
    fields["Intitulé (français)"].input("Gouvernance et finances")
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


def test_an_arabic_only_axis_is_accepted_and_shown_with_its_marker(
    app_env: Path, demo_commune_id: int
) -> None:
    at = open_tab(app_env, demo_commune_id, 1)
    form = f"strategy_new_axis_{plan_id(app_env, demo_commune_id)}"
    fields = inputs(at, form)
    fields["Intitulé (arabe)"].input("الحكامة والمالية")
    submit(at, form)
    assert not at.exception
    axis = view(app_env, demo_commune_id).axes[-1]
    assert (axis.title, axis.title_ar) == ("", "الحكامة والمالية")
    # French reader: the Arabic title, isolated, with « (en arabe) »
    assert any("الحكامة والمالية" in m.value and "en arabe" in m.value for m in at.markdown)


def test_an_axis_with_no_title_at_all_is_refused_and_keeps_the_description(
    app_env: Path, demo_commune_id: int
) -> None:
    at = open_tab(app_env, demo_commune_id, 1)
    before = len(view(app_env, demo_commune_id).axes)
    form = f"strategy_new_axis_{plan_id(app_env, demo_commune_id)}"
    inputs(at, form)["Description (français)"].input("Sans titre")
    submit(at, form)
    assert any("Intitulé" in e.value and "au moins une des deux versions" in e.value for e in at.error)
    assert len(view(app_env, demo_commune_id).axes) == before
    assert inputs(at, form)["Description (français)"].value == "Sans titre"
