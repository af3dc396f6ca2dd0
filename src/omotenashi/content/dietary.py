"""What a dish holds, as its servicer tags it, and whether it suits a visitor's dietary needs and
allergies. Pure rules, no database: the menu service feeds them tags and profile values.

The rule every function here keeps: a dish is said to fit only when its tags *prove* it, so a
missing or ``unknown`` tag can put a dish under "not enough information", never under "fits".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Literal

from omotenashi.i18n import catalogue_label
from omotenashi.visitors.catalogue import (
    ALLERGEN_RULES,
    DIETARY_NEEDS,
    Labels,
)


class Presence(StrEnum):
    """An allergen's place in a dish. ``unknown`` is what a missing tag means."""

    contains = "contains"
    may_contain = "may_contain"  # cross-contact in the kitchen, or an ingredient not checked
    free = "free"
    unknown = "unknown"


@dataclass(frozen=True)
class DietProperty:
    """A fact about a dish beyond the allergen list, answered yes or no (unset: unknown).

    ``avoided_when_yes`` tells the two kinds apart: for an ingredient (alcohol, meat) *yes* is
    what people avoid; for a promise (vegan, halal-certified) *no* is the unsafe answer.
    """

    key: str
    labels: Labels = field(hash=False)
    avoided_when_yes: bool

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


def _need_labels(key: str) -> Labels:
    return next(term.labels for term in DIETARY_NEEDS if term.key == key)


# Pork and beef are not here: both are on Japan's recommended allergen list, so a dish records
# them once, as allergen tags, and the two records can never disagree.
DIET_PROPERTIES: tuple[DietProperty, ...] = (
    # The visitor catalogue's own definitions of these diets are what the promise means.
    DietProperty("vegetarian", _need_labels("vegetarian"), avoided_when_yes=False),
    DietProperty("vegan", _need_labels("vegan"), avoided_when_yes=False),
    DietProperty(
        "halal_certified",
        catalogue_label("ハラール認証", "Halal-certified", "diet property"),
        avoided_when_yes=False,
    ),
    DietProperty(
        "kosher_certified",
        catalogue_label("コーシャ認証", "Kosher-certified", "diet property"),
        avoided_when_yes=False,
    ),
    DietProperty(
        "meat",
        catalogue_label("肉類（牛・豚・鶏など）", "Meat or poultry", "diet property"),
        avoided_when_yes=True,
    ),
    # Cooking sake and mirin count: the alcohol does not all cook off, and a visitor who avoids
    # alcohol for religious reasons avoids it in any amount.
    DietProperty(
        "alcohol",
        catalogue_label(
            "アルコール（料理酒・みりんを含む）",
            "Alcohol (including cooking sake and mirin)",
            "diet property",
        ),
        avoided_when_yes=True,
    ),
    DietProperty(
        "gluten",
        catalogue_label(
            "グルテン（小麦・大麦・ライ麦）", "Gluten (wheat, barley or rye)", "diet property"
        ),
        avoided_when_yes=True,
    ),
    DietProperty(
        "garlic_onion",
        catalogue_label("ニンニク・ネギ類（五葷）", "Garlic, onion or leek", "diet property"),
        avoided_when_yes=True,
    ),
    DietProperty(
        "root_vegetables",
        catalogue_label("根菜", "Root vegetables", "diet property"),
        avoided_when_yes=True,
    ),
)
DIET_BY_KEY = {prop.key: prop for prop in DIET_PROPERTIES}

FactKind = Literal["allergen", "diet"]


@dataclass(frozen=True)
class Fact:
    """One thing a dish's tags can settle: an allergen's presence or a diet property."""

    kind: FactKind
    key: str


def _allergens(*keys: str) -> tuple[Fact, ...]:
    return tuple(Fact("allergen", key) for key in keys)


def _diet(*keys: str) -> tuple[Fact, ...]:
    return tuple(Fact("diet", key) for key in keys)


@dataclass(frozen=True)
class NeedRule:
    """How a dietary need reads a dish's tags.

    ``breaks``: facts that rule the dish out whenever they are unsafe (the dish contains or
    may contain the allergen, or the diet property has its avoided answer), whatever else holds.
    ``proofs``: alternatives, each a set of facts that together show the dish suits the need
    when every one of them is known to be safe.
    """

    breaks: tuple[Fact, ...]
    proofs: tuple[tuple[Fact, ...], ...]


_MEAT = ("beef", "pork", "chicken")
_SEAFOOD = ("shrimp", "crab", "squid", "abalone", "salmon_roe", "salmon", "mackerel")
_SHELLFISH = ("shrimp", "crab", "squid", "abalone")  # not kosher
# Gelatin is made from bones and skin (in Japan mostly pork): no vegetarian dish holds it.
_NOT_VEGETARIAN = (*_MEAT, *_SEAFOOD, "gelatin")

