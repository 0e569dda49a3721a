"""Editable tables shared by the pages: an AgGrid wrapper and a self-saving st.data_editor.

`data_grid` — show a DataFrame in AgGrid (sort, filter, inline edit, multi-select)::

    result = data_grid(df, key="findings", id_column="id", editable=["text", "kind"],
                       choices={"kind": ["Atout", "Contrainte"]}, labels={"text": "Constat"})
    for row in result.changed.to_dict("records"): ...   # the row just edited (full row, one new value)
    ids = result.selected_ids                             # ids of the ticked rows

AgGrid sends the grid back to Python after each cell edit and each selection change,
so a page saves an edit at once (`result.changed`, reported once per edit; only the
edited cell is taken from the browser, never its possibly older copy of the other
cells) — nothing is lost on a page switch.  Then `st.rerun()`: the grid always shows
the data it is given (« server wins »), in place, keeping sort and filters.  The
same after a change made outside it (add, delete, re-tag).  After a refused edit the
data did not change: call `refresh(key)` before the rerun, and the grid takes the
database's values again.  After acting on the ticked rows, `clear_selection(key)`.
AppTest cannot drive AgGrid (a browser test must; see tests/test_browser_diagnostic.py):
under AppTest the grid returns the data unchanged and nothing selected.

`autosave_editor` — a `st.data_editor` whose edits are saved by a service as soon as
they are made; a refused edit stays on screen with the French message (kept across
page switches) until corrected or abandoned.  For small tables (figures, years).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from st_aggrid import AgGrid, GridOptionsBuilder

from pac.domain.errors import DomainError, Problem
from pac.i18n import is_rtl, t
from pac.ui.kit import state
from pac.ui.kit.widgets import show_error

_VERSION = "_grid_version_{}"
_SEEN = "_grid_seen_{}"
_REV = "__revision"
_CLEARED = "_grid_cleared_{}"
# AG Grid's own words (menus, filters, empty grid), from the translation table: the grid runs offline and
# fetches no locale package.  Keys of AG Grid's localeText.
AG_GRID_WORDS = (
    "selectAll",
    "searchOoo",
    "blanks",
    "noMatches",
    "filterOoo",
    "equals",
    "notEqual",
    "contains",
    "notContains",
    "startsWith",
    "endsWith",
    "blank",
    "notBlank",
    "lessThan",
    "greaterThan",
    "lessThanOrEqual",
    "greaterThanOrEqual",
    "inRange",
    "andCondition",
    "orCondition",
    "applyFilter",
    "resetFilter",
    "clearFilter",
    "cancelFilter",
    "noRowsToShow",
    "page",
    "of",
    "to",
    "more",
    "loadingOoo",
    "pinColumn",
    "autosizeThiscolumn",
    "resetColumns",
    "sortAscending",
    "sortDescending",
    "pinLeft",
    "pinRight",
    "noPin",
    "autosizeAllColumns",
    "columns",
    "filters",
    "sortUnSort",
    "columnFilter",
    "columnChooser",
    "chooseColumns",
    "dateFormatOoo",
    "before",
    "after",
    "true",
    "false",
)


def locale_text(lang: str) -> dict[str, str]:
    """AG Grid's localeText in `lang`."""
    return {w: t(f"frame.grid.{w}", lang) for w in AG_GRID_WORDS}


@dataclass(frozen=True)
class GridResult:
    data: pd.DataFrame  # the rows as the grid holds them (after edits; filtered rows are left out)
    selected: pd.DataFrame  # the ticked rows (empty frame when none)
    changed: pd.DataFrame  # the row just edited (full row: the data given with the one new value), or empty
    id_column: str

    @property
    def selected_ids(self) -> list[Any]:
        return [] if self.selected.empty else list(self.selected[self.id_column])


def refresh(key: str) -> None:
    """Make the grid `key` take its data again at the next run, even unchanged (to take back a refused edit)."""
    name = _VERSION.format(key)
    st.session_state[name] = st.session_state.get(name, 0) + 1


def clear_selection(key: str) -> None:
    """Forget the ticks of grid `key` (after acting on the selected rows: the redrawn grid shows none)."""
    st.session_state[_CLEARED.format(key)] = st.session_state.get(_SEEN.format(key))


