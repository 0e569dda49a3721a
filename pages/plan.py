"""Atelier — the triennial plan: priorities, years and funding, the commune's share against its capacity."""

from pac.services import triennial
from pac.ui import plan_project, plan_sections, plan_whatif, state
from pac.ui.widgets import page, show_flashes

# On the wall the caption gives way to the content.
ctx = page("nav.plan", need_plan=True, caption_key=None if state.projection() else "plan.caption")
show_flashes()
assert ctx.plan is not None
board = triennial.load_board(ctx.db, ctx.plan.id)
plan_sections.summary(ctx, board)

view = plan_sections.view_selector(ctx, f"plan_view_{ctx.plan.id}", plan_sections.VIEWS, "plan")
{
    "priorities": plan_sections.priorities,
    "project": plan_project.project_view,
    "budget": plan_whatif.budget_view,
    "charts": plan_sections.charts_view,
    "table": plan_sections.table_view,
}[view](ctx, board)