NEED_RULES: Mapping[str, NeedRule] = {
    "vegetarian": NeedRule(
        breaks=(*_diet("meat"), *_allergens(*_NOT_VEGETARIAN)),
        proofs=(_diet("vegetarian"), _diet("vegan")),
    ),
    "lacto_vegetarian": NeedRule(
        breaks=(*_diet("meat"), *_allergens(*_NOT_VEGETARIAN, "egg")),
        proofs=((*_diet("vegetarian"), *_allergens("egg")), _diet("vegan")),
    ),
    "vegan": NeedRule(
        breaks=(*_diet("meat", "vegetarian"), *_allergens(*_NOT_VEGETARIAN, "egg", "milk")),
        proofs=(_diet("vegan"),),
    ),
    "pescatarian": NeedRule(
        breaks=(*_diet("meat"), *_allergens(*_MEAT)),
        proofs=(_diet("meat"), _diet("vegetarian")),
    ),
    # Without a certificate, a dish with no meat, no alcohol and no pork or gelatin suits most
    # who keep halal; any meat needs the certificate (slaughter, not species, decides).
    "halal": NeedRule(
        breaks=(*_diet("alcohol"), *_allergens("pork")),
        proofs=(
            _diet("halal_certified"),
            (*_diet("meat", "alcohol"), *_allergens("pork", "gelatin")),
            _diet("vegetarian", "alcohol"),
        ),
    ),
    # Kosher rests on supervision of the whole kitchen: only a certificate proves it.
    "kosher": NeedRule(
        breaks=_allergens("pork", *_SHELLFISH),
        proofs=(_diet("kosher_certified"),),
    ),
    "no_pork": NeedRule(
        breaks=_allergens("pork"),
        proofs=(_allergens("pork", "gelatin"), _diet("vegetarian")),
    ),
    "no_beef": NeedRule(
        breaks=_allergens("beef"), proofs=(_allergens("beef"), _diet("vegetarian"))
    ),
    "no_alcohol": NeedRule(breaks=_diet("alcohol"), proofs=(_diet("alcohol"),)),
    "gluten_free": NeedRule(
        breaks=(*_diet("gluten"), *_allergens("wheat")), proofs=(_diet("gluten"),)
    ),
    "lactose_free": NeedRule(
        breaks=_allergens("milk"), proofs=(_allergens("milk"), _diet("vegan"))
    ),
    "no_garlic_onion": NeedRule(breaks=_diet("garlic_onion"), proofs=(_diet("garlic_onion"),)),
    "no_root_vegetables": NeedRule(
        breaks=_diet("root_vegetables"), proofs=(_diet("root_vegetables"),)
    ),
}


@dataclass(frozen=True)
class DishTags:
    """A dish's tags: allergen presence by allergen key, and diet properties answered yes (True)
    or no (False). A key that is absent is unknown."""

    allergens: Mapping[str, Presence]
    diet: Mapping[str, bool]


class Verdict(StrEnum):
    fits = "fits"
    avoid = "avoid"  # contains something the visitor avoids
    unknown = "unknown"  # not enough information to say it fits


@dataclass(frozen=True)
class Finding:
    """A fact that kept a dish from fitting. ``value``: for an allergen its presence
    (``contains``, ``may_contain``, ``unknown``), for a diet property ``yes``, ``no`` or
    ``unknown``."""

    kind: FactKind
    key: str
    value: str


@dataclass(frozen=True)
class Assessment:
    """How a dish suits one visitor: the verdict, what conflicts (it contains something they
    avoid), and what is not known. A dish that conflicts may also list unknowns."""

    verdict: Verdict
    conflicts: tuple[Finding, ...]
    unknown: tuple[Finding, ...]


def _value(tags: DishTags, fact: Fact) -> str:
    if fact.kind == "allergen":
        return str(tags.allergens.get(fact.key, Presence.unknown))
    answer = tags.diet.get(fact.key)
    return "unknown" if answer is None else ("yes" if answer else "no")


def _is_unsafe(tags: DishTags, fact: Fact) -> bool:
    value = _value(tags, fact)
    if fact.kind == "allergen":
        return value in (Presence.contains, Presence.may_contain)
    avoided = "yes" if DIET_BY_KEY[fact.key].avoided_when_yes else "no"
    return value == avoided


def _is_safe(tags: DishTags, fact: Fact) -> bool:
    value = _value(tags, fact)
    return value != "unknown" and not _is_unsafe(tags, fact)


