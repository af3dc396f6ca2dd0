"""Typed errors of the alerts domain."""

from __future__ import annotations

from collections.abc import Sequence

from omotenashi.errors import ConflictError, ForbiddenError, NotFoundError, ValidationFailedError

LISTED = 50
"""Most entries of a list that a problem or an ingest answer shows, beside a count of them all:
a report can name thousands of areas."""


class AlertNotFoundError(NotFoundError):
    code = "alert_not_found"
    title = "There is no such alert"


class InvalidAlertError(ValidationFailedError):
    code = "invalid_alert"
    title = "The alert is not valid"


class NoKnownAreaError(InvalidAlertError):
    """None of the alert's areas is a place we can reach anyone in: issued, it would tell
    nobody. The problem lists them (``unresolved_areas``, the first ``LISTED``, and
    ``unresolved_count``)."""

    code = "no_known_area"
    title = "None of the alert's areas is known"

    def __init__(self, unresolved: Sequence[str]) -> None:
        super().__init__(
            f"None of the {len(unresolved)} areas the alert names is a prefecture, municipality "
            "or JMA area we know, so it would reach nobody.",
            extra={
                "unresolved_areas": list(unresolved[:LISTED]),
                "unresolved_count": len(unresolved),
            },
        )


class AlertNotDraftError(ConflictError):
    code = "alert_not_draft"
    title = "The alert is no longer a draft"


class SecondOperatorRequiredError(ForbiddenError):
    code = "second_operator_required"
    title = "Another operator must approve this alert"


class FeedNotAllowedError(ForbiddenError):
    code = "alert_feed_not_allowed"
    title = "This client may not publish alerts"


class InvalidSubscriptionError(ValidationFailedError):
    code = "invalid_push_subscription"
    title = "The push subscription is not valid"


class SubscriptionNotFoundError(NotFoundError):
    code = "push_subscription_not_found"
    title = "There is no such push subscription"


class EmergencyConsentRequiredError(ConflictError):
    code = "emergency_consent_required"
    title = "Grant the emergency purpose first"


class InvalidLocationError(ValidationFailedError):
    code = "invalid_location"
    title = "The location is not valid"


class AlertNotAnswerableError(ConflictError):
    code = "alert_not_answerable"
    title = "This alert does not take safety answers"
