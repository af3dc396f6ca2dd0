"""Disaster alerts for visitors: the catalogue of alert types (``catalogue``), the areas they cover
(``areas``), fixed-phrase rendering in every visitor language (``phrases``, ``render``) and the
reading of the Japan Meteorological Agency's XML reports (``jma``).

Everything here is pure: no database, no network, no clock. The languages an alert can be shown in
are defined here because every module of the package keys data by them.
"""

from __future__ import annotations

from omotenashi.i18n import LANGUAGES

EASY_JAPANESE = "ja-x-easy"
"""Easy Japanese (やさしい日本語), as a BCP 47 private-use tag on Japanese. JMA's multilingual
dictionaries carry it beside the foreign languages; for a visitor who reads some Japanese it is
often clearer than a translation."""

ALERT_LANGUAGES: tuple[str, ...] = (*(language.code for language in LANGUAGES), EASY_JAPANESE)
"""Every language an alert can be rendered in: the JTA "Safety tips" 15, then easy Japanese."""
