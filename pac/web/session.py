"""The facilitator's sign-in cookie, set and cleared by the server (never by a script of the page).

After the login form, Streamlit keeps the new session's token in the server's memory under a one-time
signed ticket (`pac.services.auth.handoff_ticket`) and sends the browser to `/auth/session?ticket=…`;
this route redeems the ticket and answers with the cookie — HttpOnly, SameSite=Strict, Secure when the
page came over HTTPS — then sends the browser back to the page it was on.  The cookie travels with
every request of the app, the websocket's included, which is how a reload or a server restart finds
the facilitator signed in."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pac.services import auth

COOKIE = "pac_session"


def _safe_next(raw: str | None) -> str:
    """A path of this server only (never another site: an open redirect would help a phishing link)."""
    if not raw or not raw.startswith("/") or raw.startswith("//") or "\\" in raw:
        return "/"
    return raw


def _is_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


def set_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=auth.SESSION_HOURS * 3600 if token else 0,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_is_https(request),
    )


def session_route(request: Request) -> Response:
    token = auth.redeem_ticket(request.query_params.get("ticket", ""))
    response = RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    if token is not None:  # "" after a logout: the cookie is cleared
        set_cookie(response, request, token)
    return response


ROUTES = [Route("/auth/session", session_route, methods=["GET"])]
