"""Forms of the « Vote » page: choose and prepare a round, open/close it, paper tallies, cards, settings."""

from __future__ import annotations

import zlib
from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.domain import vote as rules
from pac.i18n import t, tn
from pac.i18n import vocab as label
from pac.services.vote import network, rounds
from pac.services.vote.views import RoundSummary, RoundView
from pac.ui.kit import state
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import bi, bi_raw
from pac.ui.kit.widgets import PageContext, flash, run
from pac.ui.vote.live import base_url

NEW = 0


def done(action: Any, *args: Any, **kwargs: Any) -> bool:
    """Run one service (its refusal shown in French); True when it went through."""
    return run(action, *args, **kwargs) is not None


# --------------------------------------------------------------------------- choosing a round


def kept_round(summaries: list[RoundSummary]) -> int | None:
    """The round chosen earlier (the latest by default), without drawing the picker."""
    ids = [r.id for r in summaries]
    current = state.keep("vote_round", ids[0] if ids else NEW)
    return current if current in ids else (ids[0] if ids else None)


def select_round(round_id: int | None) -> None:
    """Show this round at the next run.

    The picker's key changes with its labels (`_pick_key`), so a created, opened or deleted round gives
    a new picker that starts on the remembered round."""
    state.remember("vote_round", round_id)


def _pick_key(lang: str, labels: list[str]) -> str:
    # The key carries the labels: Streamlit keeps a keyed widget's option labels from its first run (the
    # picker said « En préparation » after the round opened), and the browser keeps its last choice of a
    # keyed widget whatever the server's state says (after « Créer le tour », the first click on « Ouvrir
    # le vote » came back with « Nouveau tour » chosen and showed the creation form again).
    return f"vote_round_pick_{lang}_{zlib.crc32(chr(10).join(labels).encode()):08x}"


def pick_round(ctx: PageContext, summaries: list[RoundSummary]) -> int | None:
    """The round being worked on (the latest by default); None means « new round »."""
    ids = [r.id for r in summaries] + [NEW]
    names = {
        r.id: t(
            "vote.round_label",
            ctx.lang,
            title=bi_raw(r, "title", ctx.lang),
            code=r.join_code,
            status=label("round_statuses", r.status, ctx.lang),
        )
        for r in summaries
    }
    names[NEW] = t("vote.new_round", ctx.lang)
    current = state.keep("vote_round", ids[0])
    if current not in ids:
        current = ids[0]
    chosen = st.selectbox(
        t("vote.round", ctx.lang),
        ids,
        index=ids.index(current),
        format_func=names.get,
        key=_pick_key(ctx.lang, [names[i] for i in ids]),
    )
    state.remember("vote_round", chosen)
    return None if chosen == NEW else chosen


# --------------------------------------------------------------------------- preparing a round


def _sides(lang: str) -> tuple[str, str]:
    """French | العربية side by side; in the Arabic interface the Arabic one comes first."""
    return ("ar", "fr") if lang == "ar" else ("fr", "ar")


def _missing_hint(where: Any, versions: dict[str, str], side: str, lang: str) -> None:
    """Under an empty version whose twin is written: say it is missing (neither is required)."""
    other = "fr" if side == "ar" else "ar"
    if not (versions.get(side) or "").strip() and (versions.get(other) or "").strip():
        where.caption(t(f"vote.missing_{side}", lang))


def _bilingual_grid(
    rows: list[dict[str, Any]], lang: str, key: str, fr_label: str, ar_label: str, extra: dict[str, Any]
) -> list[dict[str, Any]]:
    """A grid of texts in both languages (a row per item; French and Arabic columns)."""
    first, second = _sides(lang)
    names = {"fr": "label", "ar": "label_ar"}
    columns = [names[first], names[second], *extra]
    frame = pd.DataFrame(rows or [], columns=["label", "label_ar", *extra])[columns]
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        key=key,
        width="stretch",
        column_order=columns,
        column_config={
            "label": st.column_config.TextColumn(t(fr_label, lang)),
            "label_ar": st.column_config.TextColumn(t(ar_label, lang)),
            **extra,
        },
    )
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in edited.to_dict("records")
    ]


