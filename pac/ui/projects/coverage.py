"""Tab « Couverture des marqueurs »: share of projects and of cost per marker value, per axis; the gaps."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain import markers as mk
from pac.domain import vocab
from pac.exports import charts_projects as charts
from pac.i18n import is_rtl, t, tn, vocab_labels
from pac.services import catalogues, projects
from pac.services.projects import Choices, ProjectView
from pac.ui.kit import state
from pac.ui.kit.editors import kept_widget
from pac.ui.kit.figures import show
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state
from pac.ui.projects import charts as pc
from pac.ui.projects.common import warning_text


def render(
    ctx: PageContext, items: list[ProjectView], choices: Choices, warnings: list[mk.MarkerWarning]
) -> None:
    assert ctx.plan is not None
    lang, big, rtl = ctx.lang, state.projection(), is_rtl(ctx.lang)
    cov = projects.marker_coverage(ctx.db, ctx.plan.id)
    if cov.project_count == 0:
        empty_state(t("projects.empty", lang))
        return
    labels = {m.code: m.label(lang) for m in catalogues.markers(ctx.db)} or vocab_labels(
        "markers", vocab.MARKERS, lang
    )
    a, b = st.columns(2)
    measures = {"projects": t("projects.measure_projects", lang), "cost": t("projects.measure_cost", lang)}
    measure = (
        a.segmented_control(
            t("projects.measure", lang),
            list(measures),
            format_func=measures.get,
            **kept_widget("projects_cov_measure", "projects", list(measures)),
        )
        or "projects"
    )
    scopes = {0: t("projects.all_axes", lang), **choices.axes}
    scope = b.selectbox(
        t("projects.scope", lang),
        list(scopes),
        format_func=scopes.get,
        **kept_widget(f"projects_cov_scope_{ctx.plan.id}", 0, list(scopes)),
    )
    title = t("projects.chart.coverage", lang, scope=scopes[scope], measure=measures[measure].lower())
    show(pc.coverage_bars(cov.table, labels, scope or None, measure, title, lang, big, rtl))
    axes = {aid: label.split(" · ")[0] for aid, label in choices.axes.items()}
    show(
        pc.targeted_heatmap(
            cov.table,
            labels,
            axes,
            measure,
            t("projects.chart.targeted", lang, measure=measures[measure].lower()),
            lang,
            big,
        )
    )
    by_id = {p.id: p for p in items}
    left, right = st.columns(2)
    with left:
        st.markdown(f"#### {tn('projects.without_marker', len(cov.without_marker), lang)}")
        st.caption(t("projects.without_marker_help", lang))
        _list([by_id[i] for i in cov.without_marker if i in by_id], lang)
    with right:
        st.markdown(f"#### {tn('projects.not_assessed', len(cov.not_assessed), lang)}")
        _list([by_id[i] for i in cov.not_assessed if i in by_id], lang)
    _warnings(items, warnings, lang)
    with st.expander(t("projects.coverage_table", lang)):
        st.dataframe(_table(cov.table, labels, choices, lang), hide_index=True, width="stretch")


def _list(items: list[ProjectView], lang: str) -> None:
    if not items:
        st.success(t("projects.none_left", lang), icon=":material/check_circle:")
        return
    st.markdown("\n".join(f"- **{plain(p.code)}** · {bi(p, 'title', lang)}" for p in items))


def _warnings(items: list[ProjectView], warnings: list[mk.MarkerWarning], lang: str) -> None:
    blocking = [w for w in warnings if w.blocking]
    st.markdown(f"#### {tn('projects.warnings_title', len(blocking), lang)}")
    if not warnings:
        st.success(t("projects.no_warnings", lang), icon=":material/check_circle:")
        return
    by_id = {p.id: p for p in items}
    rows = [
        {
            t("projects.col.code", lang): by_id[w.project_id].code if w.project_id in by_id else "",
            t("projects.col.title", lang): bi_raw(by_id[w.project_id], "title", lang)
            if w.project_id in by_id
            else "",
            t("projects.warning", lang): ("⚠ " if w.blocking else "ℹ ") + warning_text(w, lang),
        }
        for w in warnings
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _table(table: pd.DataFrame, labels: dict[str, str], choices: Choices, lang: str) -> pd.DataFrame:
    axes = {aid: label.split(" · ")[0] for aid, label in choices.axes.items()}
    out = pd.DataFrame(
        {
            t("projects.col.axis", lang): [
                t("projects.all_axes", lang) if pd.isna(a) else axes.get(int(a), "") for a in table["axis_id"]
            ],
            t("projects.col.marker", lang): [labels.get(m, m) for m in table["marker"]],
            t("projects.col.value", lang): [charts.value_label(v, lang) for v in table["value"]],
            t("projects.col.projects", lang): table["projects"],
            t("projects.col.share_projects", lang): [
                None if pd.isna(x) else round(100 * x, 1) for x in table["share_projects"]
            ],
            t("projects.col.cost", lang): table["cost"].round(0),
            t("projects.col.share_cost", lang): [
                None if pd.isna(x) else round(100 * x, 1) for x in table["share_cost"]
            ],
        }
    )
    return out
