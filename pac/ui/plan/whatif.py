"""Page « Plan triennal »: the commune's share per year against its investment capacity, and the what-if.

The what-if lives in the session only: moving a project redraws the gauges at once and writes
nothing; « Appliquer » writes all the moves in one transaction.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain import plan as bud
from pac.domain.errors import DomainError
from pac.domain.fmt import mdh
from pac.exports import charts_plan as charts
from pac.i18n import t, tn
from pac.services import plan as plan_service
from pac.services.plan import TriennialBoard
from pac.ui.kit import state
from pac.ui.kit.text import bi, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error


def _moves_key(board: TriennialBoard) -> str:
    return f"plan_whatif_{board.plan.id}"


def pending_moves(board: TriennialBoard) -> dict[int, int]:
    """The simulated moves still valid for the board as it is now (project id -> new first year)."""
    moves: dict[int, int] = state.keep(_moves_key(board), {})
    ids = {p.id: p for p in board.retained}
    return {pid: y for pid, y in moves.items() if pid in ids and ids[pid].start_year != y}


def budget_view(ctx: PageContext, board: TriennialBoard) -> None:
    lang = ctx.lang
    years = board.years
    moves = pending_moves(board)
    try:
        after = board.balances(moves) if moves else None
    except DomainError as e:  # the plan changed under the simulation: start it again
        show_error(e)
        state.remember(_moves_key(board), {})
        moves, after = {}, None
    now = board.balances()
    shown = after or now
    st.markdown(f"#### {t('plan.budget.gauges', lang)}")
    st.caption(t("plan.budget.gauges_help", lang))
    st.plotly_chart(
        charts.capacity_gauges(
            shown, years, before=now if after else None, lang=lang, big=state.projection()
        ),
        width="stretch",
        config={"displaylogo": False, "staticPlot": True},
        key="plan_gauges",
    )
    _basis_note(ctx, board)
    _table(ctx, now, after)
    _whatif(ctx, board, moves)


def _basis_note(ctx: PageContext, board: TriennialBoard) -> None:
    lang = ctx.lang
    bases = {}
    for y in board.years:
        bases.setdefault(board.capacities[y].basis, []).append(str(y))
    parts = [t(f"plan.basis.{basis}", lang, years=", ".join(ys)) for basis, ys in bases.items()]
    st.caption(" · ".join(parts))
    # Years without figures are checked against the mean of past years: say which, loudly (issue 14).
    averaged = [board.capacities[y] for y in board.years if board.capacities[y].basis == "average"]
    if averaged:
        st.warning(
            t(
                "plan.basis.average_warning",
                lang,
                years=", ".join(str(c.year) for c in averaged),
                past=", ".join(str(y) for y in averaged[0].averaged),
            ),
            icon=":material/info:",
        )


def _table(ctx: PageContext, now: list[bud.YearBalance], after: list[bud.YearBalance] | None) -> None:
    lang = ctx.lang
    rows = []
    for i, x in enumerate(now):
        row = {
            t("plan.budget.year", lang): t("plan.year_short", lang, n=x.index, year=x.year),
            t("plan.budget.cost", lang): mdh(x.cost, lang=lang),
            t("plan.budget.share", lang): mdh(x.share, lang=lang),
            t("plan.budget.capacity", lang): mdh(x.capacity, lang=lang),
            t("plan.budget.shortfall", lang): f"⚠ {mdh(x.shortfall, lang=lang)}" if x.over else "—",
            t("plan.budget.gap", lang): mdh(x.gap, lang=lang) if x.gap else "—",
        }
        if after is not None:
            a = after[i]
            row[t("plan.budget.share_after", lang)] = mdh(a.share, lang=lang)
            row[t("plan.budget.shortfall_after", lang)] = (
                f"⚠ {mdh(a.shortfall, lang=lang)}" if a.over else "—"
            )
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _whatif(ctx: PageContext, board: TriennialBoard, moves: dict[int, int]) -> None:
    lang = ctx.lang
    years = board.years
    st.markdown(f"#### {t('plan.whatif.title', lang)}")
    st.caption(t("plan.whatif.help", lang))
    movable = [p for p in board.retained if p.budget.scheduled]
    if not movable:
        empty_state(t("plan.whatif.none", lang))
        return
    ids = [p.id for p in movable]
    a, b, c = st.columns([3, 1, 1])
    pid = a.selectbox(
        t("plan.whatif.project", lang),
        ids,
        format_func=lambda i: board.project(i).label(lang),
        key=f"plan_whatif_pick_{board.plan.id}",
    )
    p = board.project(pid)
    current = moves.get(pid, p.start_year)
    new_start = b.selectbox(
        t("plan.whatif.new_start", lang),
        years,
        index=years.index(current),
        format_func=lambda y: t("plan.year_short", lang, n=y - years[0] + 1, year=y),
        key=f"plan_whatif_year_{board.plan.id}_{pid}",
    )
    c.write("")
    c.write("")
    if c.button(t("plan.whatif.move", lang), icon=":material/swap_horiz:", key="plan_whatif_move"):
        try:
            bud.move_delta(years, p.budget, new_start, lang)
        except DomainError as e:
            show_error(e)
        else:
            state.remember(_moves_key(board), {**moves, pid: new_start})
            st.rerun()
    if not moves:
        return
    st.markdown(t("plan.whatif.pending", lang))
    for mid, y in moves.items():
        m = board.project(mid)
        line, btn = st.columns([5, 1])
        line.markdown(
            t(
                "plan.whatif.line",
                lang,
                code=plain(m.code),
                title=bi(m, "title", lang),
                old=m.start_year,
                new=y,
            )
        )
        if btn.button(t("plan.whatif.undo", lang), key=f"plan_whatif_undo_{mid}", icon=":material/undo:"):
            state.remember(_moves_key(board), {k: v for k, v in moves.items() if k != mid})
            st.rerun()
    apply, drop = st.columns(2)
    if apply.button(
        t("plan.whatif.apply", lang), type="primary", icon=":material/check:", key="plan_whatif_apply"
    ):
        n = run(plan_service.apply_moves, ctx.db, board.plan.id, moves, lang)
        if n is not None:
            state.remember(_moves_key(board), {})
            flash(tn("plan.whatif.applied", n, lang))
            st.rerun()
    if drop.button(t("plan.whatif.drop", lang), icon=":material/close:", key="plan_whatif_drop"):
        state.remember(_moves_key(board), {})
        st.rerun()