def _filled(row: dict[str, Any]) -> bool:
    return any(isinstance(row.get(k), str) and row[k].strip() for k in ("label", "label_ar"))


def round_form(ctx: PageContext, key: str, existing: RoundView | None = None) -> dict[str, Any] | None:
    """Options and method of a round; returns the values when submitted."""
    lang = ctx.lang
    assert ctx.plan is not None
    kinds = list(rules.OPTION_KINDS)
    kind = st.radio(
        t("vote.option_kind", lang),
        kinds,
        horizontal=True,
        key=f"{key}_kind",
        index=kinds.index(existing.option_kind) if existing else 0,
        format_func=lambda k: t(f"vote.kind.{k}", lang),
    )
    methods = list(rules.METHODS)
    method = st.radio(
        t("vote.method", lang),
        methods,
        horizontal=True,
        key=f"{key}_method",
        index=methods.index(existing.method) if existing else 0,
        format_func=lambda m: label("vote_methods", m, lang),
    )
    choices = rounds.option_choices(ctx.db, ctx.plan.id, kind) if kind != "free" else []
    candidates = {c["id"]: bi_raw(c, "label", lang) for c in choices}
    if kind != "free" and not candidates:
        st.info(t(f"vote.no_candidates.{kind}", lang), icon=":material/lightbulb:")
    for side in ("ar", "fr"):
        lacking = sum(1 for c in choices if not c[f"label{'_ar' if side == 'ar' else ''}"])
        if lacking:
            st.caption(tn(f"vote.options_missing_{side}", lacking, lang))
    with st.form(key):
        titles = (
            {"fr": existing.title, "ar": existing.title_ar}
            if existing
            else {x: t(f"vote.default_title.{kind}", x) for x in ("fr", "ar")}
        )
        values: dict[str, Any] = {"option_kind": kind, "method": method}
        for col, side in zip(st.columns(2), _sides(lang), strict=True):
            values["title_ar" if side == "ar" else "title"] = col.text_input(
                t(f"vote.title_{side}", lang), value=titles[side], key=f"{key}_title_{side}"
            )
            _missing_hint(col, titles, side, lang)
        if existing is None:
            # The proposed titles are translations of each other: once one is rewritten, the other one,
            # left as proposed, would no longer say the same thing; it is left empty (the reader of that
            # language then sees the typed one, marked) rather than a title for another round.
            typed = {"fr": values["title"], "ar": values["title_ar"]}
            changed = [x for x in ("fr", "ar") if (typed[x] or "").strip() != titles[x]]
            if len(changed) == 1:
                other = "ar" if changed[0] == "fr" else "fr"
                values["title_ar" if other == "ar" else "title"] = ""
        if kind == "free":
            # Two text areas, line n of each being option n: typing stays plain and nothing is lost on a
            # rerun (a grid drops keystrokes); one column may stay empty.
            free = existing.options if existing and existing.option_kind == "free" else ()
            prior = {"fr": "\n".join(o.label for o in free), "ar": "\n".join(o.label_ar for o in free)}
            lines: dict[str, str] = {}
            for col, side in zip(st.columns(2), _sides(lang), strict=True):
                lines[side] = col.text_area(
                    t(f"vote.free_options_{side}", lang),
                    value=prior[side] if prior[side].strip() else "",
                    height=180,
                    help=t("vote.free_options_help", lang),
                    key=f"{key}_free_{side}",
                )
            fr_lines, ar_lines = lines["fr"].splitlines(), lines["ar"].splitlines()
            values["free_options"] = [
                (fr_lines[i] if i < len(fr_lines) else "", ar_lines[i] if i < len(ar_lines) else "")
                for i in range(max(len(fr_lines), len(ar_lines)))
                if (fr_lines[i] if i < len(fr_lines) else "").strip()
                or (ar_lines[i] if i < len(ar_lines) else "").strip()
            ]
        else:
            chosen = (
                [o.project_id if kind == "project" else o.objective_id for o in existing.options]
                if existing and existing.option_kind == kind
                else list(candidates)
            )
            values["option_refs"] = pick_many(
                t("vote.options", lang),
                list(candidates),
                lang=lang,
                default=[c for c in chosen if c in candidates],
                format_func=candidates.get,
                help=t("vote.options_help", lang),
            )
        if method == "dots":
            c1, c2 = st.columns(2)
            values["dots_per_participant"] = c1.number_input(
                t("vote.dots", lang), 1, rules.MAX_DOTS, existing.dots_per_participant if existing else 5
            )
            values["max_dots_per_option"] = c2.number_input(
                t("vote.max_dots", lang), 1, rules.MAX_DOTS, existing.max_dots_per_option if existing else 2
            )
        elif method == "points":
            values["points_total"] = st.number_input(
                t("vote.points_total", lang), 10, 1000, existing.points_total if existing else 100, step=10
            )
        else:
            crit = (
                [{"label": c.label, "label_ar": c.label_ar, "weight": c.weight} for c in existing.criteria]
                if existing and existing.criteria
                else [{"label": fr, "label_ar": ar, "weight": w} for fr, ar, w in rules.default_criteria()]
            )
            weight = st.column_config.NumberColumn(
                t("vote.weight", lang), min_value=0.1, max_value=100, step=0.5, default=1.0
            )
            edited = _bilingual_grid(
                crit, lang, f"{key}_criteria", "vote.criterion_fr", "vote.criterion_ar", {"weight": weight}
            )
            values["criteria"] = [
                (row.get("label") or "", row.get("label_ar") or "", row.get("weight"))
                for row in edited
                if _filled(row)
            ]
        values["hide_results"] = st.checkbox(
            t("vote.hide_results", lang),
            value=existing.hide_results if existing else False,
            help=t("vote.hide_results_help", lang),
        )
        values["cards_only"] = st.checkbox(
            t("vote.cards_only", lang),
            value=existing.cards_only if existing else False,
            help=t("vote.cards_only_help", lang),
        )
        values["max_per_phone"] = st.number_input(
            t("vote.max_per_phone", lang),
            min_value=1,
            value=existing.max_per_phone if existing else rounds.DEFAULT_PER_PHONE,
            step=1,
            key=f"{key}_per_phone",
            help=t("vote.max_per_phone_help", lang),
        )
        submit = st.form_submit_button(
            t("vote.save_round" if existing else "vote.create_round", lang), type="primary"
        )
    return values if submit else None


