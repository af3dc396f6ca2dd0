"""The registration wizard.

Each step is one short form that is saved when the visitor goes on, so closing the tab loses at
most the step on screen; coming back resumes at the first step not yet answered. The forms are
turned into catalogue values here and checked by the same service as the API, so a page and an
API client can never store different things.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from babel import Locale
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from omotenashi import i18n, web
from omotenashi.auth.dependencies import PageVisitor
from omotenashi.consent import service as consents
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import FieldError
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.privacy import service as privacy
from omotenashi.security.encryption import Keyring
from omotenashi.servicers import queries as servicers
from omotenashi.visitors import catalogue, display, mrz, places, prefectures, service
from omotenashi.visitors.errors import InvalidProfileError
from omotenashi.visitors.mrz import InvalidMrzError
from omotenashi.visitors.steps import BY_KEY, STEPS, Step, next_step, validity_warning

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()


# What a visitor reads for each problem the catalogue reports, by its stable code.
FIELD_MESSAGES: Mapping[str, str] = {
    "required": N_("Please fill this in."),
    "invalid_type": N_("This answer is not in the expected form."),
    "invalid_date": N_("Please enter a real date."),
    "date_order": N_("The departure cannot be before the arrival."),
    "future_date": N_("This date has not come yet. Please enter the date on your landing permit."),
    "landing_before_birth": N_("The date of landing cannot be before the date of birth."),
    "invalid_country": N_("Please choose a country from the list."),
    "invalid_format": N_("Please type this as it is printed in your passport."),
    "invalid_email": N_("Please check the e-mail address."),
    "invalid_phone": N_("Please enter the phone number with + and the country code."),
    "not_in_vocabulary": N_("Please choose from the list."),
    "too_long": N_("This is too long."),
    "too_many": N_("Too many items are chosen."),
    "invalid_municipality": N_("Please choose your town from the list."),
    "town_choose": N_("Please choose your town from the list."),
    "municipality_prefecture": N_("This town is not in the prefecture you chose."),
    "mrz.empty": N_("Please read your passport with the camera, or type its two lines."),
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


# --- Turning each step's form into catalogue values ----------------------------------------------


def _about(form: FormData, language: i18n.Language) -> dict[str, object]:
    """What the page asked: read facts of the passport are shown, not posted, so they stay."""
    typed = _texts(
        form, "surname", "given_names", "nationality", "date_of_birth", "sex", "phone", "email"
    )
    values: dict[str, object] = {}
    if "surname" in form:
        values["name"] = {
            "surname": typed.get("surname"),
            **({"given_names": typed["given_names"]} if "given_names" in typed else {}),
        }
    for key in ("nationality", "date_of_birth", "sex"):
        if key in form:
            values[key] = typed.get(key, "" if key == "nationality" else None)
    if values.get("date_of_birth") is None:
        values.pop("date_of_birth", None)
    if values.get("sex") is None:
        values.pop("sex", None)
    address = _texts(form, "address_country", "address").get("address", "")
    values["home_address"] = {
        "country": _texts(form, "address_country").get("address_country", ""),
        # Free text, as the visitor writes their address at home; at most four lines are kept.
        "lines": _address_lines(address),
    }
    values["phone"] = typed.get("phone")
    values["email"] = typed.get("email")
    chosen = _choices(form, "preferred_languages")
    values["preferred_languages"] = list(dict.fromkeys([language.code, *chosen]))
    # The guest register needs a way to reach the guest: a phone number or an e-mail address.
    _, errors = catalogue.validate_profile({k: v for k, v in values.items() if v is not None})
    if values["phone"] is None and values["email"] is None:
        errors.append(FieldError("phone", "A phone number or an e-mail address.", "required"))
    if errors:
        raise InvalidProfileError(fields=errors)
    return values


def _address_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    return [*lines[:3], ", ".join(lines[3:])] if len(lines) > 4 else lines


def _landing_permit(form: FormData) -> dict[str, object]:
    """The status of residence and the date of landing, as the visitor copied them from the
    landing permit in their passport (the MRZ does not carry them); each only when given."""
    return dict(_texts(form, "status_of_residence", "landing_date"))


def _passport(form: FormData, language: i18n.Language) -> dict[str, object]:
    landing = _landing_permit(form)
    lines = _texts(form, "mrz").get("mrz")
    if lines:
        values = mrz.to_profile(mrz.parse_td3(lines))
        # Checked with the date of birth just read, so a landing before it is refused.
        _, errors = catalogue.validate_profile({**values, **landing})
        if errors:
            raise InvalidProfileError(fields=errors)
        return {**values, **landing}
    typed = _texts(form, "number", "issuing_state", "expiry_date")
    if not typed and landing:
        # The passport saved before; only the landing permit is added now.
        return landing
    if not typed:
        raise InvalidMrzError(
            fields=[FieldError("mrz", "Neither the MRZ nor the details were given.", "mrz.empty")]
        )
    # The country is chosen from the list by its ISO code; the passport holds its ICAO code.
    state = mrz.icao_code_of(typed["issuing_state"]) if "issuing_state" in typed else None
    return {
        "passport": {
            "document_type": "P",
            "number": typed.get("number"),
            "issuing_state": state or typed.get("issuing_state"),
            "expiry_date": typed.get("expiry_date"),
        },
        **landing,
    }


def _stay(
    form: FormData, language: i18n.Language, hotels: Mapping[str, str] | None = None
) -> dict[str, object]:
    """The stay, with where the visitor sleeps as a municipality code found from the hotel or the
    town they picked by name (never typed); a town outside the chosen prefecture is refused."""
    typed = _texts(form, "arrival", "departure", "prefecture", "town_code", "town_query", "hotel")
    stay: dict[str, object] = {
        "arrival": typed.get("arrival"),
        "departure": typed.get("departure"),
    }
    prefecture = typed.get("prefecture") if typed.get("prefecture") in prefectures.codes() else None
    where = "stay.lodging_municipality"
    town: places.Place | None = None
    if typed.get("hotel") in (hotels or {}):
        town = places.get((hotels or {})[typed["hotel"]])
    elif "town_code" in typed:
        town = places.get(typed["town_code"])
        if town is None:
            raise InvalidProfileError(fields=[FieldError(where, "Unknown town.", "town_choose")])
    elif "town_query" in typed:
        found = places.search(typed["town_query"], prefecture)
        if len(found) != 1:
            raise InvalidProfileError(fields=[FieldError(where, "Choose a town.", "town_choose")])
        town = found[0]
    if town is not None:
        if prefecture and town.prefecture != prefecture and "hotel" not in typed:
            raise InvalidProfileError(
                fields=[FieldError(where, "Not in that prefecture.", "municipality_prefecture")]
            )
        stay["lodging_municipality"] = town.code
    elif prefecture:
        stay["lodging_municipality"] = prefecture_government_code(prefecture)
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


async def _hotels(session: Session, language: i18n.Language) -> list[tuple[str, str]]:
    """(id, name with its town) of each hotel taking part, in the visitor's language."""
    found = []
    for hotel in await servicers.lodging_directory(session):
        town = places.get(hotel.municipality_code or "")
        name = hotel.name_ja if language.code == "ja" else hotel.name
        found.append((str(hotel.id), f"{name} · {town.label(language.code)}" if town else name))
    return found


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
        "number_of_step": STEPS.index(step) + 1,
        "profile": profile,
        "errors": {},
        "form": {},
    }
    if step.key == "about":
        context["countries"] = countries(language)
        context["read_languages"] = profile.get("preferred_languages") or [language.code]
        context["sexes"] = catalogue.get("sex").vocabulary
        # What the passport's MRZ filled in is shown as read; only what is missing is asked.
        context["read"] = [
            item
            for item in display.shown(profile, language.code)
            if item.key in ("name", "nationality", "date_of_birth", "sex")
        ]
        context["asked"] = [
            key for key in ("name", "nationality", "date_of_birth", "sex") if key not in profile
        ]
        address = profile.get("home_address") or {}
        context["address_country"] = address.get("country") or profile.get("nationality", "")
        context["address"] = "\n".join(address.get("lines", []))
        context["warning"] = validity_warning(profile, language)
    elif step.key == "passport":
        expiry = (profile.get("passport") or {}).get("expiry_date")
        context["expiry"] = display.day(expiry, language.code)
        context["countries"] = countries(language)
        context["statuses"] = catalogue.get("status_of_residence").vocabulary
        context["statuses_label"] = catalogue.get("status_of_residence").label(language.code)
        context["landing_label"] = catalogue.get("landing_date").label(language.code)
        context["landed"] = display.day(profile.get("landing_date"), language.code)
        context["today"] = datetime.now(JST).date().isoformat()
        context["warning"] = validity_warning(profile, language)
    elif step.key == "stay":
        context["prefectures"] = prefectures.choices(language.code)
        lodging = (profile.get("stay") or {}).get("lodging_municipality")
        context["prefecture"] = prefecture_code(lodging)
        context["town"] = places.get(lodging) if lodging else None
        context["hotels"] = await _hotels(session, language)
        context["warned"] = await consents.reachable_in_emergencies(session, visitor_id)
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
        # Back to the page the visitor opened before signing up (a menu, a request), if any.
        context["finish"] = web.return_path(request)
    return context


