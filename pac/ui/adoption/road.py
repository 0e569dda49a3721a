"""The road to adoption: where the plan stands, the form that records a step, the history."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pac.domain import adoption as rules
from pac.domain.fmt import date as fmt_date
from pac.i18n import t
from pac.services import adoption, documents
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, flash, run


def status_label(status: str, lang: str) -> str:
    key = f"adoption.status.{status}" if status in ("draft", "returned") else f"adoption.step.{status}"
    return t(key, lang)


def road_view(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    road = adoption.load_road(ctx.db, ctx.plan.id)
    st.markdown(t("adoption.status", lang, status=status_label(road.status, lang)))
    reached = set(road.latest)
    cols = st.columns(len(rules.STEPS))
    for col, step in zip(cols, rules.STEPS, strict=True):
        done = step in reached and not (step == "ngo_review" and road.latest[step].outcome == "returned")
        icon = ":material/check_circle:" if done else ":material/radio_button_unchecked:"
        col.caption(f"{icon} {t(f'adoption.step.{step}', lang)}")
    versions(ctx, road)
    if road.next_step is None:
        st.success(t("adoption.done", lang), icon=":material/verified:")
    step_form(ctx, road)
    history(ctx, road)


def step_form(ctx: PageContext, road: adoption.Road) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    st.markdown(f"#### {t('adoption.record', lang)}")
    # The next step first; the steps already reached may be corrected.
    choices = [s for s in rules.STEPS if s == road.next_step or s in road.latest]
    if not choices:
        return
    default = road.next_step if road.next_step in choices else choices[-1]
    step = st.selectbox(
        t("adoption.record.step", lang),
        choices,
        index=choices.index(default),
        format_func=lambda s: t(f"adoption.step.{s}", lang),
        help=t("adoption.record.help", lang),
        key=f"adoption_step_{ctx.plan.id}_{len(road.history)}",  # a new record proposes the next step
    )
    # One form per step: what was typed stays when a value is refused (clear_on_submit is off).
    # Keyed by the history too: after a record, the next step's form comes back empty.
    with st.form(f"adoption_form_{ctx.plan.id}_{step}_{len(road.history)}"):
        values: dict[str, object] = {}
        a, b = st.columns(2)
        values["done_on"] = a.date_input(
            t("adoption.field.done_on", lang), value=None, format="DD/MM/YYYY", max_value=dt.date(2100, 1, 1)
        )
        if step == "ngo_review":
            values["outcome"] = b.radio(
                t("adoption.field.outcome", lang),
                rules.NGO_OUTCOMES,
                format_func=lambda o: t(f"adoption.outcome.{o}", lang),
                index=None,
                horizontal=True,
            )
        if step == "adopted":
            values["session_type"] = b.radio(
                t("adoption.field.session_type", lang),
                rules.SESSION_TYPES,
                format_func=lambda o: t(f"adoption.session.{o}", lang),
                index=None,
                horizontal=True,
            )
            c1, c2, c3 = st.columns(3)
            # Text inputs, not number inputs: a refused value gets a French message naming the field.
            values["votes_for"] = c1.text_input(t("adoption.field.votes_for", lang))
            values["votes_against"] = c2.text_input(t("adoption.field.votes_against", lang))
            values["votes_abstain"] = c3.text_input(t("adoption.field.votes_abstain", lang))
        if step in rules.TEXT_STEPS:
            label = "adoption.field.text_ieeag" if step == "ieeag_opinion" else "adoption.field.text_reports"
            values["text"] = st.text_area(t(label, lang), height=160)
        values["note"] = st.text_area(t("adoption.field.note", lang), height=80)
        submitted = st.form_submit_button(t("adoption.submit", lang), type="primary")
    if submitted:
        who = ctx.user.display_name or ctx.user.username if ctx.user else ""
        done = run(adoption.record_step, ctx.db, ctx.plan.id, step, values, recorded_by=who, lang=lang)
        if done is not None:
            flash(t("adoption.saved", lang, step=t(f"adoption.step.{step}", lang)))
            st.rerun()


def history(ctx: PageContext, road: adoption.Road) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('adoption.history', lang)}")
    if not road.history:
        st.info(t("adoption.history.empty", lang), icon=":material/lightbulb:")
        return
    rows = []
    for r in reversed(road.history):
        details = ""
        if r.step == "ngo_review" and r.outcome:
            details = t(f"adoption.outcome.{r.outcome}", lang)
        elif r.step == "adopted":
            details = t(
                "adoption.details.votes",
                lang,
                session=t(f"adoption.session.{r.session_type}", lang) if r.session_type else "",
                for_=r.votes_for,
                against=r.votes_against,
                abstain=r.votes_abstain,
            )
        elif r.text:
            details = r.text
        rows.append(
            {
                t("adoption.col.done_on", lang): r.done_on.strftime("%d/%m/%Y"),
                t("adoption.col.step", lang): t(f"adoption.step.{r.step}", lang),
                t("adoption.col.recorded_by", lang): r.recorded_by,
                t("adoption.col.details", lang): details,
                t("adoption.col.note", lang): r.note,
            }
        )
    # st.dataframe shows cells as text (never markdown), so the notes need no escaping here.
    st.dataframe(rows, hide_index=True, width="stretch")
    for r in reversed(road.history):
        if r.text:
            with st.expander(plain(f"{t(f'adoption.step.{r.step}', lang)} · {r.done_on:%d/%m/%Y}")):
                st.text(r.text)


def versions(ctx: PageContext, road: adoption.Road) -> None:
    """The adopted versions, frozen and downloadable; a plan changed since its adoption says so."""
    assert ctx.plan is not None
    lang = ctx.lang
    if not road.versions:
        return
    last = road.versions[-1]
    if road.changed_since_adoption:
        st.warning(
            t(
                "adoption.changed",
                lang,
                n=last.number,
                next=last.number + 1,
                date=fmt_date(last.adopted_on, lang=lang),
            ),
            icon=":material/edit_note:",
        )
    else:
        st.info(
            t("adoption.frozen", lang, n=last.number, date=fmt_date(last.adopted_on, lang=lang)),
            icon=":material/lock:",
        )
    for v in reversed(road.versions):
        st.download_button(
            t("adoption.version.download", lang, n=v.number, date=fmt_date(v.adopted_on, lang=lang)),
            data=adoption.version_workbook(ctx.db, ctx.plan.id, v.number, lang),
            file_name=f"{ctx.commune.slug}-pac-version-{v.number}.json",
            mime="application/json",
            icon=":material/download:",
            key=f"adoption_version_{ctx.plan.id}_{v.number}",
        )
        _version_documents(ctx, v.number)


def _version_documents(ctx: PageContext, number: int) -> None:
    """A deliverable of the adopted version, made from its frozen workbook (never from today's plan)."""
    assert ctx.plan is not None
    lang = ctx.lang
    key = f"adoption_vdoc_{ctx.plan.id}_{number}"
    with st.expander(t("adoption.version.documents", lang, n=number)):
        a, b, c = st.columns([3, 1, 1])
        kind = a.selectbox(
            t("adoption.version.doc", lang),
            list(documents.DOCS),
            format_func=lambda k: t(f"docs.kind.{k}", lang),
            key=f"{key}_kind",
        )
        fmt = b.selectbox(t("adoption.version.format", lang), list(documents.FORMATS[kind]), key=f"{key}_fmt")
        doc_lang = c.selectbox(
            t("adoption.version.lang", lang),
            list(documents.LANGS),
            format_func=lambda x: t(f"docs.lang.{x}", lang),
            key=f"{key}_lang",
        )
        if st.button(t("adoption.version.produce", lang), key=f"{key}_go", icon=":material/description:"):
            with st.spinner(t("adoption.version.producing", lang)):
                made = run(documents.produce_version, ctx.db, ctx.plan.id, number, kind, fmt, doc_lang)
            if made is not None:
                st.session_state[key] = made
        made = st.session_state.get(key)
        if made is not None:
            st.download_button(
                t("adoption.version.download_doc", lang, name=made.name),
                data=made.data,
                file_name=made.name,
                icon=":material/download:",
                key=f"{key}_dl",
            )