def new_round(ctx: PageContext) -> None:
    st.subheader(t("vote.new_round", ctx.lang))
    assert ctx.plan is not None
    values = round_form(ctx, "vote_new")
    if values is not None:
        created = run(rounds.create_round, ctx.db, ctx.plan.id, values, ctx.lang)
        if created is not None:
            select_round(created.id)
            flash(t("vote.created", ctx.lang, code=created.join_code))
            st.rerun()


# --------------------------------------------------------------------------- opening and closing


def status_bar(ctx: PageContext, r: RoundView) -> None:
    """Open, close or reopen the round; closing and reopening ask for a confirmation."""
    lang = ctx.lang
    pending_key = f"vote_pending_{r.id}"
    pending = st.session_state.get(pending_key)
    cols = st.columns([3, 2, 2])
    cols[0].markdown(
        tn(
            "vote.status_line",
            len(r.options),
            lang,
            status=label("round_statuses", r.status, lang),
            method=label("vote_methods", r.method, lang),
        )
    )
    if r.status == "draft":
        opening = cols[1].button(
            t("vote.open", lang), type="primary", icon=":material/play_arrow:", key=f"open_{r.id}"
        )
        if opening and done(rounds.open_round, ctx.db, r.id, lang):
            flash(t("vote.opened", lang, code=r.join_code))
            st.rerun()
    elif r.status == "open":
        if cols[1].button(t("vote.close", lang), icon=":material/stop:", key=f"close_{r.id}"):
            st.session_state[pending_key] = "close"
            st.rerun()
    elif cols[1].button(t("vote.reopen", lang), icon=":material/replay:", key=f"reopen_{r.id}"):
        st.session_state[pending_key] = "reopen"
        st.rerun()
    if pending in ("close", "reopen") and r.status == ("open" if pending == "close" else "closed"):
        st.warning(t(f"vote.confirm_{pending}", lang), icon=":material/help:")
        yes, no, _ = st.columns([2, 2, 4])
        if yes.button(t("vote.confirm", lang), type="primary", key=f"yes_{pending}_{r.id}"):
            st.session_state.pop(pending_key, None)
            if pending == "close":
                res = run(rounds.close_round, ctx.db, r.id, lang)
                if res is not None:
                    flash(t("vote.closed_ranked" if res.has_ballots else "vote.closed_empty", lang))
                    st.rerun()
            elif run(rounds.open_round, ctx.db, r.id, lang) is not None:
                flash(t("vote.reopened", lang))
                st.rerun()
        if no.button(t("vote.cancel", lang), key=f"no_{pending}_{r.id}"):
            st.session_state.pop(pending_key, None)
            st.rerun()


