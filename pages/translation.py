"""Produire — the translation view: every text of the commune in French and in Arabic."""

from pac.ui.kit.widgets import page, show_flashes
from pac.ui.translation import translation_view

ctx = page("nav.translation", caption_key="translation.caption")
show_flashes()
translation_view(ctx)
