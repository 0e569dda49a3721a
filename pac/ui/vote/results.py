"""Results of a round: the room's ranking, the same split by sex and by role, turnout (parity)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain.fmt import number, percent
from pac.domain.vote import MIN_GROUP_SIZE, GroupResult
from pac.exports.charts_vote import split_figure, turnout_figure
from pac.i18n import is_rtl, t, tn
from pac.i18n import vocab as label
from pac.services.vote.views import RoundResults
from pac.ui.kit.text import plain
from pac.ui.vote.live import ranking_chart

CHART = {"displayModeBar": False, "staticPlot": True}


def _group_name(dim: str, code: str, lang: str) -> str:
    if not code:
        return t("vote.unknown", lang)
    return label("sexes" if dim == "sex" else "roles", code, lang)


def results_view(res: RoundResults, lang: str) -> None:
    r = res.round
    labels = r.labels_in(lang)
    tv = res.turnout
    if not res.has_ballots:
        st.info(t("vote.no_ballot_yet", lang), icon=":material/hourglass_empty:")
        return
    scoring = r.method == "scoring"
    c1, c2, c3 = st.columns(3)
    c1.metric(t("vote.ballots", lang), tv.total)
    c2.metric(t("vote.phones", lang), tv.phone)
    c3.metric(t("vote.paper", lang), tv.paper)
    if r.status == "closed":
        st.success(t(f"vote.written.{r.option_kind}", lang), icon=":material/task_alt:")

    st.markdown(f"#### {t('vote.ranking', lang)}")
    ranking_chart(res, lang, big=False, key=f"results_chart_{r.id}", wide=True)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("vote.rank", lang): x.rank,
                    t("vote.option", lang): labels[x.option_id],
                    t("vote.score", lang): None if x.score is None else round(x.score, 2),
                    t("vote.ratings_phone" if scoring else "vote.phones", lang): x.phone,
                    t("vote.ratings_paper" if scoring else "vote.paper", lang): x.paper,
                }
                for x in res.overall
            ]
        ),
        hide_index=True,
        width="stretch",
    )

    for dim in ("sex", "role"):
        groups = [g for g in res.groups if g.dimension == dim]
        st.markdown(f"#### {t(f'vote.split.{dim}', lang)}")
        _split(res, groups, dim, lang)

    st.markdown(f"#### {t('vote.turnout', lang)}")
    share = tv.women_share
    if share is not None:
        msg = t(
            "vote.women_share",
            lang,
            share=percent(share, lang=lang),
            women=number(tv.sex_total("f"), lang=lang),
            men=number(tv.sex_total("m"), lang=lang),
        )
        (st.warning if tv.parity_alert else st.caption)(msg)
    if tv.sex_total(""):
        st.caption(tn("vote.sex_unknown_n", tv.sex_total(""), lang))
    left, right = st.columns(2)
    phones, paper = t("vote.phones", lang), t("vote.paper", lang)
    with left:
        st.caption(t("vote.by_sex", lang))
        st.plotly_chart(
            turnout_figure(
                {_group_name("sex", k, lang): v for k, v in tv.by_sex.items()},
                phone_name=phones,
                paper_name=paper,
                rtl=is_rtl(lang),
            ),
            key=f"turnout_sex_{r.id}",
            config=CHART,
            theme=None,
        )
    with right:
        st.caption(t("vote.by_role", lang))
        st.plotly_chart(
            turnout_figure(
                {_group_name("role", k, lang): v for k, v in tv.by_role.items()},
                phone_name=phones,
                paper_name=paper,
                rtl=is_rtl(lang),
            ),
            key=f"turnout_role_{r.id}",
            config=CHART,
            theme=None,
        )


def _split(res: RoundResults, groups: list[GroupResult], dim: str, lang: str) -> None:
    r = res.round
    labels = r.labels_in(lang)
    shown = [g for g in groups if g.shown]
    for g in groups:
        name = _group_name(dim, g.group, lang)
        if not g.shown:
            st.caption(tn("vote.group_too_small", g.ballots, lang, group=name, min=MIN_GROUP_SIZE))
            continue
        assert g.diff is not None
        top_room = [labels[x.option_id] for x in res.overall if x.rank == 1]
        top_group = [labels[x.option_id] for x in g.results if x.rank == 1]
        if not g.diff.differs:
            st.markdown(":material/drag_handle: " + t("vote.same_ranking", lang, group=name, n=g.ballots))
        elif g.diff.same_top:
            st.markdown(
                ":material/swap_vert: "
                + tn("vote.differs_below", len(g.diff.moved), lang, group=name, ballots=g.ballots)
            )
        else:
            st.markdown(
                ":material/warning: "
                + t(
                    "vote.differs_top",
                    lang,
                    group=name,
                    n=g.ballots,
                    group_top=" / ".join(plain(x) for x in top_group) or "—",
                    room_top=" / ".join(plain(x) for x in top_room) or "—",
                )
            )
    if len(shown) < 1:
        return
    order = [x.option_id for x in res.overall]
    scores = {
        _group_name(dim, g.group, lang) + f" ({number(g.ballots, lang=lang)})": [
            next((x.score for x in g.results if x.option_id == o), None) for o in order
        ]
        for g in shown
    }
    fig = split_figure([labels[o] for o in order], scores, scoring=r.method == "scoring", rtl=is_rtl(lang))
    st.plotly_chart(fig, key=f"split_{dim}_{r.id}", config=CHART, theme=None)
