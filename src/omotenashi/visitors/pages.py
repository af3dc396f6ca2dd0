"""The registration wizard and the visitor's home page.

Each step is one short form that is saved when the visitor goes on, so closing the tab loses at
most the step on screen; coming back resumes at the first step not yet answered. The forms are
turned into catalogue values here and checked by the same service as the API, so a page and an
API client can never store different things.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from babel import Locale
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from omotenashi import i18n, web
from omotenashi.alerts.areas import PREFECTURES
from omotenashi.auth import email_codes, passkeys
from omotenashi.carriers import service as carriers
from omotenashi.consent import service as consents
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import FieldError
from omotenashi.feedback import service as feedback
from omotenashi.i18n.markers import N_
from omotenashi.privacy import service as privacy
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import catalogue, display, mrz, service
from omotenashi.visitors.errors import InvalidProfileError
from omotenashi.visitors.mrz import InvalidMrzError

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    answered_by: tuple[str, ...]
    """Attributes whose presence means the visitor has been through this step."""


STEPS: tuple[Step, ...] = (
    Step("about", N_("About you"), ("name", "nationality")),
    Step("passport", N_("Passport"), ("passport",)),
    Step("stay", N_("Your stay"), ("stay",)),
    Step("food", N_("Food"), ("dietary_needs", "allergens")),
    Step("help", N_("Help you need"), ("accessibility_needs",)),
    Step("contact", N_("Emergency contact"), ("emergency_contact",)),
    Step("family", N_("Family"), ()),
)
BY_KEY = {step.key: step for step in STEPS}

# What a visitor reads for each problem the catalogue reports, by its stable code.
FIELD_MESSAGES: Mapping[str, str] = {
    "required": N_("Please fill this in."),
    "invalid_type": N_("This answer is not in the expected form."),
    "invalid_date": N_("Please enter a real date."),
    "date_order": N_("The departure cannot be before the arrival."),
    "invalid_country": N_("Please choose a country from the list."),
    "invalid_format": N_("Please type this as it is printed in your passport."),
    "invalid_email": N_("Please check the e-mail address."),
    "invalid_phone": N_("Please enter the phone number with + and the country code."),
    "not_in_vocabulary": N_("Please choose from the list."),
    "too_long": N_("This is too long."),
    "too_many": N_("Too many items are chosen."),
    "invalid_municipality": N_("This town code is not right; it has six digits."),
    "mrz.line_count": N_("The machine-readable zone has two lines; please paste or type both."),
    "mrz.line_length": N_("Each of the two lines has 44 characters, counting every <."),
    "mrz.charset": N_("Only the letters A to Z, the digits 0 to 9 and < appear in these lines."),
    "mrz.document_type": N_("These lines are not from a passport."),
    "mrz.issuing_state": N_("The issuing country in the first line can only hold letters and <."),
    "mrz.name": N_("The name in the first line can only hold letters and <."),
    "mrz.nationality": N_("The nationality in the second line can only hold letters and <."),
    "mrz.document_number_check": N_(
        "The check digit of the passport number does not match. Please re-read the passport number."
    ),
    "mrz.birth_date_check": N_(
        "The check digit of the date of birth does not match. Please re-read the date of birth."
    ),
    "mrz.expiry_date_check": N_(
        "The check digit of the expiry date does not match. Please re-read the expiry date."
    ),
    "mrz.personal_number_check": N_(
        "The check digit of the personal number does not match. Please re-read it."
    ),
    "mrz.composite_check": N_(
        "The last digit of the second line does not match the rest. Please re-read the second line."
    ),
    "mrz.birth_date_invalid": N_("The date of birth in the second line is not a real date."),
    "mrz.expiry_date_invalid": N_("The expiry date in the second line is not a real date."),
    "mrz.sex": N_("The sex in the second line must be F, M, X or <."),
}
FALLBACK_MESSAGE = N_("This answer is not right; please check it.")


def field_messages(language: i18n.Language, errors: tuple[FieldError, ...]) -> dict[str, str]:
    """Form field → a sentence in the visitor's language (the first problem of each field)."""
    messages: dict[str, str] = {}
    for error in errors:
        field = error.field.split("[")[0]
        messages.setdefault(
            field, web.gettext(language, FIELD_MESSAGES.get(error.code, FALLBACK_MESSAGE))
        )
    return messages


