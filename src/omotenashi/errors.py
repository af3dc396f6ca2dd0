"""Errors as RFC 9457 problem details: a stable ``code`` for machines, a message for people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    """One rejected input: where (``body.passport.number``) and why."""

    field: str
    message: str
    code: str = "invalid"


class AppError(Exception):
    """Base of every error the product raises on purpose. Subclass per domain."""

    status: int = HTTPStatus.BAD_REQUEST
    code: str = "bad_request"
    title: str = "The request cannot be served"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        fields: Sequence[FieldError] = (),
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.title
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.fields = tuple(fields)
        self.extra = extra or {}
        self.headers = headers or {}
        super().__init__(self.message)


class NotFoundError(AppError):
    status = HTTPStatus.NOT_FOUND
    code = "not_found"
    title = "Not found"


class ConflictError(AppError):
    status = HTTPStatus.CONFLICT
    code = "conflict"
    title = "Conflict with the current state"


class ForbiddenError(AppError):
    status = HTTPStatus.FORBIDDEN
    code = "forbidden"
    title = "Not allowed"


class UnauthorizedError(AppError):
    status = HTTPStatus.UNAUTHORIZED
    code = "unauthorized"
    title = "Authentication required"


class ValidationFailedError(AppError):
    status = HTTPStatus.UNPROCESSABLE_ENTITY
    code = "validation_failed"
    title = "Some fields are not valid"


class TooManyRequestsError(AppError):
    status = HTTPStatus.TOO_MANY_REQUESTS
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(
            message or f"Try again in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
            extra={"retry_after": retry_after},
        )


class UnavailableError(AppError):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = "unavailable"
    title = "Temporarily unavailable"


def problem_type(code: str) -> str:
    return f"urn:omotenashi:problem:{code}"


def problem_body(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    instance: str | None = None,
    request_id: str | None = None,
    fields: Sequence[FieldError] = (),
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if request_id:
        body["request_id"] = request_id
    if fields:
        body["errors"] = [{"field": f.field, "message": f.message, "code": f.code} for f in fields]
    if extra:
        body.update(extra)
    return body
