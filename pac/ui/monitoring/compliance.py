"""The compliance dates form (page « Suivi-évaluation ») and the compliance checklist (that page and the
dashboard)."""

from __future__ import annotations

import streamlit as st

from pac.i18n import t
from pac.services import monitoring
from pac.ui.kit.checklist import checklist
from pac.ui.kit.widgets import PageContext, flash, run


def compliance_view(ctx: PageContext) -> None:
    assert ctx.plan is not None
    dates_form(ctx)
    st.divider()
    checklist(ctx, with_title=True)


def dates_form(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    d = monitoring.load_system(ctx.db, ctx.plan.id).dates
    st.markdown(f"#### {t('monitoring.comp.dates', lang)}")
    st.caption(t("monitoring.comp.dates_help", lang))
    with st.form(f"me_dates_{ctx.plan.id}"):
        a, b = st.columns(2)
        sent = a.date_input(
            t("monitoring.comp.committees_sent_on", lang), value=d.committees_sent_on, format="DD/MM/YYYY"
        )
        session = b.date_input(
            t("monitoring.comp.adoption_session_on", lang), value=d.adoption_session_on, format="DD/MM/YYYY"
        )
        state_services = a.date_input(
            t("monitoring.comp.state_services_consulted_on", lang),
            value=d.state_services_consulted_on,
            format="DD/MM/YYYY",
        )
        ieeag = b.date_input(
            t("monitoring.comp.ieeag_opinion_on", lang), value=d.ieeag_opinion_on, format="DD/MM/YYYY"
        )
        note = st.text_area(
            t("monitoring.comp.pdr_note", lang),
            value=d.pdr_consistency_note,
            help=t("monitoring.comp.pdr_help", lang),
        )
        saved = st.form_submit_button(t("monitoring.comp.save", lang), type="primary", icon=":material/save:")
    if saved:
        values = {
            "committees_sent_on": sent,
            "adoption_session_on": session,
            "state_services_consulted_on": state_services,
            "ieeag_opinion_on": ieeag,
            "pdr_consistency_note": note,
        }
        if run(monitoring.save_compliance_dates, ctx.db, ctx.plan.id, values, lang) is not None:
            flash(t("monitoring.comp.saved", lang))
            st.rerun()
