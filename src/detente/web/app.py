"""The dashboard's HTTP server: the standard library's ``ThreadingHTTPServer`` over a
read-only store.

GET only. Pages: ``/`` (search and filter events), ``/event/ID``, ``/dyad``,
``/network``, ``/actors``. JSON: ``/api/events``, ``/api/event/ID``, ``/api/dyad``,
``/api/network``, ``/api/actors``. Assets (``/static/plotly.min.js`` from the installed
plotly package, ``/static/style.css``) never come from the network. Requests whose Host
is not this machine are refused, so a web page elsewhere cannot read the dashboard
through DNS rebinding.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd

from .. import analysis
from ..errors import ConfigError, DetenteError, StoreError
from ..report import CSS
from ..store import Store
from . import pages

PER_PAGE = 50
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@cache
def plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


class Response:
    def __init__(self, status: int, body: bytes | str, content_type: str,
                 cache_seconds: int = 0) -> None:
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.content_type = content_type
        self.cache_seconds = cache_seconds


def html(body: str, status: int = 200) -> Response:
    return Response(status, body, "text/html; charset=utf-8")


def as_json(data: Any, status: int = 200) -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False, default=_json_value),
                    "application/json; charset=utf-8")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _json_value(value: Any) -> Any:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


class Dashboard:
    """Routes a GET path and query to a response. Holds the store; no state of its own."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.routes: dict[str, Callable[[dict[str, str]], Response]] = {
            "/": self.events_page, "/dyad": self.dyad_page, "/network": self.network_page,
            "/actors": self.actors_page, "/api/events": self.events_json,
            "/api/dyad": self.dyad_json, "/api/network": self.network_json,
            "/api/actors": self.actors_json,
        }

    def handle(self, path: str, query: dict[str, str]) -> Response:
        api = path.startswith("/api/")
        try:
            if path == "/static/plotly.min.js":
                return Response(200, plotly_js(), "text/javascript; charset=utf-8", 86400)
            if path == "/static/style.css":
                return Response(200, CSS, "text/css; charset=utf-8", 3600)
            if path == "/favicon.ico":
                return Response(204, b"", "image/x-icon", 86400)
            if path.startswith("/event/"):
                return self.event_page(unquote(path[len("/event/"):]))
            if path.startswith("/api/event/"):
                return self.event_json(unquote(path[len("/api/event/"):]))
            route = self.routes.get(path)
            if route is None:
                return self.error(404, f"no page {path}", api)
            return route(query)
        except StoreError as exc:
            missing = str(exc).startswith("no event with id")
            return self.error(404 if missing else 500, str(exc), api)
        except DetenteError as exc:
            return self.error(400, str(exc), api)

    @staticmethod
    def error(status: int, message: str, api: bool) -> Response:
        if api:
            return as_json({"error": message}, status)
        return html(pages.error_page(status, message), status)

    # ------------------------------------------------------------------ pages

    def _event_filters(self, query: dict[str, str]) -> tuple[dict[str, Any], int]:
        filters = {k: (query.get(k) or "").strip() or None
                   for k in ("text", "actor", "type", "since", "until")}
        filters["count"] = "reports" if query.get("count") == "reports" else "events"
        try:
            page = max(1, int(query.get("page") or 1))
        except ValueError:
            page = 1
        return filters, page

    def _events(self, filters: dict[str, Any], page: int) -> tuple[pd.DataFrame, int]:
        frame = analysis.events(self.store, limit=PER_PAGE, offset=(page - 1) * PER_PAGE,
                                **filters)
        total = self.store.count_events(
            count=filters["count"], actor=analysis.check_actor(filters["actor"]),
            type=analysis.check_type(filters["type"]), text=filters["text"],
            since=analysis.check_day(filters["since"]),
            until=analysis.check_day(filters["until"], end=True))
        return frame, total

    def events_page(self, query: dict[str, str]) -> Response:
        filters, page = self._event_filters(query)
        try:
            frame, total = self._events(filters, page)
        except DetenteError as exc:
            return html(pages.error_page(400, str(exc)), 400)
        return html(pages.events_page(frame, total, filters, page=page, per_page=PER_PAGE))

    def event_page(self, event_id: str) -> Response:
        return html(pages.event_page(analysis.show(self.store, event_id)))

    def _dyad(self, query: dict[str, str]) -> tuple[analysis.Dyad | None, dict[str, Any]]:
        form = {"a": query.get("a"), "b": query.get("b"), "by": query.get("by") or "month"}
        if not form["a"] and not form["b"]:
            pairs = analysis.top_dyads(self.store, 1)
            if not pairs:
                return None, form
            form["a"], form["b"] = pairs[0]
        return analysis.dyad(self.store, form["a"] or "", form["b"] or "", by=form["by"]), form

    def dyad_page(self, query: dict[str, str]) -> Response:
        dyad, form = self._dyad(query)
        return html(pages.dyad_page(dyad, form, analysis.top_dyads(self.store, 8)))

    def network_page(self, query: dict[str, str]) -> Response:
        return html(pages.network_page(analysis.network(self.store),
                                       analysis.network(self.store, directed=False)))

    def actors_page(self, query: dict[str, str]) -> Response:
        return html(pages.actors_page(analysis.actors(self.store, top=50)))

    # ------------------------------------------------------------------ JSON

    def events_json(self, query: dict[str, str]) -> Response:
        filters, page = self._event_filters(query)
        frame, total = self._events(filters, page)
        return as_json({"total": total, "page": page, "per_page": PER_PAGE,
                        "events": records(frame)})

    def event_json(self, event_id: str) -> Response:
        detail = analysis.show(self.store, event_id)
        return as_json({"event": {k: _json_value(v) for k, v in detail.event.items()},
                        "article": {k: _json_value(v) for k, v in detail.article.items()},
                        "reports": records(detail.reports),
                        "marks": [list(m) for m in detail.marks]})

    def dyad_json(self, query: dict[str, str]) -> Response:
        dyad, _ = self._dyad(query)
        if dyad is None:
            return as_json({"error": "no events between two actors yet"}, 404)
        return as_json({"a": dyad.a, "b": dyad.b, "by": dyad.by,
                        "timeline": records(dyad.timeline), "top": records(dyad.top),
                        "undated": dyad.undated})

    def network_json(self, query: dict[str, str]) -> Response:
        return as_json({"edges": records(analysis.network(self.store))})

    def actors_json(self, query: dict[str, str]) -> Response:
        return as_json({"actors": records(analysis.actors(self.store, top=100))})


class DashboardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], dashboard: Dashboard, *,
                 quiet: bool = False) -> None:
        self.dashboard = dashboard
        self.quiet = quiet
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/" if ":" not in str(host) else f"http://[{host}]:{port}/"


class Handler(BaseHTTPRequestHandler):
    server: DashboardServer
    server_version = "detente"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _refuse(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815 - read-only

    def _respond(self, *, head: bool) -> None:
        if not self._host_allowed():
            response = Response(403, "forbidden host\n", "text/plain; charset=utf-8")
        else:
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            response = self.server.dashboard.handle(parts.path, query)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", f"max-age={response.cache_seconds}"
                         if response.cache_seconds else "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(response.body)

    def _host_allowed(self) -> bool:
        """When bound to loopback, only requests addressed to this machine by name."""
        bound = str(self.server.server_address[0])
        if bound not in LOOPBACK_NAMES:
            return True
        host = (self.headers.get("Host") or "").strip()
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else \
            host.rsplit(":", 1)[0]
        return name in LOOPBACK_NAMES

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        if not self.server.quiet:
            super().log_message(format, *args)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8765, *,
                quiet: bool = False) -> DashboardServer:
    """A dashboard server bound to ``host:port`` (port 0: any free port), not yet serving."""
    try:
        return DashboardServer((host, port), Dashboard(store), quiet=quiet)
    except OSError as exc:
        raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc


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
    ``server.shutdown()`` and ``server.server_close()`` to stop it."""
    server = make_server(store, host, port, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