# --------------------------------------------------------------------------- paper ballots


def paper_section(ctx: PageContext, r: RoundView) -> None:
    lang = ctx.lang
    st.caption(t("vote.paper_intro", lang))
    groups = rounds.paper_groups(ctx.db, r.id)
    shown_labels = r.labels_in(lang)
    if groups:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("vote.sex", lang): label("sexes", g.sex, lang),
                        t("vote.role", lang): label("roles", g.role, lang),
                        t("vote.paper_ballots", lang): g.ballots,
                        **{
                            shown_labels[o] + (f" · {_crit(r, c, lang)}" if c else ""): round(v, 2)
                            for (o, c), v in g.values.items()
                        },
                    }
                    for g in groups
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if r.status == "closed":
        st.info(t("vote.paper_closed", lang), icon=":material/lock:")
        return
    with st.form(f"paper_{r.id}", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        sex = c1.selectbox(
            t("vote.sex", lang),
            ["", *vocab.SEXES],
            format_func=lambda s: label("sexes", s, lang) if s else t("vote.unknown", lang),
        )
        role = c2.selectbox(
            t("vote.role", lang),
            ["", *vocab.ROLES],
            format_func=lambda x: label("roles", x, lang) if x else t("vote.unknown", lang),
        )
        n = c3.number_input(
            t("vote.paper_ballots", lang), min_value=1, max_value=rules.MAX_PAPER_BALLOTS, value=1
        )
        values: dict[tuple[int, int | None], Any] = {}
        if r.method == "scoring":
            st.caption(t("vote.paper_scoring_help", lang))
            for o in r.options:
                st.markdown(f"**{bi(o, 'label', lang)}**")
                cols = st.columns(len(r.criteria))
                for col, c in zip(cols, r.criteria, strict=True):
                    values[(o.id, c.id)] = col.number_input(
                        bi(c, "label", lang),
                        min_value=1.0,
                        max_value=5.0,
                        value=None,
                        step=0.1,
                        key=f"paper_{r.id}_{o.id}_{c.id}",
                    )
        else:
            st.caption(t(f"vote.paper_{r.method}_help", lang))
            cols = st.columns(2)
            for i, o in enumerate(r.options):
                values[(o.id, None)] = cols[i % 2].number_input(
                    bi(o, "label", lang), min_value=0, value=0, step=1, key=f"paper_{r.id}_{o.id}"
                )
        if st.form_submit_button(t("vote.paper_save", lang), type="primary"):
            saved = run(rounds.save_paper_tally, ctx.db, r.id, sex, role, n, values, lang)
            if saved is not None:
                flash(tn("vote.paper_saved", saved.ballots, lang))
                st.rerun()
    if groups:
        with st.expander(t("vote.paper_delete", lang)):
            keys = [(g.sex, g.role) for g in groups]
            which = st.selectbox(
                t("vote.paper_group", lang),
                keys,
                key=f"paper_del_{r.id}",
                format_func=lambda k: (
                    f"{label('sexes', k[0], lang) if k[0] else t('vote.unknown', lang)} · "
                    f"{label('roles', k[1], lang) if k[1] else t('vote.unknown', lang)}"
                ),
            )
            removing = st.button(t("vote.paper_delete_button", lang), key=f"paper_del_btn_{r.id}")
            if removing and done(rounds.delete_paper_group, ctx.db, r.id, which[0], which[1], lang):
                st.rerun()


def _crit(r: RoundView, criterion_id: int, lang: str) -> str:
    return next((bi_raw(c, "label", lang) for c in r.criteria if c.id == criterion_id), "")


# --------------------------------------------------------------------------- printed cards


def cards_section(ctx: PageContext, r: RoundView) -> None:
    lang = ctx.lang
    st.caption(t("vote.cards_intro", lang))
    key = f"vote_cards_pdf_{r.id}"
    with st.form(f"cards_{r.id}"):
        c1, c2 = st.columns(2)
        n = c1.number_input(
            t("vote.cards_n", lang), min_value=1, max_value=rounds.MAX_CARDS, value=30, step=1
        )
        card_lang = c2.radio(
            t("vote.cards_lang", lang),
            ["fr", "ar"],
            index=1 if lang == "ar" else 0,
            horizontal=True,
            format_func=lambda x: {"fr": "Français", "ar": "العربية"}[x],
        )
        if st.form_submit_button(t("vote.cards_make", lang), type="primary", icon=":material/print:"):
            pdf = run(rounds.cards_pdf, ctx.db, r.id, n, base_url(), card_lang)
            if pdf is not None:
                st.session_state[key] = (int(n), pdf)
    if key in st.session_state:
        n_made, pdf = st.session_state[key]
        st.success(tn("vote.cards_ready", n_made, lang), icon=":material/check_circle:")
        st.download_button(
            t("vote.cards_download", lang),
            pdf,
            file_name=t("vote.cards_file", lang, code=r.join_code),
            mime="application/pdf",
            icon=":material/download:",
        )


# --------------------------------------------------------------------------- settings


def settings_section(ctx: PageContext, r: RoundView, has_ballots: bool) -> None:
    lang = ctx.lang
    c1, c2 = st.columns(2)
    hide = c1.toggle(
        t("vote.hide_results", lang),
        value=r.hide_results,
        key=f"hide_{r.id}",
        help=t("vote.hide_results_help", lang),
    )
    cards_only = c2.toggle(
        t("vote.cards_only", lang),
        value=r.cards_only,
        key=f"cards_only_{r.id}",
        help=t("vote.cards_only_help", lang),
    )
    changed = (hide, cards_only) != (r.hide_results, r.cards_only)
    if changed and done(rounds.set_display, ctx.db, r.id, hide_results=hide, cards_only=cards_only):
        st.rerun()

    st.markdown(f"#### {t('vote.address', lang)}")
    st.caption(t("vote.address_help", lang, detected=", ".join(network.lan_addresses())))
    with st.form(f"address_{r.id}"):
        value = st.text_input(t("vote.address_field", lang), value=base_url())
        if st.form_submit_button(t("vote.address_save", lang)) and done(
            network.set_public_base_url, ctx.db, value, lang
        ):
            st.rerun()
    detect = st.button(
        t("vote.address_detect", lang), key=f"address_detect_{r.id}", icon=":material/wifi_find:"
    )
    if detect and done(network.set_public_base_url, ctx.db, "", lang):
        st.rerun()

    st.markdown(f"#### {t('vote.edit_round', lang)}")
    if r.status != "draft" or has_ballots:
        st.caption(t("vote.edit_locked", lang))
    else:
        values = round_form(ctx, f"vote_edit_{r.id}", r)
        if values is not None and run(rounds.update_round, ctx.db, r.id, values, lang) is not None:
            flash(t("vote.saved", lang))
            st.rerun()

    st.markdown(f"#### {t('vote.danger', lang)}")
    d1, d2 = st.columns(2)
    with d1.form(f"clear_{r.id}", clear_on_submit=True):
        st.caption(t("vote.clear_help", lang, code=r.join_code))
        typed = st.text_input(t("vote.confirm_code", lang))
        if st.form_submit_button(t("vote.clear", lang), icon=":material/delete_sweep:") and done(
            rounds.clear_round, ctx.db, r.id, typed, lang
        ):
            flash(t("vote.cleared", lang))
            st.rerun()
    with d2.form(f"delete_{r.id}", clear_on_submit=True):
        st.caption(t("vote.delete_help", lang, code=r.join_code))
        typed = st.text_input(t("vote.confirm_code", lang))
        if st.form_submit_button(t("vote.delete", lang), icon=":material/delete:") and done(
            rounds.delete_round, ctx.db, r.id, typed, lang
        ):
            select_round(None)
            flash(t("vote.deleted", lang))
            st.rerun()
