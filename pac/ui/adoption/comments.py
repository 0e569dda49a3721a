"""The reviewers' comments (NGO, committees, IEEAG) on the plan, a section or a project."""

from __future__ import annotations

import streamlit as st

from pac.domain import adoption as rules
from pac.i18n import t, tn
from pac.services import adoption
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, flash, run


def comments_view(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    road = adoption.load_road(ctx.db, ctx.plan.id)
    add_form(ctx, road)
    if not road.comments:
        st.info(t("adoption.comments.empty", lang), icon=":material/lightbulb:")
        return
    st.caption(tn("adoption.comments.open", road.open_comments, lang))
    for c in reversed(road.comments):
        target = t(f"adoption.target.{c.target}", lang)
        if c.target == "section" and c.target_ref:
            target += f" : {t(f'adoption.section.{c.target_ref}', lang)}"
        elif c.target_ref:
            target += f" : {c.target_ref}"
        head = t(
            "adoption.comment.head",
            lang,
            state=t(f"adoption.state.{c.state}", lang),
            source=t(f"adoption.source.{c.source}", lang),
            target=target,
            date=c.written_on.strftime("%d/%m/%Y"),
        )
        with st.container(border=True):
            icon = ":material/mark_chat_read:" if c.state == "answered" else ":material/chat:"
            st.markdown(f"{icon} **{plain(head)}**" + (f" — {plain(c.author)}" if c.author else ""))
            st.text(c.text)
            with st.form(f"answer_{c.id}"):
                answer = st.text_area(t("adoption.field.answer", lang), value=c.answer, height=80)
                if st.form_submit_button(t("adoption.comments.answer", lang)):
                    if run(adoption.answer_comment, ctx.db, c.id, answer, lang=lang) is None:
                        pass
                    else:
                        flash(t("adoption.comments.answered", lang))
                        st.rerun()


def add_form(ctx: PageContext, road: adoption.Road) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    with st.expander(t("adoption.comments.add", lang), icon=":material/add_comment:"):
        a, b = st.columns(2)
        # Outside the form: the choice of target changes the list beside it.
        target = b.radio(
            t("adoption.field.target", lang),
            rules.COMMENT_TARGETS,
            format_func=lambda x: t(f"adoption.target.{x}", lang),
            horizontal=True,
            key=f"comment_target_{ctx.plan.id}",
        )
        with st.form(f"comment_form_{ctx.plan.id}_{len(road.comments)}"):  # empty again once added
            c1, c2 = st.columns(2)
            source = c1.selectbox(
                t("adoption.field.source", lang),
                rules.COMMENT_SOURCES,
                format_func=lambda x: t(f"adoption.source.{x}", lang),
            )
            ref = ""
            if target == "section":
                ref = c2.selectbox(
                    t("adoption.field.target_ref", lang),
                    rules.SECTIONS,
                    format_func=lambda x: t(f"adoption.section.{x}", lang),
                )
            elif target == "project":
                ref = c2.selectbox(t("adoption.field.target_ref", lang), road.project_codes, index=None)
            author = c1.text_input(t("adoption.field.author", lang))
            text = st.text_area(t("adoption.field.comment", lang), height=100)
            submitted = st.form_submit_button(t("adoption.comments.submit", lang), type="primary")
        if submitted:
            values = {
                "source": source,
                "target": target,
                "target_ref": ref or "",
                "author": author,
                "text": text,
            }
            if run(adoption.add_comment, ctx.db, ctx.plan.id, values, lang=lang) is not None:
                flash(t("adoption.comments.saved", lang))
                st.rerun()
        a.empty()
