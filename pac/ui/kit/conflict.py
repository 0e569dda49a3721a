"""A save refused because someone else saved the same record meanwhile: both versions side by side, and
the user chooses — keep mine (saved over theirs, knowingly) or take theirs (my edit dropped)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from pac.domain.conflict import ConflictError
from pac.i18n import t
from pac.ui.kit.state import lang as reader_lang

_PENDING = "_conflict_{}"


@dataclass(frozen=True)
class Pending:
    error: ConflictError
    values: dict[str, Any]  # what the user tried to save
    base: dict[str, Any]  # what their form showed when opened

    @property
    def base_over_theirs(self) -> dict[str, Any]:
        """The base for « keep mine »: the clashing fields are now known as theirs, so saving over them is a
        choice, and every other field still merges (a colleague's other edits are kept)."""
        return {**self.base, **{c.field: c.theirs for c in self.error.clashes}}


def remember(key: str, err: ConflictError, *, values: Mapping[str, Any], base: Mapping[str, Any]) -> None:
    """Keep the conflict (and what was typed) across the rerun that follows the refused save."""
    st.session_state[_PENDING.format(key)] = Pending(err, dict(values), dict(base))


def pending(key: str) -> Pending | None:
    return st.session_state.get(_PENDING.format(key))


def forget(key: str) -> None:
    st.session_state.pop(_PENDING.format(key), None)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(map(str, value))
    return str(value)


def show(
    key: str,
    labels: Mapping[str, str],
    *,
    keep_mine: Callable[[Pending], None],
    take_theirs: Callable[[Pending], None],
) -> None:
    """Draw the pending conflict of `key` (if any) and run the user's choice."""
    waiting = pending(key)
    if waiting is None:
        return
    err = waiting.error
    lang = reader_lang()
    with st.container(border=True):
        st.warning(t("conflict.title", lang), icon=":material/group:")
        # A plain table (not a canvas grid): long texts wrap and read side by side.
        st.table(
            pd.DataFrame(
                [
                    {
                        t("conflict.field", lang): labels.get(c.field, c.field),
                        t("conflict.theirs", lang): _cell(c.theirs),
                        t("conflict.mine", lang): _cell(c.mine),
                    }
                    for c in err.clashes
                ]
            ).set_index(t("conflict.field", lang)),
        )
        left, right = st.columns(2)
        if left.button(t("conflict.keep_mine", lang), key=f"{key}_keep_mine", type="primary"):
            forget(key)
            keep_mine(waiting)
        if right.button(t("conflict.take_theirs", lang), key=f"{key}_take_theirs"):
            forget(key)
            take_theirs(waiting)
