"""Sections of the page « Plan triennal »: the summary, the priorities, the charts and the plan table.

The project editor is in project.py, the commune share and what-if in whatif.py.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain import plan as bud
from pac.domain.fmt import MILLIONS, mdh, money, number
from pac.exports import charts_plan as charts
from pac.i18n import is_rtl, t, tn
from pac.i18n import vocab as label
from pac.services import plan as plan_service
from pac.services.plan import TriennialBoard
from pac.ui.kit import state
from pac.ui.kit.editors import editor_key, editor_saved, records
from pac.ui.kit.tabs import page_link
from pac.ui.kit.text import bi, bi_raw
from pac.ui.kit.widgets import PageContext, empty_state, flash, run

VIEWS = ("priorities", "project", "budget", "charts", "table")


# --------------------------------------------------------------------------- small shared helpers


# --------------------------------------------------------------------------- summary


def summary(ctx: PageContext, board: TriennialBoard) -> None:
    lang = ctx.lang
    retained = board.retained
    tri = board.years[:3]
    budgets = [p.budget for p in retained]
    cost3 = sum(b.costs.get(y, 0.0) for b in budgets for y in tri)
    share3 = sum(b.share_in(y) for b in budgets for y in tri)
    gap = sum(b.gap for b in budgets)
    cap3 = sum(board.capacities[y].amount for y in tri)
    cols = st.columns(5)
    cols[0].metric(t("plan.m.retained", lang), f"{len(retained)} / {len(board.projects)}")
    # The unit in the label, the figure alone below: five figures fit a laptop's width in both languages
    # (« 8,35 مليون درهم » was cut short).
    unit = MILLIONS.get(lang, MILLIONS["fr"])
    cols[1].metric(t("plan.m.cost3", lang, unit=unit), number(cost3 / 1e6, 2, lang=lang))
    cols[2].metric(t("plan.m.share3", lang, unit=unit), number(share3 / 1e6, 2, lang=lang))
    cols[3].metric(t("plan.m.capacity3", lang, unit=unit), number(cap3 / 1e6, 2, lang=lang))
    cols[4].metric(
        t("plan.m.gap", lang, unit=unit),
        number(gap / 1e6, 2, lang=lang),
        delta=t("plan.m.gap_none", lang) if gap <= 0 else None,
        delta_color="off",
    )
    shortfalls = [x for x in board.balances() if x.over]
    if shortfalls:  # one warning, one line per year, so that the room sees them together
        lines = [
            t(
                "plan.warn.shortfall_year",
                lang,
                n=x.index,
                year=x.year,
                share=mdh(x.share, lang=lang),
                capacity=mdh(x.capacity, lang=lang),
                shortfall=mdh(x.shortfall, lang=lang),
            )
            for x in shortfalls
        ]
        st.warning(
            t("plan.warn.shortfall", lang) + "\n\n" + "\n".join(f"- {line}" for line in lines),
            icon=":material/warning:",
        )
    if board.finance_years == 0:
        st.warning(t("plan.warn.no_finances", lang), icon=":material/account_balance:")
        page_link("pages/diagnostic.py", "nav.diagnostic", lang, ":material/search:")


# --------------------------------------------------------------------------- priorities


def priorities(ctx: PageContext, board: TriennialBoard) -> None:
    lang = ctx.lang
    st.caption(t("plan.prio.help", lang))
    if not board.projects:
        empty_state(t("plan.prio.empty", lang))
        page_link("pages/projects.py", "nav.projects", lang, ":material/construction:")
        return
    if all(p.vote_rank is None for p in board.projects):
        st.info(t("plan.prio.no_vote", lang), icon=":material/how_to_vote:")
    rows = [
        {
            "id": p.id,
            "priority": p.priority,
            # as text: an empty number cell reads « None » in the grid
            "vote_rank": "" if p.vote_rank is None else str(p.vote_rank),
            "vote_score": "" if p.vote_score is None else number(p.vote_score, 1, lang=lang),
            "code": p.code,
            "title": bi_raw(p, "title", lang),
            "axis": p.axis_code,
            # as text in the interface's language (1 200 000 DH / 1.200.000 درهم), not the browser's locale
            "cost": money(p.budget.total_cost or p.estimated_cost, lang=lang),
            "status": label("project_statuses", p.status, lang),
            "in_plan": p.in_plan,
            "priority_override": "" if p.priority_override is None else str(p.priority_override),
            # the reason in the reader's language (the other version is kept as stored)
            "priority_override_reason": p.priority_override_reason_ar
            if lang == "ar"
            else p.priority_override_reason,
        }
        for p in board.projects
    ]
    df = pd.DataFrame(rows).astype({"priority": "Int64"})
    name = f"plan_prio_{board.plan.id}"
    with st.form(f"{name}_form", border=False):
        edited = st.data_editor(
            df,
            key=editor_key(name),
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            disabled=["priority", "vote_rank", "vote_score", "code", "title", "axis", "cost", "status"],
            column_order=[
                "priority",
                "in_plan",
                "code",
                "title",
                "axis",
                "vote_rank",
                "vote_score",
                "priority_override",
                "priority_override_reason",
                "cost",
                "status",
            ],
            column_config={
                "id": None,
                "priority": st.column_config.NumberColumn(t("plan.col.priority", lang), width="small"),
                "in_plan": st.column_config.CheckboxColumn(t("plan.prio.in_plan", lang), width="small"),
                "code": st.column_config.TextColumn(t("plan.col.code", lang), width="small"),
                "title": st.column_config.TextColumn(t("plan.col.project", lang), width="medium"),
                "axis": st.column_config.TextColumn(t("plan.prio.axis", lang), width="small"),
                "vote_rank": st.column_config.TextColumn(t("plan.prio.vote_rank", lang), width="small"),
                "vote_score": st.column_config.TextColumn(t("plan.prio.vote_score", lang), width="small"),
                # Typed as text: the rules read it as a whole number ≥ 1 and refuse anything else in French
                # (a number cell would clamp it, and shows « None » when empty).
                "priority_override": st.column_config.TextColumn(
                    t("plan.prio.override", lang),
                    width="small",
                    help=t("plan.prio.override_help", lang),
                ),
                "priority_override_reason": st.column_config.TextColumn(
                    t("plan.prio.reason", lang), width="large"
                ),
                "cost": st.column_config.TextColumn(t("plan.col.total_cost", lang)),
                "status": st.column_config.TextColumn(t("plan.prio.status", lang), width="small"),
            },
            height=min(38 + 35 * len(rows), 640),
        )
        saved = st.form_submit_button(t("plan.prio.save", lang), type="primary", icon=":material/save:")
    if saved:
        changes = records(edited[["id", "in_plan", "priority_override", "priority_override_reason"]])
        done = run(plan_service.save_priorities, ctx.db, board.plan.id, changes, lang)
        if done is not None:
            editor_saved(name)
            flash(tn("plan.prio.saved", done, lang))
            st.rerun()
    overridden = [p for p in board.projects if p.priority_override is not None]
    if overridden:
        with st.expander(t("plan.prio.overrides", lang, n=len(overridden))):
            for p in overridden:
                st.markdown(
                    t(
                        "plan.prio.override_line",
                        lang,
                        code=p.code,
                        vote=p.vote_rank or "—",
                        rank=p.priority_override,
                        # the commune's own words, in either script: isolated in the line
                        reason=bi(p, "priority_override_reason", lang),
                    )
                )


# --------------------------------------------------------------------------- charts


def charts_view(ctx: PageContext, board: TriennialBoard) -> None:
    lang, big, rtl = ctx.lang, state.projection(), is_rtl(ctx.lang)
    retained = [p for p in board.retained if p.budget.scheduled]
    if not retained:
        empty_state(t("plan.charts.empty", lang))
        return
    years = board.years
    rows = [
        charts.GanttRow(
            f"{p.code} — {bi_raw(p, 'title', lang)}",
            p.start_year or years[0],
            p.end_year or years[0],
            p.axis_code,
            p.budget.total_cost,
        )
        for p in retained
    ]
    axis_names = {code: board.axis_name(code, lang) for code in board.axes}
    st.plotly_chart(
        charts.gantt(rows, years, axis_names, lang=lang, big=big, rtl=rtl),
        width="stretch",
        config={"displaylogo": False},
        key="plan_gantt",
    )
    budgets = board.budgets()
    partners = {code: board.partner_name(code, lang) for code in board.partners}
    partners[bud.GAP] = t("plan.status.gap", lang)
    st.plotly_chart(
        charts.stacked_years(
            bud.totals_by(budgets, years, "partner"),
            years,
            partners,
            t("plan.chart.by_funder", lang),
            lang=lang,
            big=big,
            rtl=rtl,
        ),
        width="stretch",
        config={"displaylogo": False},
        key="plan_by_funder",
    )
    left, right = st.columns(2)
    left.plotly_chart(
        charts.stacked_years(
            bud.totals_by(budgets, years, "axis"),
            years,
            axis_names,
            t("plan.chart.by_axis", lang),
            order=list(board.axes),
            lang=lang,
            big=big,
            rtl=rtl,
        ),
        width="stretch",
        config={"displaylogo": False},
        key="plan_by_axis",
    )
    statuses = {s: label("funding_statuses", s, lang) for s in ("secured", "negotiation", "to_find")}
    statuses[bud.GAP] = t("plan.status.gap", lang)
    right.plotly_chart(
        charts.stacked_years(
            bud.totals_by(budgets, years, "status"),
            years,
            statuses,
            t("plan.chart.by_status", lang),
            colours=charts.STATUS_COLOURS,
            order=["secured", "negotiation", "to_find", bud.GAP],
            lang=lang,
            big=big,
            rtl=rtl,
        ),
        width="stretch",
        config={"displaylogo": False},
        key="plan_by_status",
    )


# --------------------------------------------------------------------------- the plan table


def table_view(ctx: PageContext, board: TriennialBoard) -> None:
    lang = ctx.lang
    df = plan_service.plan_table(board, lang)
    if df.empty:
        empty_state(t("plan.table.empty", lang))
        return
    money = [
        c
        for c in df.columns
        if df[c].dtype.kind == "f"
        and c not in (t("plan.col.women", lang), t("plan.col.men", lang), t("plan.col.youth", lang))
    ]
    st.caption(t("plan.table.help", lang))
    # Amounts shown as text grouped the interface's way (1 200 000 / 1.200.000), not the browser's locale;
    # the CSV keeps the plain numbers.
    shown = df.copy()
    for c in money:
        shown[c] = [number(x, lang=lang) for x in df[c]]
    st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(df), 700))
    st.download_button(
        t("plan.table.csv", lang),
        df.to_csv(index=False, sep=";").encode("utf-8-sig"),
        file_name=f"plan-triennal-{board.plan.start_year}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
