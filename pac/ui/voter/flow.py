"""The participant's phone page: style, language, identity kept in the URL, join and profile.

Identity: the page's address carries `code` (the round) and `p` (the participant's anonymous
token), so a refresh or a reconnection finds the same participant and ballot.  A printed card's
QR code carries `card=<token>` instead; it becomes `p` on arrival.  The token is also kept in a
cookie of the phone, so that the next round's QR code (which carries no `p`) finds the same
participant without asking the profile again; « next participant » forgets it.
"""

from __future__ import annotations

import html

import streamlit as st

from pac.domain import vocab
from pac.domain.vote import normalise_code
from pac.i18n import is_rtl, t
from pac.i18n import vocab as label
from pac.services.vote import ballot as ballot_service
from pac.services.vote.views import CardRequired, VoterState
from pac.ui.kit import state

# Mobile first (360 px), large touch targets, and never the facilitator's sidebar or menus.
PHONE_CSS = """
<style>
  section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stSidebarCollapseButton"], [data-testid="stSidebarNav"],
  header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  footer {display: none !important;}
  .block-container {max-width: 560px !important; padding: 0.8rem 0.9rem 6rem 0.9rem !important;}
  html {font-size: 18px;}
  .stButton button, .stFormSubmitButton button {min-height: 3rem; font-size: 1.05rem;}
  button[data-variant="segmented_control"] {min-height: 2.9rem; min-width: 3.2rem; font-size: 1.15rem;}
  div[role="radiogroup"] label {padding: .35rem 0; font-size: 1.05rem;}
  .pac-voter-title {font-size: 1.35rem; font-weight: 700; margin: .2rem 0 .4rem 0;}
  .pac-left {position: sticky; top: 0; z-index: 20; background: #1f6f8b; color: #fff; border-radius: 10px;
             padding: .55rem .9rem; font-size: 1.15rem; font-weight: 700; text-align: center;}
  .pac-left.over {background: #b00020;}
  .pac-left.done {background: #2d6a4f;}
  .pac-option {font-weight: 600; font-size: 1.05rem; margin-top: .5rem;}
</style>
"""
RTL_PHONE_CSS = """
<style>
  .block-container {direction: rtl; text-align: right;}
  .block-container input {text-align: right;}
</style>
"""

LANG_KEY = "voter_lang_choice"
COOKIE = "pac_voter"
COOKIE_DAYS = 7
_WRITTEN = "voter_cookie_written"
_PENDING = "voter_cookie_pending"


def phone_style() -> None:
    st.html(PHONE_CSS + (RTL_PHONE_CSS if is_rtl(state.lang()) else ""))
    flush_cookie()


def language_bar() -> str:
    """French or Arabic, chosen by the participant; kept in the URL (`lang`) across refreshes."""
    wanted = st.query_params.get("lang")
    if wanted in ("fr", "ar") and wanted != state.lang() and LANG_KEY not in st.session_state:
        state.set_lang(wanted)
        st.rerun()  # the frame draws right-to-left before the page: one more pass
    lang = state.lang()
    choice = st.segmented_control(
        " ",
        ["fr", "ar"],
        default=lang,
        key=LANG_KEY,
        label_visibility="collapsed",
        format_func=lambda x: {"fr": "Français", "ar": "العربية"}[x],
    )
    if choice and choice != lang:
        state.set_lang(choice)
        st.query_params["lang"] = choice
        st.rerun()
    return lang


def url_identity() -> tuple[str, str | None, str | None]:
    """(code, token, card) from the address; the token falls back on this phone's cookie."""
    qp = st.query_params
    token = qp.get("p") or None
    if token is None and not qp.get("card") and st.session_state.get(_WRITTEN) != "":
        remembered = st.context.cookies.get(COOKIE)
        token = remembered if isinstance(remembered, str) and remembered else None
    return normalise_code(qp.get("code", "")), token, qp.get("card") or None


def _set_cookie(token: str, now: bool = True) -> None:
    """Write (or, with "", clear) the phone's cookie, once per change.  With `now` False the
    script waits for the next run (a st.rerun() would cut it off)."""
    if st.session_state.get(_WRITTEN) == token:
        return
    st.session_state[_WRITTEN] = token
    st.session_state[_PENDING] = token
    if now:
        flush_cookie()


def flush_cookie() -> None:
    token = st.session_state.pop(_PENDING, None)
    if token is None:
        return
    age = COOKIE_DAYS * 86400 if token else 0
    st.html(
        f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={age}; SameSite=Lax';</script>",
        unsafe_allow_javascript=True,
    )


