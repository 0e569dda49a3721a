"""PAC Atelier's server: the Streamlit app (app.py) and, on the same port, the light routes of
pac.web — the participants' phone page `/voter` and the facilitator's sign-in cookie.

Started by `make run` (`streamlit run serve.py`)."""

import streamlit as st

from pac.web.routes import MIDDLEWARE, ROUTES

app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE)
