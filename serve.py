"""PAC Atelier's server: the Streamlit app (app.py) and, on the same port, the light routes of
pac.web — the participants' phone page `/voter` and the facilitator's sign-in cookie.

Started by `make run` (`streamlit run serve.py`)."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pac.web.routes import MIDDLEWARE, ROUTES

# app.py lists its pages with st.navigation; but beside a pages/ folder Streamlit runs a new server's
# first session the old way (every file of pages/ a page, by its file name) until a first st.navigation
# call turns that off, so the first visitor of /plan-triennal got an English « Page not found ».
# Turning it off before any session is what that first call would do (tests/test_frame_deep_link.py).
PagesManager.uses_pages_directory = False

app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE)