@router.get("/register", response_class=HTMLResponse)
async def resume(request: Request, session: Session, me: PageVisitor) -> Response:
    profile = await service.read_profile(session, _keyring(request), me.visitor_id)
    step = next_step(profile)
    return web.redirect(f"/register/{step.key}" if step else "/me")


@forms.post("/register/passport/check", response_class=HTMLResponse)
async def check_mrz(request: Request, me: PageVisitor) -> Response:
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


@router.get("/register/stay/towns", response_class=HTMLResponse)
async def find_town(
    request: Request, me: PageVisitor, town_query: str = "", prefecture: str = ""
) -> Response:
    """The towns matching what the visitor typed, to pick one with a tap."""
    language = web.request_language(request)
    found = places.search(
        town_query[:100], prefecture if prefecture in prefectures.codes() else None
    )
    towns = [(town.code, town.label(language.code)) for town in found]
    return web.render(request, "visitors/towns.html", {"towns": towns, "query": town_query})


@forms.post("/register/family", response_class=HTMLResponse)
async def add_member(request: Request, session: Session, me: PageVisitor) -> Response:
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
    return web.redirect("/register/family", notice="saved")


@forms.post("/register/family/{member_id}/remove", response_class=HTMLResponse)
async def remove_member(member_id: uuid.UUID, session: Session, me: PageVisitor) -> Response:
    """The wizard's family step: erase a member the visitor registered."""
    await privacy.erase_family_member(session, me.visitor_id, member_id)
    return web.redirect("/register/family")


