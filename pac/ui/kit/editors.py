"""Keys and values of edited widgets: data editors renewed after a save, widgets kept across page switches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from pac.ui.kit import state


def editor_key(name: str) -> str:
    """A data editor's key, renewed after each save so that its edits are not applied twice."""
    return f"{name}_{st.session_state.get(f'_v_{name}', 0)}"


def editor_saved(name: str) -> None:
    st.session_state[f"_v_{name}"] = st.session_state.get(f"_v_{name}", 0) + 1


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of an edited table with empty cells as None (pandas gives NaN or <NA>)."""
    out = []
    for row in df.to_dict("records"):
        out.append({k: (None if _missing(v) else v) for k, v in row.items()})
    return out


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def kept_widget(name: str, default: Any, allowed: Sequence[Any] | None = None) -> dict[str, Any]:
    """Arguments (key, on_change) for a widget whose value is kept across page switches under `name`.

    The value is remembered by the on_change callback, which runs before the script, and set again on
    every run: after a page switch the browser shows a widget's value only when the server sends it.
    Use: ``value = st.toggle(label, **kept_widget("name", False))``.
    """
    value = state.keep(name, default)
    if value is None or (allowed is not None and value not in allowed):
        value = default
    widget = f"{name}__w"
    st.session_state[widget] = value
    return {"key": widget, "on_change": _remember, "args": (name, widget, default)}


def _remember(name: str, widget: str, default: Any) -> None:
    value = st.session_state.get(widget)
    # A segmented control gives None when its choice is clicked again: back to the default.
    state.remember(name, default if value is None else value)
