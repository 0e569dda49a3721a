"""Every route and middleware that serve.py mounts beside Streamlit."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from pac.web import phone, session

ROUTES: list[BaseRoute] = [*phone.ROUTES, *session.ROUTES]
MIDDLEWARE: list[Middleware] = []