def data_grid(
    df: pd.DataFrame,
    key: str,
    *,
    id_column: str = "id",
    editable: Iterable[str] | bool = True,
    choices: Mapping[str, list[str]] | None = None,
    labels: Mapping[str, str] | None = None,
    hidden: Iterable[str] = (),
    wrap: Iterable[str] = (),
    widths: Mapping[str, int] | None = None,
    multi_select: bool = True,
    height: int = 420,
    font_size: int | None = None,
) -> GridResult:
    """Show `df` in an editable AgGrid and return what the user did (see the module docstring).

    `editable` lists the columns the user may edit (all but the id when True); `choices` turns a
    column into a drop-down of those values; `labels` gives the column headers (defaults to the
    column names); `hidden` columns travel with the rows but are not shown; `wrap` columns show long
    text on several lines; `font_size` (px) enlarges the grid for projection.
    """
    cols = [str(c) for c in df.columns]
    if editable is True:
        edit = [c for c in cols if c != id_column]
    elif editable is False:
        edit = []
    else:
        edit = list(editable)
    choices = dict(choices or {})
    labels = dict(labels or {})
    widths = dict(widths or {})
    wrap_set, hidden_set = set(wrap), set(hidden)

    # A hidden revision column: bumping it (refresh) changes the data's hash, so the grid takes the data
    # again in place — e.g. to take back a refused edit while the database did not change.
    revision = st.session_state.get(_VERSION.format(key), 0)
    df = df.assign(**{_REV: revision})
    gb = GridOptionsBuilder.from_dataframe(df)
    gb.configure_default_column(sortable=True, filter=True, resizable=True, editable=False, minWidth=80)
    for c in [*cols, _REV]:
        props: dict[str, Any] = {"header_name": labels.get(c, c), "editable": c in edit}
        if c in hidden_set or c == _REV:
            props["hide"] = True
        if c in choices:
            props.update(cellEditor="agSelectCellEditor", cellEditorParams={"values": list(choices[c])})
        if c in wrap_set:
            props.update(
                wrapText=True,
                autoHeight=True,
                flex=1,
                minWidth=220,
                cellEditor="agLargeTextCellEditor",
                cellEditorPopup=True,
                cellEditorParams={"maxLength": 5000, "rows": 6, "cols": 60},
            )
        if c in widths:
            props["width"] = widths[c]
        gb.configure_column(c, **props)
    lang = state.lang()
    gb.configure_grid_options(
        stopEditingWhenCellsLoseFocus=True,
        localeText=locale_text(lang),
        enableCellTextSelection=True,
        enableRtl=is_rtl(lang),  # columns from the right, as Arabic reads
    )
    options = gb.build()
    # Fixed widths for short columns and flex for the long texts; fitting every column to the width would
    # squeeze the text to a narrow strip.
    options.pop("autoSizeStrategy", None)
    if multi_select:
        # AG Grid 34: a tick-box column of its own, a header box that selects the filtered rows.
        options["rowSelection"] = {
            "mode": "multiRow",
            "checkboxes": True,
            "headerCheckbox": True,
            "enableClickSelection": False,
            "selectAll": "filtered",
        }
    css = {".ag-root-wrapper": {"font-size": f"{font_size}px"}} if font_size else None
    response = AgGrid(
        df,
        gridOptions=options,
        height=height,
        key=key,
        theme="streamlit",
        update_on=["cellValueChanged", "selectionChanged"],
        custom_css=css,
        allow_unsafe_jscode=False,
        show_toolbar=False,
        show_download_button=False,
        server_sync_strategy="server_wins",
    )
    data = response.data if isinstance(response.data, pd.DataFrame) else df
    selected = response.selected_data if isinstance(response.selected_data, pd.DataFrame) else df.iloc[0:0]
    data, selected, df = (x.drop(columns=[_REV], errors="ignore") for x in (data, selected, df))
    # The grid's last message comes back at every rerun until the browser sends another one (as an equal
    # copy): an edit is reported once, or a refused edit would be handed back again and again.
    raw = response.grid_response if getattr(response, "_component_value_set", False) else None
    seen = _SEEN.format(key)
    fresh = raw is not None and st.session_state.get(seen) != raw
    if raw is not None:
        st.session_state[seen] = raw
    changed = _edited_row(df, response.event_data, id_column, edit) if fresh else df.iloc[0:0]
    if raw is not None and st.session_state.get(_CLEARED.format(key)) == raw:
        selected = df.iloc[0:0]  # the ticks were acted upon, and the grid drawn again without them
    return GridResult(data, selected, changed, id_column)


def _edited_row(df: pd.DataFrame, event: Any, id_column: str, editable: list[str]) -> pd.DataFrame:
    """The row the user just edited, as `df` holds it with the one new value.

    Only the edited cell is taken from the browser: the rest of the grid's copy may be older than the
    database (a grid drawn before a change made elsewhere), and must never be written back.
    """
    if not isinstance(event, dict) or event.get("type") != "cellValueChanged":
        return df.iloc[0:0]
    field = (event.get("colDef") or {}).get("field")
    row = event.get("data") or {}
    if field not in editable or id_column not in row:
        return df.iloc[0:0]
    hit = df[df[id_column].astype(str) == str(row[id_column])]
    if hit.empty or _same(hit.iloc[0][field], event.get("newValue")):
        return df.iloc[0:0]
    out = hit.copy()
    out[field] = out[field].astype(object)
    out.iloc[0, out.columns.get_loc(field)] = event.get("newValue")
    return out