@router.get("/register/{step_key}", response_class=HTMLResponse)
async def show_step(step_key: str, request: Request, session: Session, me: PageVisitor) -> Response:
    step = BY_KEY.get(step_key)
    if step is None:
        return web.redirect("/register")
    context = await _step_context(request, session, me.visitor_id, step)
    return web.render(request, f"visitors/step_{step.key}.html", context)


async def _answer_warnings(
    request: Request, session: Session, visitor_id: uuid.UUID, answer: object
) -> None:
    """Consent is the visitor's act: "yes" grants the emergency purpose, "no" withdraws a grant in
    force, and no answer changes nothing (the choice is never made for them)."""
    if answer == "yes":
        await consents.reach_in_emergencies(session, platform_keys(request), visitor_id)
    elif answer == "no":
        now = datetime.now(UTC)
        for grant in await consents.grants_of(session, visitor_id):
            if grant.purpose == "emergency" and grant.revoked_at is None and grant.expires_at > now:
                await consents.revoke(session, visitor_id, grant.id, now)


@forms.post("/register/{step_key}", response_class=HTMLResponse)
async def save_step(step_key: str, request: Request, session: Session, me: PageVisitor) -> Response:
    step = BY_KEY.get(step_key)
    if step is None or step.key not in FORMS:
        return web.redirect("/register")
    form = await request.form()
    language = web.request_language(request)
    try:
        if step.key == "stay":
            hotels = {
                str(h.id): h.municipality_code or ""
                for h in await servicers.lodging_directory(session)
            }
            values = _stay(form, language, hotels)
        else:
            values = FORMS[step.key](form, language)
        await service.update_profile(session, _keyring(request), me.visitor_id, values)
        if step.key == "stay":
            await _answer_warnings(request, session, me.visitor_id, form.get("warnings"))
    except (InvalidProfileError, InvalidMrzError) as problem:
        context = await _step_context(request, session, me.visitor_id, step)
        context["errors"] = field_messages(language, problem.fields)
        context["form"] = {key: value for key, value in form.items() if isinstance(value, str)}
        # The typed details open when the problem is in them rather than in the MRZ.
        context["typed_open"] = any(f.startswith("passport.") for f in context["errors"])
        return web.render(request, f"visitors/step_{step.key}.html", context, status=422)
    return web.redirect(_after(step), notice="saved")


router.include_router(forms)
