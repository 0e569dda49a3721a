"""Backups: take one now, see what each holds, restore one (after a confirmation; the present is backed up
first).  Automatic backups are taken by the services (round opened/closed, import, restore, migration,
first page of the day); this page lists them all."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain.bilingual import isolate
from pac.i18n import t
from pac.services import backups
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run


def _reading_order(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The grid does not mirror itself: in Arabic the first column goes to the right."""
    return df[df.columns[::-1]] if lang == "ar" else df


def _reason(code: str, lang: str) -> str:
    return t(f"backups.reason.{code}", lang) if code in backups.REASONS else code


def _take(ctx: PageContext) -> None:
    if st.button(t("backups.take", ctx.lang), type="primary", icon=":material/backup:"):
        made = run(backups.take_backup, ctx.db, "manual")
        if made is not None:
            flash(t("backups.taken", ctx.lang, name=made.name))
            st.rerun()


def _restore(ctx: PageContext, chosen: backups.BackupFile) -> None:
    lang = ctx.lang
    seen = run(backups.preview, ctx.db, chosen)
    if seen is None:
        return
    st.subheader(t("backups.preview", lang))
    if seen.communes:
        st.dataframe(
            _reading_order(
                pd.DataFrame(
                    [
                        {
                            t("backups.col.commune", lang): f"{c.name} ({c.slug})",
                            t("backups.col.projects", lang): c.projects,
                            t("backups.col.findings", lang): c.findings,
                            t("backups.col.rounds", lang): c.rounds,
                            t("backups.col.ballots", lang): c.ballots,
                        }
                        for c in seen.communes
                    ]
                ),
                lang,
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("backups.no_commune", lang))
    with st.form(f"restore_{chosen.name}", border=True):
        st.warning(t("backups.restore_warning", lang), icon=":material/warning:")
        sure = st.checkbox(t("backups.confirm", lang))
        go = st.form_submit_button(t("backups.restore", lang), icon=":material/settings_backup_restore:")
    if go:
        if not sure:
            st.error(t("backups.confirm_needed", lang), icon=":material/error:")
            return
        before = run(backups.restore, ctx.db, chosen)
        if before is not None:
            st.cache_data.clear()
            flash(t("backups.restored", lang, name=chosen.name, before=before.name))
            st.rerun()


def backups_view(ctx: PageContext) -> None:
    lang = ctx.lang
    st.caption(plain(t("backups.where", lang, folder=isolate(str(backups.backup_dir(ctx.db))))))
    if backups.last_problem is not None:
        when, reason, message = backups.last_problem
        st.error(
            t("backups.last_failed", lang, when=f"{when:%Y-%m-%d %H:%M}", reason=_reason(reason, lang))
            + " "
            + plain(message),
            icon=":material/error:",
        )
    _take(ctx)
    found = backups.list_backups(ctx.db)
    if not found:
        empty_state(t("backups.none", lang))
        return
    st.dataframe(
        _reading_order(
            pd.DataFrame(
                [
                    {
                        t("backups.col.when", lang): b.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                        t("backups.col.reason", lang): _reason(b.reason, lang),
                        t("backups.col.size", lang): f"{b.size / 1024:,.0f}".replace(",", "\u202f"),
                        t("backups.col.file", lang): b.name,
                    }
                    for b in found
                ]
            ),
            lang,
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(found), 420),
    )
    by_name = {b.name: b for b in found}
    name = st.selectbox(
        t("backups.pick", lang),
        list(by_name),
        format_func=lambda n: f"{by_name[n].taken_at:%Y-%m-%d %H:%M:%S} · {_reason(by_name[n].reason, lang)}",
        index=None,
        placeholder=t("frame.pick_placeholder", lang),
    )
    if name:
        _restore(ctx, by_name[name])
