"""The dashboard's web application: FastAPI (on Starlette) served by uvicorn, over a
read-only store.

GET (and HEAD) only. Pages: ``/`` (search and filter events), ``/event/ID``, ``/dyad``,
``/network``, ``/actors``. JSON: ``/api/events``, ``/api/event/ID``, ``/api/dyad``,
``/api/network``, ``/api/actors``. The framework does the routing, checks and converts
the query parameters (a bad one is a 400 naming it), refuses requests whose Host is not
this machine when bound to loopback (``TrustedHostMiddleware``: a web page elsewhere
cannot read the dashboard through DNS rebinding), serves the assets (``StaticFiles`` over
the installed plotly package's folder; the style sheet from ``report.CSS``) and runs
each request in a worker thread. Each request queries through a DuckDB cursor of its
own (``Store._borrow``), so one request's failure or memory cannot fail another's.
"""

from __future__ import annotations

import json
import math
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.staticfiles import StaticFiles

from .. import analysis
from ..errors import ConfigError, DetenteError, StoreError
from ..report import CSS
from ..store import Store
from . import pages

PER_PAGE = 50
MAX_PAGE = 1_000_000  # more pages than any store holds; larger numbers are a 400
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
TRUSTED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
GET = ["GET", "HEAD"]

Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]
CountChoice = Literal["events", "reports"]
PeriodChoice = Literal["day", "week", "month", "quarter", "year"]
ScopeChoice = Literal["all", "international", "domestic"]


def plotly_folder() -> Path:
    """The installed plotly package's folder holding ``plotly.min.js``."""
    import plotly

    return Path(plotly.__file__).parent / "package_data"


def _json_value(value: Any) -> Any:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def as_json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=_json_value),
                    status_code=status, media_type="application/json; charset=utf-8")


