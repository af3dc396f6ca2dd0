"""Reference the developer page generates from the code itself: every problem ``code`` the API
can answer with, the rate limits, the changelog."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import omotenashi
from omotenashi.errors import AppError

PACKAGE = Path(omotenashi.__file__).parent
# Codes the application's own handlers answer with (app.py's ``_problem(request, status, code``).
_HANDLER_CODE = re.compile(r'_problem\(\s*request,\s*(\d{3}),\s*"([a-z_]+)"')
# The body cap's own code (app.py: ``code, phrase = "request_too_large", …`` for a 413).
_TOO_LARGE_CODE = re.compile(r'code, phrase = "([a-z_]+)"')


@dataclass(frozen=True)
class ProblemCode:
    code: str
    status: int
    title: str


def _error_modules() -> None:
    """Import every domain's ``errors`` module, so that each error class is known."""
    for module in pkgutil.iter_modules([str(PACKAGE)]):
        if module.ispkg and (PACKAGE / module.name / "errors.py").is_file():
            importlib.import_module(f"omotenashi.{module.name}.errors")


def _subclasses(kind: type[AppError]) -> list[type[AppError]]:
    found = []
    for sub in kind.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def problem_codes() -> list[ProblemCode]:
    """Every ``code`` of a problem+json answer: each error class's, and the handlers' own."""
    _error_modules()
    codes: dict[str, ProblemCode] = {}
    kinds: list[type[AppError]] = [AppError, *_subclasses(AppError)]
    for kind in kinds:
        codes.setdefault(kind.code, ProblemCode(kind.code, int(kind.status), kind.title))
    source = (PACKAGE / "app.py").read_text(encoding="utf-8")
    for status, code in _HANDLER_CODE.findall(source):
        codes.setdefault(code, ProblemCode(code, int(status), HTTPStatus(int(status)).phrase))
    for code in _TOO_LARGE_CODE.findall(source):
        codes.setdefault(code, ProblemCode(code, 413, "Request body too large"))
    # Statuses raised without a class of ours (404 for no route, 405): named as the handler
    # names them, from the status phrase.
    for status in (404, 405):
        phrase = HTTPStatus(status).phrase
        code = phrase.lower().replace(" ", "_").replace("-", "_")
        codes.setdefault(code, ProblemCode(code, status, phrase))
    return sorted(codes.values(), key=lambda c: (c.status, c.code))


@dataclass(frozen=True)
class Change:
    day: str
    text: str


# Newest first. Additions are not breaking; a breaking change gets a new version prefix.
CHANGELOG = (
    Change(
        "2026-12-05",
        "Catalogue 2026-12-05: status_of_residence and landing_date, asked by tax_free_sale.",
    ),
    Change("2026-12-04", "Signed webhooks (Standard Webhooks 1.0) and their delivery log."),
    Change("2026-12-04", "GET /v1/catalogue: attributes, vocabularies, purposes and scopes."),
    Change("2026-12-04", "The rotating QR format published, with test vectors."),
    Change("2026-12-01", "Payments: wallet, charges with Idempotency-Key, refunds, settlement."),
    Change("2026-11-27", "Alerts: JMA feeds, signed alerts, Web Push, safety check-in."),
    Change("2026-11-23", "/v1 opened: OAuth 2.0 client credentials, resolve, consent requests."),
)
