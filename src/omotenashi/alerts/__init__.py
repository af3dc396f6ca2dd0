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

from omotenashi.i18n import LANGUAGES

EASY_JAPANESE = "ja-x-easy"
"""Easy Japanese (やさしい日本語), as a BCP 47 private-use tag on Japanese. JMA's multilingual
dictionaries carry it beside the foreign languages; for a visitor who reads some Japanese it is
often clearer than a translation."""

ALERT_LANGUAGES: tuple[str, ...] = (*(language.code for language in LANGUAGES), EASY_JAPANESE)
"""Every language an alert can be rendered in: the JTA "Safety tips" 15, then easy Japanese."""
