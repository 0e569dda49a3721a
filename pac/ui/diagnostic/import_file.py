"""Tab « Importer » of the diagnostic: a CSV or Excel file of findings, previewed, mapped, checked, imported."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pac.domain import diagnostic_import as fi
from pac.domain.errors import DomainError
from pac.i18n import t, tn, vocab
from pac.services import diagnostic
from pac.ui.kit import state
from pac.ui.kit.labels import username
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, flash, run, show_error

FILE = "diag_import_file"  # (name, bytes) kept across page switches
MAPPING = "diag_import_mapping"
SHOWN_PROBLEMS = 40


def render(ctx: PageContext) -> None:
    lang = ctx.lang
    st.caption(t("diag.import_intro", lang))
    uploaded = st.file_uploader(t("diag.import_file", lang), type=["csv", "xlsx"], key="diag_import_upload")
    if uploaded is not None:
        current = state.keep(FILE)
        if current is None or current[0] != uploaded.name or current[1] != uploaded.getvalue():
            state.remember(FILE, (uploaded.name, uploaded.getvalue()))
            state.remember(MAPPING, None)
            for field in fi.FIELDS:
                st.session_state.pop(f"diag_map_{field}", None)
    kept = state.keep(FILE)
    if kept is None:
        st.info(t("diag.import_empty", lang), icon=":material/lightbulb:")
        st.download_button(
            t("diag.import_template", lang),
            _template(),
            "constats-modele.csv",
            "text/csv",
            icon=":material/download:",
        )
        return
    name, data = kept
    try:
        df = fi.read_table(name, data)
    except DomainError as e:
        show_error(e)
        _forget_button(lang)
        return
    st.markdown(
        t(
            "diag.import_read",
            lang,
            name=plain(name),
            rows=tn("diag.n_rows", len(df), lang),
            cols=tn("diag.n_columns", len(df.columns), lang),
        )
    )
    # Empty cells blank, not « None »; every cell shown as the text read from the file.
    st.dataframe(df.head(8).astype("string").fillna(""), width="stretch")
    mapping = _mapping_form(lang, list(df.columns))
    try:
        checked = diagnostic.check_import(ctx.db, ctx.commune.id, df, mapping)
    except DomainError as e:  # the mapping itself is incomplete
        show_error(e)
        _forget_button(lang)
        return
    if checked.problems:
        lines = [str(p) for p in checked.problems]
        more = len(lines) - SHOWN_PROBLEMS
        st.error(
            tn("diag.import_bad", len({p.row for p in checked.problems}), lang, total=len(df))
            + "\n\n"
            + "\n".join(f"- {m}" for m in lines[:SHOWN_PROBLEMS])
            + (f"\n- {tn('diag.import_more', more, lang)}" if more > 0 else ""),
            icon=":material/error:",
        )
    elif checked.rows:
        st.success(tn("diag.import_ready", len(checked.rows), lang), icon=":material/check_circle:")
        if st.button(
            tn("diag.import_go", len(checked.rows), lang),
            type="primary",
            icon=":material/upload:",
            key="diag_import_go",
        ):
            done = run(diagnostic.import_findings, ctx.db, ctx.commune.id, df, mapping, username())
            if done:
                state.remember(FILE, None)
                state.remember(MAPPING, None)
                st.session_state.pop("diag_import_upload", None)
                flash(tn("diag.import_done", done, lang))
                st.rerun()
    else:
        st.warning(t("diag.import_nothing", lang))
    _forget_button(lang)


def _mapping_form(lang: str, columns: list[str]) -> dict[str, str | None]:
    """One drop-down per field of ours, proposing the file's most likely column; kept across page switches."""
    mapping: dict[str, str | None] = state.keep(MAPPING) or fi.guess_mapping(columns)
    st.markdown(f"**{t('diag.import_mapping', lang)}**")
    cols = st.columns(len(fi.FIELDS))
    options: list[str | None] = [None, *columns]
    out: dict[str, str | None] = {}
    for col, field in zip(cols, fi.FIELDS, strict=True):
        current = mapping.get(field)
        label = t(f"diag.col.{'sector_code' if field == 'sector' else field}", lang)
        if field in fi.REQUIRED or field == "text":  # the text: this column or the Arabic one
            label += " *"
        out[field] = col.selectbox(
            label,
            options,
            index=options.index(current) if current in options else 0,
            format_func=lambda c: t("diag.import_no_column", lang) if c is None else c,
            key=f"diag_map_{field}",
        )
    state.remember(MAPPING, out)
    st.caption(t("diag.import_mapping_help", lang))
    return out


def _forget_button(lang: str) -> None:
    if st.button(t("diag.import_forget", lang), icon=":material/close:", key="diag_import_forget"):
        state.remember(FILE, None)
        state.remember(MAPPING, None)
        st.session_state.pop("diag_import_upload", None)
        st.rerun()


def _template() -> bytes:
    """A model file with our columns and two example rows (semicolons, UTF-8 with BOM: Excel opens it as is)."""
    rows = [
        {
            "Constat": "Coupures fréquentes de l'eau potable en été",
            "Constat (arabe)": "انقطاعات متكررة للماء الصالح للشرب في فصل الصيف",
            "Type de constat": vocab("finding_kinds", "constraint"),
            "Source": vocab("sources", "diagnostic_workshop"),
            "Secteur": "Eau potable",
            "Douar(s)": "",
            "Exprimé par": vocab("voices", "women"),
        },
        {
            "Constat": "Arganeraie étendue et coopératives féminines actives",
            "Constat (arabe)": "غابة أركان واسعة وتعاونيات نسائية نشيطة",
            "Type de constat": vocab("finding_kinds", "potential"),
            "Source": vocab("sources", "monograph"),
            "Secteur": "Économie locale, artisanat et coopératives",
            "Douar(s)": "",
            "Exprimé par": "",
        },
    ]
    return pd.DataFrame(rows).to_csv(sep=";", index=False).encode("utf-8-sig")
