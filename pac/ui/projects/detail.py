"""Tab « Fiche projet »: every field of one project, its location, and its deletion (asked first)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pac.domain import vocab
from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.i18n import t, tn, vocab_labels
from pac.services import catalogues, projects
from pac.services.projects import Choices, ProjectView
from pac.ui.kit import bitext, conflict
from pac.ui.kit.current_project import pick_project, set_current
from pac.ui.kit.grid import refresh
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import bi, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error
from pac.ui.projects.listing import GRID


def render(ctx: PageContext, items: list[ProjectView], choices: Choices) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    p = pick_project(ctx.plan.id, items, "projects_detail_pick", lang)
    if p is None:
        empty_state(t("projects.empty", lang))
        return
    sectors = catalogues.sector_names(ctx.db, lang)
    # What the form showed when it was drawn: a save compares it with the stored project, so that a
    # colleague's save made meanwhile is never overwritten silently (pac.domain.conflict).
    base_key, conflict_key = f"projects_detail_base_{p.id}", f"projects_detail_{p.id}"
    seen = st.session_state.get(base_key)
    _conflict(ctx, p, conflict_key)
    # Keyed widgets keep what was typed when the stored project changes under them (a colleague's save):
    # without keys, a new stored value would silently replace the user's typing.
    wk = f"projects_detail_{p.id}_g{st.session_state.get(_GEN.format(p.id), 0)}"
    with st.form(f"projects_detail_{p.id}"):
        a, b, c = st.columns([3, 1, 1])
        objectives = list(choices.objectives)
        objective = a.selectbox(
            t("projects.col.objective", lang),
            objectives,
            index=objectives.index(p.objective_id),
            format_func=choices.objectives.get,
            key=f"{wk}_objective",
        )
        code = b.text_input(t("projects.col.code", lang), value=p.code, key=f"{wk}_code")
        statuses = list(vocab.PROJECT_STATUSES)
        labels = vocab_labels("project_statuses", statuses, lang)
        status = c.selectbox(
            t("projects.col.status", lang),
            statuses,
            index=statuses.index(p.status),
            format_func=labels.get,
            key=f"{wk}_status",
        )
        title, title_ar = bitext.inputs(
            t("projects.col.title", lang), f"{wk}_title", p.title, p.title_ar, lang
        )
        description, description_ar = bitext.inputs(
            t("projects.description", lang),
            f"{wk}_description",
            p.description,
            p.description_ar,
            lang,
            area=True,
            height=100,
        )
        results, results_ar = bitext.inputs(
            t("projects.expected_results", lang),
            f"{wk}_results",
            p.expected_results,
            p.expected_results_ar,
            lang,
            area=True,
            height=90,
            help=t("projects.expected_results_help", lang),
        )
        d, e = st.columns([2, 1])
        sector_codes = ["", *sectors]
        sector = d.selectbox(
            t("projects.col.sector", lang),
            sector_codes,
            index=sector_codes.index(p.sector_code) if p.sector_code in sector_codes else 0,
            format_func=lambda s: sectors.get(s, t("projects.none", lang)),
            key=f"{wk}_sector",
        )
        cost = e.number_input(
            t("projects.col.total_cost", lang), step=10_000.0, value=p.total_cost, key=f"{wk}_cost"
        )
        owner, owner_ar = bitext.inputs(
            t("projects.col.owner", lang), f"{wk}_owner", p.owner, p.owner_ar, lang
        )
        whole = st.checkbox(t("projects.whole_commune", lang), value=p.whole_commune, key=f"{wk}_whole")
        douar_ids = list(choices.douars)
        douars = pick_many(
            t("projects.douars", lang),
            douar_ids,
            lang=lang,
            default=[d for d in p.douar_ids if d in douar_ids],
            format_func=choices.douars.get,
            help=t("projects.douars_help", lang),
            placeholder=t("projects.douars_none", lang),
            key=f"{wk}_douars",
        )
        g, h, i = st.columns(3)
        women = g.number_input(
            t("projects.col.women", lang), step=1, value=p.beneficiaries_women, key=f"{wk}_women"
        )
        men = h.number_input(t("projects.col.men", lang), step=1, value=p.beneficiaries_men, key=f"{wk}_men")
        youth = i.number_input(
            t("projects.col.youth", lang), step=1, value=p.beneficiaries_youth, key=f"{wk}_youth"
        )
        saved = st.form_submit_button(t("projects.save", lang), type="primary", icon=":material/save:")
    if saved:
        values = {
            "objective_id": objective,
            "code": code,
            "status": status,
            "title": title,
            "title_ar": title_ar,
            "description": description,
            "description_ar": description_ar,
            "expected_results": results,
            "expected_results_ar": results_ar,
            "sector_code": sector or None,
            "total_cost": cost,
            "owner": owner,
            "owner_ar": owner_ar,
            "whole_commune": whole,
            "douar_ids": douars,
            "beneficiaries_women": women,
            "beneficiaries_men": men,
            "beneficiaries_youth": youth,
        }
        _save(ctx, p, values, seen, conflict_key)
    else:  # what the keyed widgets were first drawn with, until the form is reset
        st.session_state.setdefault(base_key, {f: _shown(p, f) for f in FORM_FIELDS})
    _delete(ctx, p)


FORM_FIELDS = (
    "objective_id",
    "code",
    "status",
    "title",
    "title_ar",
    "description",
    "description_ar",
    "expected_results",
    "expected_results_ar",
    "sector_code",
    "total_cost",
    "owner",
    "owner_ar",
    "whole_commune",
    "douar_ids",
    "beneficiaries_women",
    "beneficiaries_men",
    "beneficiaries_youth",
)


def _shown(p: ProjectView, field: str) -> Any:
    value = getattr(p, field)
    return list(value) if isinstance(value, tuple) else value


def _save(
    ctx: PageContext, p: ProjectView, values: dict[str, Any], seen: dict[str, Any] | None, conflict_key: str
) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    try:
        done = projects.update_project(ctx.db, p.id, values, lang=lang, base=seen)
    except ConflictError as err:  # a colleague saved the same fields meanwhile: the user chooses
        conflict.remember(conflict_key, err, values=values, base=seen or {})
        st.rerun()
    except DomainError as err:
        show_error(err)
        return
    if done is not None:
        _reset_form(p.id)  # drawn again from the stored project (which may hold a colleague's other edits)
        refresh(f"{GRID}_{ctx.plan.id}")
        flash(t("projects.saved", lang, label=f"{plain(done.code)} · {bi(done, 'title', lang)}"))
        st.rerun()


_GEN = "projects_detail_gen_{}"


def _reset_form(project_id: int) -> None:
    """The form's widgets and its base start again from the stored project at the next run (new keys)."""
    st.session_state[_GEN.format(project_id)] = st.session_state.get(_GEN.format(project_id), 0) + 1
    st.session_state.pop(f"projects_detail_base_{project_id}", None)


def _conflict(ctx: PageContext, p: ProjectView, key: str) -> None:
    """A save refused because a colleague saved the same fields: both versions, and the user chooses."""
    lang = ctx.lang

    def keep_mine(pending: conflict.Pending) -> None:
        # The clashing fields are now known as theirs: saving over them is a choice, the rest merges.
        base = pending.base_over_theirs
        _save(ctx, p, pending.values, base, key)

    def take_theirs(pending: conflict.Pending) -> None:
        _reset_form(p.id)
        flash(t("conflict.taken", lang))
        st.rerun()

    labels = {}
    for f in FORM_FIELDS:
        name = t(projects.FIELD_KEYS[f.removesuffix("_ar")], lang)
        labels[f] = f"{name} ({t('bitext.lang.ar', lang)})" if f.endswith("_ar") else name
    conflict.show(key, labels, keep_mine=keep_mine, take_theirs=take_theirs)


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
            label=f"{plain(p.code)} · {bi(p, 'title', lang)}",
            indicators=tn("projects.n_indicators", impact["indicators"], lang),
            fundings=tn("projects.n_fundings", impact["fundings"], lang),
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
