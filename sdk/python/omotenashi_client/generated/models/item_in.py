from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.content_kind import ContentKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_in_allergens import ItemInAllergens
    from ..models.item_in_diet import ItemInDiet


T = TypeVar("T", bound="ItemIn")


@_attrs_define
class ItemIn:
    """
    Attributes:
        kind (ContentKind):
        title (str):
        source_language (str | Unset):  Default: 'ja'.
        body (str | Unset):  Default: ''.
        venue (None | str | Unset): Events only
        starts_at (datetime.datetime | None | Unset): Events only; with a time zone
        ends_at (datetime.datetime | None | Unset): Events only; with a time zone
        tags (list[str] | Unset): Events: interests, e.g. food. Signage: the accessibility needs a slide serves, e.g.
            wheelchair
        position (int | Unset): Listing order; lower first Default: 0.
        allergens (ItemInAllergens | Unset): Allergen key → contains, may_contain, free or unknown; a key not sent is
            unknown. Dishes only.
        diet (ItemInDiet | Unset): Diet property → true or false (alcohol counts cooking sake and mirin); a property not
            sent is unknown. Dishes only.
    """

    kind: ContentKind
    title: str
    source_language: str | Unset = "ja"
    body: str | Unset = ""
    venue: None | str | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    tags: list[str] | Unset = UNSET
    position: int | Unset = 0
    allergens: ItemInAllergens | Unset = UNSET
    diet: ItemInDiet | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        title = self.title

        source_language = self.source_language

        body = self.body

        venue: None | str | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        else:
            venue = self.venue

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        position = self.position

        allergens: dict[str, Any] | Unset = UNSET
        if not isinstance(self.allergens, Unset):
            allergens = self.allergens.to_dict()

        diet: dict[str, Any] | Unset = UNSET
        if not isinstance(self.diet, Unset):
            diet = self.diet.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "title": title,
            }
        )
        if source_language is not UNSET:
            field_dict["source_language"] = source_language
        if body is not UNSET:
            field_dict["body"] = body
        if venue is not UNSET:
            field_dict["venue"] = venue
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if tags is not UNSET:
            field_dict["tags"] = tags
        if position is not UNSET:
            field_dict["position"] = position
        if allergens is not UNSET:
            field_dict["allergens"] = allergens
        if diet is not UNSET:
            field_dict["diet"] = diet

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_in_allergens import ItemInAllergens  # noqa: PLC0415
        from ..models.item_in_diet import ItemInDiet  # noqa: PLC0415

        d = dict(src_dict)
        kind = ContentKind(d.pop("kind"))

        title = d.pop("title")

        source_language = d.pop("source_language", UNSET)

        body = d.pop("body", UNSET)

        def _parse_venue(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        venue = _parse_venue(d.pop("venue", UNSET))

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        position = d.pop("position", UNSET)

        _allergens = d.pop("allergens", UNSET)
        allergens: ItemInAllergens | Unset
        if isinstance(_allergens, Unset):
            allergens = UNSET
        else:
            allergens = ItemInAllergens.from_dict(_allergens)

        _diet = d.pop("diet", UNSET)
        diet: ItemInDiet | Unset
        if isinstance(_diet, Unset):
            diet = UNSET
        else:
            diet = ItemInDiet.from_dict(_diet)

        item_in = cls(
            kind=kind,
            title=title,
            source_language=source_language,
            body=body,
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            tags=tags,
            position=position,
            allergens=allergens,
            diet=diet,
        )

        return item_in
