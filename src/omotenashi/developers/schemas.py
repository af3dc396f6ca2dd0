"""Shapes of the catalogue an integrator reads before asking for anything."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

LABELS = "The label in every language the platform serves (BCP 47 code → text)"


class TermOut(BaseModel):
    key: str = Field(description="The value sent and received in a profile", examples=["halal"])
    labels: dict[str, str] = Field(description=LABELS)


class AllergenRuleOut(BaseModel):
    key: str = Field(examples=["cashew"])
    category: str = Field(description="`mandatory` (特定原材料) or `recommended` (準ずるもの)")
    effective_from: date
    effective_until: date | None = Field(description="Exclusive; null while the rule stands")


class AttributeOut(BaseModel):
    key: str = Field(description="The attribute's key in a profile and in `attributes`")
    type: str = Field(description="The value's type; see `value` for its shape")
    value: str = Field(description="What a value of this type looks like in JSON")
    sensitivity: str = Field(
        description="`personal`, `sensitive` (要配慮個人情報: needs explicit consent) or "
        "`identity_document`"
    )
    labels: dict[str, str] = Field(description=LABELS)
    vocabulary: list[TermOut] | None = Field(
        description="For `enum` and `enum_set`: every value allowed; null for other types"
    )


class CataloguePurpose(BaseModel):
    key: str = Field(examples=["hotel_check_in"])
    labels: dict[str, str] = Field(description=LABELS)
    attributes: list[str] = Field(
        description="The only attributes a resolve for this purpose can return"
    )
    legal_basis: str


class ScopeOut(BaseModel):
    key: str = Field(examples=["resolve"])
    allows: str = Field(description="What an access token holding this scope may do")
    granted_to: list[str] = Field(
        description="Kinds of API client made with this scope from the console"
    )


class CatalogueOut(BaseModel):
    version: str = Field(
        description="The attribute catalogue's version, named by every receipt and export",
        examples=["2026-11-23"],
    )
    languages: list[str] = Field(description="Every language a label is given in")
    attributes: list[AttributeOut]
    allergen_rules: list[AllergenRuleOut] = Field(
        description="Japan's allergen labelling list over time: the `allergens` vocabulary's "
        "place in the law"
    )
    purposes: list[CataloguePurpose]
    scopes: list[ScopeOut]
