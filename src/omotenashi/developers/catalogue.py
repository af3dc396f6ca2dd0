"""The public catalogue, composed from the catalogues the rules themselves use (attributes,
purposes, scopes): never a second copy of their data."""

from __future__ import annotations

from types import MappingProxyType

from omotenashi import i18n
from omotenashi.clients.service import AGENCY_KIND_SCOPES, KIND_SCOPES, SCOPES
from omotenashi.developers.schemas import (
    AllergenRuleOut,
    AttributeOut,
    CatalogueOut,
    CataloguePurpose,
    ScopeOut,
    TermOut,
)
from omotenashi.servicers.purposes import PURPOSES
from omotenashi.visitors import catalogue
from omotenashi.visitors.catalogue import AttributeType

# What each scope allows, for the integrator; a test fails when a scope has no line here.
SCOPE_ALLOWS = MappingProxyType(
    {
        "resolve": "Resolve a visitor at a touchpoint (POST /v1/resolve) and the services on top "
        "of it (payments at the terminal), for the purposes the client is approved for.",
        "consent:request": "Ask a visitor for consent (POST /v1/consent-requests) and read the "
        "request's state and receipt.",
        "servicer:admin": "Administer the servicer's own organisation: API clients, staff, "
        "webhook endpoints, feedback and statistics.",
        "alerts:ingest": "Send disaster alerts to the platform (JMA XML or a structured alert); "
        "held by official alert sources only.",
        "partners:invite": "Upload travellers to pre-register (POST /v1/partners/imports), follow "
        "the invitations' states and counts, and withdraw one; held by approved travel agencies' "
        "back-end clients only, which never see a traveller's profile.",
    }
)

# The JSON a value of each type takes, as the profile's checks accept it.
VALUE_SHAPES = MappingProxyType(
    {
        AttributeType.text: "a string of at most 200 characters",
        AttributeType.person_name: 'an object {"surname": str, "given_names"?: str}',
        AttributeType.date: "a date written YYYY-MM-DD",
        AttributeType.country: "an ISO 3166-1 alpha-2 code (JP, TH, …)",
        AttributeType.languages: "a list of 1 to 10 BCP 47 language tags, preferred first",
        AttributeType.enum: "one key of `vocabulary`",
        AttributeType.enum_set: "a list of keys of `vocabulary` (at most 20)",
        AttributeType.passport: 'an object {"document_type", "number", "issuing_state", '
        '"expiry_date"} as printed in the passport (ICAO 9303)',
        AttributeType.address: 'an object {"country", "lines"?, "locality"?, "region"?, '
        '"postal_code"?}',
        AttributeType.email: "an e-mail address",
        AttributeType.phone: "a phone number in international form (+81…)",
        AttributeType.stay: 'an object {"arrival", "departure", "lodging_municipality"?}: '
        "dates YYYY-MM-DD and a JIS X 0402 municipality code",
        AttributeType.contact: 'an object {"name", "relationship"?, "phone"?, "email"?}, '
        "with a phone or an e-mail",
    }
)


def _labels(labels: catalogue.Labels) -> dict[str, str]:
    return {language.code: labels.get(language.code) or labels["en"] for language in i18n.LANGUAGES}


def public_catalogue() -> CatalogueOut:
    attributes = [
        AttributeOut(
            key=attribute.key,
            type=attribute.type.value,
            value=VALUE_SHAPES[attribute.type],
            sensitivity=attribute.sensitivity.value,
            labels=_labels(attribute.labels),
            vocabulary=None
            if attribute.vocabulary is None
            else [TermOut(key=t.key, labels=_labels(t.labels)) for t in attribute.vocabulary],
        )
        for attribute in catalogue.ATTRIBUTES.values()
    ]
    purposes = [
        CataloguePurpose(
            key=purpose.key.value,
            labels=_labels(purpose.labels),
            attributes=list(purpose.attributes),
            legal_basis=purpose.legal_basis,
        )
        for purpose in PURPOSES.values()
    ]
    scopes = [
        ScopeOut(
            key=scope,
            allows=SCOPE_ALLOWS[scope],
            # A travel agency's back-end systems hold partners:invite (and no other kind).
            granted_to=sorted(
                {
                    kind.value
                    for kinds in (KIND_SCOPES, AGENCY_KIND_SCOPES)
                    for kind, held in kinds.items()
                    if scope in held
                }
            ),
        )
        for scope in sorted(SCOPES)
    ]
    rules = [
        AllergenRuleOut(
            key=rule.key,
            category=rule.category,
            effective_from=rule.effective_from,
            effective_until=rule.effective_until,
        )
        for rule in catalogue.ALLERGEN_RULES
    ]
    return CatalogueOut(
        version=catalogue.CATALOGUE_VERSION,
        languages=[language.code for language in i18n.LANGUAGES],
        attributes=attributes,
        allergen_rules=rules,
        purposes=purposes,
        scopes=scopes,
    )
