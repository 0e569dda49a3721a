"""The ballot on the phone: one widget per option (and criterion), what is left, send.

Widgets are outside any form so that « what is left » follows each tap; their keys carry the
round and the participant, so a next participant on a shared phone starts from a blank ballot.
"""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from pac.domain.errors import DomainError
from pac.domain.vote import SCORE_MAX, SCORE_MIN, Key, remaining
from pac.i18n import t
from pac.services.vote import ballot as ballot_service
from pac.services.vote.views import CardRequired, RoundNotOpen, RoundView, VoterState
from pac.ui.kit import state
from pac.ui.kit.widgets import show_error
from pac.ui.voter.flow import next_participant

SEGMENTS_UP_TO = 6  # up to this many dots on one option, tap a number; beyond, a number field


def _key(r: RoundView, token: str, k: Key) -> str:
    return f"vb_{r.id}_{token}_{k[0]}_{k[1] or 0}"


def _prefill(vs: VoterState, token: str) -> None:
    """A refresh or a reconnection shows the ballot already sent."""
    r = vs.round
    for k in r.rules.keys:
        wk = _key(r, token, k)
        if wk not in st.session_state:
            sent = (vs.ballot or {}).get(k)
            if r.method == "scoring":
                st.session_state[wk] = int(sent) if sent is not None else None
            else:
                st.session_state[wk] = int(sent or 0)


def _values(r: RoundView, token: str) -> dict[Key, Any]:
    out: dict[Key, Any] = {}
    for k in r.rules.keys:
        v = st.session_state.get(_key(r, token, k))
        out[k] = v if r.method == "scoring" else int(v or 0)
    return out


def _left_bar(r: RoundView, values: dict[Key, Any], lang: str) -> bool:
    """The sticky line saying what is left to place; True when the ballot may be sent."""
    left = remaining(r.rules, values)
    if r.method == "scoring":
        rated = sum(1 for v in values.values() if v is not None)
        text, css, ok = t("voter.rated", lang, n=rated, total=len(values)), "done" if rated else "", rated > 0
    elif left is not None and left < 0:
        text, css, ok = t(f"voter.over_{r.method}", lang, n=-left), "over", False
    elif r.method == "points" and left:
        text, css, ok = t("voter.left_points", lang, n=left, total=r.points_total), "", False
    elif r.method == "dots" and left == r.dots_per_participant:
        text, css, ok = t("voter.left_dots", lang, n=left), "", False
    elif r.method == "dots" and left:
        text, css, ok = t("voter.left_dots", lang, n=left), "", True
    else:
        text, css, ok = t(f"voter.all_placed_{r.method}", lang), "done", True
    st.html(f'<div class="pac-left {css}" data-testid="pac-left">{html.escape(text)}</div>')
    return ok


def ballot(vs: VoterState, lang: str) -> None:
    r = vs.round
    p = vs.participant
    assert p is not None
    token = p.token
    _prefill(vs, token)
    receipt = st.session_state.get("voter_receipt")
    just_sent = bool(receipt) and receipt[:2] == (r.id, token)
    if vs.ballot and not just_sent:
        st.info(t("voter.already", lang), icon=":material/how_to_vote:")
    st.caption(
        t(
            f"voter.how.{r.method}",
            lang,
            dots=r.dots_per_participant,
            max=r.max_dots_per_option,
            points=r.points_total,
        )
    )
    ok = _left_bar(r, _values(r, token), lang)

    for o in r.options:
        st.markdown(f'<div class="pac-option">{html.escape(o.label)}</div>', unsafe_allow_html=True)
        if r.method == "dots":
            k = _key(r, token, (o.id, None))
            if r.max_dots_per_option <= SEGMENTS_UP_TO:
                st.segmented_control(
                    o.label, list(range(r.max_dots_per_option + 1)), key=k, label_visibility="collapsed"
                )
            else:
                st.number_input(
                    o.label, 0, r.max_dots_per_option, step=1, key=k, label_visibility="collapsed"
                )
        elif r.method == "points":
            st.number_input(
                o.label,
                0,
                r.points_total,
                step=5,
                key=_key(r, token, (o.id, None)),
                label_visibility="collapsed",
            )
        else:
            for c in r.criteria:
                st.segmented_control(
                    c.label, list(range(SCORE_MIN, SCORE_MAX + 1)), key=_key(r, token, (o.id, c.id))
                )

    send = st.button(
        t("voter.send_again" if vs.ballot else "voter.send", lang),
        type="primary",
        disabled=not ok,
        icon=":material/send:",
        key="voter_send",
        width="stretch",
    )
    if send:
        _send(r, token, lang)
    elif vs.ballot is not None and _unsent(r, token, vs.ballot):
        st.warning(t("voter.unsent", lang), icon=":material/edit:")
    elif just_sent:  # said next to the button, where the thumb is
        st.success(
            t("voter.saved_again" if receipt[2] else "voter.saved", lang), icon=":material/check_circle:"
        )
    if vs.ballot or just_sent:
        st.caption(t("voter.shared_phone", lang))
        next_participant(lang)


def _unsent(r: RoundView, token: str, sent: dict[Key, float]) -> bool:
    """True when the ballot on screen is not the one recorded (changed but not sent again)."""
    shown = {k: float(v) for k, v in _values(r, token).items() if v}
    return shown != {k: v for k, v in sent.items() if v}


def _send(r: RoundView, token: str, lang: str) -> None:
    # The expected refusals are said in the participant's language; any other rule's message in French.
    try:
        got = ballot_service.submit_ballot(state.get_db(), r.id, token, _values(r, token), language=lang)
    except RoundNotOpen:
        st.error(t("voter.closed_meanwhile", lang), icon=":material/lock:")
        return
    except CardRequired:
        st.error(t("voter.card_required", lang), icon=":material/badge:")
        return
    except DomainError as e:
        show_error(e)
        return
    st.session_state["voter_receipt"] = (r.id, token, got.updated)
    st.rerun()
