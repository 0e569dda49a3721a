"""Atelier — the triennial plan: priorities, years and funding, the commune's share against its capacity."""

from pac.services import plan as plan_service
from pac.ui.kit import state
from pac.ui.kit.tabs import view_selector
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.plan import project, sections, whatif

# On the wall the caption gives way to the content.
ctx = page("nav.plan", need_plan=True, caption_key=None if state.projection() else "plan.caption")
show_flashes()
assert ctx.plan is not None
board = plan_service.load_board(ctx.db, ctx.plan.id)
sections.summary(ctx, board)

view = view_selector(ctx, f"plan_view_{ctx.plan.id}", sections.VIEWS, "plan")
{
    "priorities": sections.priorities,
    "project": project.project_view,
    "budget": whatif.budget_view,
    "charts": sections.charts_view,
    "table": sections.table_view,
}[view](ctx, board)