def _keyring(request: Request) -> Keyring:
    return platform_keys(request).keyring


def _texts(form: FormData, *names: str) -> dict[str, str]:
    """The non-blank text fields among ``names``, stripped."""
    found = {}
    for name in names:
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            found[name] = value.strip()
    return found


def _choices(form: FormData, name: str) -> list[str]:
    return [value for value in form.getlist(name) if isinstance(value, str)]


def countries(language: i18n.Language) -> list[tuple[str, str]]:
    """(code, name) of every country, named and sorted in the visitor's language."""
    names = i18n.babel_locale(language.code).territories
    english = Locale("en").territories
    return sorted(
        (
            (code, str(names.get(code) or english.get(code) or code))
            for code in catalogue.country_codes()
        ),
        key=lambda pair: pair[1],
    )


def prefecture_code(municipality: str | None) -> str:
    return municipality[:2] if municipality else ""


def prefecture_government_code(prefecture: str) -> str:
    """The local government code (JIS X 0402, with check digit) of a prefecture itself:
    "13" → "130001". A visitor who knows only the prefecture is placed there."""
    first_five = f"{prefecture}000"
    weights = (6, 5, 4, 3, 2)
    check = (11 - sum(int(d) * w for d, w in zip(first_five, weights, strict=True)) % 11) % 10
    return f"{first_five}{check}"


def prefectures(language: i18n.Language) -> list[tuple[str, str]]:
    names_in = language.code if language.code in next(iter(PREFECTURES.values())).names else "en"
    return [(code, prefecture.names[names_in]) for code, prefecture in PREFECTURES.items()]


# --- Turning each step's form into catalogue values ----------------------------------------------


def _about(form: FormData, language: i18n.Language) -> dict[str, object]:
    name = _texts(form, "surname", "given_names")
    values: dict[str, object] = {
        "name": {
            "surname": name.get("surname"),
            **({"given_names": name["given_names"]} if "given_names" in name else {}),
        },
        "nationality": _texts(form, "nationality").get("nationality", ""),
    }
    born = _texts(form, "date_of_birth").get("date_of_birth")
    values["date_of_birth"] = born
    values["sex"] = _texts(form, "sex").get("sex")
    chosen = _choices(form, "preferred_languages")
    values["preferred_languages"] = list(dict.fromkeys([language.code, *chosen]))
    return values


def _passport(form: FormData, language: i18n.Language) -> dict[str, object]:
    lines = _texts(form, "mrz").get("mrz")
    if lines:
        return mrz.to_profile(mrz.parse_td3(lines))
    typed = _texts(form, "document_type", "number", "issuing_state", "expiry_date")
    return {
        "passport": {
            "document_type": typed.get("document_type", "P"),
            "number": typed.get("number"),
            "issuing_state": typed.get("issuing_state"),
            "expiry_date": typed.get("expiry_date"),
        }
    }


def _stay(form: FormData, language: i18n.Language) -> dict[str, object]:
    typed = _texts(form, "arrival", "departure", "prefecture", "town_code")
    stay: dict[str, object] = {
        "arrival": typed.get("arrival"),
        "departure": typed.get("departure"),
    }
    if "town_code" in typed:
        stay["lodging_municipality"] = typed["town_code"]
    elif typed.get("prefecture") in PREFECTURES:
        stay["lodging_municipality"] = prefecture_government_code(typed["prefecture"])
    return {"stay": stay}


def _food(form: FormData, language: i18n.Language) -> dict[str, object]:
    return {
        "dietary_needs": _choices(form, "dietary_needs"),
        "allergens": _choices(form, "allergens"),
    }


