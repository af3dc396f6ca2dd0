from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_patch_allergens_type_0 import ItemPatchAllergensType0
    from ..models.item_patch_diet_type_0 import ItemPatchDietType0


T = TypeVar("T", bound="ItemPatch")


@_attrs_define
class ItemPatch:
    """Only the fields sent change. ``allergens`` and ``diet``, when sent, replace every tag.

    Attributes:
        source_language (None | str | Unset):
        title (None | str | Unset):
        body (None | str | Unset):
        venue (None | str | Unset):
        starts_at (datetime.datetime | None | Unset):
        ends_at (datetime.datetime | None | Unset):
        tags (list[str] | None | Unset):
        position (int | None | Unset):
        allergens (ItemPatchAllergensType0 | None | Unset):
        diet (ItemPatchDietType0 | None | Unset):
    """

    source_language: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    body: None | str | Unset = UNSET
    venue: None | str | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    position: int | None | Unset = UNSET
    allergens: ItemPatchAllergensType0 | None | Unset = UNSET
    diet: ItemPatchDietType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.item_patch_allergens_type_0 import ItemPatchAllergensType0  # noqa: PLC0415
        from ..models.item_patch_diet_type_0 import ItemPatchDietType0  # noqa: PLC0415

        source_language: None | str | Unset
        if isinstance(self.source_language, Unset):
            source_language = UNSET
        else:
            source_language = self.source_language

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
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

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        allergens: dict[str, Any] | None | Unset
        if isinstance(self.allergens, Unset):
            allergens = UNSET
        elif isinstance(self.allergens, ItemPatchAllergensType0):
            allergens = self.allergens.to_dict()
        else:
            allergens = self.allergens

        diet: dict[str, Any] | None | Unset
        if isinstance(self.diet, Unset):
            diet = UNSET
        elif isinstance(self.diet, ItemPatchDietType0):
            diet = self.diet.to_dict()
        else:
            diet = self.diet

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if source_language is not UNSET:
            field_dict["source_language"] = source_language
        if title is not UNSET:
            field_dict["title"] = title
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
        from ..models.item_patch_allergens_type_0 import ItemPatchAllergensType0  # noqa: PLC0415
        from ..models.item_patch_diet_type_0 import ItemPatchDietType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_source_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_language = _parse_source_language(d.pop("source_language", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

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

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        def _parse_allergens(data: object) -> ItemPatchAllergensType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                allergens_type_0 = ItemPatchAllergensType0.from_dict(data)

                return allergens_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemPatchAllergensType0 | None | Unset, data)

        allergens = _parse_allergens(d.pop("allergens", UNSET))

        def _parse_diet(data: object) -> ItemPatchDietType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                diet_type_0 = ItemPatchDietType0.from_dict(data)

                return diet_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemPatchDietType0 | None | Unset, data)

        diet = _parse_diet(d.pop("diet", UNSET))

        item_patch = cls(
            source_language=source_language,
            title=title,
            body=body,
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            tags=tags,
            position=position,
            allergens=allergens,
            diet=diet,
        )

        return item_patch
