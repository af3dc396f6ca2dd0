"""Disaster alerts for visitors: the catalogue of alert types (``catalogue``), the areas they cover
(``areas``), fixed-phrase rendering in every visitor language (``phrases``, ``render``) and the
reading of the Japan Meteorological Agency's XML reports (``jma``).

Those are pure: no database, no network, no clock. The rules that store and send alerts are one
module per concern, each taking the caller's session and never committing: ``lifecycle`` (ingest,
compose and approve, issue, cancel), ``reading`` (an alert, its state, the alerts in force),
``verification`` (a forwarded copy), ``fanout`` (who is told, delivery jobs), ``subscriptions``
(push), ``location`` (a coarse cell), ``safety`` (the safety check) and ``export``. The languages
an alert can be shown in are defined here because every module of the package keys data by them.
"""

from __future__ import annotations

from omotenashi.japan import EASY_JAPANESE, NAME_LANGUAGES

__all__ = ["ALERT_LANGUAGES", "EASY_JAPANESE"]

ALERT_LANGUAGES: tuple[str, ...] = NAME_LANGUAGES
"""Every language an alert can be rendered in: the JTA "Safety tips" 15, then easy Japanese."""
