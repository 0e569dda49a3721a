"""The compliance dates form (page « Suivi-évaluation ») and the compliance checklist (that page and the
dashboard)."""

from __future__ import annotations

import streamlit as st

from pac.db import ROOT
from pac.i18n import t
from pac.services import compliance, monitoring
from pac.ui.nav import STEPS
from pac.ui.widgets import PageContext, flash, run

PAGES = {step.title_key: step.path for step in STEPS}  # nav key -> page file
ICONS = {"ok": ":material/check_circle:", "missing": ":material/cancel:", "warning": ":material/warning:"}
COLOURS = {"ok": "green", "missing": "red", "warning": "orange"}


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
        if run(monitoring.save_compliance_dates, ctx.db, ctx.plan.id, values) is not None:
            flash(t("monitoring.comp.saved", lang))
            st.rerun()


def checklist(ctx: PageContext, with_title: bool = True) -> None:
    """The law's list, item by item: met, missing (and what, and where to fix it), or a warning."""
    lang = ctx.lang
    report = compliance.check(ctx.db, ctx.commune.id)
    if with_title:
        st.markdown(f"#### {t('compliance.title', lang)}")
    if report.passed:
        st.success(t("compliance.summary_ok", lang, warnings=report.warnings), icon=":material/verified:")
    else:
        st.warning(
            t("compliance.summary_missing", lang, n=report.missing_required, warnings=report.warnings),
            icon=":material/rule:",
        )
    for item in report.items:
        kind = "ok" if item.ok else ("missing" if item.required else "warning")
        title = t(f"compliance.item.{item.code}", lang)
        tag = t(f"compliance.state.{kind}", lang)
        with st.container(border=not item.ok):
            st.markdown(f"{ICONS[kind]} :{COLOURS[kind]}[**{tag}**] {title}")
            for m in item.missing:
                st.markdown(f"- {compliance.missing_text(m, lang)}")
            if not item.ok:
                path = PAGES.get(item.page)
                path = path if path and (ROOT / path).exists() else None
                text = t("compliance.fix_here", lang, section=t(item.section, lang))
                if path:
                    st.page_link(
                        path, label=f"{t(item.page, lang)} › {text}", icon=":material/arrow_forward:"
                    )
                else:
                    st.caption(compliance.where_text(item, lang))
    st.caption(t("compliance.cli_hint", lang, slug=ctx.commune.slug))
