"""One picker for « choose several from a list »: SWOT links, a SWOT item's findings, partners, vote options.

Streamlit's multiselect, as it comes, offers « Select N matches » (in English) as the first entry of a
search, so typing « filles » then Enter linked every fuzzy match at once — a Force among them (issue 10,
item 7). Here a search narrows the list to the entries that contain what was typed, and Enter picks the
one highlighted entry, never a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from pac.i18n import t


def pick_many(
    label: str,
    options: Sequence[Any],
    *,
    lang: str,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    default: Sequence[Any] | None = None,
    placeholder: str | None = None,
    help: str | None = None,  # noqa: A002 — Streamlit's own name
    on_change: Callable[..., None] | None = None,
    args: tuple[Any, ...] | None = None,
    disabled: bool = False,
    label_visibility: Any = "visible",
) -> list[Any]:
    """The values chosen, one at a time; nothing is picked in bulk."""
    extra: dict[str, Any] = {}
    if default is not None:
        extra["default"] = list(default)
    if on_change is not None:
        extra["on_change"] = on_change
        extra["args"] = args
    return st.multiselect(
        label,
        list(options),
        format_func=format_func,
        key=key,
        help=help,
        placeholder=placeholder or t("frame.pick_placeholder", lang),
        disabled=disabled,
        label_visibility=label_visibility,
        # « contains », not « fuzzy »: « filles » must not match a Force whose letters merely come in order.
        filter_mode="contains",
        select_all=False,  # no « Select N matches » entry, no bulk pick on Enter
        **extra,
    )
