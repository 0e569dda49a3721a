"""Tab « Synthèse » of the subsidiarity page: who does what, in numbers and charts the room can read."""

from __future__ import annotations

import streamlit as st

from pac.domain import subsidiarity as rules
from pac.domain import vocab as codes
from pac.domain.fmt import mdh, percent
from pac.exports import charts_subsidiarity as charts
from pac.i18n import is_rtl, t, tn
from pac.services import subsidiarity
from pac.services.catalogues import PartnerInfo
from pac.services.subsidiarity import SubsidiarityRow
from pac.ui.kit import state
from pac.ui.kit.figures import show
from pac.ui.kit.widgets import PageContext, empty_state
from pac.ui.subsidiarity import charts as pc


def render(ctx: PageContext, rows: list[SubsidiarityRow], partners: list[PartnerInfo]) -> None:
    lang, big, rtl = ctx.lang, state.projection(), is_rtl(ctx.lang)
    if not rows:
        empty_state(t("subsidiarity.no_projects", lang))
        return
    summary = subsidiarity.summary(rows, [p.code for p in partners])
    own = summary.own
    a, b, c, d = st.columns(4)
    a.metric(
        t("subsidiarity.own_share", lang),
        percent(own.share, lang=lang),
        help=t("subsidiarity.own_share_help", lang),
    )
    b.metric(
        t("subsidiarity.own_cost", lang),
        mdh(own.own_cost, lang=lang),
        help=tn("subsidiarity.own_cost_help", own.own_projects, lang),
    )
    c.metric(
        t("subsidiarity.programme_cost", lang),
        mdh(own.total_cost, lang=lang),
        help=tn("subsidiarity.programme_help", own.total_projects, lang),
    )
    serious = sum(summary.warning_counts[w] for w in rules.SERIOUS)
    d.metric(
        t("subsidiarity.to_review", lang),
        serious,
        help=tn("subsidiarity.to_review_help", summary.warning_counts[rules.NOT_CONFIRMED], lang),
    )
    by_level, by_lead = subsidiarity.summary_frames(summary)
    level_labels = {lvl: t(f"vocab.competence_levels.{lvl}", lang) for lvl in codes.COMPETENCE_LEVELS}
    level_labels[None] = t("subsidiarity.no_competence", lang)
    names = {p.code: p.name(lang) for p in partners}
    names[None] = t("subsidiarity.no_lead", lang)  # type: ignore[index]
    left, right = st.columns(2) if not big else (st.container(), st.container())
    with left:
        show(
            pc.group_bars(
                by_level,
                level_labels,
                t("subsidiarity.chart.by_level", lang),
                charts.level_order(codes.COMPETENCE_LEVELS),
                lang,
                big,
                rtl,
            )
        )
    with right:
        colours = {k: charts.COMMUNE_COLOUR if k == rules.COMMUNE else "#8d99ae" for k in by_lead["key"]}
        show(pc.group_bars(by_lead, names, t("subsidiarity.chart.by_lead", lang), colours, lang, big, rtl))
    st.caption(t("subsidiarity.definition", lang))
