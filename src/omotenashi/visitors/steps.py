"""The registration wizard's steps, and what the visitor's home page shows of their own
registration: the next step to answer, and a warning about the passport's validity."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import service, validity


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    answered_by: tuple[str, ...]
    """Attributes whose presence means the visitor has been through this step."""


# The passport comes first: its two lines hold the name, nationality, date of birth and sex, so
# "about you" then asks only what a passport does not say (home address, phone, languages).
STEPS: tuple[Step, ...] = (
    Step("passport", N_("Passport"), ("passport",)),
    Step("about", N_("About you"), ("home_address",)),
    Step("stay", N_("Your stay"), ("stay",)),
    Step("food", N_("Food"), ("dietary_needs", "allergens")),
    Step("help", N_("Help you need"), ("accessibility_needs",)),
    Step("contact", N_("Emergency contact"), ("emergency_contact",)),
    Step("family", N_("Family"), ()),
)
BY_KEY = {step.key: step for step in STEPS}


def validity_warning(profile: Mapping[str, Any], language: i18n.Language) -> str | None:
    return validity.warning(profile, datetime.now(JST).date(), language.code)


def next_step(profile: Mapping[str, object]) -> Step | None:
    for step in STEPS:
        if step.answered_by and not any(key in profile for key in step.answered_by):
            return step
    return None


async def home_panel(
    session: AsyncSession, keyring: Keyring, visitor_id: uuid.UUID, language: i18n.Language
) -> dict[str, Any]:
    """The visitor's own part of their home page: their profile, the next step to answer, and
    a warning when the passport will not last the stay."""
    profile = await service.read_profile(session, keyring, visitor_id)
    return {
        "profile": profile,
        "next_step": next_step(profile),
        "warning": validity_warning(profile, language),
    }
