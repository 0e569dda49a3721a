"""Produire — one commune's plan at a glance; all communes side by side."""

import streamlit as st

from pac.domain.fmt import mdh
from pac.i18n import t, tn
from pac.services import home, translation
from pac.ui.home.ngo import ngo_view
from pac.ui.kit.checklist import checklist
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import page, show_flashes

ctx = page("nav.home")
show_flashes()
lang = ctx.lang
period = t("communes.plan_label", lang, start=ctx.plan.start_year, end=ctx.plan.end_year) if ctx.plan else ""
st.subheader(ctx.commune.name(lang) + (f" · {period}" if period else ""))
if ctx.commune.is_demo:
    st.caption(t("home.demo_note", lang))
if "vérifier" in (ctx.commune.notes or "").lower():  # uncertain names or identity, from data/communes.csv
    st.warning(plain(ctx.commune.notes), icon=":material/fact_check:")

o = home.commune_overview(ctx.db, ctx.commune.id)
cols = st.columns(5)
cols[0].metric(t("home.findings", lang), o.findings)
cols[1].metric(t("home.swot_items", lang), o.swot_items)
cols[2].metric(t("home.axes_objectives", lang), f"{o.axes} / {o.objectives}")
cols[3].metric(
    t("home.projects", lang), f"{o.projects_retained} / {o.projects}", help=t("home.projects_help", lang)
)
cols[4].metric(t("home.retained_cost", lang), mdh(o.retained_cost, lang=lang))
left = translation.count_missing(ctx.db, ctx.commune.id)
if left:  # texts written in one language only: the translation view lists them
    st.page_link(
        "pages/translation.py",
        label=f"{t('home.translation.left', lang)} : {left}",
        icon=":material/translate:",
    )

st.markdown(f"#### {t('home.progress', lang)}")
st.caption(t("home.progress_help", lang))
step_cols = st.columns(len(o.steps_done))
for col, (key, done) in zip(step_cols, o.steps_done.items(), strict=True):
    icon = ":material/check_circle:" if done else ":material/radio_button_unchecked:"
    missing = o.missing_by_page.get(key, 0)
    col.markdown(
        f"{icon} {t(key, lang)}" + (f"  \n:red[{tn('home.step_missing', missing, lang)}]" if missing else "")
    )

st.markdown(f"#### {t('home.all_communes', lang)}")
table = home.all_communes(ctx.db, lang)
if table.empty:
    st.info(t("frame.no_communes", lang))
else:
    table["retained_cost"] = table["retained_cost"].map(lambda x: mdh(x, lang=lang))
    table["plan_status"] = table["plan_status"].map(
        lambda s: t(f"communes.plan_status.{s}", lang) if s else ""
    )
    table = table.rename(columns={c: t(f"home.col.{c}", lang) for c in table.columns})
    st.dataframe(table, hide_index=True, width="stretch")

ngo_view(ctx)

checklist(ctx)
