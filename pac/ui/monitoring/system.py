"""Page « Suivi-évaluation »: the M&E system — follow-up committee, tools, calendar of reports and evaluations."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import monitoring as rules
from pac.domain import vocab
from pac.domain.bilingual import missing
from pac.i18n import t, tn
from pac.i18n import vocab as label
from pac.services import monitoring
from pac.services.monitoring import SystemView
from pac.ui.kit import bitext
from pac.ui.kit.editors import editor_key, editor_saved, records
from pac.ui.kit.widgets import PageContext, flash, run


def _back(mapping: dict[str, str], value: object) -> object:
    """A label chosen in a table back to its code (unknown text is passed on, to be refused by name)."""
    return mapping.get(value, value) if isinstance(value, str) else value  # type: ignore[arg-type]


def _missing_caption(lang: str, rows: list[dict[str, Any]], fields: tuple[str, ...]) -> None:
    """How many texts of the table lack their Arabic (or French) version: visible, never required."""
    for version in ("ar", "fr"):
        n = sum(1 for r in rows for f in fields if missing(r, f) == version)
        if n:
            st.caption(
                ":material/translate: "
                + t(
                    "monitoring.sys.missing_versions",
                    lang,
                    version=t(f"monitoring.lang.{version}", lang),
                    n=n,
                )
            )


def system_view(ctx: PageContext) -> None:
    assert ctx.plan is not None
    system = monitoring.load_system(ctx.db, ctx.plan.id)
    _committee(ctx, system)
    _tools(ctx, system)
    _calendar(ctx, system)


# No column here is `required=True`: Streamlit would keep a half-filled row in the browser, never saved
# and never said; the rules (pac.domain.monitoring) refuse it by name instead.


def _committee(ctx: PageContext, system: SystemView) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('monitoring.sys.committee', lang)}")
    st.caption(t("monitoring.sys.committee_help", lang))
    roles = {r: label("roles", r, lang) for r in vocab.ROLES}
    sexes = {s: label("sexes", s, lang) for s in vocab.SEXES}
    df = pd.DataFrame(
        [
            {
                "name": m.name,
                "name_ar": m.name_ar,
                "role": roles.get(m.role, m.role),
                "sex": sexes.get(m.sex, ""),
                "organisation": m.organisation,
                "organisation_ar": m.organisation_ar,
            }
            for m in system.committee
        ],
        # The name (or function) and the organisation in both languages, each in its column, the reader's
        # first.
        columns=[*bitext.columns(lang, "name"), "role", "sex", *bitext.columns(lang, "organisation")],
    )
    _missing_caption(lang, [m.__dict__ for m in system.committee], ("name", "organisation"))
    back_roles = {v: k for k, v in roles.items()}
    back_sexes = {v: k for k, v in sexes.items()}
    _table_form(
        ctx,
        f"me_committee_{system.plan.id}",
        df,
        {
            **{
                col: st.column_config.TextColumn(  # medium: role and sex stay in sight on a laptop
                    bitext.label(t("monitoring.sys.name", lang), which, lang), width="medium", default=""
                )
                for col, which in (("name", "fr"), ("name_ar", "ar"))
            },
            "role": st.column_config.SelectboxColumn(
                t("monitoring.sys.role", lang), options=list(roles.values())
            ),
            "sex": st.column_config.SelectboxColumn(
                t("monitoring.sys.sex", lang), options=list(sexes.values()), width="small"
            ),
            "organisation": st.column_config.TextColumn(
                t("monitoring.sys.organisation_fr", lang), default=""
            ),
            "organisation_ar": st.column_config.TextColumn(
                t("monitoring.sys.organisation_ar", lang), default=""
            ),
        },
        lambda r: {**r, "role": _back(back_roles, r["role"]), "sex": _back(back_sexes, r["sex"])},
        monitoring.save_committee,
        t("monitoring.sys.save_committee", lang),
        t("monitoring.sys.committee_saved", lang),
    )
    if system.committee:
        by_role: dict[str, list[int]] = {}
        for m in system.committee:
            counts = by_role.setdefault(m.role, [0, 0])
            if m.sex in ("f", "m"):
                counts[0 if m.sex == "f" else 1] += 1
        parts = [
            t("monitoring.sys.role_count", lang, role=roles.get(r, r), women=w, men=m_)
            for r, (w, m_) in by_role.items()
        ]
        st.caption(
            t(
                "monitoring.sys.committee_summary",
                lang,
                members=tn("monitoring.sys.members", len(system.committee), lang),
                women=tn("monitoring.sys.women", system.women, lang),
                men=tn("monitoring.sys.men", system.men, lang),
            )
            + " — "
            + " · ".join(parts)
        )
        if not any(m.is_ieeag for m in system.committee):
            st.warning(t("monitoring.sys.no_ieeag", lang), icon=":material/diversity_3:")


def _tools(ctx: PageContext, system: SystemView) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('monitoring.sys.tools', lang)}")
    st.caption(t("monitoring.sys.bilingual_help", lang))
    freqs = {f: label("frequencies", f, lang) for f in vocab.FREQUENCIES}
    # Both versions of each text in its own column, the reader's language first (grids show both).
    texts = bitext.columns(lang, "name", "description")
    df = pd.DataFrame(
        [
            {
                "name": x.name,
                "name_ar": x.name_ar,
                "description": x.description,
                "description_ar": x.description_ar,
                "frequency": freqs.get(x.frequency, ""),
                "responsible": x.responsible,
                "responsible_ar": x.responsible_ar,
            }
            for x in system.tools
        ],
        columns=[*texts, "frequency", *bitext.columns(lang, "responsible")],
    )
    _missing_caption(lang, [x.__dict__ for x in system.tools], ("name", "description", "responsible"))
    name = f"me_tools_{system.plan.id}"
    back = {v: k for k, v in freqs.items()}
    _table_form(
        ctx,
        name,
        df,
        {
            "name": st.column_config.TextColumn(t("monitoring.sys.tool_fr", lang), default=""),
            "name_ar": st.column_config.TextColumn(t("monitoring.sys.tool_ar", lang), default=""),
            "description": st.column_config.TextColumn(
                t("monitoring.sys.description_fr", lang), width="large", default=""
            ),
            "description_ar": st.column_config.TextColumn(
                t("monitoring.sys.description_ar", lang), width="large", default=""
            ),
            "frequency": st.column_config.SelectboxColumn(
                t("monitoring.sys.frequency", lang), options=list(freqs.values())
            ),
            "responsible": st.column_config.TextColumn(t("monitoring.sys.responsible_fr", lang), default=""),
            "responsible_ar": st.column_config.TextColumn(
                t("monitoring.sys.responsible_ar", lang), default=""
            ),
        },
        lambda r: {**r, "frequency": _back(back, r["frequency"])},
        monitoring.save_tools,
        t("monitoring.sys.save_tools", lang),
        t("monitoring.sys.tools_saved", lang),
    )
    if len(system.tools) < len(rules.STANDARD_TOOLS):
        _standard_button(
            ctx,
            name,
            t("monitoring.sys.standard_tools", lang),
            ":material/playlist_add:",
            "me_std_tools",
            monitoring.add_standard_tools,
        )


def _calendar(ctx: PageContext, system: SystemView) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('monitoring.sys.calendar', lang)}")
    st.caption(t("monitoring.sys.calendar_help", lang))
    kinds = {k: t(f"monitoring.event.{k}", lang) for k in rules.ME_EVENT_KINDS}
    types = {k: t(f"monitoring.evaluation.{k}", lang) for k in rules.EVALUATION_TYPES}
    df = pd.DataFrame(
        [
            {
                "kind": kinds.get(e.kind, e.kind),
                "year": e.year,
                "due_on": e.due_on,
                "evaluation_type": types.get(e.evaluation_type, ""),
                "description": e.description,
                "description_ar": e.description_ar,
            }
            for e in system.events
        ],
        columns=["kind", "year", "due_on", "evaluation_type", *bitext.columns(lang, "description")],
    )
    _missing_caption(lang, [e.__dict__ for e in system.events], ("description",))
    df = df.astype({"year": "Int64"})
    df["due_on"] = pd.to_datetime(df["due_on"])
    name = f"me_events_{system.plan.id}"
    back_kinds = {v: k for k, v in kinds.items()}
    back_types = {v: k for k, v in types.items()}
    _table_form(
        ctx,
        name,
        df,
        {
            "kind": st.column_config.SelectboxColumn(
                t("monitoring.sys.kind", lang), options=list(kinds.values())
            ),
            "year": st.column_config.SelectboxColumn(
                t("monitoring.sys.year", lang), options=system.plan.years
            ),
            "due_on": st.column_config.DateColumn(t("monitoring.sys.due_on", lang), format="DD/MM/YYYY"),
            "evaluation_type": st.column_config.SelectboxColumn(
                t("monitoring.sys.evaluation_type", lang), options=list(types.values())
            ),
            "description": st.column_config.TextColumn(
                t("monitoring.sys.description_fr", lang), width="large", default=""
            ),
            "description_ar": st.column_config.TextColumn(
                t("monitoring.sys.description_ar", lang), width="large", default=""
            ),
        },
        lambda r: {
            **r,
            "kind": _back(back_kinds, r["kind"]),
            "evaluation_type": _back(back_types, r["evaluation_type"]),
            "due_on": r["due_on"].date() if hasattr(r["due_on"], "date") else r["due_on"],
        },
        monitoring.save_events,
        t("monitoring.sys.save_calendar", lang),
        t("monitoring.sys.calendar_saved", lang),
    )
    have = {e.kind for e in system.events}
    if not {"annual_report", "mid_term", "final"} <= have:
        _standard_button(
            ctx,
            name,
            t("monitoring.sys.standard_calendar", lang),
            ":material/event_available:",
            "me_std_calendar",
            monitoring.add_standard_calendar,
        )


def _table_form(
    ctx: PageContext,
    name: str,
    df: pd.DataFrame,
    columns: dict[str, Any],
    to_codes: Callable[[dict[str, Any]], dict[str, Any]],
    save: Callable[..., object],
    submit: str,
    done: str,
) -> None:
    """One table of the M&E system (committee, tools or calendar) edited in a form whose button `submit`
    saves it whole with the service `save`, the labels of its rows turned back into codes by `to_codes`;
    once saved, the message `done` and a fresh editor (so that its edits are not applied twice)."""
    assert ctx.plan is not None
    with st.form(f"{name}_form"):
        edited = st.data_editor(
            df,
            key=editor_key(name),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config=columns,
            placeholder="",  # an empty cell of a new row shows empty, not « None »
        )
        saved = st.form_submit_button(submit, type="primary", icon=":material/save:")
        # A refusal shows right under the button just clicked, inside the form, and is scrolled into sight:
        # below the form it fell under the bottom of a laptop's screen, as if the click did nothing.
        refusal = st.container(key=f"{name}_refusal")
    if not saved:
        return
    if (
        run(save, ctx.db, ctx.plan.id, [to_codes(r) for r in records(edited)], ctx.lang, where=refusal)
        is None
    ):
        _scroll_into_view(refusal, f"{name}_refusal")
        return
    editor_saved(name)
    flash(done)
    st.rerun()


# Brings a container (found by its key's class) into sight, as little as needed, once it is drawn.  `n` makes
# each refusal's script new, so that a second identical refusal scrolls too.
_SCROLL = """<script>
(() => {{
  const n = {n};
  const go = (tries) => {{
    const box = document.querySelector({selector});
    if (box && box.getBoundingClientRect().height > 0) {{
      box.style.scrollMarginBottom = "1.5rem";
      box.scrollIntoView({{block: "nearest", behavior: "smooth"}});
    }}
    else if (tries > 0) setTimeout(() => go(tries - 1), 100);
  }};
  requestAnimationFrame(() => go(20));
}})();
</script>"""


def _scroll_into_view(container: Any, key: str) -> None:
    """Scroll the page so that `container` (made with `key`) is in sight."""
    n = st.session_state.get("_me_scroll_n", 0) + 1
    st.session_state["_me_scroll_n"] = n
    with container:
        st.html(
            _SCROLL.format(n=n, selector=json.dumps(f".st-key-{key}")),
            unsafe_allow_javascript=True,
        )


def _standard_button(
    ctx: PageContext, name: str, label: str, icon: str, key: str, add: Callable[..., int | None]
) -> None:
    """A button that adds the standard rows (tools or calendar) the table `name` lacks."""
    assert ctx.plan is not None
    if st.button(label, icon=icon, key=key):
        n = run(add, ctx.db, ctx.plan.id)
        if n is not None:
            editor_saved(name)
            flash(tn("monitoring.sys.added", n, ctx.lang))
            st.rerun()