def _help(form: FormData, language: i18n.Language) -> dict[str, object]:
    return {"accessibility_needs": _choices(form, "accessibility_needs")}


def _contact(form: FormData, language: i18n.Language) -> dict[str, object]:
    typed = _texts(form, "name", "relationship", "phone", "email")
    return {"emergency_contact": typed or None}


FORMS = {
    "about": _about,
    "passport": _passport,
    "stay": _stay,
    "food": _food,
    "help": _help,
    "contact": _contact,
}


def _next_step(profile: Mapping[str, object]) -> Step | None:
    for step in STEPS:
        if step.answered_by and not any(key in profile for key in step.answered_by):
            return step
    return None


def _after(step: Step) -> str:
    index = STEPS.index(step)
    return f"/register/{STEPS[index + 1].key}" if index + 1 < len(STEPS) else "/me"


async def _step_context(
    request: Request, session: Session, visitor_id: uuid.UUID, step: Step
) -> dict[str, Any]:
    language = web.request_language(request)
    keyring = _keyring(request)
    profile = await service.read_profile(session, keyring, visitor_id)
    context: dict[str, Any] = {
        "steps": STEPS,
        "step": step,
        "number": STEPS.index(step) + 1,
        "profile": profile,
        "errors": {},
        "form": {},
    }
    if step.key == "about":
        context["countries"] = countries(language)
        context["read_languages"] = profile.get("preferred_languages") or [language.code]
        context["sexes"] = catalogue.get("sex").vocabulary
    elif step.key == "passport":
        expiry = (profile.get("passport") or {}).get("expiry_date")
        context["expiry"] = display.day(expiry, language.code)
    elif step.key == "stay":
        context["prefectures"] = prefectures(language)
        lodging = (profile.get("stay") or {}).get("lodging_municipality")
        context["prefecture"] = prefecture_code(lodging)
        context["town_code"] = lodging if lodging and lodging[2:5] != "000" else ""
    elif step.key == "food":
        context["diets"] = catalogue.get("dietary_needs").vocabulary
        today = datetime.now(UTC).date()
        rules = catalogue.allergens_on(today)
        context["mandatory"] = [r for r in rules if r.category == "mandatory"]
        context["recommended"] = [r for r in rules if r.category == "recommended"]
    elif step.key == "help":
        context["needs"] = catalogue.get("accessibility_needs").vocabulary
    elif step.key == "family":
        members = await service.family(session, visitor_id)
        context["members"] = [
            (member.id, await service.read_profile(session, keyring, member.id))
            for member in members
        ]
        context["allergen_rules"] = catalogue.allergens_on(datetime.now(UTC).date())
    return context


@router.get("/register", response_class=HTMLResponse)
async def resume(request: Request, session: Session, me: web.PageVisitor) -> Response:
    profile = await service.read_profile(session, _keyring(request), me.visitor_id)
    step = _next_step(profile)
    return web.redirect(f"/register/{step.key}" if step else "/me")


@router.post(
    "/register/passport/check", response_class=HTMLResponse, dependencies=[web.CsrfChecked]
)
async def check_mrz(request: Request, me: web.PageVisitor) -> Response:
    """The live check under the MRZ box: what the two lines say, or which part to re-read."""
    form = await request.form()
    lines = _texts(form, "mrz").get("mrz", "")
    language = web.request_language(request)
    context: dict[str, Any] = {"errors": {}, "passport": None}
    if lines:
        try:
            context["passport"] = mrz.parse_td3(lines)
        except InvalidMrzError as problem:
            context["errors"] = field_messages(language, problem.fields)
    return web.render(request, "visitors/mrz_check.html", context)


