"""Tab « Synthèse » of the diagnostic: findings per sector by kind and by source; women's groups versus others."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.i18n import t, tn
from pac.i18n import vocab as label
from pac.services import diagnostic
from pac.ui.diagnostic.common import show_chart
from pac.ui.kit.labels import sector_labels
from pac.ui.kit.widgets import PageContext, empty_state


def render(ctx: PageContext) -> None:
    lang = ctx.lang
    result = diagnostic.summary(ctx.db, ctx.commune.id)
    if not result.total:
        empty_state(t("diag.summary_empty", lang))
        return
    sectors = sector_labels(lang)
    st.markdown(
        t(
            "diag.summary_total",
            lang,
            findings=tn("diag.n_findings", result.total, lang),
            sectors=tn("diag.n_sectors", len(result.by_kind), lang),
        )
    )
    left, right = st.columns(2)
    with left:
        show_chart("by_sector", lang, result.by_kind, sectors)
    with right:
        _women(ctx, result.women, sectors)
    by_kind, by_source = st.columns(2)
    by_kind.markdown(f"**{t('diag.summary_by_kind', lang)}**")
    by_kind.dataframe(
        _named(result.by_kind, "finding_kinds", vocab.FINDING_KINDS, sectors, lang),
        hide_index=True,
        width="stretch",
    )
    by_source.markdown(f"**{t('diag.summary_by_source', lang)}**")
    by_source.dataframe(
        _named(result.by_source, "sources", vocab.SOURCES, sectors, lang), hide_index=True, width="stretch"
    )


def _named(
    table: pd.DataFrame, list_name: str, codes: tuple[str, ...], sectors: dict[str, str], lang: str
) -> pd.DataFrame:
    out = table.copy()
    out["sector_code"] = [sectors.get(c, c) if c else t("diag.no_sector", lang) for c in out["sector_code"]]
    return out.rename(
        columns={
            "sector_code": t("diag.col.sector_code", lang),
            "total": t("diag.total", lang),
            **{c: label(list_name, c, lang) for c in codes},
        }
    )


def _women(ctx: PageContext, table: pd.DataFrame, sectors: dict[str, str]) -> None:
    lang = ctx.lang
    if int(table["women"].sum()) == 0:
        st.info(t("diag.women_none", lang), icon=":material/lightbulb:")
        return
    show_chart("women", lang, table, sectors)

    def top(group: str) -> str:
        best = table[table[group] > 0].sort_values(group, ascending=False, kind="stable").head(3)
        return ("، " if lang == "ar" else ", ").join(
            sectors.get(c, c) if c else t("diag.no_sector", lang) for c in best["sector_code"]
        ) or "—"

    st.markdown(t("diag.women_top", lang, women=top("women"), others=top("others")))
