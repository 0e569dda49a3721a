"""Tab « Chiffres clés » of the diagnostic: population, douars and access rates from the monograph."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain.fmt import percent
from pac.i18n import t, tn
from pac.services import diagnostic
from pac.ui.diagnostic.common import show_chart
from pac.ui.kit import bitext
from pac.ui.kit.grid import autosave_editor
from pac.ui.kit.text import bi_raw
from pac.ui.kit.widgets import PageContext, run

POPULATION_FIELDS = ("population", "population_women", "population_men", "households", "census_year")


def render(ctx: PageContext) -> None:
    _population(ctx)
    # The figures' table and the douars' table hold texts in French and in Arabic: each takes the page's
    # width (every column in sight on a laptop), their two charts side by side under them.
    frame = _access_rates(ctx)
    douars = _douars(ctx)
    left, right = st.columns([3, 2])
    shown = shown_figures(frame, ctx.lang)
    with left:
        if shown[shown["unit"] == "%"]["value"].notna().any():
            show_chart("access", ctx.lang, shown)
        else:
            st.caption(t("diag.access_empty", ctx.lang))
    with right:
        if douars["population"].notna().any():
            show_chart("douars", ctx.lang, douars)


def _population(ctx: PageContext) -> None:
    """Five numbers saved as soon as one changes (Enter or leaving the field)."""
    lang, db, cid = ctx.lang, ctx.db, ctx.commune.id
    st.markdown(f"#### {t('diag.population_title', lang)}")
    current = diagnostic.population(db, cid)
    cols = st.columns(len(POPULATION_FIELDS))
    values = {}
    for col, field in zip(cols, POPULATION_FIELDS, strict=True):
        # No min_value: the browser would refuse in English and drop the value; the service refuses in French.
        values[field] = col.number_input(
            t(f"diag.pop.{field}", lang),
            value=getattr(current, field),
            step=1,
            key=f"diag_pop_{cid}_{field}",
        )
    changed = any(values[f] != getattr(current, f) for f in POPULATION_FIELDS)
    if changed and run(diagnostic.save_population, db, cid, values) is not None:
        st.toast(t("diag.saved", lang), icon=":material/check_circle:")
    w, m = current.population_women, current.population_men
    if w and m:
        st.caption(t("diag.sex_ratio", lang, women=percent(w / (w + m), 1, lang=lang)))


def shown_figures(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The figures as a reader of `lang` sees them (the chart): each label in their language, else the other
    version marked, never blank; a percentage's unit « % » whatever language it was typed in."""
    out = frame.copy()
    records = frame.to_dict("records")
    out["label"] = [bi_raw(r, "label", lang) or r.get("code") or "" for r in records]
    out["unit"] = [
        "%" if diagnostic.is_percent(r.get("unit"), r.get("unit_ar")) else bi_raw(r, "unit", lang)
        for r in records
    ]
    return out


def _access_rates(ctx: PageContext) -> pd.DataFrame:
    lang, db, cid = ctx.lang, ctx.db, ctx.commune.id
    st.markdown(f"#### {t('diag.access_title', lang)}")
    sexes = {s: t(f"diag.sex.{s}", lang) for s in ("all", "f", "m")}

    def text_columns(field: str, **kw: Any) -> dict[str, Any]:
        name = t(f"diag.fig_col.{field}", lang)
        return {
            col: st.column_config.TextColumn(bitext.label(name, which, lang), **kw)
            for col, which in zip(bitext.columns(lang, field), bitext.order(lang), strict=True)
        }

    frame = autosave_editor(
        f"diag_figures_{cid}",
        lambda: diagnostic.key_figures_frame(db, cid, lang),
        lambda df: diagnostic.save_key_figures(db, cid, df.to_dict("records"), lang),
        saved_message=t("diag.saved", lang),
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        column_order=[
            *bitext.columns(lang, "label"),
            "sex",
            "value",
            *bitext.columns(lang, "unit"),
            "year",
            *bitext.columns(lang, "source"),
        ],
        column_config={
            **text_columns("label", width="medium"),
            "sex": st.column_config.SelectboxColumn(
                t("diag.fig_col.sex", lang),
                options=list(sexes),
                format_func=sexes.get,
                default="all",
                width="small",
            ),
            "value": st.column_config.NumberColumn(t("diag.fig_col.value", lang), format="localized"),
            # a new row's unit is « % » (its French column: a percentage has no language)
            # (not « small »: the header names the version, « Unité (arabe) », and must be read whole)
            "unit": st.column_config.TextColumn(
                bitext.label(t("diag.fig_col.unit", lang), "fr", lang), default="%"
            ),
            "unit_ar": st.column_config.TextColumn(bitext.label(t("diag.fig_col.unit", lang), "ar", lang)),
            "year": st.column_config.NumberColumn(t("diag.fig_col.year", lang), step=1, format="%d"),
            **text_columns("source"),
        },
    )
    st.caption(t("diag.access_help", lang))
    return frame


def _douars(ctx: PageContext) -> pd.DataFrame:
    """The douars' table, saved as typed, and their count and population; returns the douars as saved."""
    lang, db, cid = ctx.lang, ctx.db, ctx.commune.id
    st.markdown(f"#### {t('diag.douars_title', lang)}")
    empty = st.empty()
    frame = autosave_editor(
        f"diag_douars_{cid}",
        lambda: diagnostic.douars_frame(db, cid),
        lambda df: diagnostic.save_douars(db, cid, df.to_dict("records")),
        saved_message=t("diag.saved", lang),
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        # the fraction in both languages, side by side, the reader's first
        column_order=["name", "name_ar", *bitext.columns(lang, "fraction"), "population", "households"],
        column_config={
            # not required=True: a row without its name would stay in the browser, unsaid; the rules refuse it
            "name": st.column_config.TextColumn(t("diag.douar_col.name", lang)),
            "name_ar": st.column_config.TextColumn(t("diag.douar_col.name_ar", lang)),
            "fraction": st.column_config.TextColumn(t("diag.douar_col.fraction_fr", lang)),
            "fraction_ar": st.column_config.TextColumn(t("diag.douar_col.fraction_ar", lang)),
            "population": st.column_config.NumberColumn(t("diag.douar_col.population", lang), step=1),
            "households": st.column_config.NumberColumn(t("diag.douar_col.households", lang), step=1),
        },
    )
    if frame.empty:
        empty.caption(t("diag.douars_empty", lang))
    if frame["population"].notna().any():
        total = int(frame["population"].sum())
        st.caption(
            t(
                "diag.douars_total",
                lang,
                douars=tn("diag.n_douars", len(frame), lang),
                people=tn("diag.n_inhabitants", total, lang),
            )
        )
    return frame
