"""Tab « Fiche projet »: every field of one project, its location, and its deletion (asked first)."""

from __future__ import annotations

import streamlit as st

from pac.domain import vocab
from pac.i18n import t, vocab_labels
from pac.services import catalogues, projects
from pac.services.projects import Choices, ProjectView
from pac.ui.kit.current_project import pick_project, set_current
from pac.ui.kit.grid import refresh
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run
from pac.ui.projects.listing import GRID


def render(ctx: PageContext, items: list[ProjectView], choices: Choices) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    p = pick_project(ctx.plan.id, items, "projects_detail_pick", lang)
    if p is None:
        empty_state(t("projects.empty", lang))
        return
    sectors = catalogues.sector_names(ctx.db, lang)
    with st.form(f"projects_detail_{p.id}"):
        a, b, c = st.columns([3, 1, 1])
        objectives = list(choices.objectives)
        objective = a.selectbox(
            t("projects.col.objective", lang),
            objectives,
            index=objectives.index(p.objective_id),
            format_func=choices.objectives.get,
        )
        code = b.text_input(t("projects.col.code", lang), value=p.code)
        statuses = list(vocab.PROJECT_STATUSES)
        labels = vocab_labels("project_statuses", statuses, lang)
        status = c.selectbox(
            t("projects.col.status", lang), statuses, index=statuses.index(p.status), format_func=labels.get
        )
        title = st.text_input(t("projects.col.title", lang), value=p.title)
        description = st.text_area(t("projects.description", lang), value=p.description, height=100)
        d, e, f = st.columns([2, 1, 2])
        sector_codes = ["", *sectors]
        sector = d.selectbox(
            t("projects.col.sector", lang),
            sector_codes,
            index=sector_codes.index(p.sector_code) if p.sector_code in sector_codes else 0,
            format_func=lambda s: sectors.get(s, t("projects.none", lang)),
        )
        cost = e.number_input(t("projects.col.total_cost", lang), step=10_000.0, value=p.total_cost)
        owner = f.text_input(t("projects.col.owner", lang), value=p.owner)
        whole = st.checkbox(t("projects.whole_commune", lang), value=p.whole_commune)
        douar_ids = list(choices.douars)
        douars = pick_many(
            t("projects.douars", lang),
            douar_ids,
            lang=lang,
            default=[d for d in p.douar_ids if d in douar_ids],
            format_func=choices.douars.get,
            help=t("projects.douars_help", lang),
            placeholder=t("projects.douars_none", lang),
        )
        g, h, i = st.columns(3)
        women = g.number_input(t("projects.col.women", lang), step=1, value=p.beneficiaries_women)
        men = h.number_input(t("projects.col.men", lang), step=1, value=p.beneficiaries_men)
        youth = i.number_input(t("projects.col.youth", lang), step=1, value=p.beneficiaries_youth)
        saved = st.form_submit_button(t("projects.save", lang), type="primary", icon=":material/save:")
    if saved:
        values = {
            "objective_id": objective,
            "code": code,
            "status": status,
            "title": title,
            "description": description,
            "sector_code": sector or None,
            "total_cost": cost,
            "owner": owner,
            "whole_commune": whole,
            "douar_ids": douars,
            "beneficiaries_women": women,
            "beneficiaries_men": men,
            "beneficiaries_youth": youth,
        }
        done = run(projects.update_project, ctx.db, p.id, values)
        if done is not None:
            refresh(f"{GRID}_{ctx.plan.id}")
            flash(t("projects.saved", lang, label=plain(done.label)))
            st.rerun()
    _delete(ctx, p)


def _delete(ctx: PageContext, p: ProjectView) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    key = f"projects_delete_{p.id}"
    if st.button(t("projects.delete", lang), icon=":material/delete:", key=f"{key}_ask"):
        st.session_state[key] = True
    if not st.session_state.get(key):
        return
    impact = projects.project_impact(ctx.db, p.id)
    st.warning(
        t(
            "projects.delete_confirm",
            lang,
            label=plain(p.label),
            indicators=impact["indicators"],
            fundings=impact["fundings"],
        )
    )
    yes, no = st.columns(2)
    if yes.button(
        t("projects.delete_yes", lang), type="primary", key=f"{key}_yes", icon=":material/delete_forever:"
    ):
        code = run(projects.delete_project, ctx.db, ctx.plan.id, p.id)
        st.session_state.pop(key, None)
        if code is not None:
            set_current(ctx.plan.id, None)
            refresh(f"{GRID}_{ctx.plan.id}")
            flash(t("projects.deleted", lang, code=code))
            st.rerun()
    if no.button(t("projects.cancel", lang), key=f"{key}_no", icon=":material/close:"):
        st.session_state.pop(key, None)
        st.rerun()
