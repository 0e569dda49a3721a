"""Column settings of the catalogue editor: French headers, closed lists as drop-downs."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.i18n import has, t
from pac.i18n import vocab as label

_CLOSED = {
    "level": ("competence_levels", vocab.COMPETENCE_LEVELS),
    "kind": ("partner_kinds", vocab.PARTNER_KINDS),
}


def catalogue_columns(table: pd.DataFrame, lang: str) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for col in table.columns:
        header = t(f"catalogues.col.{col}", lang) if has(f"catalogues.col.{col}") else col
        if col in _CLOSED:
            list_name, codes = _CLOSED[col]
            config[col] = st.column_config.SelectboxColumn(
                header,
                options=list(codes),
                help=", ".join(f"{c} = {label(list_name, c, lang)}" for c in codes),
            )
        elif col in ("value", "position"):
            config[col] = st.column_config.NumberColumn(header, step=1)
        elif col == "elected_on":
            config[col] = st.column_config.DateColumn(header, format="DD/MM/YYYY")
        elif col == "verified":
            config[col] = st.column_config.CheckboxColumn(header)
        else:
            config[col] = st.column_config.TextColumn(header)
    return config
