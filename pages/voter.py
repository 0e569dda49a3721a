"""Participant — join a vote with the code or a card, give a profile once, vote from the phone."""

import streamlit as st

from pac.i18n import t
from pac.services.vote import ballot as ballot_service
from pac.ui.kit import state
from pac.ui.voter.ballot import ballot
from pac.ui.voter.flow import (
    header,
    join_form,
    keep_identity,
    language_bar,
    phone_style,
    profile_form,
    url_identity,
    wait_for_opening,
)

phone_style()  # no facilitator sidebar or menu here, ever
lang = language_bar()
code, token, card = url_identity()
if not code:
    join_form(lang)
    st.stop()

vs = ballot_service.voter_state(state.get_db(), code, token, card)
if vs is None:
    st.query_params.pop("code", None)
    join_form(lang, wrong=code)
    st.stop()
keep_identity(vs, token, card)
header(vs, lang)

if vs.round.status == "draft":
    wait_for_opening(code, lang)
elif vs.round.status == "closed":
    st.warning(t("voter.closed", lang), icon=":material/lock:")
elif vs.card_unknown:
    st.error(t("voter.card_unknown", lang), icon=":material/badge:")
elif vs.participant is None and vs.round.cards_only:
    st.info(t("voter.card_required", lang), icon=":material/badge:")
elif vs.participant is None or not vs.participant.profiled:
    profile_form(vs, lang, vs.participant.token if vs.participant else None)
else:
    ballot(vs, lang)
