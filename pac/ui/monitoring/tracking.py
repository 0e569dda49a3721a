"""Page « Suivi-évaluation »: tracking after the workshop — project progress and measured values per year."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pac.domain import monitoring as rules
from pac.domain.fmt import money, number
from pac.exports import charts_monitoring as charts
from pac.i18n import is_rtl, t, tn
from pac.services import monitoring
from pac.services.monitoring import IndicatorBoard, TrackingBoard
from pac.ui.kit import state
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run


def tracking_view(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    years = ctx.plan.years
    default = min(max(dt.date.today().year, years[0]), years[-1])
    kept = state.keep(f"me_year_{ctx.plan.id}", default)
    year = st.selectbox(
        t("monitoring.track.year", lang),
        years,
        index=years.index(kept) if kept in years else 0,
        key=f"me_year_pick_{ctx.plan.id}",
    )
    state.remember(f"me_year_{ctx.plan.id}", year)
    board = monitoring.load_tracking(ctx.db, ctx.plan.id, year)
    if not board.projects:
        empty_state(t("monitoring.track.no_projects", lang))
    else:
        _progress(ctx, board, year)
    st.divider()
    _measurements(ctx, monitoring.load_indicators(ctx.db, ctx.plan.id), year)


def _progress(ctx: PageContext, board: TrackingBoard, year: int) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('monitoring.track.progress', lang, year=year)}")
    late, over = board.late, board.over_budget
    if late:
        st.warning(
            tn("monitoring.track.late", len(late), lang, codes=plain(", ".join(p.code for p in late))),
            icon=":material/schedule:",
        )
    if over:
        st.warning(
            tn("monitoring.track.over", len(over), lang, codes=plain(", ".join(p.code for p in over))),
            icon=":material/money_off:",
        )
    started = [p for p in board.projects if p.start_year is not None and p.start_year <= year]
    if started:
        bars = [
            charts.ProgressBar(
                f"{p.code} — {bi_raw(p, 'title', lang)}",
                p.percent_done,
                p.flags.expected if p.flags else 0.0,
                bool(p.flags and p.flags.late),
                bool(p.flags and p.flags.over_budget),
            )
            for p in started
        ]
        st.plotly_chart(
            charts.progress_bars(bars, lang=lang, big=state.projection(), rtl=is_rtl(lang)),
            width="stretch",
            config={"displaylogo": False},
            key="me_progress_chart",
        )
    rows = [
        {
            t("monitoring.track.code", lang): p.code,
            t("monitoring.track.project", lang): bi_raw(p, "title", lang),
            t("monitoring.track.status", lang): t(f"monitoring.progress.{p.status}", lang),
            t("monitoring.track.done", lang): p.percent_done,
            t("monitoring.track.expected", lang): round(p.flags.expected) if p.flags else None,
            # amounts as text grouped the interface's way, not the browser's locale
            t("monitoring.track.spent", lang): number(p.spent, lang=lang),
            t("monitoring.track.cost", lang): number(p.cost, lang=lang),
            t("monitoring.track.flag", lang): " ".join(
                ([t("monitoring.track.flag_late", lang)] if p.flags and p.flags.late else [])
                + ([t("monitoring.track.flag_over", lang)] if p.flags and p.flags.over_budget else [])
            )
            or "—",
        }
        for p in board.projects
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(rows), 420),
        placeholder="",  # a missing value shows an empty cell, not an English « None »
        column_config={
            t("monitoring.track.done", lang): st.column_config.NumberColumn(format="%.0f %%"),
            t("monitoring.track.expected", lang): st.column_config.NumberColumn(format="%.0f %%"),
        },
    )
    _progress_form(ctx, board, year)


def _progress_form(ctx: PageContext, board: TrackingBoard, year: int) -> None:
    lang = ctx.lang
    ids = [p.project_id for p in board.projects]
    names = {p.project_id: f"{p.code} — {bi_raw(p, 'title', lang)}" for p in board.projects}
    pid = st.selectbox(
        t("monitoring.track.pick_project", lang),
        ids,
        format_func=names.get,
        key=f"me_progress_pick_{board.plan.id}",
    )
    p = next(x for x in board.projects if x.project_id == pid)
    rec = p.history.get(year) or (
        p.history.get(p.year) if p.year is not None else None
    )  # carry the last state
    statuses = list(rules.PROGRESS_STATUSES)
    with st.form(f"me_progress_{pid}_{year}"):
        a, b, c = st.columns(3)
        status = a.selectbox(
            t("monitoring.track.status", lang),
            statuses,
            index=statuses.index(rec[0]) if rec and rec[0] in statuses else 0,
            format_func=lambda s: t(f"monitoring.progress.{s}", lang),
        )
        done = b.number_input(
            t("monitoring.track.done", lang),
            step=5.0,
            value=float(rec[1]) if rec else 0.0,
        )
        spent = c.number_input(
            t("monitoring.track.spent", lang),
            step=10_000.0,
            format="%.0f",
            value=float(rec[2]) if rec else 0.0,
            help=t("monitoring.track.cost_help", lang, cost=money(p.cost, lang=lang)),
        )
        comment = st.text_input(t("monitoring.track.comment", lang), value=rec[3] if rec else "")
        saved = st.form_submit_button(
            t("monitoring.track.save_progress", lang), type="primary", icon=":material/save:"
        )
    if saved:
        values = {"year": year, "status": status, "percent_done": done, "spent": spent, "comment": comment}
        if run(monitoring.save_progress, ctx.db, pid, values, lang) is not None:
            flash(t("monitoring.track.progress_saved", lang, code=plain(p.code), year=year))
            st.rerun()


def _measurements(ctx: PageContext, board: IndicatorBoard, year: int) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('monitoring.track.measures', lang, year=year)}")
    if not board.indicators:
        empty_state(t("monitoring.ind.empty", lang))
        return
    ids = [i.id for i in board.indicators]
    names = {i.id: f"{i.code} — {bi_raw(i, 'name', lang)}" for i in board.indicators}
    iid = st.selectbox(
        t("monitoring.track.pick_indicator", lang),
        ids,
        format_func=names.get,
        key=f"me_measure_pick_{board.plan.id}",
    )
    i = board.get(iid, lang)
    by_sex = "sex" in i.disaggregation
    with st.form(f"me_measure_{iid}_{year}"):
        cols = st.columns(3 if by_sex else 1)
        values = {
            "all": cols[0].number_input(
                t("monitoring.track.value_all", lang, unit=bi(i, "unit", lang) or "—"),
                value=i.measurements.get((year, "all")),
                format="%g",
            )
        }
        if by_sex:
            values["f"] = cols[1].number_input(
                t("monitoring.track.value_f", lang), value=i.measurements.get((year, "f")), format="%g"
            )
            values["m"] = cols[2].number_input(
                t("monitoring.track.value_m", lang), value=i.measurements.get((year, "m")), format="%g"
            )
        comment = st.text_input(t("monitoring.track.comment", lang))
        st.caption(t("monitoring.track.measure_help", lang))
        saved = st.form_submit_button(
            t("monitoring.track.save_measure", lang), type="primary", icon=":material/save:"
        )
    if saved and run(monitoring.save_measurements, ctx.db, iid, year, values, comment, lang) is not None:
        flash(t("monitoring.track.measure_saved", lang, code=plain(i.code), year=year))
        st.rerun()
    target, actual = i.targets.get(year), i.measurements.get((year, "all"))
    ach = rules.achievement(i.baseline_value, target, actual)
    if ach is not None:
        st.metric(
            t("monitoring.track.achievement", lang),
            f"{ach * 100:.0f} %",
            help=t("monitoring.track.achievement_help", lang),
        )
    fig = charts.target_vs_actual(
        board.plan.years,
        i.targets,
        i.actuals("all"),
        title=f"{i.code} — {bi_raw(i, 'name', lang)}",
        unit=bi_raw(i, "unit", lang),
        baseline=i.baseline_value,
        baseline_year=i.baseline_year,
        by_sex={"f": i.actuals("f"), "m": i.actuals("m")} if by_sex else None,
        lang=lang,
        big=state.projection(),
        rtl=is_rtl(lang),
    )
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False}, key="me_target_chart")
