"""Tab « Proposer depuis les constats »: SWOT items drafted from findings, accepted, edited or rejected one by one.

Nothing is written until the facilitator accepts a proposal; a rejected one stays
rejected for this plan during the session (and comes back with « Revoir les
propositions écartées »).  Edited texts are kept across page switches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import streamlit as st

from pac.domain import swot as rules
from pac.domain import vocab
from pac.i18n import t, tn
from pac.services import swot
from pac.services.diagnostic import FindingView
from pac.ui.kit import state
from pac.ui.kit.labels import labels, sector_labels, username
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run
from pac.ui.swot.forms import clear_texts, finding_label, kept_texts

PAGE = 6  # proposals shown at once: enough to work, few enough to keep the page fast


def render(ctx: PageContext, findings: Sequence[FindingView]) -> None:
    lang = ctx.lang
    assert ctx.plan is not None
    st.caption(t("swot.draft_intro", lang))
    if not findings:
        empty_state(t("swot.draft_no_findings", lang))
        st.page_link("pages/diagnostic.py", label=t("nav.diagnostic", lang), icon=":material/search:")
        return
    rejected_key = f"swot_rejected_{ctx.plan.id}"
    rejected: list[str] = state.keep(rejected_key, [])
    all_props = swot.proposals(ctx.db, ctx.plan.id, lang)
    props = [p for p in all_props if p.key not in rejected]
    if rejected and st.button(
        tn("swot.draft_restore", len(rejected), lang), icon=":material/restore:", key="swot_draft_restore"
    ):
        state.remember(rejected_key, [])
        st.rerun()
    if not props:
        empty_state(t("swot.draft_done", lang))
        return
    st.markdown(
        t(
            "swot.draft_count",
            lang,
            proposals=tn("swot.n_proposals", len(props), lang),
            findings=tn("diag.n_findings", sum(len(p.finding_ids) for p in props), lang),
        )
    )
    by_id = {f.id: f for f in findings}
    sectors = sector_labels(lang)
    for p in props[:PAGE]:
        _proposal(ctx, p, by_id, sectors, rejected_key)
    if len(props) > PAGE:
        st.caption(tn("swot.draft_more", len(props) - PAGE, lang))


def _proposal(
    ctx: PageContext,
    p: rules.Proposal,
    by_id: dict[int, FindingView],
    sectors: dict[str, str],
    rejected_key: str,
) -> None:
    lang = ctx.lang
    assert ctx.plan is not None
    key = "swot_draft_" + hashlib.sha1(p.key.encode()).hexdigest()[:12]
    quadrants = labels("quadrants", lang)
    kinds = labels("finding_kinds", lang)
    with st.container(border=True):
        head, pick = st.columns([3, 2])
        sector = sectors.get(p.sector_code or "", t("diag.no_sector", lang))
        head.markdown(
            t(
                "swot.draft_head",
                lang,
                quadrant=quadrants[p.quadrant],
                sector=plain(sector),
                findings=tn("diag.n_findings", len(p.finding_ids), lang),
            )
        )
        options = list(vocab.QUADRANTS)
        kept_q = state.keep(f"{key}_q", p.quadrant)
        quadrant = pick.selectbox(
            t("swot.quadrant", lang),
            options,
            index=options.index(kept_q),
            format_func=quadrants.get,
            key=f"{key}_q_w",
            label_visibility="collapsed",
        )
        state.remember(f"{key}_q", quadrant)
        text, text_ar = kept_texts(t("swot.text", lang), f"{key}_text", p.text, p.text_ar, lang)
        with st.expander(tn("swot.draft_sources", len(p.finding_ids), lang)):
            for fid in p.finding_ids:
                if fid in by_id:
                    st.markdown(f"- {plain(finding_label(by_id[fid], kinds, sectors, lang, width=400))}")
        accept, reject, _ = st.columns([1, 1, 3])
        if accept.button(
            t("swot.draft_accept", lang), type="primary", icon=":material/check:", key=f"{key}_ok"
        ):
            done = run(
                swot.accept_proposal,
                ctx.db,
                ctx.plan.id,
                quadrant,
                text,
                p.sector_code,
                p.finding_ids,
                username(),
                text_ar=text_ar,
                lang=lang,
            )
            if done:
                _forget(key)
                flash(t("swot.added", lang, number=done.number))
                st.rerun()
        if reject.button(t("swot.draft_reject", lang), icon=":material/close:", key=f"{key}_no"):
            state.remember(rejected_key, [*state.keep(rejected_key, []), p.key])
            _forget(key)
            st.rerun()


def _forget(key: str) -> None:
    for k in (f"_keep_{key}_q", f"{key}_q_w"):
        st.session_state.pop(k, None)
    clear_texts(f"{key}_text")
