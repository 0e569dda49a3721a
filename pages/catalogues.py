"""Produire — the reference catalogues (competences, partners, sectors, markers), editable by the facilitator."""

import streamlit as st

from pac.i18n import t, tn
from pac.services import catalogues
from pac.ui.catalogues.columns import catalogue_columns
from pac.ui.kit import state
from pac.ui.kit.widgets import flash, run, show_flashes

state.require_facilitator()
lang = state.lang()
db = state.get_db()
st.title(t("nav.catalogues", lang))
st.caption(t("refs.intro", lang))
show_flashes()

name = (
    st.segmented_control(
        t("refs.pick", lang),
        catalogues.CATALOGUES,
        default=catalogues.CATALOGUES[0],
        format_func=lambda n: t(f"catalogues.name.{n}", lang),
        key="refs_pick",
    )
    or catalogues.CATALOGUES[0]
)

table = catalogues.list_catalogue(db, name)
st.caption(tn("catalogues.count", len(table), lang))
edited = st.data_editor(
    table,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key=f"refs_{name}",
    height=min(700, 38 * (len(table) + 2)),
    column_config=catalogue_columns(table, lang),
)
left, right = st.columns([1, 3])
if left.button(t("refs.save", lang), type="primary", icon=":material/save:"):
    saved = run(catalogues.save_catalogue, db, name, edited)
    if saved is not None:
        flash(tn("catalogues.saved", saved, lang, name=t(f"catalogues.name.{name}", lang)))
        st.rerun()
right.caption(t("refs.rules", lang))
