"""How a dish's tags meet a visitor's dietary needs and allergies: the rules alone."""

from __future__ import annotations

import pytest

from omotenashi.content.dietary import (
    DIET_BY_KEY,
    NEED_RULES,
    DishTags,
    Finding,
    Presence,
    Verdict,
    assess,
    avoidances,
    finding_label,
)
from omotenashi.visitors.catalogue import DIETARY_NEEDS, allergen_keys

NEEDS = [term.key for term in DIETARY_NEEDS]
UNTAGGED = DishTags(allergens={}, diet={})


def tags(allergens: dict[str, Presence] | None = None, **diet: bool) -> DishTags:
    return DishTags(allergens=allergens or {}, diet=diet)


@pytest.mark.parametrize("need", NEEDS)
def test_an_untagged_dish_never_fits_any_dietary_need(need: str) -> None:
    assert assess(UNTAGGED, [need], []).verdict is Verdict.unknown


@pytest.mark.parametrize("allergen", allergen_keys())
def test_an_allergen_not_tagged_free_is_never_safe(allergen: str) -> None:
    everything_else_free = {key: Presence.free for key in allergen_keys() if key != allergen}

    for presence in (None, Presence.unknown):
        tagged = dict(everything_else_free)
        if presence is not None:
            tagged[allergen] = presence
        result = assess(tags(tagged), [], [allergen])
        assert result.verdict is Verdict.unknown
        assert result.unknown == (Finding("allergen", allergen, "unknown"),)


def test_every_rule_names_allergens_and_properties_that_exist() -> None:
    known = set(allergen_keys())
    assert set(NEED_RULES) == set(NEEDS)
    for need, rule in NEED_RULES.items():
        for fact in (*rule.breaks, *(fact for proof in rule.proofs for fact in proof)):
            assert fact.key in (known if fact.kind == "allergen" else DIET_BY_KEY), (need, fact)


def test_may_contain_is_something_you_avoid() -> None:
    result = assess(tags({"sesame": Presence.may_contain}), [], ["sesame"])

    assert result.verdict is Verdict.avoid
    assert result.conflicts == (Finding("allergen", "sesame", "may_contain"),)


@pytest.mark.parametrize("need", ["no_alcohol", "halal"])
def test_cooking_sake_and_mirin_count_as_alcohol(need: str) -> None:
    # Teriyaki glaze is soy sauce, sugar and mirin: the dish is tagged as holding alcohol.
    teriyaki = tags({"pork": Presence.free, "gelatin": Presence.free}, alcohol=True, meat=False)

    result = assess(teriyaki, [need], [])

    assert result.verdict is Verdict.avoid
    assert result.conflicts == (Finding("diet", "alcohol", "yes"),)
    assert "みりん" in finding_label(result.conflicts[0], "ja")
    assert "mirin" in finding_label(result.conflicts[0], "en")


def test_a_vegan_with_a_sesame_allergy_gets_the_three_groups() -> None:
    needs, allergens = ["vegan"], ["sesame"]
    vegetable_tempura = tags({"sesame": Presence.free}, vegan=True)
    sesame_tofu = tags({"sesame": Presence.contains}, vegan=True)
    chawanmushi = tags({"sesame": Presence.free, "egg": Presence.contains})
    hiyayakko = UNTAGGED

    assert assess(vegetable_tempura, needs, allergens).verdict is Verdict.fits
    assert assess(sesame_tofu, needs, allergens).conflicts == (
        Finding("allergen", "sesame", "contains"),
    )
    assert assess(chawanmushi, needs, allergens).conflicts == (
        Finding("allergen", "egg", "contains"),
    )
    unknown = assess(hiyayakko, needs, allergens)
    assert unknown.verdict is Verdict.unknown
    assert set(unknown.unknown) == {
        Finding("allergen", "sesame", "unknown"),
        Finding("diet", "vegan", "unknown"),
    }


def test_a_dish_tagged_vegan_that_contains_milk_is_not_offered_to_vegans() -> None:
    contradictory = tags({"milk": Presence.contains}, vegan=True)

    assert assess(contradictory, ["vegan"], []).verdict is Verdict.avoid


@pytest.mark.parametrize(
    ("dish", "verdict"),
    [
        (tags(halal_certified=True, meat=True), Verdict.fits),
        (
            tags({"pork": Presence.free, "gelatin": Presence.free}, meat=False, alcohol=False),
            Verdict.fits,
        ),
        (tags(vegetarian=True, alcohol=False), Verdict.fits),
        (tags(vegetarian=True), Verdict.unknown),
        (tags(meat=True), Verdict.unknown),
        (tags(halal_certified=False, meat=True), Verdict.avoid),
        (tags({"pork": Presence.contains}, halal_certified=True), Verdict.avoid),
    ],
)
def test_halal_needs_a_certificate_for_meat_and_no_pork_or_alcohol(
    dish: DishTags, verdict: Verdict
) -> None:
    assert assess(dish, ["halal"], []).verdict is verdict


def test_what_is_unknown_names_what_staff_should_tag() -> None:
    result = assess(tags(halal_certified=False), ["halal"], [])

    assert result.verdict is Verdict.unknown
    assert {f.key for f in result.unknown} == {"meat", "alcohol", "pork", "gelatin", "vegetarian"}


def test_no_pork_is_proved_by_a_vegetarian_dish_or_by_pork_and_gelatin_both_free() -> None:
    assert assess(tags(vegetarian=True), ["no_pork"], []).verdict is Verdict.fits
    assert (
        assess(tags({"pork": Presence.free, "gelatin": Presence.free}), ["no_pork"], []).verdict
        is Verdict.fits
    )
    assert assess(tags({"pork": Presence.free}), ["no_pork"], []).verdict is Verdict.unknown
    assert (
        assess(tags({"pork": Presence.contains}, vegetarian=True), ["no_pork"], []).verdict
        is Verdict.avoid
    )


def test_a_need_without_a_rule_is_never_assumed_met() -> None:
    result = assess(tags(vegan=True), ["paleo"], [])

    assert result.verdict is Verdict.unknown


def test_staff_read_what_a_guest_avoids_in_japanese() -> None:
    told = avoidances(["vegan", "no_alcohol"], ["sesame", "shrimp"])

    assert told.dietary_needs == ["ヴィーガン", "アルコール不可（料理酒・みりんを含む）"]
    assert told.allergens == ["ごま", "えび"]


def test_visitors_read_what_conflicts_in_their_language() -> None:
    sesame = Finding("allergen", "sesame", "contains")

    assert finding_label(sesame, "vi") != finding_label(sesame, "en")
    assert finding_label(Finding("diet", "meat", "yes"), "ja") == "肉類（牛・豚・鶏など）"
