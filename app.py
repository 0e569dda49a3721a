"""PAC Atelier — the frame: page config, login, navigation by role, sidebar context."""

from pathlib import Path

import streamlit as st

from pac.i18n import t
from pac.ui.kit import frame, state

# A bundled icon: a Material icon here would make the browser fetch a web font (no internet in a town hall).
st.set_page_config(page_title="PAC Atelier", page_icon=str(Path(__file__).parent / "pac" / "assets" / "icon.png"), layout="wide")

try:
    state.get_db()
except Exception as exc:  # no database: say so in French, never a stack trace
    st.error(t("frame.db_unavailable", state.lang(), error=type(exc).__name__), icon=":material/database:")
    frame.log.exception("database unavailable", exc_info=exc)
    st.stop()

frame.apply_style()
state.restore_login()
state.write_cookie()

if state.user() is None:
    allowed = frame.anonymous_pages()
    page = st.navigation(allowed, position="hidden")
    # Streamlit also knows the files of pages/ by their names: a visitor typing /communes must still
    # get the login, never a facilitator page.
    if page.url_path not in {p.url_path for p in allowed}:
        page = allowed[0]
else:
    sections, voter = frame.facilitator_pages()
    page = st.navigation([p for pages in sections.values() for p in pages] + voter, position="hidden")
    frame.sidebar(sections)
    if state.projection():
        frame.projection_bar()

try:
    page.run()
except Exception as exc:
    frame.unexpected_error(exc)
