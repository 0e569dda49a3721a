"""PAC Atelier — the frame: page config, login, navigation by role, sidebar context."""

import streamlit as st

from pac.ui.kit import frame, state

st.set_page_config(page_title="PAC Atelier", layout="wide")  # the icon: frame.set_icon()

frame.require_database()
frame.apply_style()
state.restore_login()
state.write_cookie()

login_page = False
if state.user() is None:
    allowed = frame.anonymous_pages()
    page = st.navigation(allowed, position="hidden")
    # Streamlit also knows the files of pages/ by their names: a visitor typing /communes must still
    # get the login, never a facilitator page.
    if page.url_path not in {p.url_path for p in allowed}:
        page = allowed[0]
    login_page = page.url_path == allowed[0].url_path
    if not login_page:
        frame.require_database(filled=True)  # the phone page reads the communes' voting rounds
        frame.set_icon()
else:
    frame.require_database(filled=True)  # the sidebar lists the communes, the demo among them
    frame.set_icon()  # before the navigation, whose pages have Material icons
    sections, voter = frame.facilitator_pages()
    page = st.navigation([p for pages in sections.values() for p in pages] + voter, position="hidden")
    frame.sidebar(sections)
    if state.projection():
        frame.projection_bar()

try:
    page.run()
except Exception as exc:
    frame.unexpected_error(exc)

if login_page:
    frame.set_icon()  # once the login is drawn (see set_icon)
state.start_preparing()
