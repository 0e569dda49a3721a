"""Produire — backups of the database and their restore (facilitator only)."""

from pac.ui.backups import backups_view
from pac.ui.kit.widgets import page, show_flashes

ctx = page("nav.backups", caption_key="backups.caption")
show_flashes()
backups_view(ctx)