def _same(a: Any, b: Any) -> bool:
    def norm(x: Any) -> Any:
        if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
            return None
        if isinstance(x, str):
            return x.strip()
        if hasattr(x, "item"):  # numpy scalars
            x = x.item()
        return x

    x, y = norm(a), norm(b)
    if isinstance(x, int | float) and isinstance(y, int | float) and not isinstance(x, bool):
        return float(x) == float(y)
    if x is None and y == "" or y is None and x == "":
        return True
    return x == y


def changed_rows(
    before: pd.DataFrame, after: pd.DataFrame, id_column: str, columns: Iterable[str]
) -> pd.DataFrame:
    """Rows of `after` whose `columns` differ from the row with the same id in `before` (full rows of `after`)."""
    columns = [c for c in columns if c in before.columns and c in after.columns]
    if after.empty or id_column not in after.columns or not columns:
        return after.iloc[0:0]
    old = {r[id_column]: r for r in before.to_dict("records")}
    keep = []
    for i, r in enumerate(after.to_dict("records")):
        o = old.get(r[id_column])
        if o is not None and any(not _same(o[c], r[c]) for c in columns):
            keep.append(i)
    return after.iloc[keep]


# --------------------------------------------------------------------------- self-saving data editor


def autosave_editor(
    key: str,
    load: Callable[[], pd.DataFrame],
    save: Callable[[pd.DataFrame], Any],
    *,
    saved_message: str | None = None,
    **editor_args: Any,
) -> pd.DataFrame:
    """`st.data_editor(load(), **editor_args)` whose every edit is handed to `save` (a service call) at once.

    The editor stays the same widget across saves: a facilitator typing one cell after another, even while
    the page is still running after the previous one, loses nothing (a widget renewed after each save would
    drop whatever was typed into the old one during the rerun).  It is drawn anew only when the data saved
    comes back different from what it shows (a new row got its id, another facilitator changed the table),
    or after « abandon ».  When `save` refuses (DomainError), the edited table stays on screen as a draft
    (kept across page switches) with the French problems above it, until corrected or abandoned.
    Returns the data as saved (`load()` after the last save), for the tables and charts under the editor.
    """
    base_key, saved_key = f"_grid_base_{key}", f"_grid_saved_{key}"
    data = load()
    draft: pd.DataFrame | None = state.keep(f"draft_{key}")
    if _widget(key) not in st.session_state or base_key not in st.session_state:
        # A fresh editor (first visit, back from another page): it starts from the draft or the database.
        st.session_state[base_key] = draft if draft is not None else data
        st.session_state[saved_key] = table_signature(data)
    elif draft is None and table_signature(data) != st.session_state[saved_key]:
        # The table changed outside this editor since its last save: show the database's version.
        _renew(key, data)
    messages = st.container()
    edited = st.data_editor(st.session_state[base_key], key=_widget(key), **editor_args)
    shown = table_signature(edited)
    if shown != st.session_state[saved_key] and (draft is None or shown != table_signature(draft)):
        try:
            save(edited)
        except DomainError as e:
            state.remember(f"draft_{key}", edited)
            state.remember(f"problems_{key}", e.problems)  # kept whole: shown in the reader's language
        else:
            state.remember(f"draft_{key}", None)
            state.remember(f"problems_{key}", [])
            data = load()
            st.session_state[saved_key] = table_signature(data)
            if st.session_state[saved_key] != shown:
                # Saved, but the database holds it otherwise (ids given, rows put in order): draw it so.
                _renew(key, data)
                st.rerun()
            if saved_message:
                st.toast(saved_message, icon=":material/check_circle:")
    problems: list[Problem] = state.keep(f"problems_{key}") or []
    if problems:
        show_error(DomainError(problems), messages)
    if state.keep(f"draft_{key}") is not None and st.button(
        t("grid.abandon", state.lang()), key=f"{key}__abandon", icon=":material/undo:"
    ):
        state.remember(f"draft_{key}", None)
        state.remember(f"problems_{key}", [])
        _renew(key, data)
        st.rerun()
    return data


def _widget(key: str) -> str:
    return f"{key}__{st.session_state.get(_VERSION.format(key), 0)}"


def _renew(key: str, data: pd.DataFrame) -> None:
    """Draw the editor `key` anew over `data` at the next run (a new widget, its edits forgotten)."""
    version_key = _VERSION.format(key)
    st.session_state[version_key] = st.session_state.get(version_key, 0) + 1
    st.session_state[f"_grid_base_{key}"] = data
    st.session_state[f"_grid_saved_{key}"] = table_signature(data)


def table_signature(df: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The rows of `df` as comparable values, in a fixed order: equal when two tables hold the same rows
    (an editor's rows left in the order typed compare equal to the database's, read back sorted)."""
    cols = sorted(str(c) for c in df.columns)
    rows = [tuple(_plain(r.get(c)) for c in cols) for r in df.astype(object).to_dict("records")]
    return sorted(rows, key=repr)


def _plain(x: Any) -> Any:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    if hasattr(x, "item"):  # numpy scalars
        x = x.item()
    if isinstance(x, bool):
        return x
    if isinstance(x, int | float):
        return float(x)
    return x
