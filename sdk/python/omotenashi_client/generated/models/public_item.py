from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.content_kind import ContentKind

if TYPE_CHECKING:
    from ..models.tag_out import TagOut
    from ..models.text_out import TextOut


T = TypeVar("T", bound="PublicItem")


@_attrs_define
class PublicItem:
    """
    Attributes:
        id (str):
        kind (ContentKind):
        title (TextOut):
        body (None | TextOut):
        venue (None | TextOut):
        starts_at (datetime.datetime | None):
        ends_at (datetime.datetime | None):
        tags (list[str]):
        allergens (list[TagOut] | None): Dishes: every allergen in force today
        diet (list[TagOut] | None): Dishes: every diet property
    """

    id: str
    kind: ContentKind
    title: TextOut
    body: None | TextOut
    venue: None | TextOut
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    tags: list[str]
    allergens: list[TagOut] | None
    diet: list[TagOut] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.text_out import TextOut  # noqa: PLC0415

        id = self.id

        kind = self.kind.value

        title = self.title.to_dict()

        body: dict[str, Any] | None
        if isinstance(self.body, TextOut):
            body = self.body.to_dict()
        else:
            body = self.body

        venue: dict[str, Any] | None
        if isinstance(self.venue, TextOut):
            venue = self.venue.to_dict()
        else:
            venue = self.venue

        starts_at: None | str
        if isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        tags = self.tags

        allergens: list[dict[str, Any]] | None
        if isinstance(self.allergens, list):
            allergens = []
            for allergens_type_0_item_data in self.allergens:
                allergens_type_0_item = allergens_type_0_item_data.to_dict()
                allergens.append(allergens_type_0_item)

        else:
            allergens = self.allergens

        diet: list[dict[str, Any]] | None
        if isinstance(self.diet, list):
            diet = []
            for diet_type_0_item_data in self.diet:
                diet_type_0_item = diet_type_0_item_data.to_dict()
                diet.append(diet_type_0_item)

        else:
            diet = self.diet

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "title": title,
                "body": body,
                "venue": venue,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "tags": tags,
                "allergens": allergens,
                "diet": diet,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tag_out import TagOut  # noqa: PLC0415
        from ..models.text_out import TextOut  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = ContentKind(d.pop("kind"))

        title = TextOut.from_dict(d.pop("title"))

        def _parse_body(data: object) -> None | TextOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                body_type_0 = TextOut.from_dict(data)

                return body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextOut, data)

        body = _parse_body(d.pop("body"))

        def _parse_venue(data: object) -> None | TextOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                venue_type_0 = TextOut.from_dict(data)

                return venue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextOut, data)

        venue = _parse_venue(d.pop("venue"))

        def _parse_starts_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        starts_at = _parse_starts_at(d.pop("starts_at"))

        def _parse_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ends_at = _parse_ends_at(d.pop("ends_at"))

        tags = cast(list[str], d.pop("tags"))

        def _parse_allergens(data: object) -> list[TagOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allergens_type_0 = []
                _allergens_type_0 = data
                for allergens_type_0_item_data in _allergens_type_0:
                    allergens_type_0_item = TagOut.from_dict(allergens_type_0_item_data)

                    allergens_type_0.append(allergens_type_0_item)

                return allergens_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TagOut] | None, data)

        allergens = _parse_allergens(d.pop("allergens"))

        def _parse_diet(data: object) -> list[TagOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                diet_type_0 = []
                _diet_type_0 = data
                for diet_type_0_item_data in _diet_type_0:
                    diet_type_0_item = TagOut.from_dict(diet_type_0_item_data)

                    diet_type_0.append(diet_type_0_item)

                return diet_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TagOut] | None, data)

        diet = _parse_diet(d.pop("diet"))

        public_item = cls(
            id=id,
            kind=kind,
            title=title,
            body=body,
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            tags=tags,
            allergens=allergens,
            diet=diet,
        )

        public_item.additional_properties = d
        return public_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
