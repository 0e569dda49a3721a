"""Préparer — pick or create the commune, its plan period and its workshops."""

import pandas as pd
import streamlit as st

from pac.domain.fmt import number
from pac.i18n import t
from pac.i18n import vocab as label
from pac.services import communes
from pac.ui.communes.forms import (
    archived_section,
    backup_section,
    commune_form,
    plan_section,
    renew,
    workshops_section,
)
from pac.ui.kit import state
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import flash, run, show_flashes

state.require_facilitator()
lang = state.lang()
db = state.get_db()
st.title(t("nav.communes", lang))
show_flashes()

show_archived = st.toggle(t("communes.show_archived", lang))
rows = communes.list_communes(db, include_archived=show_archived)
if rows:
    table = pd.DataFrame(
        [
            {
                t("communes.name_fr", lang): c.name_fr,
                t("communes.name_ar", lang): c.name_ar,
                t("communes.province", lang): c.province,
                t("communes.kind", lang): label("commune_kinds", c.kind, lang),
                t("communes.population", lang): c.population,
                t("communes.douars", lang): c.douar_count,
                t("communes.slug", lang): c.slug,
                t("communes.archived", lang): c.archived,
            }
            for c in rows
        ]
    )
    population = t("communes.population", lang)
    table[population] = table[population].map(
        lambda x: "" if x is None else number(x, lang=lang)
    )  # unknown: blank
    st.dataframe(table, hide_index=True, width="stretch")
    if show_archived:
        archived_section(lang)
else:
    st.info(t("frame.no_communes", lang), icon=":material/lightbulb:")

commune = state.current_commune()
tab_names = [
    t("communes.tab_commune", lang),
    t("communes.tab_plan", lang),
    t("communes.tab_workshops", lang),
    t("communes.tab_new", lang),
    t("communes.tab_backup", lang),
]
# Keyed: unkeyed tabs went back to the first one when a refused form reran the page, hiding its message.
tab_commune, tab_plan, tab_ws, tab_new, tab_backup = st.tabs(tab_names, key=f"communes_tabs_{lang}")

with tab_new:
    values = commune_form("commune_new", lang)
    if values is not None:
        created = run(communes.create_commune, db, values)
        if created:
            renew("commune_new")
            state.select_commune(created.id)
            flash(t("communes.created", lang, name=plain(created.name_fr), slug=created.slug))
            st.rerun()

if commune is None:
    for tab in (tab_commune, tab_plan, tab_ws, tab_backup):
        tab.info(t("communes.pick_first", lang), icon=":material/lightbulb:")
    st.stop()

with tab_commune:
    st.subheader(plain(commune.name(lang)))
    values = commune_form(f"commune_edit_{commune.id}", lang, commune)
    if values is not None and run(communes.update_commune, db, commune.id, values):
        flash(t("communes.saved", lang, name=plain(values["name_fr"])))
        st.rerun()
    verb = "communes.unarchive" if commune.archived else "communes.archive"
    if st.button(t(verb, lang), icon=":material/archive:"):
        st.session_state["_confirm_archive"] = commune.id
    if st.session_state.get("_confirm_archive") == commune.id:
        st.warning(t(f"{verb}_confirm", lang, name=plain(commune.name_fr)))
        if st.button(t("communes.confirm", lang), type="primary"):
            communes.set_archived(db, commune.id, not commune.archived)
            st.session_state.pop("_confirm_archive", None)
            if not commune.archived:
                state.select_commune(None)
            flash(t(f"{verb}_done", lang, name=plain(commune.name_fr)))
            st.rerun()

with tab_plan:
    plan_section(lang, commune)

with tab_ws:
    workshops_section(lang, commune, state.current_plan())

with tab_backup:
    backup_section(lang, commune)
