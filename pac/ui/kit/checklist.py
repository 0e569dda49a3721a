"""The compliance checklist, item by item (dashboard, pages « Suivi-évaluation » and « Adoption »)."""

from __future__ import annotations

import streamlit as st

from pac.db import ROOT
from pac.i18n import is_rtl, t
from pac.services import compliance
from pac.ui.kit.nav import STEPS
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext

PAGES = {step.title_key: step.path for step in STEPS}  # nav key -> page file


ICONS = {"ok": ":material/check_circle:", "missing": ":material/cancel:", "warning": ":material/warning:"}


COLOURS = {"ok": "green", "missing": "red", "warning": "orange"}


def checklist(ctx: PageContext, with_title: bool = True) -> None:
    """The law's list, item by item: met, missing (and what, and where to fix it), or a warning."""
    lang = ctx.lang
    report = compliance.check(ctx.db, ctx.commune.id)
    if with_title:
        st.markdown(f"#### {t('compliance.title', lang)}")
    # Counts agree with their number in each language (« 2 exigences », « متطلبان »): pac.i18n.tn.
    if report.passed:
        st.success(compliance.summary_text(report, lang), icon=":material/verified:")
    else:
        st.warning(compliance.summary_text(report, lang), icon=":material/rule:")
    for item in report.items:
        kind = "ok" if item.ok else ("missing" if item.required else "warning")
        title = t(f"compliance.item.{item.code}", lang)
        tag = t(f"compliance.state.{kind}", lang)
        with st.container(border=not item.ok):
            st.markdown(f"{ICONS[kind]} :{COLOURS[kind]}[**{tag}**] {title}")
            # Missing items name project codes the commune typed: shown as text, never as markdown.
            # One paragraph per missing thing (not a markdown list: its bullet and text part ways in Arabic).
            for m in item.missing:
                st.markdown(f"• {plain(compliance.missing_text(m, lang))}")
            for m in item.notes:
                st.caption(plain(compliance.missing_text(m, lang)))
            if not item.ok:
                path = PAGES.get(item.page)
                path = path if path and (ROOT / path).exists() else None
                text = t("compliance.fix_here", lang, section=t(item.section, lang))
                if path:
                    st.page_link(
                        path,
                        label=f"{t(item.page, lang)} › {text}",
                        # towards where one reads: to the left in Arabic
                        icon=":material/arrow_back:" if is_rtl(lang) else ":material/arrow_forward:",
                    )
                else:
                    st.caption(compliance.where_text(item, lang))
    st.caption(t("compliance.cli_hint", lang, slug=ctx.commune.slug))