def html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return as_json({"error": message}, status)
    return html(pages.error_page(status, message), status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        name = ".".join(str(p) for p in error.get("loc", ())[1:]) or "parameter"
        parts.append(f"{name}: {error.get('msg', 'invalid value')}")
    return "bad parameter: " + "; ".join(parts)


@dataclass(frozen=True)
class EventQuery:
    """The filters of the events page and ``/api/events``, checked by the framework."""

    filters: dict[str, Any]
    page: int


def event_query(text: Text = None, actor: Text = None,
                type: Text = None, since: Text = None,  # noqa: A002 - the query's name
                until: Text = None, count: CountChoice = "events",
                scope: ScopeChoice = "all", page: Page = 1) -> EventQuery:
    values = {"text": text, "actor": actor, "type": type, "since": since, "until": until}
    filters: dict[str, Any] = {k: (v or "").strip() or None for k, v in values.items()}
    filters["count"] = count
    filters["scope"] = None if scope == "all" else scope
    return EventQuery(filters, page)


Filters = Annotated[EventQuery, Depends(event_query)]


def create_app(store: Store, *, trusted_hosts: list[str] | None = None) -> FastAPI:
    """The dashboard application over ``store``. ``trusted_hosts``: the Host names it
    answers (None: any, for a dashboard bound to a non-loopback address on purpose)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    if trusted_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=trusted_hosts,
                           www_redirect=False)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        if request.method not in GET:
            return Response(status_code=405, headers={"Allow": "GET, HEAD"})
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Content-Security-Policy"] = CSP
        if request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "max-age=3600"
        else:
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        return _error(request, 400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = f"no page {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        response = _error(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        missing = str(exc).startswith("no event with id")
        return _error(request, 404 if missing else 503, str(exc))

    @app.exception_handler(DetenteError)
    async def user_error(request: Request, exc: DetenteError):
        return _error(request, 400, str(exc))

    def events_of(filters: dict[str, Any], page: int) -> tuple[pd.DataFrame, int]:
        frame = analysis.events(store, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, **filters)
        total = store.count_events(
            count=filters["count"], actor=analysis.check_actor(filters["actor"]),
            type=analysis.check_type(filters["type"]), text=filters["text"],
            since=analysis.check_day(filters["since"]),
            until=analysis.check_day(filters["until"], end=True), scope=filters["scope"])
        return frame, total

    @app.api_route("/", methods=GET, response_class=HTMLResponse)
    def events_page(query: Filters):
        frame, total = events_of(query.filters, query.page)
        return html(pages.events_page(frame, total, query.filters, page=query.page,
                                      per_page=PER_PAGE))

    @app.api_route("/api/events", methods=GET)
    def events_json(query: Filters):
        frame, total = events_of(query.filters, query.page)
        return as_json({"total": total, "page": query.page, "per_page": PER_PAGE,
                        "events": records(frame)})

    @app.api_route("/event/{event_id:path}", methods=GET, response_class=HTMLResponse)
    def event_page(event_id: str):
        return html(pages.event_page(analysis.show(store, event_id)))

    @app.api_route("/api/event/{event_id:path}", methods=GET)
    def event_json(event_id: str):
        detail = analysis.show(store, event_id)
        return as_json({"event": {k: _json_value(v) for k, v in detail.event.items()},
                        "article": {k: _json_value(v) for k, v in detail.article.items()},
                        "reports": records(detail.reports),
                        "marks": [list(m) for m in detail.marks]})

    def dyad_of(a: str | None, b: str | None, by: str, scope: str
                ) -> tuple[analysis.Dyad | None, dict[str, Any]]:
        form: dict[str, Any] = {"a": a, "b": b, "by": by, "scope": scope}
        if not a and not b:
            pairs = analysis.top_dyads(store, 1, scope=scope)
            if not pairs:
                return None, form
            form["a"], form["b"] = pairs[0]
        return analysis.dyad(store, form["a"] or "", form["b"] or "", by=by,
                             scope=scope), form

    @app.api_route("/dyad", methods=GET, response_class=HTMLResponse)
    def dyad_page(a: Text = None, b: Text = None, by: PeriodChoice = "month",
                  scope: ScopeChoice = "all"):
        dyad, form = dyad_of(a, b, by, scope)
        return html(pages.dyad_page(dyad, form, analysis.top_dyads(store, 8, scope=scope)))

    @app.api_route("/api/dyad", methods=GET)
    def dyad_json(a: Text = None, b: Text = None, by: PeriodChoice = "month",
                  scope: ScopeChoice = "all"):
        dyad, _ = dyad_of(a, b, by, scope)
        if dyad is None:
            return as_json({"error": "no events between two actors yet"}, 404)
        return as_json({"a": dyad.a, "b": dyad.b, "by": dyad.by,
                        "timeline": records(dyad.timeline), "top": records(dyad.top),
                        "undated": dyad.undated})

    @app.api_route("/network", methods=GET, response_class=HTMLResponse)
    def network_page(scope: ScopeChoice = "all"):
        return html(pages.network_page(analysis.network(store, scope=scope),
                                       analysis.network(store, directed=False, scope=scope),
                                       scope=scope))

    @app.api_route("/api/network", methods=GET)
    def network_json(scope: ScopeChoice = "all"):
        return as_json({"edges": records(analysis.network(store, scope=scope))})

    @app.api_route("/actors", methods=GET, response_class=HTMLResponse)
    def actors_page(scope: ScopeChoice = "all"):
        return html(pages.actors_page(analysis.actors(store, top=50, scope=scope),
                                      scope=scope))

    @app.api_route("/api/actors", methods=GET)
    def actors_json(scope: ScopeChoice = "all"):
        return as_json({"actors": records(analysis.actors(store, top=100, scope=scope))})

    @app.api_route("/static/style.css", methods=GET)
    def style():
        return Response(CSS, media_type="text/css; charset=utf-8")

    @app.api_route("/favicon.ico", methods=GET)
    def favicon():
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=plotly_folder()), name="static")
    return app


class DashboardServer:
    """A uvicorn server on a socket that is already bound (so port 0 names its port)."""

    def __init__(self, app: FastAPI, sock: socket.socket, *, quiet: bool = False) -> None:
        import uvicorn

        self.socket = sock
        self.config = uvicorn.Config(app, log_level="warning" if quiet else "info",
                                     access_log=not quiet, lifespan="off",
                                     timeout_keep_alive=5,
                                     log_config=None if quiet else uvicorn.config.LOGGING_CONFIG)
        self.server = uvicorn.Server(self.config)
        self._running = threading.Event()
        self._done = threading.Event()

    @property
    def server_address(self) -> tuple[str, int]:
        host, port = self.socket.getsockname()[:2]
        return host, port

    @property
    def url(self) -> str:
        host, port = self.server_address
        return f"http://{host}:{port}/" if ":" not in str(host) else f"http://[{host}]:{port}/"

    def serve_forever(self) -> None:
        self._running.set()
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self._running.clear()
            self._done.set()

    def shutdown(self) -> None:
        """Ask the server to stop, and wait until it has (as ``socketserver`` does)."""
        self.server.should_exit = True
        if self._running.is_set():
            self._done.wait(timeout=30)

    def server_close(self) -> None:
        self.socket.close()


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8765, *,
                quiet: bool = False) -> DashboardServer:
    """A dashboard server bound to ``host:port`` (port 0: any free port), not yet serving.
    Bound to loopback, it answers only requests addressed to this machine by name."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
    trusted = TRUSTED_HOSTS if host in LOOPBACK_NAMES else None
    return DashboardServer(create_app(store, trusted_hosts=trusted), sock, quiet=quiet)


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8765,
          announce: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(store, host, port)
    if announce is not None:
        announce(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def start_in_thread(store: Store, host: str = "127.0.0.1", port: int = 0
                    ) -> tuple[DashboardServer, threading.Thread]:
    """A quiet server running in a daemon thread, for tests and notebooks; call
    ``server.shutdown()`` then join the thread and ``server.server_close()`` to stop it."""
    server = make_server(store, host, port, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _wait_started(server)
    return server, thread


def _wait_started(server: DashboardServer, timeout: float = 10.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while not server.server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    return server.server.started
