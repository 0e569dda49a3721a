"""The audit history of a step (when, who, what, « annulé »), with the button that undoes the last change.

The diagnostic's findings and the SWOT keep the same trail (pac.services.audit); both show it here, in the
reader's language: each summary is stored as a translation key and read with `AuditView.text(lang)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from pac.i18n import t
from pac.ui.kit.text import plain


def last_undoable(entries: Sequence[Any]) -> Any | None:
    """The newest entry that can still be undone (not undone itself, not an undo)."""
    return next((e for e in entries if not e.undone and e.action != "undo"), None)


def table(entries: Sequence[Any], lang: str) -> pd.DataFrame:
    """When / who / what, newest first; an undone change says so in the reader's language."""
    undone = t("diag.h_undone", lang)
    return pd.DataFrame(
        [
            {
                t("diag.h_when", lang): e.local_time.strftime("%d/%m %H:%M:%S"),
                t("diag.h_who", lang): e.username,
                t("diag.h_what", lang): e.text(lang) + (f" ({undone})" if e.undone else ""),
            }
            for e in entries
        ],
        columns=[t("diag.h_when", lang), t("diag.h_who", lang), t("diag.h_what", lang)],
    )


def show(
    entries: Sequence[Any],
    lang: str,
    *,
    key: str,
    undo: Callable[[], Any | None],
    primary: bool = False,
) -> Any | None:
    """The undo button (naming the last change) and the history table.

    `undo` calls the step's service (through kit.widgets.run, which shows a refusal); returns the entry
    undone when the button was pressed and the service agreed, else None.  The caller flashes and reruns."""
    last = last_undoable(entries)
    done = None
    if last is not None and st.button(
        t("diag.undo", lang, what=plain(last.text(lang))),
        icon=":material/undo:",
        key=key,
        type="primary" if primary else "secondary",
    ):
        done = last if undo() else None
    st.dataframe(table(entries, lang), hide_index=True, width="stretch")
    return done