def join_form(lang: str, wrong: str = "") -> None:
    """Type the code shown on the wall (the QR code fills it in)."""
    st.markdown(
        f'<div class="pac-voter-title">{html.escape(t("voter.welcome", lang))}</div>', unsafe_allow_html=True
    )
    if wrong:
        st.error(t("voter.wrong_code", lang, code=wrong), icon=":material/error:")
    with st.form("voter_join"):
        code = st.text_input(t("voter.code", lang), max_chars=12, placeholder="K7RA")
        if st.form_submit_button(t("voter.join", lang), type="primary", width="stretch"):
            st.query_params["code"] = normalise_code(code)
            st.query_params.pop("card", None)
            st.rerun()


def keep_identity(vs: VoterState, token: str | None, card: str | None) -> None:
    """Make the URL say who this participant is (a card becomes `p`; an unknown token is dropped)."""
    if vs.participant is not None:
        if card or st.query_params.get("p") != vs.participant.token:
            st.query_params.pop("card", None)
            st.query_params["p"] = vs.participant.token
        _set_cookie(vs.participant.token)
    elif token:
        st.query_params.pop("p", None)


def header(vs: VoterState, lang: str) -> None:
    st.markdown(f'<div class="pac-voter-title">{html.escape(vs.round.title)}</div>', unsafe_allow_html=True)
    p = vs.participant
    if p is not None and p.card_number:
        st.caption(t("voter.card_n", lang, n=p.card_number))


@st.fragment(run_every=4)
def wait_for_opening(code: str, lang: str) -> None:
    """A round in preparation: wait here and move on by itself as soon as it opens."""
    if ballot_service.round_status(state.get_db(), code) != "draft":
        st.rerun()
    st.info(t("voter.not_open", lang), icon=":material/hourglass_top:")


def profile_form(vs: VoterState, lang: str, token: str | None) -> None:
    """Role, sex, age band, douar: asked once; the optional fields say so."""
    st.markdown(t("voter.profile_intro", lang))
    p = vs.participant
    roles = list(vocab.ROLES)
    sexes = [*vocab.SEXES, ""]
    ages = ["", *vocab.AGE_BANDS]
    douars = ["", *vs.douars]
    with st.form("voter_profile"):
        role = st.radio(
            t("voter.role", lang),
            roles,
            index=roles.index(p.role) if p and p.role in roles else None,
            format_func=lambda x: label("roles", x, lang),
        )
        sex = st.radio(
            t("voter.sex", lang),
            sexes,
            horizontal=False,
            index=sexes.index(p.sex) if p and p.profiled and p.sex in sexes else None,
            format_func=lambda x: label("sexes", x, lang) if x else t("voter.sex_not_said", lang),
        )
        age = st.selectbox(
            t("voter.age", lang),
            ages,
            index=ages.index(p.age_band) if p and p.age_band in ages else 0,
            format_func=lambda x: x or t("voter.not_said", lang),
        )
        douar = (
            st.selectbox(
                t("voter.douar", lang),
                douars,
                index=douars.index(p.douar) if p and p.douar in douars else 0,
                format_func=lambda x: x or t("voter.not_said", lang),
            )
            if vs.douars
            else ""
        )
        go = st.form_submit_button(t("voter.continue", lang), type="primary", width="stretch")
    if not go:
        return
    if role is None:
        st.error(t("voter.role_required", lang), icon=":material/error:")
        return
    try:
        saved = ballot_service.save_profile(
            state.get_db(),
            vs.round.id,
            token,
            {
                "role": role,
                "sex": sex or "",
                "age_band": age,
                "douar": douar,
                "language": lang,
            },
        )
    except CardRequired:
        st.error(t("voter.card_required", lang), icon=":material/badge:")
        return
    st.query_params["p"] = saved.token
    st.query_params.pop("card", None)
    st.rerun()


def next_participant(lang: str) -> None:
    """Shared phone: forget this participant on this phone and start a fresh identity."""
    if st.button(t("voter.next", lang), icon=":material/person_add:", key="voter_next", width="stretch"):
        st.query_params.pop("p", None)
        st.query_params.pop("card", None)
        for k in [k for k in st.session_state if isinstance(k, str) and k.startswith("vb_")]:
            del st.session_state[k]
        st.session_state.pop("voter_receipt", None)
        _set_cookie("", now=False)
        st.rerun()
