"""AppTest flows of the page « Projets » on a copy of the demo commune (the grid itself is a browser test)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.domain import markers as mk
from pac.services import communes, projects
from tests.apptest_utils import logged_in_app

PAGE = "pages/projects.py"


def open_tab(app_env: Path, commune_id: int, tab: int) -> AppTest:
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=commune_id)
    at.session_state["_keep_tab_projects"] = tab
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def db_of(app_env: Path) -> Database:
    return Database(f"sqlite:///{app_env}")


def plan_id(app_env: Path, commune_id: int) -> int:
    db = db_of(app_env)
    try:
        plan = communes.get_current_plan(db, commune_id)
        assert plan is not None
        return plan.id
    finally:
        db.dispose()


def listed(app_env: Path, commune_id: int) -> dict[str, projects.ProjectView]:
    db = db_of(app_env)
    try:
        return {p.code: p for p in projects.list_projects(db, plan_id(app_env, commune_id))}
    finally:
        db.dispose()


def widgets(at: AppTest, form_key: str) -> dict:  # type: ignore[type-arg]
    kinds = ("text_input", "text_area", "selectbox", "number_input", "checkbox", "multiselect", "radio")
    return {w.label: w for kind in kinds for w in at.get(kind) if getattr(w, "form_id", None) == form_key}


def submit(at: AppTest, form_key: str) -> None:
    [button] = [b for b in at.get("button") if getattr(b, "form_id", None) == form_key]
    button.click()
    at.run()


def test_add_a_project_with_an_automatic_code(app_env: Path, demo_commune_id: int) -> None:
    before = listed(app_env, demo_commune_id)
    at = open_tab(app_env, demo_commune_id, 0)
    form = f"projects_new_{plan_id(app_env, demo_commune_id)}_0"
    w = widgets(at, form)
    w["Intitulé (français)"].input("Radier sur l'oued Tala")
    w["Coût total estimé (DH)"].set_value(350_000)
    submit(at, form)
    assert not at.exception and not at.error
    after = listed(app_env, demo_commune_id)
    [new] = [p for code, p in after.items() if code not in before]
    assert new.title == "Radier sur l'oued Tala" and new.total_cost == 350_000
    assert new.code == f"P{len(before) + 1:02d}"  # the demo numbers its projects through the plan: P01…P44


def test_a_negative_cost_is_refused_in_french_and_the_form_keeps_what_was_typed(
    app_env: Path, demo_commune_id: int
) -> None:
    """Issue 10, item 10: −5000 got only an English browser tooltip and a button that did nothing."""
    before = listed(app_env, demo_commune_id)
    at = open_tab(app_env, demo_commune_id, 0)
    form = f"projects_new_{plan_id(app_env, demo_commune_id)}_0"
    w = widgets(at, form)
    w["Intitulé (français)"].input("Radier sur l'oued Tala")
    w["Coût total estimé (DH)"].set_value(-5000)
    submit(at, form)
    assert (
        at.error
        and "Coût total estimé" in at.error[0].value
        and "supérieure ou égale à 0" in at.error[0].value
    )
    w = widgets(at, form)
    assert (
        w["Intitulé (français)"].value == "Radier sur l'oued Tala"
        and w["Coût total estimé (DH)"].value == -5000
    )
    assert listed(app_env, demo_commune_id) == before  # nothing saved


def test_detail_form_saves_douars_and_beneficiaries(app_env: Path, demo_commune_id: int) -> None:
    p = listed(app_env, demo_commune_id)["P02"]
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
    at.session_state["_keep_tab_projects"] = 1
    at.session_state[f"_keep_projects_current_{p.plan_id}"] = p.id
    at.switch_page(PAGE)
    at.run()
    w = widgets(at, f"projects_detail_{p.id}")
    assert w["Intitulé (français)"].value == p.title
    w["Toute la commune"].check()
    w["Bénéf. jeunes"].set_value(321)
    w["Maître d'ouvrage (français)"].input("Commune (régie)")
    submit(at, f"projects_detail_{p.id}")
    assert not at.exception and not at.error
    got = listed(app_env, demo_commune_id)["P02"]
    assert got.whole_commune and got.douar_ids == () and got.beneficiaries_youth == 321
    assert got.owner == "Commune (régie)"


def test_deleting_a_project_asks_first(app_env: Path, demo_commune_id: int) -> None:
    p = listed(app_env, demo_commune_id)["P44"]
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
    at.session_state["_keep_tab_projects"] = 1
    at.session_state[f"_keep_projects_current_{p.plan_id}"] = p.id
    at.switch_page(PAGE)
    at.run()
    at.button(key=f"projects_delete_{p.id}_ask").click().run()
    assert any("P44" in w.value for w in at.warning)
    assert "P44" in listed(app_env, demo_commune_id)
    at.button(key=f"projects_delete_{p.id}_yes").click().run()
    assert not at.exception
    assert "P44" not in listed(app_env, demo_commune_id)


def test_markers_form_saves_and_shows_the_gender_rule(app_env: Path, demo_commune_id: int) -> None:
    p = next(x for x in listed(app_env, demo_commune_id).values() if x.markers.get("gender") in (None, 0))
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
    at.session_state["_keep_tab_projects"] = 2
    at.session_state[f"_keep_projects_current_{p.plan_id}"] = p.id
    at.switch_page(PAGE)
    at.run()
    # every level's definition is on screen
    html = "".join(h.proto.body for h in at.get("html"))
    assert "Significatif" in html and "Principal" in html
    at.radio(key=f"marker_{p.id}_gender").set_value(2)
    at.radio(key=f"marker_{p.id}_migration").set_value(1)
    submit(at, f"projects_markers_{p.id}")
    assert not at.exception
    got = listed(app_env, demo_commune_id)[p.code]
    assert got.markers["gender"] == 2 and got.markers["migration"] == 1
    texts = " ".join(w.value for w in at.warning)
    assert "note d'analyse de genre" in texts
    assert "au moins un critère" in texts
    db = db_of(app_env)
    codes = {w.code for w in projects.marker_warnings(db, p.plan_id) if w.project_id == p.id}
    db.dispose()
    assert {mk.GENDER_NOTE, mk.MIGRATION_NO_CRITERIA} <= codes


def test_previous_and_next_walk_through_the_projects(app_env: Path, demo_commune_id: int) -> None:
    items = list(listed(app_env, demo_commune_id).values())
    at = open_tab(app_env, demo_commune_id, 2)
    pid = plan_id(app_env, demo_commune_id)
    assert at.selectbox(key=f"projects_markers_pick_{pid}").value == items[0].id
    at.button(key=f"projects_markers_pick_{pid}_next").click().run()
    assert at.selectbox(key=f"projects_markers_pick_{pid}").value == items[1].id
    # the current project is shared with the detail tab
    at.session_state["_keep_tab_projects"] = 1
    at.switch_page("pages/home.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert at.selectbox(key=f"projects_detail_pick_{pid}").value == items[1].id


def test_coverage_tab_draws_the_charts_and_lists_the_gaps(app_env: Path, demo_commune_id: int) -> None:
    at = open_tab(app_env, demo_commune_id, 3)
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    assert any("sans aucun marqueur" in m.value for m in at.markdown)


def test_markers_form_edits_the_gender_objective_and_the_vulnerability_context_in_both_languages(
    app_env: Path, demo_commune_id: int
) -> None:
    p = next(x for x in listed(app_env, demo_commune_id).values() if x.markers.get("gender") in (None, 0))
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
    at.session_state["_keep_tab_projects"] = 2
    at.session_state[f"_keep_projects_current_{p.plan_id}"] = p.id
    at.switch_page(PAGE)
    at.run()
    form = f"projects_markers_{p.id}"
    at.radio(key=f"marker_{p.id}_gender").set_value(1)
    at.radio(key=f"marker_{p.id}_climate_adaptation").set_value(2)
    w = widgets(at, form)
    w["Note d'analyse de genre (français)"].input("Les femmes portent l'eau.")
    w["Objectif de genre du projet (français)"].input("")
    w["Objectif de genre du projet (arabe)"].input("تخفيف عبء جلب الماء عن النساء")
    w["Contexte de vulnérabilité climatique (français)"].input("")
    w["Contexte de vulnérabilité climatique (arabe)"].input("")
    submit(at, form)
    assert not at.exception
    got = listed(app_env, demo_commune_id)[p.code]
    assert got.gender_objective_ar == "تخفيف عبء جلب الماء عن النساء" and got.gender_objective == ""
    # the adaptation score asks for its context, naming the field; the objective stated in Arabic counts
    texts = " ".join(x.value for x in at.warning)
    assert "Contexte de vulnérabilité climatique" in texts
    assert "Objectif de genre du projet" not in texts
    # the French objective is missing: the form says so under its box
    assert any("version française manquante" in h.proto.body for h in at.get("html"))
    # a context with markup is refused, naming the field; what was typed stays, nothing is saved
    widgets(at, form)["Contexte de vulnérabilité climatique (français)"].input("<b>Sécheresse</b>")
    submit(at, form)
    assert any("Contexte de vulnérabilité climatique (français)" in e.value for e in at.error)
    assert widgets(at, form)["Contexte de vulnérabilité climatique (français)"].value == "<b>Sécheresse</b>"
    assert listed(app_env, demo_commune_id)[p.code].vulnerability_context == ""


def test_french_only_arabic_only_and_bilingual_titles_are_shown_with_the_fallback_marker(
    app_env: Path, demo_commune_id: int
) -> None:
    db = db_of(app_env)
    try:
        pid = plan_id(app_env, demo_commune_id)
        objective = next(iter(projects.choices(db, pid).objectives))
        only_fr = projects.create_project(db, pid, {"objective_id": objective, "title": "Piste de Tizgui"})
        only_ar = projects.create_project(db, pid, {"objective_id": objective, "title_ar": "مسلك تيزكي"})
        both = projects.create_project(
            db, pid, {"objective_id": objective, "title": "Puits d'Agni", "title_ar": "بئر أكني"}
        )
    finally:
        db.dispose()
    for lang, mine, other, marker in (
        ("fr", only_fr, only_ar, "en arabe"),
        ("ar", only_ar, only_fr, "بالفرنسية"),
    ):
        at = open_tab(app_env, demo_commune_id, 1)
        at.session_state["pac_lang"] = lang  # as the sidebar's language switch leaves it
        at.session_state["_lang_choice"] = lang
        at.run()
        picker = at.selectbox(key=f"projects_detail_pick_{pid}")
        options = dict(zip(picker.options, picker.options, strict=True))
        shown_other = next(o for o in options if o.startswith(f"{other.code} · "))
        shown_mine = next(o for o in options if o.startswith(f"{mine.code} · "))
        shown_both = next(o for o in options if o.startswith(f"{both.code} · "))
        assert marker in shown_other and "\u2068" in shown_other  # isolated, then marked
        assert marker not in shown_mine
        assert shown_both.endswith("بئر أكني" if lang == "ar" else "Puits d'Agni")


def test_detail_form_edits_the_owner_in_both_languages_and_keeps_a_refused_one(
    app_env: Path, demo_commune_id: int
) -> None:
    p = listed(app_env, demo_commune_id)["P03"]
    for lang, fr_label, ar_label, err_name in (
        ("fr", "Maître d'ouvrage (français)", "Maître d'ouvrage (arabe)", "Maître d'ouvrage (arabe)"),
        ("ar", "صاحب المشروع (بالفرنسية)", "صاحب المشروع (بالعربية)", "صاحب المشروع (بالعربية)"),
    ):
        at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
        at.session_state["pac_lang"] = lang
        at.session_state["_lang_choice"] = lang
        at.session_state["_keep_tab_projects"] = 1
        at.session_state[f"_keep_projects_current_{p.plan_id}"] = p.id
        at.switch_page(PAGE)
        at.run()
        form = f"projects_detail_{p.id}"
        w = widgets(at, form)
        assert w[fr_label].value == listed(app_env, demo_commune_id)["P03"].owner
        # 201 Arabic characters: refused in the page naming the field, what was typed stays, nothing saved
        before = listed(app_env, demo_commune_id)["P03"]
        w[ar_label].input("ب" * 201)
        w[fr_label].input("Province (DPE)")
        submit(at, form)
        assert not at.exception
        assert any(err_name in e.value and "201" in e.value for e in at.error), [e.value for e in at.error]
        w = widgets(at, form)
        assert w[ar_label].value == "ب" * 201 and w[fr_label].value == "Province (DPE)"
        assert listed(app_env, demo_commune_id)["P03"] == before
        # a right length is saved, both versions
        w[ar_label].input(f"المديرية الإقليمية {lang}")
        submit(at, form)
        assert not at.exception and not at.error
        got = listed(app_env, demo_commune_id)["P03"]
        assert (got.owner, got.owner_ar) == ("Province (DPE)", f"المديرية الإقليمية {lang}")
