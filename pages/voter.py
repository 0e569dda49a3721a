"""Participant — the phone page is now the light HTML page `/voter` that serve.py mounts beside
Streamlit (pac.web.phone); with serve.py running, this file is never reached.  Only an app started
without it (`streamlit run app.py`) lands here: say how to start the server that has the page."""

import streamlit as st

from pac.i18n import t
from pac.ui.kit import state

st.info(t("voter.moved", state.lang()), icon=":material/how_to_vote:")
