"""Tab « Axes et objectifs »: add, edit, reorder and delete axes and their objectives.

Deleting something that still holds objectives, projects or indicators first shows what
would go with it and offers to move the projects elsewhere; nothing is ever left orphaned.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pac.i18n import t, tn
from pac.services import vision
from pac.services.vision import AxisView, ObjectiveView, StrategyView
from pac.ui.kit import bitext
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run

EDIT = "strategy_editing"  # ("axis" | "objective", id) being edited
DELETE = "strategy_deleting"  # ("axis" | "objective", id) whose deletion awaits confirmation


def render(ctx: PageContext) -> None:
    assert ctx.plan is not None
    view = vision.get_strategy(ctx.db, ctx.plan.id)
    if not view.axes:
        empty_state(t("vision.no_axes", ctx.lang))
    lonely = set(view.links.objectives_without_link) if view.swot else set()
    for i, axis in enumerate(view.axes):
        _axis_card(ctx, view, axis, first=i == 0, last=i == len(view.axes) - 1, lonely=lonely)
    with st.expander(t("vision.add_axis", ctx.lang), expanded=not view.axes, icon=":material/add_circle:"):
        values = _item_form(ctx, f"strategy_new_axis_{ctx.plan.id}", {"code": view.next_axis_code}, new=True)
        if values is not None and run(vision.save_axis, ctx.db, ctx.plan.id, values, lang=ctx.lang):
            forget_form(f"strategy_new_axis_{ctx.plan.id}")
            flash(t("vision.axis_saved", ctx.lang, code=plain(values["code"])))
            st.rerun()


def _axis_card(
    ctx: PageContext, view: StrategyView, axis: AxisView, *, first: bool, last: bool, lonely: set[int]
) -> None:
    lang = ctx.lang
    with st.container(border=True):
        if st.session_state.get(EDIT) == ("axis", axis.id):
            values = _item_form(ctx, f"strategy_edit_axis_{axis.id}", _fields(axis))
            if values is not None and run(vision.save_axis, ctx.db, view.plan_id, values, axis.id, lang=lang):
                st.session_state.pop(EDIT, None)
                forget_form(f"strategy_edit_axis_{axis.id}")
                flash(t("vision.axis_saved", lang, code=plain(values["code"])))
                st.rerun()
            _cancel_button(ctx, f"axis_{axis.id}")
        else:
            head, *buttons = st.columns([12, 1, 1, 1, 1], vertical_alignment="center")
            head.markdown(f"#### {plain(axis.code)} · {bi(axis, 'title', lang)}")
            if axis.description or axis.description_ar:
                head.caption(bi(axis, "description", lang))
            _row_buttons(ctx, buttons, "axis", axis.id, first, last)
        if st.session_state.get(DELETE) == ("axis", axis.id):
            _confirm_delete_axis(ctx, view, axis)
        for j, obj in enumerate(axis.objectives):
            _objective_row(
                ctx, view, obj, first=j == 0, last=j == len(axis.objectives) - 1, lonely=obj.id in lonely
            )
        with st.popover(t("vision.add_objective", lang), icon=":material/add:"):
            values = _item_form(
                ctx, f"strategy_new_obj_{axis.id}", {"code": view.next_objective_code(axis.id)}, new=True
            )
            if values is not None and run(
                vision.save_objective, ctx.db, view.plan_id, axis.id, values, lang=lang
            ):
                forget_form(f"strategy_new_obj_{axis.id}")
                flash(t("vision.objective_saved", lang, code=plain(values["code"])))
                st.rerun()


def _objective_row(
    ctx: PageContext, view: StrategyView, obj: ObjectiveView, *, first: bool, last: bool, lonely: bool
) -> None:
    lang = ctx.lang
    if st.session_state.get(EDIT) == ("objective", obj.id):
        axes = {a.id: f"{a.code} · {bi_raw(a, 'title', lang)}" for a in view.axes}
        values = _item_form(ctx, f"strategy_edit_obj_{obj.id}", _fields(obj), axes=axes, axis_id=obj.axis_id)
        if values is not None:
            axis_id = values.pop("axis_id")
            if run(vision.save_objective, ctx.db, view.plan_id, axis_id, values, obj.id, lang=lang):
                st.session_state.pop(EDIT, None)
                forget_form(f"strategy_edit_obj_{obj.id}")
                flash(t("vision.objective_saved", lang, code=plain(values["code"])))
                st.rerun()
        _cancel_button(ctx, f"obj_{obj.id}")
    else:
        _, text, *buttons = st.columns([0.6, 11.4, 1, 1, 1, 1], vertical_alignment="center")
        badges = [tn("vision.n_projects", len(obj.projects), lang)]
        if obj.swot_ids:
            badges.append(tn("vision.n_swot", len(obj.swot_ids), lang))
        text.markdown(
            f"**{plain(obj.code)}** · {bi(obj, 'title', lang)}  \n"
            + " · ".join(f":gray[{b}]" for b in badges)
            + (f" · :orange[:material/warning: {t('vision.answers_nothing', lang)}]" if lonely else "")
        )
        _row_buttons(ctx, buttons, "objective", obj.id, first, last)
    if st.session_state.get(DELETE) == ("objective", obj.id):
        _confirm_delete_objective(ctx, view, obj)


def _row_buttons(ctx: PageContext, cols: list[Any], kind: str, item_id: int, first: bool, last: bool) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    move = vision.move_axis if kind == "axis" else vision.move_objective
    if cols[0].button(
        "",
        key=f"up_{kind}_{item_id}",
        icon=":material/arrow_upward:",
        disabled=first,
        help=t("vision.move_up", lang),
    ):
        move(ctx.db, ctx.plan.id, item_id, -1)
        st.rerun()
    if cols[1].button(
        "",
        key=f"down_{kind}_{item_id}",
        icon=":material/arrow_downward:",
        disabled=last,
        help=t("vision.move_down", lang),
    ):
        move(ctx.db, ctx.plan.id, item_id, 1)
        st.rerun()
    if cols[2].button("", key=f"edit_{kind}_{item_id}", icon=":material/edit:", help=t("vision.edit", lang)):
        st.session_state[EDIT] = (kind, item_id)
        st.session_state.pop(DELETE, None)
        st.rerun()
    if cols[3].button(
        "", key=f"del_{kind}_{item_id}", icon=":material/delete:", help=t("vision.delete", lang)
    ):
        st.session_state[DELETE] = (kind, item_id)
        st.session_state.pop(EDIT, None)
        st.rerun()


def _fields(item: AxisView | ObjectiveView) -> dict[str, Any]:
    return {
        "code": item.code,
        "title": item.title,
        "title_ar": item.title_ar,
        "description": item.description,
        "description_ar": item.description_ar,
    }


def _cancel_button(ctx: PageContext, key: str) -> None:
    if st.button(t("vision.cancel", ctx.lang), key=f"cancel_{key}", icon=":material/close:"):
        st.session_state.pop(EDIT, None)
        st.rerun()


def _item_form(
    ctx: PageContext,
    key: str,
    current: dict[str, Any],
    *,
    new: bool = False,
    axes: dict[int, str] | None = None,
    axis_id: int | None = None,
) -> dict[str, Any] | None:
    """Code, title and description in French and Arabic side by side (and the axis, for an objective being
    edited); the values when submitted.  A refused form keeps what was typed (no clear on a refusal)."""
    lang = ctx.lang
    with st.form(key, clear_on_submit=False, border=False, enter_to_submit=False):
        st.session_state.setdefault(f"{key}_code", current.get("code", ""))
        values: dict[str, Any] = {"code": st.text_input(t("vision.code", lang), key=f"{key}_code")}
        values["title"], values["title_ar"] = bitext.inputs(
            t("vision.title_field", lang),
            f"{key}_title",
            current.get("title", ""),
            current.get("title_ar", ""),
            lang,
            init=True,
        )
        values["description"], values["description_ar"] = bitext.inputs(
            t("vision.description", lang),
            f"{key}_description",
            current.get("description", ""),
            current.get("description_ar", ""),
            lang,
            area=True,
            height=80,
            init=True,
        )
        if axes:
            ids = list(axes)
            values["axis_id"] = st.selectbox(
                t("vision.axis", lang),
                ids,
                index=ids.index(axis_id) if axis_id in ids else 0,
                format_func=axes.get,
            )
        label = t("vision.add" if new else "vision.save", lang)
        submitted = st.form_submit_button(label, type="primary", icon=":material/save:")
    return values if submitted else None


def forget_form(key: str) -> None:
    """After a successful save, the next form starts from the database (a new one: empty, next code)."""
    for name in list(st.session_state):
        if isinstance(name, str) and name.startswith(f"{key}_"):
            del st.session_state[name]


def _impact_text(lang: str, impact: vision.Impact) -> str:
    parts = []
    if impact.objectives:
        parts.append(tn("vision.impact_objectives", impact.objectives, lang))
    if impact.projects:
        parts.append(tn("vision.impact_projects", impact.projects, lang))
    if impact.indicators:
        parts.append(tn("vision.impact_indicators", impact.indicators, lang))
    if impact.fundings:
        parts.append(tn("vision.impact_fundings", impact.fundings, lang))
    return ", ".join(parts)


def _confirm_delete_axis(ctx: PageContext, view: StrategyView, axis: AxisView) -> None:
    lang = ctx.lang
    impact = vision.axis_impact(ctx.db, axis.id)
    if impact.empty:
        st.warning(t("vision.delete_axis_empty", lang, code=plain(axis.code)))
    else:
        st.warning(
            t("vision.delete_axis_confirm", lang, code=plain(axis.code), what=_impact_text(lang, impact))
        )
        st.caption(t("vision.delete_axis_hint", lang))
    yes, no = st.columns(2)
    if (
        yes.button(
            t("vision.delete_confirm", lang),
            key=f"yes_axis_{axis.id}",
            type="primary",
            icon=":material/delete_forever:",
        )
        and run(vision.delete_axis, ctx.db, view.plan_id, axis.id, confirmed=True) is not None
    ):
        st.session_state.pop(DELETE, None)
        flash(t("vision.axis_deleted", lang, code=plain(axis.code)))
        st.rerun()
    if no.button(t("vision.cancel", lang), key=f"no_axis_{axis.id}", icon=":material/close:"):
        st.session_state.pop(DELETE, None)
        st.rerun()


def _confirm_delete_objective(ctx: PageContext, view: StrategyView, obj: ObjectiveView) -> None:
    lang = ctx.lang
    impact = vision.objective_impact(ctx.db, obj.id)
    if impact.empty:
        st.warning(t("vision.delete_objective_empty", lang, code=plain(obj.code)))
    else:
        st.warning(
            t("vision.delete_objective_confirm", lang, code=plain(obj.code), what=_impact_text(lang, impact))
        )
    others = {o.id: f"{o.code} · {bi_raw(o, 'title', lang)}" for o in view.objectives if o.id != obj.id}
    if obj.projects and others:
        a, b = st.columns([3, 2], vertical_alignment="bottom")
        target = a.selectbox(
            t("vision.move_projects_to", lang),
            list(others),
            format_func=others.get,
            key=f"move_target_{obj.id}",
        )
        label = t("vision.move_and_delete", lang) + (
            tn("vision.and_indicators", impact.objective_indicators, lang)
            if impact.objective_indicators
            else ""
        )
        if b.button(label, key=f"move_{obj.id}", icon=":material/drive_file_move:"):
            # The click is the confirmation: projects keep their indicators, only the objective's own go.
            moved = run(vision.move_projects, ctx.db, view.plan_id, obj.id, target)
            if (
                moved is not None
                and run(vision.delete_objective, ctx.db, view.plan_id, obj.id, confirmed=True) is not None
            ):
                st.session_state.pop(DELETE, None)
                flash(tn("vision.moved_and_deleted", moved, lang, code=plain(obj.code)))
                st.rerun()
    yes, no = st.columns(2)
    label = "vision.delete_all" if not impact.empty else "vision.delete_confirm"
    if (
        yes.button(t(label, lang), key=f"yes_obj_{obj.id}", type="primary", icon=":material/delete_forever:")
        and run(vision.delete_objective, ctx.db, view.plan_id, obj.id, confirmed=True) is not None
    ):
        st.session_state.pop(DELETE, None)
        flash(t("vision.objective_deleted", lang, code=plain(obj.code)))
        st.rerun()
    if no.button(t("vision.cancel", lang), key=f"no_obj_{obj.id}", icon=":material/close:"):
        st.session_state.pop(DELETE, None)
        st.rerun()
