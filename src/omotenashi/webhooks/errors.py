"""Webhook errors."""

from __future__ import annotations

from omotenashi.errors import ConflictError, NotFoundError, ValidationFailedError


class EndpointNotFoundError(NotFoundError):
    code = "webhook_endpoint_not_found"
    title = "No such webhook endpoint"


class DeliveryNotFoundError(NotFoundError):
    code = "webhook_delivery_not_found"
    title = "No such webhook delivery"


class InvalidEndpointError(ValidationFailedError):
    code = "invalid_webhook_endpoint"
    title = "The webhook endpoint is not valid"


class TooManyEndpointsError(ConflictError):
    code = "too_many_webhook_endpoints"
    title = "The servicer has as many webhook endpoints as it may"


class EndpointDisabledError(ConflictError):
    code = "webhook_endpoint_disabled"
    title = "The webhook endpoint is disabled"
