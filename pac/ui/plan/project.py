"""Page « Plan triennal », one retained project: years of execution, cost per year, funding lines."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import plan as bud
from pac.domain import vocab
from pac.domain.bilingual import isolate
from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.domain.fmt import money, number
from pac.i18n import t
from pac.i18n import vocab as label
from pac.services import plan as plan_service
from pac.services.plan import PlanProject, TriennialBoard
from pac.ui.kit import conflict, state
from pac.ui.kit.editors import editor_key, editor_saved, records
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error


def project_view(ctx: PageContext, board: TriennialBoard) -> None:
    lang = ctx.lang
    retained = board.retained
    if not retained:
        empty_state(t("plan.project.none", lang))
        return
    ids = [p.id for p in retained]
    kept = state.keep(f"plan_project_{board.plan.id}")
    pid = st.selectbox(
        t("plan.project.pick", lang),
        ids,
        index=ids.index(kept) if kept in ids else 0,
        format_func=lambda i: board.project(i).label(lang),
        key=f"plan_pick_{board.plan.id}",
    )
    state.remember(f"plan_project_{board.plan.id}", pid)
    p = board.project(pid)
    # Each title in its own isolate: a French title in an Arabic line (or the reverse) keeps its order.
    st.caption(plain(f"{isolate(p.axis_name(lang))} › {isolate(p.objective_name(lang))}"))
    b = p.budget
    cols = st.columns(4)
    cols[0].metric(
        t("plan.project.cost", lang),
        money(b.total_cost, lang=lang),
        help=t("plan.project.estimated", lang, cost=money(p.estimated_cost, lang=lang)),
    )
    cols[1].metric(t("plan.project.funded", lang), money(b.funded, lang=lang))
    cols[2].metric(t("plan.project.gap", lang), money(b.gap, lang=lang))
    cols[3].metric(t("plan.project.commune_share", lang), money(b.commune_share, lang=lang))
    if b.gap > 0:
        st.warning(t("plan.project.gap_warning", lang, gap=money(b.gap, lang=lang)), icon=":material/error:")
    # One under the other, each the page's width: side by side the funding grid was too narrow to read.
    _schedule_form(ctx, board, p)
    _funding_form(ctx, board, p)
    _year_balance(ctx, board, p)


def _year_name(board: TriennialBoard, y: int, lang: str) -> str:
    n = y - board.years[0] + 1
    key = "plan.year_option_indicative" if n > vocab.TRIENNIAL_YEARS else "plan.year_option"
    return t(key, lang, n=n, year=y)


def _schedule_form(ctx: PageContext, board: TriennialBoard, p: PlanProject) -> None:
    lang = ctx.lang
    years = board.years
    b = p.budget
    start = b.start_year if b.start_year in years else years[0]
    end = b.end_year if b.end_year in years else start
    costs = dict(b.costs) or bud.spread(p.estimated_cost, list(range(start, end + 1)))
    with st.form(f"plan_schedule_{p.id}"):
        st.markdown(f"**{t('plan.project.schedule', lang)}**")
        a, c = st.columns(2)
        new_start = a.selectbox(
            t("plan.project.start", lang),
            years,
            index=years.index(start),
            format_func=lambda y: _year_name(board, y, lang),
        )
        new_end = c.selectbox(
            t("plan.project.end", lang),
            years,
            index=years.index(end),
            format_func=lambda y: _year_name(board, y, lang),
        )
        if not b.costs and p.estimated_cost:
            st.caption(t("plan.project.spread_note", lang, cost=money(p.estimated_cost, lang=lang)))
        # Amounts are typed as text in the French way (6 500 000): a number box shows « 6500000 » cut short
        # and refuses a negative value with an English tooltip; here the rules refuse it in French.
        shown = {y: _amount_text(costs.get(y, 0.0), lang) for y in years}
        values = {}
        for row in (years[:3], years[3:]):
            cols = st.columns(len(row))
            for col, y in zip(cols, row, strict=True):
                values[y] = col.text_input(
                    t("plan.project.cost_year", lang, year=y, n=y - years[0] + 1),
                    value=shown[y],
                    key=f"plan_cost_{p.id}_{y}",
                )
        st.caption(t("plan.project.schedule_help", lang))
        saved = st.form_submit_button(
            t("plan.project.save_schedule", lang), type="primary", icon=":material/save:"
        )
    if not saved:
        return
    if (new_start, new_end) != (start, end) and all(values[y].strip() == shown[y] for y in years):
        # The years changed and no amount was touched: the cost is spread evenly over the new years, as the
        # help says (it cannot move while the form is being filled: a form does not rerun before its button).
        values = {
            y: _amount_text(a, lang)
            for y, a in bud.spread(sum(costs.values()), range(new_start, new_end + 1)).items()
        }
    if run(plan_service.save_schedule, ctx.db, p.id, new_start, new_end, values, lang) is not None:
        for y in years:  # the boxes show the saved amounts again
            st.session_state.pop(f"plan_cost_{p.id}_{y}", None)
        flash(t("plan.project.schedule_saved", lang, code=plain(p.code)))
        st.rerun()


def _amount_text(x: float | None, lang: str) -> str:
    """An amount as the reader types it, grouped the way their language writes it: « 6 500 000 » in French,
    « 6.500.000 » in Arabic (the rules read both back, pac.domain.plan.read_amount); blank for none."""
    return "" if not x else number(x, lang=lang)


def _funding_form(ctx: PageContext, board: TriennialBoard, p: PlanProject) -> None:
    lang = ctx.lang
    names = {code: board.partner_name(code, lang) for code in board.partners}
    codes_by_name = {n: c for c, n in names.items()}
    pick = t("plan.fund.pick_partner", lang)
    statuses = {s: label("funding_statuses", s, lang) for s in vocab.FUNDING_STATUSES}
    status_codes = {n: s for s, n in statuses.items()}
    name = f"plan_fund_{p.id}"
    df = plan_service.funding_lines(board, p.id, lang).astype({"year": "Int64"})
    # Amounts as text in the interface's language (« 1 200 000 » / « 1.200.000 »): a number cell follows the
    # browser's locale and shows a grey « None » in a new row.
    df["amount"] = pd.Series([_amount_text(x, lang) for x in df["amount"]], index=df.index, dtype=object)
    # The grid keeps the lines it was first drawn with until its next save or reset: its edits are deltas on
    # those rows (drawn on newer rows they would land on the wrong lines, or be dropped), and a save compares
    # them with the stored lines, so that a colleague's save of the same grid is never overwritten silently.
    drawn = st.session_state.setdefault(
        f"{editor_key(name)}_{lang}_drawn", (df, plan_service.funding_signature(p.budget.fundings))
    )
    df, base = drawn
    _funding_conflict(ctx, p, name)
    with st.form(f"{name}_form"):
        st.markdown(f"**{t('plan.project.fundings', lang)}**")
        edited = st.data_editor(
            df,
            key=editor_key(name),
            hide_index=True,
            width="stretch",
            num_rows="dynamic",
            column_config={
                # A new row says « choose a partner » in the reader's language, not Streamlit's grey « None »;
                # left so, the rules refuse the row by name (a partner is required).
                "partner": st.column_config.SelectboxColumn(
                    t("plan.fund.partner", lang),
                    options=[pick, *sorted(names.values())],
                    default=pick,
                    width="large",
                ),
                # A new row starts on the project's first year (visible, changed at will), never on « None ».
                "year": st.column_config.SelectboxColumn(
                    t("plan.fund.year", lang),
                    options=board.years,
                    default=p.start_year if p.start_year in board.years else board.years[0],
                    width="small",
                ),
                # No min_value: the grid would turn « -100000 » into 100,000 without a word; and no
                # required=True anywhere, or a half-filled row never reaches the rules and is dropped
                # silently.  The rules refuse both in French, naming the row and the field.
                "amount": st.column_config.TextColumn(
                    t("plan.fund.amount", lang), default="", width="medium"
                ),
                "status": st.column_config.SelectboxColumn(
                    t("plan.fund.status", lang),
                    options=list(statuses.values()),
                    default=statuses["to_find"],
                    width="medium",
                ),
            },
        )
        st.caption(t("plan.fund.help", lang))
        saved = st.form_submit_button(t("plan.fund.save", lang), type="primary", icon=":material/save:")
    if saved:
        rows = [
            {
                "partner_code": "" if r["partner"] == pick else codes_by_name.get(r["partner"], r["partner"]),
                "year": r["year"],
                "amount": r["amount"],
                "status": status_codes.get(r["status"], r["status"]),
            }
            for r in records(edited)
        ]
        _save_fundings(ctx, p, name, rows, base)


def _save_fundings(
    ctx: PageContext, p: PlanProject, name: str, rows: list[dict[str, Any]], base: Any | None
) -> None:
    lang = ctx.lang
    try:
        plan_service.save_fundings(ctx.db, p.id, rows, lang, base=base)
    except ConflictError as err:  # a colleague saved this grid meanwhile: the user chooses
        conflict.remember(name, err, values={"rows": rows}, base={})
        st.rerun()
    except DomainError as err:
        show_error(err)
        return
    editor_saved(name)
    flash(t("plan.fund.saved", lang, code=plain(p.code)))
    st.rerun()


def _funding_conflict(ctx: PageContext, p: PlanProject, name: str) -> None:
    lang = ctx.lang

    def keep_mine(pending: conflict.Pending) -> None:
        _save_fundings(ctx, p, name, pending.values["rows"], None)  # over theirs, knowingly

    def take_theirs(pending: conflict.Pending) -> None:
        editor_saved(name)  # the grid is drawn again from the stored lines
        flash(t("conflict.taken", lang))
        st.rerun()

    conflict.show(name, {}, keep_mine=keep_mine, take_theirs=take_theirs)


def _year_balance(ctx: PageContext, board: TriennialBoard, p: PlanProject) -> None:
    """Cost, funded and gap per year: a gap is shown, never hidden."""
    lang = ctx.lang
    b = p.budget
    years = [y for y in board.years if b.costs.get(y) or b.funded_in(y)]
    if not years:
        return
    # Plain strings grouped the reader's way (1 250 000 / 1.250.000): a styled table would cost more than the
    # whole page, and a number column would follow the browser's locale.
    df = pd.DataFrame(
        {
            t("plan.fund.year", lang): [str(y) for y in years],
            t("plan.project.cost", lang): [number(b.costs.get(y, 0.0), lang=lang) for y in years],
            t("plan.project.funded", lang): [number(b.funded_in(y), lang=lang) for y in years],
            t("plan.project.commune_share", lang): [number(b.share_in(y), lang=lang) for y in years],
            t("plan.project.gap", lang): [
                f"⚠ {number(b.gap_in(y), lang=lang)}" if b.gap_in(y) > 0 else "—" for y in years
            ],
        }
    )
    st.dataframe(df, hide_index=True, width="stretch")