def _finding(tags: DishTags, fact: Fact) -> Finding:
    return Finding(fact.kind, fact.key, _value(tags, fact))


def _inferred(tags: DishTags) -> DishTags:
    """The tags with the diet answers they imply filled in where the servicer left them unset:
    meat (or a meat or seafood allergen) means neither vegetarian nor vegan; vegan means
    vegetarian; vegetarian means no meat. What the servicer did answer is never changed."""
    diet = dict(tags.diet)
    animal = diet.get("meat") is True or any(
        tags.allergens.get(key) is Presence.contains for key in _NOT_VEGETARIAN
    )
    if animal:
        diet.setdefault("vegetarian", False)
    if diet.get("vegan") is True:
        diet.setdefault("vegetarian", True)
    if diet.get("vegetarian") is False:
        diet.setdefault("vegan", False)
    if diet.get("vegetarian") is True:
        diet.setdefault("meat", False)
    return DishTags(allergens=tags.allergens, diet=diet)


def assess(tags: DishTags, dietary_needs: Iterable[str], allergens: Iterable[str]) -> Assessment:
    """How the dish suits a visitor with ``dietary_needs`` and ``allergens`` (catalogue keys).

    An allergen the visitor avoids conflicts when the dish contains or may contain it, and is
    unknown unless tagged ``free``. A dietary need conflicts when one of its breaking facts is
    unsafe, or when every proof has an unsafe fact; it is unknown when some proof could still
    hold; it fits only when a proof holds in full. Needs the rules do not know are unknown.
    """
    tags = _inferred(tags)
    conflicts: dict[Fact, Finding] = {}
    unknown: dict[Fact, Finding] = {}
    for key in allergens:
        fact = Fact("allergen", key)
        if _is_unsafe(tags, fact):
            conflicts[fact] = _finding(tags, fact)
        elif not _is_safe(tags, fact):
            unknown[fact] = _finding(tags, fact)
    for need in dietary_needs:
        rule = NEED_RULES.get(need)
        if rule is None:
            # A need added to the catalogue before its rule: never guess that a dish suits it.
            unknown[Fact("diet", need)] = Finding("diet", need, "unknown")
            continue
        broken = [fact for fact in rule.breaks if _is_unsafe(tags, fact)]
        if broken:
            conflicts.update((fact, _finding(tags, fact)) for fact in broken)
            continue
        if any(all(_is_safe(tags, fact) for fact in proof) for proof in rule.proofs):
            continue
        open_proofs = [
            proof for proof in rule.proofs if not any(_is_unsafe(tags, f) for f in proof)
        ]
        if open_proofs:
            for proof in open_proofs:
                unknown.update(
                    (fact, _finding(tags, fact)) for fact in proof if not _is_safe(tags, fact)
                )
        else:
            for proof in rule.proofs:
                conflicts.update(
                    (fact, _finding(tags, fact)) for fact in proof if _is_unsafe(tags, fact)
                )
    verdict = Verdict.avoid if conflicts else Verdict.unknown if unknown else Verdict.fits
    return Assessment(verdict, tuple(conflicts.values()), tuple(unknown.values()))


@cache
def _allergen_labels() -> dict[str, Labels]:
    # The newest rule's labels for each key (every rule of one allergen carries the same).
    return {rule.key: rule.labels for rule in ALLERGEN_RULES}


def finding_label(finding: Finding | Fact, language: str) -> str:
    """The name of an allergen or diet property in ``language`` (English when not served)."""
    if finding.kind == "allergen":
        labels = _allergen_labels().get(finding.key)
    elif finding.key in DIET_BY_KEY:
        labels = DIET_BY_KEY[finding.key].labels
    else:  # a need without a rule, reported as unknown under its own name
        labels = next((t.labels for t in DIETARY_NEEDS if t.key == finding.key), None)
    if labels is None:
        return finding.key
    return labels.get(language) or labels["en"]


@dataclass(frozen=True)
class Avoidances:
    """What a visitor avoids, named for the people serving them."""

    dietary_needs: list[str]
    allergens: list[str]


def avoidances(
    dietary_needs: Sequence[str], allergens: Sequence[str], language: str = "ja"
) -> Avoidances:
    """The labels of a visitor's dietary needs and allergies (profile or resolve values), by
    default in Japanese for the counter. Keys this catalogue no longer knows show as they are."""
    needs = {term.key: term for term in DIETARY_NEEDS}
    allergen_labels = _allergen_labels()
    return Avoidances(
        dietary_needs=[
            needs[key].label(language) if key in needs else key for key in dietary_needs
        ],
        allergens=[
            (allergen_labels[key].get(language) or allergen_labels[key]["en"])
            if key in allergen_labels
            else key
            for key in allergens
        ],
    )
