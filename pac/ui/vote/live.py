"""The projected screen of a voting round: join code, QR code, live counter and results.

The counter and results live in a fragment that reruns every second or two on its own, so the
rest of the page (QR code, tabs, forms) is not rerun while phones vote.
"""

from __future__ import annotations

import html

import streamlit as st

from pac.domain.errors import NotFound
from pac.exports.charts_vote import Bar, ranking_figure
from pac.exports.qr import qr_svg
from pac.i18n import is_rtl, t, tn
from pac.services.vote import ballot as ballot_service
from pac.services.vote import network, rounds
from pac.services.vote.views import RoundResults, RoundView
from pac.ui.kit import state
from pac.ui.kit.text import bi

# A ballot must show on the wall within 1 s of its commit: a refresh every half second leaves the other
# half for the counter's two small queries and the browser's redraw.
REFRESH_SECONDS = 0.5

WALL_CSS = """
<style>
  .pac-code {font-size: 5.2rem; font-weight: 800; letter-spacing: .6rem; line-height: 1;
             font-family: "DejaVu Sans Mono", "Courier New", monospace; text-align: center; margin: .2rem 0;}
  .pac-code-label {text-align: center; font-size: 1.1rem; color: #555;}
  .st-key-pac_qr {background: #fff; padding: .3rem; max-width: min(440px, 52vh); margin: 0 auto;}
  .st-key-pac_qr img {width: 100%; height: auto;}
  .pac-url {text-align: center; font-size: 1rem; word-break: break-all; color: #333;}
  .pac-count {font-size: 4.5rem; font-weight: 800; line-height: 1; color: #1f6f8b;}
  .pac-count-label {font-size: 1.1rem; color: #555;}
  .pac-status {display: inline-block; padding: .15rem .7rem; border-radius: 999px; font-weight: 600;}
  .pac-status.open {background: #d8f3dc; color: #1b4332;}
  .pac-status.draft {background: #eee; color: #444;}
  .pac-status.closed {background: #fde2e4; color: #7a1c2b;}
  .pac-turnout {font-size: 1.2rem; color: #1d2b2b; margin-top: .2rem;}
  .pac-turnout.over {color: #b00020; font-weight: 700;}
</style>
"""
# On the wall the round's title says it all: the page title and the controls give way to the code.
WALL_PROJECTED_CSS = """
<style>
  [data-testid="stHeading"]:has(h1) {display: none;}
  .pac-code {font-size: 4.6rem;}
</style>
"""


def base_url() -> str:
    """http://<the laptop's LAN address>:<port>, or the address fixed in the settings."""
    return network.public_base_url(state.get_db(), st.get_option("server.port"))


def bars(res: RoundResults, lang: str) -> list[Bar]:
    labels = res.round.labels_in(lang)
    return [Bar(labels[r.option_id], r.rank, r.score, r.phone, r.paper) for r in res.overall]


def ranking_chart(res: RoundResults, lang: str, big: bool, key: str, wide: bool = False) -> None:
    """The ranked bars: in a column of the wall (`wide` False) or across the page."""
    fig = ranking_figure(
        bars(res, lang),
        scoring=res.round.method == "scoring",
        phone_name=t("vote.phones", lang),
        paper_name=t("vote.paper", lang),
        big=big,
        rtl=is_rtl(lang),
        label_chars=110 if wide else (70 if big else 64),
    )
    st.plotly_chart(fig, key=key, config={"displayModeBar": False, "staticPlot": True}, theme=None)


def wall(r: RoundView, lang: str) -> None:
    """Join code and QR code on the left, counter and results on the right (readable at 1280×720)."""
    st.html(WALL_CSS + (WALL_PROJECTED_CSS if state.projection() else ""))
    url = network.voter_url(base_url(), r.join_code)
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.html(
            f'<div class="pac-code-label">{html.escape(t("vote.join_code", lang))}</div>'
            f'<div class="pac-code" data-testid="pac-join-code">{html.escape(r.join_code)}</div>'
        )
        # st.html sanitises inline <svg> and data URIs away; st.image serves the SVG itself (vector, crisp).
        with st.container(key="pac_qr"):
            st.image(qr_svg(url, scale=12).decode(), width="stretch")
        st.html(f'<div class="pac-url">{html.escape(url)}</div>')
    with right:
        st.markdown(f"### {bi(r, 'title', lang)}")
        st.caption(
            t("vote.method_help.scoring", lang)
            if r.method == "scoring"
            else tn(
                f"vote.method_help.{r.method}",
                r.dots_per_participant if r.method == "dots" else r.points_total,
                lang,
                max=r.max_dots_per_option,
            )
        )
        # Only an open round changes by itself (phones vote): a draft or closed one is drawn once, and the
        # server does not rerun it twice a second for nothing.
        (live if r.status == "open" else counter_once)(r.id, lang)


@st.cache_data(ttl=30, show_spinner=False)
def _attendance(round_id: int) -> int | None:
    """The workshop's registered attendance: read twice a minute, not at every refresh."""
    return ballot_service.registered_attendance(state.get_db(), round_id)


def counter_once(round_id: int, lang: str) -> None:
    """The wall's counter and results, drawn once (the body of `live`)."""
    db = state.get_db()
    try:
        c = rounds.counter(db, round_id)
    except NotFound:
        st.warning(t("vote.round_gone", lang))
        return
    status_label = t(f"vocab.round_statuses.{c.status}", lang)
    paper = tn("vote.count_paper", c.paper, lang) if c.paper else ""
    present = _attendance(round_id)
    against = ""
    if present:
        css = "over" if c.total > present else ""
        against = (
            f'<div class="pac-turnout {css}" data-testid="pac-turnout">'
            f"{html.escape(t('voter.wall_turnout', lang, n=c.total, present=present))}</div>"
        )
    st.html(
        f'<span class="pac-status {c.status}">{html.escape(status_label)}</span>'
        f'<div class="pac-count" data-testid="pac-ballot-count">{c.total}</div>'
        f'<div class="pac-count-label">{html.escape(tn("vote.ballots_received", c.total, lang))} '
        f"{html.escape(paper)}</div>" + against
    )
    if present and c.total > present:  # never silent: more ballots than people registered in the room
        st.warning(tn("voter.wall_over", c.total - present, lang, present=present), icon=":material/warning:")
    if c.hide_results and c.status != "closed":
        st.info(t("vote.results_hidden", lang), icon=":material/visibility_off:")
        return
    if not c.total:
        st.caption(t("vote.no_ballot_yet", lang))
        return
    res = rounds.results(db, round_id)
    ranking_chart(res, lang, big=state.projection(), key=f"live_chart_{round_id}")


# The same counter, redrawn on its own every half second while phones vote.
live = st.fragment(run_every=REFRESH_SECONDS)(counter_once)
