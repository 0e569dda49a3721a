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
    # The facilitator's addresses are known too, so that a link such as /plan-triennal opened before
    # signing in is not Streamlit's English « Page not found »: the visitor gets the login there (never
    # the page), and once signed in, that page.
    sections, hidden = frame.facilitator_pages(default=False, icons=False)
    known = [p for pages in sections.values() for p in pages] + [
        p for p in hidden if p.url_path not in {a.url_path for a in allowed}
    ]
    known += frame.unknown_address(allowed + known)
    page = st.navigation(allowed + known, position="hidden")
    login_page = page.url_path not in {p.url_path for p in allowed[1:]}
    # The login runs at whatever address was asked for (Streamlit lets only the page it returned run).
    run = frame.login_view if login_page else page.run
    if not login_page:
        frame.require_database(filled=True)  # the phone page reads the communes' voting rounds
        frame.set_icon()
else:
    frame.require_database(filled=True)  # the sidebar lists the communes, the demo among them
    frame.set_icon()  # before the navigation, whose pages have Material icons
    sections, hidden = frame.facilitator_pages()
    pages = [p for step_pages in sections.values() for p in step_pages] + hidden
    page = st.navigation(pages + frame.unknown_address(pages), position="hidden")
    run = page.run
    frame.sidebar(sections)
    if state.projection():
        frame.projection_bar()

try:
    run()
except Exception as exc:
    frame.unexpected_error(exc)

if login_page:
    frame.set_icon()  # once the login is drawn (see set_icon)
state.start_preparing()
if state.user() is not None:
    state.warm_documents()  # the documents' chart renderer, in the background, once per server