@router.post("/register/family", response_class=HTMLResponse, dependencies=[web.CsrfChecked])
async def add_member(request: Request, session: Session, me: web.PageVisitor) -> Response:
    form = await request.form()
    language = web.request_language(request)
    typed = _texts(form, "surname", "given_names", "date_of_birth")
    values: dict[str, object] = {
        "name": {key: typed[key] for key in ("surname", "given_names") if key in typed}
        or {"surname": None},
        "allergens": _choices(form, "allergens"),
        "dietary_needs": _choices(form, "dietary_needs"),
    }
    if "date_of_birth" in typed:
        values["date_of_birth"] = typed["date_of_birth"]
    # Checked before the member exists, so a mistake leaves no half-made family member behind.
    _, errors = catalogue.validate_profile(values)
    if errors:
        context = await _step_context(request, session, me.visitor_id, BY_KEY["family"])
        context["errors"] = field_messages(language, tuple(errors))
        context["form"] = {key: value for key, value in form.items() if isinstance(value, str)}
        return web.render(request, "visitors/step_family.html", context, status=422)
    keyring = _keyring(request)
    member = await service.create_visitor(
        session, keyring, language=me.language, registered_by=me.visitor_id
    )
    await service.update_profile(session, keyring, member.id, values)
    return web.redirect("/register/family")


@router.post(
    "/register/family/{member_id}/remove",
    response_class=HTMLResponse,
    dependencies=[web.CsrfChecked],
)
async def remove_member(member_id: uuid.UUID, session: Session, me: web.PageVisitor) -> Response:
    await service.member(session, me.visitor_id, member_id)
    await service.erase(session, [member_id])
    return web.redirect("/register/family")


@router.get("/register/{step_key}", response_class=HTMLResponse)
async def show_step(
    step_key: str, request: Request, session: Session, me: web.PageVisitor
) -> Response:
    step = BY_KEY.get(step_key)
    if step is None:
        return web.redirect("/register")
    context = await _step_context(request, session, me.visitor_id, step)
    return web.render(request, f"visitors/step_{step.key}.html", context)


@router.post("/register/{step_key}", response_class=HTMLResponse, dependencies=[web.CsrfChecked])
async def save_step(
    step_key: str, request: Request, session: Session, me: web.PageVisitor
) -> Response:
    step = BY_KEY.get(step_key)
    if step is None or step.key not in FORMS:
        return web.redirect("/register")
    form = await request.form()
    language = web.request_language(request)
    try:
        values = FORMS[step.key](form, language)
        await service.update_profile(session, _keyring(request), me.visitor_id, values)
        if step.key == "stay" and form.get("warnings") == "yes":
            await consents.reach_in_emergencies(session, platform_keys(request), me.visitor_id)
    except (InvalidProfileError, InvalidMrzError) as problem:
        context = await _step_context(request, session, me.visitor_id, step)
        context["errors"] = field_messages(language, problem.fields)
        context["form"] = {key: value for key, value in form.items() if isinstance(value, str)}
        return web.render(request, f"visitors/step_{step.key}.html", context, status=422)
    return web.redirect(_after(step))


# --- Home ---------------------------------------------------------------------------------------


@router.get("/me", response_class=HTMLResponse)
async def home(request: Request, session: Session, me: web.PageVisitor) -> Response:
    profile = await service.read_profile(session, _keyring(request), me.visitor_id)
    active = [g for g in await consents.grants_of(session, me.visitor_id) if g.revoked_at is None]
    # A short-lived prompt: the latest interaction of the last day that the visitor has not rated.
    recent = [
        entry
        for entry in await privacy.disclosures(session, me.visitor_id, limit=5)
        if entry.at > datetime.now(UTC) - timedelta(days=1)
    ]
    rated = await feedback.by_interaction(session, me.visitor_id, [e.id for e in recent])
    unrated = next((entry for entry in recent if entry.id not in rated), None)
    context = {
        "profile": profile,
        "next_step": _next_step(profile),
        "carriers": await carriers.list_carriers(session, me.visitor_id),
        "consent_count": len(active),
        "passkeys": await passkeys.passkeys_of(session, me.visitor_id),
        "has_email": await email_codes.has_login_email(session, me.visitor_id),
        "unrated": unrated,
    }
    return web.render(request, "visitors/home.html", context)
