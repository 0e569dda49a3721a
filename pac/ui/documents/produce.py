"""Page « Documents »: pick documents, formats and languages; make them with progress per document; download
each or all as one zip; the files produced earlier for this commune."""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from pac.domain.bilingual import isolate
from pac.domain.errors import DomainError
from pac.i18n import t, tn
from pac.services import documents
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state

_RESULTS = "documents_made"


@st.cache_resource(show_spinner=False)
def _warm_renderer() -> bool:
    """Start kaleido's renderer once per server, in the background (never on a page's path)."""
    from pac.exports import figures_batch

    figures_batch.warm_up_in_background()
    return True


def chooser(ctx: PageContext) -> tuple[list[tuple[str, str, str]], bool] | None:
    """The form (its widgets keyed by language: a choice keeps its labels in the language it was made in,
    so switching the interface's language starts the choice again); returns the (document, format, language) asked for, and whether with charts."""
    lang = ctx.lang
    _warm_renderer()
    # The folder is a left-to-right run inside an Arabic sentence: isolated, its slashes stay in place.
    st.caption(plain(t("docs.page.intro", lang, folder=isolate(f"exports/{ctx.commune.slug}"))))
    if ctx.plan is None:
        st.warning(t("docs.page.no_plan", lang), icon=":material/info:")
    with st.form("documents_form", border=True):
        kinds = st.multiselect(
            t("docs.page.documents", lang),
            documents.DOCS,
            default=["pac"],
            format_func=lambda k: t(f"docs.kind.{k}", lang),
            key=f"documents_kinds_{lang}",
        )
        left, mid, right = st.columns([2, 2, 2])
        fmts = left.multiselect(
            t("docs.page.formats", lang),
            ("pdf", "docx", "xlsx"),
            default=["pdf"],
            format_func=lambda f: t(f"docs.format.{f}", lang),
            key=f"documents_formats_{lang}",
        )
        langs = mid.multiselect(
            t("docs.page.langs", lang),
            documents.LANGS,
            default=[lang],
            format_func=lambda code: t(f"docs.lang.{code}", lang),
            key=f"documents_langs_{lang}",
        )
        charts = right.checkbox(
            t("docs.page.charts", lang),
            value=True,
            help=t("docs.page.charts_help", lang),
            key=f"documents_charts_{lang}",
        )
        asked = st.form_submit_button(
            t("docs.page.produce", lang), type="primary", icon=":material/description:"
        )
    if not asked:
        return None
    if not (kinds and fmts and langs):
        st.error(t("docs.page.nothing", lang), icon=":material/error:")
        return None
    wanted = [(k, f, code) for k in kinds for f in fmts if f in documents.FORMATS[k] for code in langs]
    if not wanted:
        st.error(t("docs.page.no_combination", lang), icon=":material/error:")
        return None
    return wanted, charts


def _label(kind: str, fmt: str, doc_lang: str, lang: str) -> str:
    return f"{t(f'docs.kind.{kind}', lang)} · {t(f'docs.format.{fmt}', lang)} · {t(f'docs.lang.{doc_lang}', lang)}"


def make(ctx: PageContext, wanted: list[tuple[str, str, str]], charts: bool) -> None:
    """Make each file in turn, a line per document saying where it stands, and a bar for the whole."""
    lang = ctx.lang
    bar = st.progress(0.0)
    lines = [st.empty() for _ in wanted]
    for line, (kind, fmt, doc_lang) in zip(lines, wanted, strict=True):
        line.caption(f":material/schedule: {plain(_label(kind, fmt, doc_lang, lang))}")
    made: list[dict[str, Any]] = []
    for i, (line, (kind, fmt, doc_lang)) in enumerate(zip(lines, wanted, strict=True), start=1):
        name = _label(kind, fmt, doc_lang, lang)
        line.info(
            plain(t("docs.page.making", lang, name=name, i=i, n=len(wanted))), icon=":material/hourglass_top:"
        )
        t0 = time.perf_counter()
        try:
            f = documents.produce(ctx.db, ctx.commune.id, kind, fmt, doc_lang, charts=charts)
        except DomainError as e:
            line.error(
                plain(t("docs.page.failed", lang, name=name, error=" ".join(e.messages))),
                icon=":material/error:",
            )
        else:
            seconds = f"{time.perf_counter() - t0:.1f}".replace(".", "," if lang == "fr" else ".")
            line.success(
                plain(t("docs.page.made", lang, name=name, seconds=seconds)), icon=":material/check_circle:"
            )
            made.append({"name": f.name, "label": name, "data": f.data, "fmt": fmt})
        bar.progress(i / len(wanted))
    st.session_state[_RESULTS] = {"commune": ctx.commune.id, "files": made}


_MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def downloads(ctx: PageContext) -> None:
    """The files just made: one button each, and all of them as one zip."""
    lang = ctx.lang
    results = st.session_state.get(_RESULTS)
    if not results or results["commune"] != ctx.commune.id or not results["files"]:
        return
    files = results["files"]
    st.success(tn("docs.page.done", len(files), lang), icon=":material/check_circle:")
    for i, f in enumerate(files):
        st.download_button(
            f"{t('docs.page.download', lang)} · {f['label']} ({f['name']})",
            f["data"],
            file_name=f["name"],
            mime=_MIME[f["fmt"]],
            key=f"documents_dl_{i}",
            icon=":material/download:",
        )
    if len(files) > 1:
        zipped = documents.zip_files(
            documents.Produced("", f["fmt"], "", f["name"], f["data"], None) for f in files
        )
        st.download_button(
            t("docs.page.download_all", lang),
            zipped,
            file_name=f"documents-{ctx.commune.slug}.zip",
            mime="application/zip",
            key="documents_dl_zip",
            type="primary",
            icon=":material/folder_zip:",
        )


def produced_before(ctx: PageContext) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('docs.page.last', lang)}")
    files = documents.last_produced(ctx.commune.slug)
    if not files:
        empty_state(t("docs.page.none_yet", lang))
        return
    st.dataframe(
        [
            {
                t("docs.page.col.document", lang): t(f"docs.kind.{f.kind}", lang),
                t("docs.page.col.lang", lang): t(f"docs.lang.{f.lang}", lang)
                if f.lang in documents.LANGS
                else f.lang,
                t("docs.page.col.file", lang): f.name,
                t("docs.page.col.size", lang): t("docs.page.kb", lang, n=f"{f.size / 1024:.0f}"),
                t("docs.page.col.at", lang): f.at.strftime("%Y-%m-%d %H:%M"),
            }
            for f in files
        ],
        hide_index=True,
        width="stretch",
    )
