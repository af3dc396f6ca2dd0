"""Disaster alerts for visitors: the catalogue of alert types (``catalogue``), the areas they cover
(``areas``), fixed-phrase rendering in every visitor language (``phrases``, ``render``) and the
reading of the Japan Meteorological Agency's XML reports (``jma``).

Everything here is pure: no database, no network, no clock. The languages an alert can be shown in
are defined here because every module of the package keys data by them.
"""

from __future__ import annotations

from omotenashi.japan import EASY_JAPANESE, NAME_LANGUAGES

__all__ = ["ALERT_LANGUAGES", "EASY_JAPANESE"]

ALERT_LANGUAGES: tuple[str, ...] = NAME_LANGUAGES
"""Every language an alert can be rendered in: the JTA "Safety tips" 15, then easy Japanese."""
