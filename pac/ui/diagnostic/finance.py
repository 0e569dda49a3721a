"""Tab « Finances » of the diagnostic: revenues, expenses and investment capacity per year, and the trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain import diagnostic as rules
from pac.domain.finance import capacity_for_years
from pac.domain.fmt import mdh, money
from pac.i18n import t
from pac.services import diagnostic
from pac.ui.diagnostic.common import show_chart
from pac.ui.kit.grid import autosave_editor
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext

AMOUNTS = (
    "own_revenues",
    "vat_share",
    "other_transfers",
    "operating_expenses",
    "debt_service",
    "capacity_override",
)


def render(ctx: PageContext) -> None:
    lang, db, cid = ctx.lang, ctx.db, ctx.commune.id
    st.caption(t("diag.fin_intro", lang))
    # No min_value/max_value: the browser would clamp or refuse in English; the service refuses in French.
    # No required=True either: a row without its year would stay in the browser, never saved, unsaid.
    money_col = {
        c: st.column_config.NumberColumn(t(f"diag.fin.{c}", lang), step=1000, format="localized")
        for c in AMOUNTS
    }
    money_col["capacity_override"] = st.column_config.NumberColumn(
        t("diag.fin.capacity_override", lang),
        step=1000,
        format="localized",
        help=t("diag.fin.override_help", lang),
    )
    autosave_editor(
        f"diag_finances_{cid}",
        lambda: diagnostic.finances_frame(db, cid),
        lambda df: diagnostic.save_finances(db, cid, df.to_dict("records")),
        saved_message=t("diag.saved", lang),
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        column_config={
            "year": st.column_config.NumberColumn(t("diag.fin.year", lang), step=1, format="%d"),
            **money_col,
            "is_forecast": st.column_config.CheckboxColumn(
                t("diag.fin.is_forecast", lang), help=t("diag.fin.forecast_help", lang)
            ),
            "note": st.column_config.TextColumn(t("diag.fin.note", lang)),
        },
    )
    years = diagnostic.finance_years(db, cid)
    if not years:
        st.info(t("diag.fin_empty", lang), icon=":material/lightbulb:")
        return
    table = rules.finance_table(years)
    show_chart("finances", lang, table)
    shown = pd.DataFrame(
        {
            t("diag.fin.year", lang): [
                f"{y}{' (p)' if f else ''}" for y, f in zip(table["year"], table["is_forecast"], strict=True)
            ],
            **{
                t(f"diag.fin.{c}", lang): [money(v, lang=lang) for v in table[c]]
                for c in ("revenues", "operating_expenses", "surplus", "debt_service", "investment_capacity")
            },
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    if ctx.plan is not None:
        _capacity_for_plan(ctx, years)


def _capacity_for_plan(ctx: PageContext, years: list) -> None:
    lang = ctx.lang
    assert ctx.plan is not None
    period = t("communes.plan_label", lang, start=ctx.plan.start_year, end=ctx.plan.end_year)
    st.markdown(f"#### {t('diag.fin_plan_title', lang, plan=plain(period))}")
    estimates = capacity_for_years(years, ctx.plan.triennial_years)
    cols = st.columns(len(estimates))
    for col, (year, est) in zip(cols, estimates.items(), strict=True):
        col.metric(str(year), mdh(est.amount, lang=lang), help=t(f"diag.fin_basis.{est.basis}", lang))
    st.caption(t("diag.fin_plan_help", lang, total=mdh(sum(e.amount for e in estimates.values()), lang=lang)))
