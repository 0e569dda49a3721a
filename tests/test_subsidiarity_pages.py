"""AppTest flows of the page « Subsidiarité »: the suggestion is never applied silently; confirmed choices are."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.domain import subsidiarity as rules
from pac.services import communes, projects, subsidiarity
from tests.apptest_utils import logged_in_app

PAGE = "pages/subsidiarity.py"


def plan_id(app_env: Path, commune_id: int) -> int:
    db = Database(f"sqlite:///{app_env}")
    try:
        plan = communes.get_current_plan(db, commune_id)
        assert plan is not None
        return plan.id
    finally:
        db.dispose()


def rows(app_env: Path, commune_id: int) -> dict[str, subsidiarity.SubsidiarityRow]:
    db = Database(f"sqlite:///{app_env}")
    try:
        return {r.code: r for r in subsidiarity.list_rows(db, plan_id(app_env, commune_id))}
    finally:
        db.dispose()


def open_on(app_env: Path, commune_id: int, project_id: int | None, tab: int = 0) -> AppTest:
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=commune_id)
    at.session_state["_keep_tab_subsidiarity"] = tab
    if project_id is not None:
        at.session_state[f"_keep_projects_current_{plan_id(app_env, commune_id)}"] = project_id
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def new_project(app_env: Path, commune_id: int, title: str, sector: str) -> int:
    db = Database(f"sqlite:///{app_env}")
    try:
        pid = plan_id(app_env, commune_id)
        objective = projects.choices(db, pid).objectives
        p = projects.create_project(
            db,
            pid,
            {
                "objective_id": next(iter(objective)),
                "title": title,
                "sector_code": sector,
                "total_cost": 1_200_000,
            },
        )
        return p.id
    finally:
        db.dispose()


def test_suggestion_fills_the_fields_but_saves_nothing_until_confirmed(
    app_env: Path, demo_commune_id: int
) -> None:
    pid = new_project(
        app_env, demo_commune_id, "Construction d'une école primaire au douar Tizi", "education"
    )
    at = open_on(app_env, demo_commune_id, pid)
    assert (
        at.selectbox(key=f"subs_competence_{pid}").value == ""
    )  # the fields start from what is saved: nothing
    assert any("Construction et équipement des établissements scolaires" in m.value for m in at.markdown)
    at.button(key=f"subs_fill_{pid}").click().run()
    assert at.selectbox(key=f"subs_competence_{pid}").value == "STATE_SCHOOLS"
    assert at.selectbox(key=f"subs_lead_{pid}").value == "DP_EDUCATION"
    assert at.multiselect(key=f"subs_agreement_{pid}").value == ["COMMUNE"]
    row = next(r for r in rows(app_env, demo_commune_id).values() if r.project_id == pid)
    assert row.competence_code is None and not row.confirmed  # still nothing saved
    at.button(key=f"subs_save_{pid}").click().run()
    assert not at.exception and not at.error
    row = next(r for r in rows(app_env, demo_commune_id).values() if r.project_id == pid)
    assert (row.competence_code, row.lead_code, row.confirmed) == ("STATE_SCHOOLS", "DP_EDUCATION", True)
    assert row.partners == (("COMMUNE", "agreement"),)
    assert row.warnings == ()


def test_commune_as_sole_lead_on_a_school_is_warned_before_and_after_saving(
    app_env: Path, demo_commune_id: int
) -> None:
    pid = new_project(app_env, demo_commune_id, "Construction d'une école primaire", "education")
    at = open_on(app_env, demo_commune_id, pid)
    at.selectbox(key=f"subs_competence_{pid}").select("STATE_SCHOOLS").run()
    at.selectbox(key=f"subs_lead_{pid}").select("COMMUNE").run()
    assert any("porte seule" in w.value for w in at.warning)  # shown live, before saving
    at.button(key=f"subs_save_{pid}").click().run()
    row = next(r for r in rows(app_env, demo_commune_id).values() if r.project_id == pid)
    assert row.warnings == (rules.COMMUNE_SOLE_LEAD,)
    # adding the education directorate by agreement clears it
    at.multiselect(key=f"subs_agreement_{pid}").select("DP_EDUCATION").run()
    assert not any("porte seule" in w.value for w in at.warning)
    at.button(key=f"subs_save_{pid}").click().run()
    row = next(r for r in rows(app_env, demo_commune_id).values() if r.project_id == pid)
    assert row.warnings == ()


def test_listing_a_partner_twice_is_refused_in_french(app_env: Path, demo_commune_id: int) -> None:
    pid = new_project(app_env, demo_commune_id, "Maison de jeunes", "youth_sport")
    at = open_on(app_env, demo_commune_id, pid)
    at.selectbox(key=f"subs_competence_{pid}").set_value("SH_CULTURAL").run()
    at.selectbox(key=f"subs_lead_{pid}").select("COMMUNE").run()
    at.multiselect(key=f"subs_funder_{pid}").select("COMMUNE").run()
    at.button(key=f"subs_save_{pid}").click().run()
    assert any("chef de file" in e.value for e in at.error)
    row = next(r for r in rows(app_env, demo_commune_id).values() if r.project_id == pid)
    assert row.lead_code is None and not row.confirmed


def test_filter_shows_only_projects_with_a_serious_warning(app_env: Path, demo_commune_id: int) -> None:
    everything = rows(app_env, demo_commune_id)
    serious = [
        r.code
        for r in everything.values()
        if set(r.warnings) - {rules.NOT_CONFIRMED} and r.status != "rejected"
    ]
    assert serious, "the demo has projects to review"
    at = open_on(app_env, demo_commune_id, None)
    assert len(at.dataframe[0].value) == len(everything)
    pid = plan_id(app_env, demo_commune_id)
    at.segmented_control(key=f"subs_filter_{pid}__w").set_value("serious").run()
    assert not at.exception
    assert list(at.dataframe[0].value["Code"]) == serious


def test_confirming_nothing_is_refused_in_the_page_and_the_row_keeps_its_alert(
    app_env: Path, demo_commune_id: int
) -> None:
    """Issue 10, item 6: an Arabic-titled project « confirmed » with no competence and no lead was accepted,
    then left « Avec alerte » though the row still said « compétence ? »."""
    pid = new_project(app_env, demo_commune_id, "تهيئة المسلك القروي", "roads")
    at = open_on(app_env, demo_commune_id, pid)
    at.button(key=f"subs_save_{pid}").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "« Compétence »" in errors and "« Chef de file »" in errors
    row = next(r for r in rows(app_env, demo_commune_id).values() if r.project_id == pid)
    assert (row.competence_code, row.lead_code, row.confirmed) == (None, None, False)
    at.segmented_control(key=f"subs_filter_{plan_id(app_env, demo_commune_id)}__w").set_value("serious").run()
    assert row.code in list(at.dataframe[0].value["Code"])
    # the same refusal in Arabic
    at.segmented_control(key="_lang_choice").set_value("ar").run()
    at.button(key=f"subs_save_{pid}").click().run()
    assert any("حقل « الاختصاص »" in e.value for e in at.error)


def test_summary_shows_the_own_share(app_env: Path, demo_commune_id: int) -> None:
    all_rows = list(rows(app_env, demo_commune_id).values())
    own = subsidiarity.summary(all_rows).own
    at = open_on(app_env, demo_commune_id, None, tab=1)
    metrics = {m.label: m.value for m in at.metric}
    from pac.domain.fmt import percent

    assert metrics["Part propre"] == percent(own.share)
    assert len(at.get("plotly_chart")) == 2


def test_an_arabic_only_project_in_arabic_shows_its_title_suggestion_and_no_french(
    app_env: Path, demo_commune_id: int
) -> None:
    """Issue #12: an Arabic-only title gets its suggestion (Arabic keywords), and the Arabic reader sees the
    editor, the suggestion and the table in Arabic; a French reader sees the title marked « (en arabe) »."""
    db = Database(f"sqlite:///{app_env}")
    try:
        plan = plan_id(app_env, demo_commune_id)
        values = {"objective_id": next(iter(projects.choices(db, plan).objectives))}
        values |= {"title_ar": "بناء مدرسة ابتدائية بالدوار", "sector_code": "education"}
        pid = projects.create_project(db, plan, values).id
    finally:
        db.dispose()
    at = open_on(app_env, demo_commune_id, pid)
    label = at.selectbox(key=f"subs_pick_{plan_id(app_env, demo_commune_id)}")
    shown = dict(zip(label.options, label.options, strict=True))
    assert any("بناء مدرسة ابتدائية بالدوار" in o and "en arabe" in o for o in shown)
    at.segmented_control(key="_lang_choice").set_value("ar").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "تنبيهات" in table.columns and "المشروع" in table.columns
    assert any("بناء مدرسة ابتدائية بالدوار" in str(x) for x in table["المشروع"])
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "اقتراح المرجع" in text
    assert "الكلمات المتعرف عليها" in text  # the catalogue found it from the Arabic title
    assert "Mots reconnus" not in text and "Suggestion du référentiel" not in text
