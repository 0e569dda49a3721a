"""Produire — the plan's road to adoption: NGO validation, State services, IEEAG, committees, session, visa."""

from pac.ui.adoption import comments, road
from pac.ui.kit import state
from pac.ui.kit.checklist import checklist
from pac.ui.kit.tabs import view_selector
from pac.ui.kit.widgets import page, show_flashes

ctx = page("nav.adoption", need_plan=True, caption_key=None if state.projection() else "adoption.caption")
show_flashes()
assert ctx.plan is not None

VIEWS = ("road", "comments", "checklist")
view = view_selector(ctx, f"adoption_view_{ctx.plan.id}", VIEWS, "adoption")
if view == "road":
    road.road_view(ctx)
elif view == "comments":
    comments.comments_view(ctx)
else:
    checklist(ctx, with_title=False)
