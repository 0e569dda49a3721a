"""Tab « Arbre »: mission at the top, then axes → objectives → projects, drawn to be read on a wall."""

from __future__ import annotations

import html

import streamlit as st

from pac.domain.fmt import mdh
from pac.i18n import is_rtl, t
from pac.services import vision
from pac.services.vision import StrategyView
from pac.ui.kit import state
from pac.ui.kit.editors import kept_widget
from pac.ui.kit.text import bi_raw
from pac.ui.kit.widgets import PageContext, empty_state

COLOURS = ("#1f6f8b", "#b5651d", "#4a7c3a", "#8e3b6e", "#5b4b9a", "#6d5d4b", "#2f6f6f", "#9a3b3b")

CSS = """
<style>
  .pac-tree {font-size: %(base)s; line-height: 1.35;}
  .pac-tree .mission {border-left: 6px solid #17495b; background: #f3f8fa; padding: .6rem 1rem; margin-bottom: 1rem;}
  .pac-tree .mission b {display: block; color: #17495b; font-size: .8em; text-transform: uppercase;
                        letter-spacing: .05em;}
  .pac-tree .axes {display: grid; grid-template-columns: repeat(auto-fit, minmax(%(min)s, 1fr)); gap: 1rem;}
  .pac-tree .axis {border-radius: 8px; border: 2px solid var(--c); background: #fff; overflow: hidden;}
  .pac-tree .axis > h4 {margin: 0; padding: .55rem .8rem; background: var(--c); color: #fff; font-size: 1.1em;}
  .pac-tree .obj {margin: .55rem .7rem; padding-left: .6rem; border-left: 4px solid var(--c);}
  .pac-tree .obj > div {font-weight: 600;}
  .pac-tree ul {margin: .25rem 0 0 0; padding-left: 1.1rem;}
  .pac-tree li {font-size: .88em; margin: .1rem 0;}
  .pac-tree li.rejected {color: #999; text-decoration: line-through;}
  .pac-tree li.retained::marker {content: "✔ "; color: #2e7d32;}
  .pac-tree .code {color: #555; font-weight: 700; margin-inline-end: .35rem;}
  .pac-tree .cost {color: #666; font-size: .85em; white-space: nowrap;}
  .pac-tree .empty {color: #888; font-style: italic; font-size: .88em;}
  .pac-tree[dir=rtl] ul {padding-left: 0; padding-right: 1.1rem;}
  .pac-tree[dir=rtl] .obj {border-left: none; border-right: 4px solid var(--c); padding-left: 0;
                           padding-right: .6rem;}
</style>
"""


def tree_html(
    view: StrategyView, lang: str, *, projects: bool = True, costs: bool = False, big: bool = False
) -> str:
    """The whole tree as one HTML block (every text escaped)."""
    e = html.escape
    css = CSS % {"base": "1.15rem" if big else "1rem", "min": "360px" if big else "300px"}
    parts = [css, f'<div class="pac-tree" dir="{"rtl" if is_rtl(lang) else "ltr"}">']
    for field in ("mission", "vision"):
        text = bi_raw(view, field, lang)  # the reader's version, else the other one with its marker
        if text:
            parts.append(f'<div class="mission"><b>{e(t(f"vision.{field}", lang))}</b>{e(text)}</div>')
    parts.append('<div class="axes">')
    for i, axis in enumerate(view.axes):
        parts.append(
            f'<div class="axis" style="--c:{COLOURS[i % len(COLOURS)]}"><h4>{e(axis.code)} · '
            f"{e(bi_raw(axis, 'title', lang))}</h4>"
        )
        if not axis.objectives:
            parts.append(f'<div class="obj empty">{e(t("vision.tree_no_objective", lang))}</div>')
        for obj in axis.objectives:
            parts.append(
                f'<div class="obj"><div><span class="code">{e(obj.code)}</span>{e(bi_raw(obj, "title", lang))}</div>'
            )
            if projects and obj.projects:
                parts.append("<ul>")
                for p in obj.projects:
                    cost = (
                        f' <span class="cost">· {e(mdh(p.total_cost, lang=lang))}</span>'
                        if costs and p.total_cost
                        else ""
                    )
                    parts.append(
                        f'<li class="{e(p.status)}"><span class="code">{e(p.code)}</span>{e(bi_raw(p, "title", lang))}'
                        f"{cost}</li>"
                    )
                parts.append("</ul>")
            elif projects:
                parts.append(f'<div class="empty">{e(t("vision.tree_no_project", lang))}</div>')
            parts.append("</div>")
        parts.append("</div>")
    parts.append("</div></div>")
    return "".join(parts)


def render(ctx: PageContext) -> None:
    assert ctx.plan is not None
    view = vision.get_strategy(ctx.db, ctx.plan.id)
    if not view.axes:
        empty_state(t("vision.no_axes", ctx.lang))
        return
    a, b = st.columns(2)
    show_projects = a.toggle(
        t("vision.tree_projects", ctx.lang), **kept_widget("strategy_tree_projects", True)
    )
    show_costs = b.toggle(t("vision.tree_costs", ctx.lang), **kept_widget("strategy_tree_costs", False))
    st.html(tree_html(view, ctx.lang, projects=show_projects, costs=show_costs, big=state.projection()))
    st.caption(t("vision.tree_legend", ctx.lang))
