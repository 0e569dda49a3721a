"""The NGO's view on the dashboard: every commune with a plan side by side."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pac.domain import fmt
from pac.i18n import t, tn
from pac.services import home
from pac.ui.kit.widgets import PageContext, empty_state

_ROWS = "_home_ngo_rows"


def ngo_view(ctx: PageContext) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('docs.ngo.title', lang)}")
    # About 0.1 s per commune with a plan (its plan, indicators and checklist): asked for, not on every rerun.
    if not st.toggle(t("docs.ngo.show", lang), key="home_ngo_view"):
        st.session_state.pop(_ROWS, None)
        return
    # Computed once when shown (about 0.1 s a commune), then kept: the page's other reruns stay fast; the
    # time says how fresh it is and « Actualiser » computes it again.
    refresh = st.button(t("docs.ngo.refresh", lang), icon=":material/refresh:", key="home_ngo_refresh")
    if refresh or _ROWS not in st.session_state:
        st.session_state[_ROWS] = (dt.datetime.now(), home.ngo_board(ctx.db))
    when, rows = st.session_state[_ROWS]
    st.caption(t("docs.ngo.as_of", lang, time=when.strftime("%H:%M:%S")))
    if not rows:
        empty_state(t("docs.ngo.empty", lang))
        return
    axes = sorted({a for r in rows for a in r.cost_by_axis}, key=lambda a: (len(a), a))
    commune = t("docs.ngo.col.commune", lang)
    st.caption(t("docs.ngo.cost_by_axis", lang))
    st.dataframe(
        [
            {
                commune: r.name(lang),
                t("home.col.plan", lang): t(
                    "docs.cover.period", lang, start=r.plan_years[0], end=r.plan_years[1]
                ),
                **{a: fmt.mdh(r.cost_by_axis.get(a, 0.0), lang=lang) for a in axes},
                t("docs.col.total", lang): fmt.mdh(sum(r.cost_by_axis.values()), lang=lang),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(t("docs.ngo.capacity", lang))
    st.dataframe(
        [
            {
                commune: r.name(lang),
                t("docs.ngo.col.share", lang): fmt.mdh(r.share, lang=lang),
                t("docs.ngo.col.capacity", lang): fmt.mdh(r.capacity, lang=lang),
                t("docs.ngo.col.ratio", lang): fmt.percent(r.ratio, lang=lang),
                t("docs.ngo.col.over_years", lang): ", ".join(str(y) for y in r.over_years) or "—",
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(t("docs.ngo.gender", lang))
    st.dataframe(
        [
            {
                commune: r.name(lang),
                t("docs.ngo.col.gender", lang): r.gender_projects,
                t("docs.ngo.col.gender_indicator", lang): r.gender_with_indicator,
                t("docs.ngo.col.checklist", lang): tn("docs.ngo.checklist_missing", r.checklist_missing, lang)
                if r.checklist_missing
                else t("docs.ngo.checklist_ok", lang),
                t("docs.ngo.col.documents", lang): (
                    f"{r.documents} · {r.last_document:%Y-%m-%d %H:%M}"
                    if r.last_document
                    else t("docs.ngo.no_documents", lang)
                ),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
