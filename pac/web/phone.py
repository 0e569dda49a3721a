"""The participant's page `/voter`: join by code or card, give a profile once, vote, change the vote.

Server-rendered with Jinja2 (autoescape: every label the commune wrote is shown as text), posted as a
plain HTML form, so that a phone without JavaScript votes too; `voter.js` adds the live count and the
exactly-once resubmission.  The contract of the QR codes and printed cards is kept:
`/voter?code=XXXX` and `/voter?code=XXXX&card=<token>`.

Identity on the phone, in cookies the server sets (HttpOnly: no script reads them):
- `pac_voter`: the participant's anonymous token, so that the next round's QR code finds the same
  participant without asking the profile again (« next participant » forgets it);
- `pac_phone`: an anonymous id of the phone, which bounds how many participants one phone carries in
  a round (the round's `max_per_phone`);
- `pac_lang`: the participant's language.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from pac.db import Database, is_current
from pac.domain import vocab
from pac.domain.bilingual import shown
from pac.domain.errors import DomainError
from pac.domain.vote import SCORE_MAX, SCORE_MIN, Key, normalise_code
from pac.i18n import TABLE, is_rtl, t, tn
from pac.i18n import vocab as label
from pac.services.vote import ballot as ballot_service
from pac.services.vote.views import CardRequired, PhoneFull, RoundNotOpen, VoterState
from pac.web import throttle

log = logging.getLogger("pac.web")

HERE = Path(__file__).resolve().parent
VOTER_COOKIE = "pac_voter"
PHONE_COOKIE = "pac_phone"
LANG_COOKIE = "pac_lang"
VOTER_DAYS = 7
WAIT_REFRESH_SECONDS = 4  # a phone waiting for the opening reloads itself (works without JavaScript)
SEGMENTS_UP_TO = 6  # up to this many dots on one option, tap a number; beyond, a number field

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_SCRIPT = (HERE / "voter.js").read_text(encoding="utf-8")

# --------------------------------------------------------------------------- the database


class _Db:
    """One Database per server process, checked once to carry the current schema (a new database
    gets it from the app's start; until then the page says the server is starting)."""

    def __init__(self) -> None:
        self._db: Database | None = None
        self._ready = False
        self._lock = threading.Lock()

    def get(self) -> Database | None:
        with self._lock:
            if self._db is None:
                self._db = Database()
            if not self._ready:
                try:
                    self._ready = is_current(self._db)
                except Exception:  # no table yet: the app's start is still creating them
                    log.info("phone page: the database is not ready yet")
            return self._db if self._ready else None


DB = _Db()

# --------------------------------------------------------------------------- helpers


def _lang(request: Request, form: dict[str, str] | None = None) -> str:
    for value in (
        (form or {}).get("lang"),
        request.query_params.get("lang"),
        request.cookies.get(LANG_COOKIE),
    ):
        if value in ("fr", "ar"):
            return value
    return "fr"


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _url(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return "/voter" + (f"?{urlencode(kept)}" if kept else "")


def _cookie(response: Response, name: str, value: str, days: int, request: Request) -> None:
    response.set_cookie(
        name,
        value,
        max_age=days * 86400 if value else 0,
        path="/",
        httponly=True,
        samesite="lax",  # the QR code is a link from the camera app: a strict cookie would not come
        secure=request.url.scheme == "https",
    )


def _phone_id(request: Request) -> str:
    got = request.cookies.get(PHONE_COOKIE, "")
    return got if ballot_service.valid_key(got) else ""


def _finish(request: Request, response: Response, lang: str, token: str | None = None) -> Response:
    """The cookies every answer keeps up to date: the language, the phone, the participant."""
    if request.cookies.get(LANG_COOKIE) != lang:
        _cookie(response, LANG_COOKIE, lang, 365, request)
    if not _phone_id(request):
        _cookie(response, PHONE_COOKIE, secrets.token_hex(16), 365, request)
    if token is not None and request.cookies.get(VOTER_COOKIE) != token:
        _cookie(response, VOTER_COOKIE, token, VOTER_DAYS, request)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


_COUNTED = {
    "dots": ("left_dots", "over_dots"),
    "points": ("left_points", "over_points"),
    "scoring": ("rated",),
}
_PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _forms(key: str, lang: str, zero: bool) -> dict[str, str]:
    """The plural forms of `key` in `lang` the script may need (it picks one by the CLDR rule and falls
    back to `other`): a form equal to `other` is left out, and `zero` when the count never shows 0."""
    table = TABLE[lang] if f"{key}.other" in TABLE.get(lang, {}) else TABLE["fr"]
    other = table[f"{key}.other"]
    got = {c: table[f"{key}.{c}"] for c in _PLURAL_FORMS if f"{key}.{c}" in table and (zero or c != "zero")}
    return {c: text for c, text in got.items() if c == "other" or text != other}


def _js_texts(lang: str, method: str) -> str:
    """The live count's texts, only those of this round's method (the page stays light)."""
    texts: dict[str, Any] = {k: t(f"voter.{k}", lang) for k in ("sending", "retrying")}
    texts[f"all_placed_{method}"] = t(f"voter.all_placed_{method}", lang)
    for k in _COUNTED.get(method, ()):
        texts[k] = _forms(f"voter.{k}", lang, zero=k == "rated")  # what is left or over is never 0
    return json.dumps(texts, ensure_ascii=False, separators=(",", ":"))


def _said(obj: Any, field: str, lang: str) -> tuple[str, str, str]:
    """A bilingual text for the phone: (text, its language, the discreet marker when it is the other
    language's version) — never a blank while one version exists."""
    s = shown(obj, field, lang)
    return s.text, s.lang, t(f"bilingual.fallback.{s.lang}", lang) if s.fallback else ""


def _render(
    request: Request,
    lang: str,
    view: str,
    *,
    vs: VoterState | None = None,
    messages: list[tuple[str, str]] | None = None,
    status: int = 200,
    token: str | None = None,
    values: dict[Key, Any] | None = None,
    typed: dict[int, str] | None = None,
    sent: bool = False,
    receipt: bool = False,
    refresh: int | None = None,
    typed_code: str = "",
) -> Response:
    r = vs.round if vs else None
    code = r.join_code if r else ""
    title = _said(r, "title", lang) if r else ("", lang, "")
    here = dict(request.query_params)
    lang_urls = {x: _url(**{**here, "lang": x}) for x in ("fr", "ar")}
    p = vs.participant if vs else None
    ctx: dict[str, Any] = {
        "lang": lang,
        "rtl": is_rtl(lang),
        "t": lambda key, **kw: t(key, lang, **kw),
        "langs": (("fr", "Français"), ("ar", "العربية")),
        "lang_urls": lang_urls,
        "page_title": (title[0] or t("voter.title", lang))[:80],
        "title": title,
        "card_n": p.card_number if p else None,
        "messages": messages or [],
        "view": view,
        "code": code,
        "token": token or "",
        "refresh": refresh,
        "self_url": _url(code=code, lang=lang),
        "typed_code": typed_code,
    }
    if view == "profile" and vs is not None:
        ctx.update(
            roles=[(x, label("roles", x, lang)) for x in vocab.ROLES],
            sexes=[(x, label("sexes", x, lang)) for x in vocab.SEXES] + [("", t("voter.sex_not_said", lang))],
            ages=[("", t("voter.not_said", lang))] + [(x, x) for x in vocab.AGE_BANDS],
            # by the name the reader knows (Arabic for an Arabic reader); the French name is what is stored
            douars=sorted(((n, ar if lang == "ar" and ar else n) for n, ar in vs.douars), key=lambda d: d[1]),
            profile={
                "role": p.role if p else "",
                "sex": p.sex if p else "",
                "sex_said": bool(p and p.profiled),
                "age_band": p.age_band if p else "",
                "douar": p.douar if p else "",
            },
        )
    if view == "ballot" and r is not None:
        ctx.update(
            how=t("voter.how.scoring", lang)
            if r.method == "scoring"
            else tn(
                f"voter.how.{r.method}",
                r.dots_per_participant if r.method == "dots" else r.points_total,
                lang,
                max=r.max_dots_per_option,
            ),
            said={o.id: _said(o, "label", lang) for o in r.options},
            crit_said={c.id: _said(c, "label", lang) for c in r.criteria},
            ratings=len(r.options) * len(r.criteria),
            method=r.method,
            dots=r.dots_per_participant,
            points=r.points_total,
            max_per_option=r.max_dots_per_option if r.method == "dots" else r.points_total,
            options=r.options,
            criteria=r.criteria,
            score_range=range(SCORE_MIN, SCORE_MAX + 1),
            values={k: _int_or_none(v) for k, v in (values or {}).items()},
            typed=typed or {},
            key=secrets.token_hex(16),  # without JavaScript: a double post of this form is one ballot
            sent=sent,
            receipt=receipt,
            script=_SCRIPT,
        )
    html = _env.get_template("voter.html").render(ctx)
    if view == "ballot":
        # the texts of the live count, for the script (an attribute: escaped like the rest)
        html = html.replace(
            'id="ballot"', f'id="ballot" data-txt="{_attr(_js_texts(lang, r.method if r else ""))}"', 1
        )
    return _finish(request, HTMLResponse(html, status_code=status), lang, token)


def _int_or_none(v: Any) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _attr(s: str) -> str:
    from markupsafe import escape

    return str(escape(s))


def _starting(request: Request, lang: str) -> Response:
    resp = _render(request, lang, "join", messages=[("warn", t("voter.starting", lang))], status=503)
    resp.headers["Retry-After"] = "3"
    return resp


# --------------------------------------------------------------------------- GET /voter


def voter_page(request: Request) -> Response:
    lang = _lang(request)
    qp = request.query_params
    raw_code = qp.get("code", "")
    code = normalise_code(raw_code)
    if not code:
        return _render(request, lang, "join", typed_code=raw_code[:12])
    address = _client(request)
    wait = throttle.wrong_code_blocked(address)
    if wait:
        return _render(
            request,
            lang,
            "join",
            messages=[("err", t("voter.too_many_codes", lang, s=wait))],
            status=429,
        )
    db = DB.get()
    if db is None:
        return _starting(request, lang)
    card = qp.get("card") or None
    token = qp.get("p") or None
    if token is None and not card:
        token = request.cookies.get(VOTER_COOKIE) or None
    vs = ballot_service.voter_state(db, code, token, card)
    if vs is None:
        throttle.record_wrong_code(address)
        return _render(
            request,
            lang,
            "join",
            messages=[("err", t("voter.wrong_code", lang, code=code))],
            typed_code=code,
            status=404,
        )
    return _page_for(request, lang, vs, sent=qp.get("sent"), receipt=qp.get("r"))


def _page_for(
    request: Request, lang: str, vs: VoterState, sent: str | None = None, receipt: str | None = None
) -> Response:
    r, p = vs.round, vs.participant
    token = p.token if p else None
    if r.status == "draft":
        return _render(
            request,
            lang,
            "wait",
            vs=vs,
            token=token,
            messages=[("info", t("voter.not_open", lang))],
            refresh=WAIT_REFRESH_SECONDS,
        )
    if r.status == "closed":
        return _render(
            request, lang, "closed", vs=vs, token=token, messages=[("warn", t("voter.closed", lang))]
        )
    if vs.card_unknown:
        return _render(request, lang, "card", vs=vs, messages=[("err", t("voter.card_unknown", lang))])
    if p is None and r.cards_only:
        return _render(request, lang, "card", vs=vs, messages=[("info", t("voter.card_required", lang))])
    if p is None or not p.profiled:
        return _render(request, lang, "profile", vs=vs, token=token)
    messages: list[tuple[str, str]] = []
    if sent in ("1", "2"):
        text = t("voter.saved_again" if sent == "2" else "voter.saved", lang)
        if receipt and receipt.isdigit():
            text += " " + t("voter.receipt", lang, n=receipt)
        messages.append(("ok", text))
    elif vs.ballot:
        messages.append(("info", t("voter.already", lang)))
    return _render(
        request,
        lang,
        "ballot",
        vs=vs,
        token=token,
        values=dict(vs.ballot or {}),
        messages=messages,
        sent=bool(vs.ballot),
        receipt=sent in ("1", "2"),
    )


# --------------------------------------------------------------------------- POST /voter


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _ballot_values(vs: VoterState, form: dict[str, str]) -> tuple[dict[Key, Any], dict[int, str]]:
    """The ballot as typed: each field `v<option>_<criterion or 0>`; what was typed is kept to show again."""
    values: dict[Key, Any] = {}
    typed: dict[int, str] = {}
    for k in vs.round.rules.keys:
        raw = (form.get(f"v{k[0]}_{k[1] or 0}") or "").strip()
        if vs.round.method == "scoring":
            values[k] = raw or None
        else:
            values[k] = raw or 0
            typed[k[0]] = raw
    return values, typed


async def voter_post(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    return await _run_sync(_voter_post, request, form)


async def _run_sync(fn: Any, *args: Any) -> Response:
    # The database calls block: run them on Starlette's worker threads, never on the event loop.
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)


def _voter_post(request: Request, form: dict[str, str]) -> Response:
    lang = _lang(request, form)
    action = form.get("action", "")
    code = normalise_code(form.get("code", ""))
    if action == "next":  # shared phone: forget this participant here, start a fresh identity
        resp = RedirectResponse(_url(code=code, lang=lang), status_code=303)
        _cookie(resp, VOTER_COOKIE, "", 0, request)
        return _finish(request, resp, lang)
    db = DB.get()
    if db is None:
        if _wants_json(request):
            return JSONResponse({"error": t("voter.starting", lang)}, status_code=503)
        return _starting(request, lang)
    token = form.get("p") or None
    if action == "ballot":
        return _send_ballot(request, lang, db, code, token or "", form)
    vs = ballot_service.voter_state(db, code, token) if code else None
    if vs is None:
        if _wants_json(request):
            return JSONResponse({"error": t("voter.wrong_code", lang, code=code)}, status_code=404)
        return RedirectResponse(_url(code=code, lang=lang), status_code=303)
    if action == "profile":
        return _save_profile(request, lang, vs, token, form)
    return RedirectResponse(_url(code=code, lang=lang), status_code=303)


def _save_profile(
    request: Request, lang: str, vs: VoterState, token: str | None, form: dict[str, str]
) -> Response:
    db = DB.get()
    assert db is not None
    if not form.get("role"):
        return _render(
            request,
            lang,
            "profile",
            vs=vs,
            token=token,
            messages=[("err", t("voter.role_required", lang))],
            status=422,
        )
    try:
        saved = ballot_service.save_profile(
            db,
            vs.round.id,
            token,
            {
                "role": form.get("role"),
                "sex": form.get("sex", ""),
                "age_band": form.get("age_band", ""),
                "douar": form.get("douar", ""),
                "language": lang,
            },
        )
    except CardRequired:
        return _render(
            request, lang, "card", vs=vs, messages=[("err", t("voter.card_required", lang))], status=403
        )
    except DomainError as e:
        return _render(request, lang, "profile", vs=vs, token=token, messages=[("err", str(e))], status=422)
    resp = RedirectResponse(_url(code=vs.round.join_code, p=saved.token, lang=lang), status_code=303)
    return _finish(request, resp, lang, saved.token)


_FIELD = re.compile(r"^v(\d{1,12})_(\d{1,12})$")


def _raw_ballot(form: dict[str, str]) -> dict[Key, Any]:
    """Every ballot field `v<option>_<criterion or 0>` as typed ("" is no value); the service checks that
    the options belong to the round and the values to its rules."""
    out: dict[Key, Any] = {}
    for name, raw in form.items():
        m = _FIELD.match(name)
        if m:
            out[(int(m.group(1)), int(m.group(2)) or None)] = raw.strip() or None
    return out


def _send_ballot(
    request: Request, lang: str, db: Database, code: str, token: str, form: dict[str, str]
) -> Response:
    """The hot path of a full room: the round's id in one query, then the service's two transactions;
    the page's whole state is read only to show a refusal."""
    round_id = ballot_service.round_id_for(db, code) if code else None
    if round_id is None:
        if _wants_json(request):
            return JSONResponse({"error": t("voter.wrong_code", lang, code=code)}, status_code=404)
        return RedirectResponse(_url(code=code, lang=lang), status_code=303)
    error = ""
    try:
        got = ballot_service.submit_ballot(
            db,
            round_id,
            token,
            _raw_ballot(form),
            language=lang,
            key=form.get("key"),
            phone=_phone_id(request) or None,
        )
    except RoundNotOpen:
        error = t("voter.closed_meanwhile", lang)
    except CardRequired:
        error = t("voter.card_required", lang)
    except PhoneFull as e:
        error = t("voter.phone_full", lang, n=e.used, max=e.limit)
    except DomainError as e:
        error = t("voter.problems", lang) + "\n" + "\n".join(f"– {m}" for m in e.messages)
    if error:
        if _wants_json(request):
            return _finish(request, JSONResponse({"error": error}, status_code=422), lang)
        vs = ballot_service.voter_state(db, code, token)
        if vs is None:
            return RedirectResponse(_url(code=code, lang=lang), status_code=303)
        values, typed = _ballot_values(vs, form)
        return _render(
            request,
            lang,
            "ballot",
            vs=vs,
            token=token,
            values={k: v for k, v in values.items() if v not in (None, "", 0)},
            typed=typed,
            messages=[("err", error)],
            sent=bool(vs.ballot),
            status=422,
        )
    next_url = _url(code=code, p=token, lang=lang, sent=2 if got.updated else 1, r=got.ballot_id)
    if _wants_json(request):
        body = {"receipt": got.ballot_id, "updated": got.updated, "at": got.at.isoformat(), "next": next_url}
        return _finish(request, JSONResponse(body), lang, token)
    return _finish(request, RedirectResponse(next_url, status_code=303), lang, token)


ROUTES = [
    Route("/voter", voter_page, methods=["GET", "HEAD"]),
    Route("/voter", voter_post, methods=["POST"]),
]
