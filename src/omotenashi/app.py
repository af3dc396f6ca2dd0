"""The FastAPI application factory."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from urllib.parse import quote

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from omotenashi import __version__, db, openapi, text
from omotenashi.alerts import stream as alert_stream
from omotenashi.alerts.api import LARGE_BODIES as ALERT_DOCUMENTS
from omotenashi.alerts.api import router as alerts_api
from omotenashi.alerts.pages import router as alerts_pages
from omotenashi.auth.api import router as auth_api
from omotenashi.auth.oidc_pages import anyone as oidc_pages
from omotenashi.auth.oidc_pages import anyone_forms as oidc_forms
from omotenashi.auth.oidc_pages import visitor as oidc_visitor_pages
from omotenashi.auth.pages import router as auth_pages
from omotenashi.auth.staff_pages import router as staff_sign_in_pages
from omotenashi.carriers.api import router as carriers_api
from omotenashi.carriers.pages import router as carriers_pages
from omotenashi.clients.api import router as clients_api
from omotenashi.clients.pages import router as clients_pages
from omotenashi.consent.api import router as consent_api
from omotenashi.consent.pages import router as consent_pages
from omotenashi.content.api import router as content_api
from omotenashi.content.pages import router as content_pages
from omotenashi.conversation import pages as conversation_pages
from omotenashi.conversation import stream as conversation_stream
from omotenashi.developers.api import router as developers_api
from omotenashi.developers.pages import router as developers_pages
from omotenashi.errors import PROBLEM_JSON, AppError, FieldError, problem_body
from omotenashi.feedback.api import router as feedback_api
from omotenashi.feedback.pages import router as feedback_pages
from omotenashi.i18n import translations
from omotenashi.i18n.markers import N_
from omotenashi.middleware import (
    BodyLimit,
    BodyTooLarge,
    ReadYourWrites,
    SecurityHeaders,
    UnhandledErrors,
)
from omotenashi.observability import HttpMetrics, RequestContextMiddleware
from omotenashi.observability import router as operations_router
from omotenashi.operations.api import router as operations_api
from omotenashi.operations.pages import router as operator_pages
from omotenashi.partners.api import LARGE_BODIES as PARTNER_UPLOADS
from omotenashi.partners.api import router as partners_api
from omotenashi.partners.pages import router as partners_pages
from omotenashi.payments.api import install as install_charges
from omotenashi.payments.api import router as payments_api
from omotenashi.payments.pages import router as payments_pages
from omotenashi.portal.pages import router as portal_pages
from omotenashi.privacy.api import router as privacy_api
from omotenashi.privacy.pages import router as privacy_pages
from omotenashi.registration.api import router as visitors_api
from omotenashi.registration.pages import router as registration_pages
from omotenashi.resolve.api import install as install_resolve
from omotenashi.resolve.api import router as resolve_api
from omotenashi.resolve.pages import router as resolve_pages
from omotenashi.runtime import Platform
from omotenashi.sandbox.api import router as sandbox_api
from omotenashi.sandbox.pages import forms as sandbox_forms
from omotenashi.sandbox.pages import router as sandbox_pages
from omotenashi.security.api import router as keys_api
from omotenashi.servicers.api import router as servicers_api
from omotenashi.servicers.pages import router as console_pages
from omotenashi.servicers.staff_pages import router as staff_pages
from omotenashi.staff.api import router as staff_api
from omotenashi.statistics.api import router as statistics_api
from omotenashi.statistics.pages import router as statistics_pages
from omotenashi.taxfree.api import router as taxfree_api
from omotenashi.taxfree.pages import router as taxfree_pages
from omotenashi.translation.api import router as translation_api
from omotenashi.web import (
    STATIC,
    SignInRequired,
    redirect,
    render,
    request_language,
    template_environment,
)
from omotenashi.webhooks.api import public as webhook_types_api
from omotenashi.webhooks.api import router as webhooks_api
from omotenashi.webhooks.pages import forms as webhook_forms
from omotenashi.webhooks.pages import router as webhook_pages

log = structlog.get_logger(__name__)

API_PREFIXES = ("/v1/", "/healthz", "/readyz", "/metrics", "/openapi.json")

# What a person sees on an HTML page for each status; JSON clients get problem+json instead.
PAGE_PROBLEMS = {
    403: (
        N_("This action is not allowed"),
        N_("If you were filling in a form, reload the page and try again."),
    ),
    404: (N_("Page not found"), N_("There is no page at this address.")),
    405: (N_("This action is not possible here"), N_("The page does not accept this action.")),
    409: (
        N_("This was already done or has changed"),
        N_("Go back and reload the page to see where things stand."),
    ),
    422: (N_("Some input is not valid"), N_("Go back, check what you entered and try again.")),
    429: (N_("Too many attempts"), N_("Please wait a minute, then try again.")),
    500: (
        N_("Something went wrong on our side"),
        N_("Your data is safe. Please try again in a moment."),
    ),
}


def create_app(platform: Platform) -> FastAPI:
    settings = platform.settings
    standby = (
        db.Standby(
            settings.read_database_url.get_secret_value(),
            max_lag=settings.read_max_lag,
        )
        if settings.read_database_url is not None
        else None
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        timeout = platform.settings.database_timeout
        app.state.engine = db.create_engine(platform.database_url, timeout=timeout)
        app.state.sessions = db.session_factory(app.state.engine)
        # Rate limits take a connection while the request's transaction holds one; from the
        # same pool, enough concurrent requests would each wait for the other's connection.
        app.state.rate_limit_engine = db.create_engine(
            platform.database_url, pool_size=4, timeout=timeout
        )
        # For routes whose every write is one statement (resolve), so none pays a BEGIN and a
        # COMMIT; their rate limit takes the same connection.
        app.state.autocommit_engine = db.create_engine(
            platform.database_url, pool_size=10, autocommit=True, timeout=timeout
        )
        # `POST /v1/resolve`'s own pool (DESIGN §4: the hot path on raw asyncpg).
        app.state.resolve_pool = await db.create_raw_pool(
            platform.database_url, size=10, statement_timeout=timeout
        )
        # Read-heavy pages and APIs read a streaming standby when one is configured and close
        # enough behind (see `deps.ReadSession`).
        app.state.standby = standby
        # Wakes open pages' alert streams; it connects only when a stream first waits.
        app.state.alert_bell = alert_stream.Bell(platform.database_url)
        # Wakes both screens of a conversation when either says something, in any process.
        app.state.switchboard = conversation_stream.Switchboard(platform.database_url)
        try:
            yield
        finally:
            await app.state.alert_bell.close()
            await app.state.switchboard.close()
            await app.state.engine.dispose()
            await app.state.autocommit_engine.dispose()
            await app.state.resolve_pool.close()
            await app.state.rate_limit_engine.dispose()
            if standby is not None:
                await standby.dispose()

    app = FastAPI(
        title="Omotenashi Cloud API",
        version=__version__,
        summary="Register once; every participating service serves the visitor to their needs.",
        lifespan=lifespan,
        # Served from the package's own copies of Swagger UI and ReDoc (see ``_install_docs``).
        docs_url=None,
        redoc_url=None,
    )
    app.state.platform = platform
    app.state.templates = template_environment()
    app.state.head_revision = db.head_revision()
    app.state.metrics = HttpMetrics()
    # Innermost first: the last word on errors, then ids and metrics (which see its 500), the
    # body cap, the security headers on every answer, and compression outside all of them.
    app.add_middleware(UnhandledErrors, handler=_unexpected)
    if standby is not None:
        # The writer's own reads skip the standby for longer than it may lag behind.
        seconds = math.ceil(standby.max_lag + standby.check_every) + 1
        app.add_middleware(ReadYourWrites, seconds=seconds)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    app.add_middleware(BodyLimit, larger={**ALERT_DOCUMENTS, **PARTNER_UPLOADS})
    app.add_middleware(SecurityHeaders)
    # Pages and scripts reach phones on weak connections; event streams are left alone.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    _install_error_handlers(app)
    _install_docs(app)
    app.include_router(operations_router)
    install_resolve(app)  # the hot path, ahead of every router
    install_charges(app)  # and the till's, beside it
    for api in (
        auth_api,
        clients_api,
        resolve_api,
        visitors_api,
        carriers_api,
        consent_api,
        privacy_api,
        servicers_api,
        staff_api,
        operations_api,
        content_api,
        translation_api,
        alerts_api,
        keys_api,
        payments_api,
        developers_api,
        webhook_types_api,
        webhooks_api,
        feedback_api,
        statistics_api,
        partners_api,
        sandbox_api,
        taxfree_api,
    ):
        app.include_router(api)
    for pages in (
        portal_pages,
        auth_pages,
        oidc_pages,
        oidc_forms,
        oidc_visitor_pages,
        registration_pages,
        carriers_pages,
        consent_pages,
        privacy_pages,
        staff_sign_in_pages,
        staff_pages,
        resolve_pages,
        console_pages,
        clients_pages,
        operator_pages,
        feedback_pages,
        statistics_pages,
        alerts_pages,
        content_pages,
        payments_pages,
        *conversation_pages.routers,
        webhook_pages,
        webhook_forms,
        developers_pages,
        partners_pages,
        sandbox_pages,
        sandbox_forms,
        taxfree_pages,
    ):
        app.include_router(pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    openapi.install(app)  # every operation's errors, as problem+json
    return app


MAX_FIELD_ERRORS = 50
DATA_EXCEPTION = "22"  # SQLSTATE class 22: data exception


def _sqlstate(exc: DBAPIError) -> str:
    for candidate in (exc.orig, getattr(exc.orig, "__cause__", None)):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return ""


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith(API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def _problem(
    request: Request,
    status: int,
    code: str,
    title: str,
    detail: str,
    fields: tuple[FieldError, ...] = (),
    extra: dict[str, object] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if _wants_html(request):
        page_title, page_detail = PAGE_PROBLEMS.get(status, (title, detail))
        gettext = translations(request_language(request).code).gettext
        return render(
            request,
            "error.html",
            {"title": gettext(page_title), "detail": gettext(page_detail)},
            status,
            headers,  # a page refused with 429 says when to come back, as the API does
        )
    body = problem_body(
        status=status,
        code=code,
        title=title,
        detail=detail,
        instance=request.url.path,
        request_id=getattr(request.state, "request_id", None),
        fields=fields,
        extra=extra,
    )
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, exc: SignInRequired) -> Response:
        return redirect(f"{exc.sign_in_path}?next={quote(exc.next_path)}")

    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> Response:
        return _problem(
            request,
            exc.status,
            exc.code,
            exc.title,
            exc.message,
            exc.fields,
            exc.extra,
            exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        fields = tuple(
            FieldError(
                field=".".join(str(part) for part in error.get("loc", ())),
                message=str(error.get("msg", "invalid")),
                code=str(error.get("type", "invalid")),
            )
            for error in errors[:MAX_FIELD_ERRORS]
        )
        # A body of ten thousand bad items gets the first few reasons, not a megabyte of them.
        extra: dict[str, object] | None = (
            {"errors_total": len(errors)} if len(errors) > MAX_FIELD_ERRORS else None
        )
        if _wants_html(request) and any(field.code == text.CODE for field in fields):
            # A form without field errors of its own: say what is wrong, if not where.
            gettext = translations(request_language(request).code).gettext
            context = {"title": gettext(text.PAGE_TITLE), "detail": gettext(text.PAGE_DETAIL)}
            return render(request, "error.html", context, 422)
        return _problem(
            request,
            422,
            "validation_failed",
            "Some fields are not valid",
            "Correct the fields listed in errors and send the request again.",
            fields,
            extra,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        phrase = HTTPStatus(exc.status_code).phrase
        code = phrase.lower().replace(" ", "_").replace("-", "_")
        detail = exc.detail if isinstance(exc.detail, str) else phrase
        if isinstance(exc, BodyTooLarge):
            code, phrase = "request_too_large", "Request body too large"
            detail = f"The request body is larger than {_size(exc.limit)}; nothing was stored."
        return _problem(
            request, exc.status_code, code, phrase, detail, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> Response:
        # Data PostgreSQL cannot hold (a NUL byte, an unpaired surrogate, a number out of range)
        # is bad input, whichever field carried it; anything else is a bug.
        if _sqlstate(exc).startswith(DATA_EXCEPTION):
            log.info("http.rejected_data", sqlstate=_sqlstate(exc))
            return _problem(
                request,
                422,
                "invalid_input",
                "Some input cannot be stored",
                "The request holds characters or values that are not allowed.",
            )
        return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug: one log event with the traceback (never its frames' variables), and a plain 500.
    The database out of reach (down, restarting, cut off, too slow) is no bug: a 503 to retry."""
    if db.is_unavailable(exc):
        log.warning("http.database_unavailable", error=type(exc).__name__)
        if _wants_html(request):
            gettext = translations(request_language(request).code).gettext
            title, detail = PAGE_PROBLEMS[500]
            context = {"title": gettext(title), "detail": gettext(detail)}
            return render(request, "error.html", context, 503, {"Retry-After": "5"})
        return _problem(
            request,
            503,
            "database_unavailable",
            "Database unavailable",
            "The database cannot be reached just now; nothing was changed. Try again shortly.",
            headers={"Retry-After": "5"},
        )
    log.error("http.unhandled", error=type(exc).__name__, exc_info=exc)
    return _problem(
        request,
        500,
        "internal_error",
        "Internal error",
        "The server failed to serve this request; it has been logged.",
    )


def _install_docs(app: FastAPI) -> None:
    """/docs from the package's vendored Swagger UI, started by a script file rather than inline
    code, so it works with no internet and under the pages' Content-Security-Policy."""

    def page(title: str, head: str, body: str) -> HTMLResponse:
        return HTMLResponse(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>{head}</head><body>{body}</body></html>"
        )

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return page(
            "Omotenashi Cloud API",
            '<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">',
            '<div id="swagger-ui" data-openapi="/openapi.json"></div>'
            '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>'
            '<script src="/static/api-docs.js"></script>',
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> Response:
        # ReDoc fetches its maker's logo from the internet; one documentation page is enough.
        return redirect("/docs")
