"""Request ids, access logs, Prometheus metrics, and the health endpoints."""

from __future__ import annotations

import json
import re
import time
import uuid
from urllib.parse import urlsplit

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from sqlalchemy import text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from omotenashi import db
from omotenashi.errors import problem_body

log = structlog.get_logger("omotenashi.http")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class HttpMetrics:
    """Request counts and latency per route template, in a registry of the app's own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "omotenashi_http_requests_total",
            "HTTP requests by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "omotenashi_http_request_duration_seconds",
            "HTTP request latency by method and route template.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )


def route_template(scope: Scope) -> str:
    """The matched route's template (``/v1/visitors/{id}``), never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    if scope.get("path", "").startswith("/static/"):
        return "/static"
    return "unmatched"


class RequestContextMiddleware:
    """Gives every request an id (kept from X-Request-ID when sane), logs and measures it."""

    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(scope)
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(elapsed)
            log.info(
                "http.request",
                method=method,
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )
            structlog.contextvars.unbind_contextvars("request_id")


router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    """For a load balancer's liveness check: answers 200 while the process runs, without touching
    the database."""
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers and its schema is at the newest migration")
async def readyz(request: Request) -> JSONResponse:
    """For a load balancer's readiness check: 200 only when the database answers and its schema is
    current; send traffic elsewhere otherwise."""
    engine = request.app.state.engine
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        current = await db.current_revision(engine)
    except Exception as exc:
        log.warning("readyz.database_unreachable", error=type(exc).__name__)
        return _not_ready(request, "The database does not answer.")
    head = request.app.state.head_revision
    if current != head:
        return _not_ready(request, f"The database schema is at {current}, not at {head}.")
    return JSONResponse({"status": "ready", "database": "ok", "schema": current})


def _not_ready(request: Request, detail: str) -> JSONResponse:
    body = problem_body(
        status=503,
        code="not_ready",
        title="Not ready",
        detail=detail,
        request_id=getattr(request.state, "request_id", None),
    )
    return JSONResponse(body, status_code=503, media_type="application/problem+json")


CSP_REPORTS = "/csp-reports"


@router.post(CSP_REPORTS, include_in_schema=False, status_code=204)
async def csp_report(request: Request) -> Response:
    """Where browsers report what our Content-Security-Policy blocked: a page the policy broke
    shows up in the log (the directive and the blocked origin only, never the page's address)."""
    try:
        body = json.loads(await request.body())
    except ValueError:
        return Response(status_code=204)
    reports = body if isinstance(body, list) else [body]
    for report in reports[:10]:
        if not isinstance(report, dict):
            continue
        details = report.get("csp-report") or report.get("body") or {}
        if not isinstance(details, dict):
            continue
        directive = details.get("effective-directive") or details.get("effectiveDirective")
        blocked = details.get("blocked-uri") or details.get("blockedURL") or ""
        log.warning("csp.violation", directive=str(directive)[:64], blocked=_origin(str(blocked)))
    return Response(status_code=204)


def _origin(uri: str) -> str:
    """Where a blocked resource came from, without its path or query (which may hold ids);
    keywords such as "inline" or "data" as they are."""
    if "://" not in uri:
        return uri[:32]
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}"


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    registry = request.app.state.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
