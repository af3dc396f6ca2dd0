from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.content_kind import ContentKind

if TYPE_CHECKING:
    from ..models.item_out_allergens import ItemOutAllergens
    from ..models.item_out_diet import ItemOutDiet
    from ..models.translation_out import TranslationOut


T = TypeVar("T", bound="ItemOut")


@_attrs_define
class ItemOut:
    """
    Attributes:
        id (UUID):
        kind (ContentKind):
        source_language (str):
        title (str):
        body (str):
        venue (None | str):
        starts_at (datetime.datetime | None):
        ends_at (datetime.datetime | None):
        tags (list[str]):
        position (int):
        allergens (ItemOutAllergens): Tagged allergens; the rest are unknown
        diet (ItemOutDiet): Answered diet properties; the rest are unknown
        translations (list[TranslationOut]): By language, then field
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    kind: ContentKind
    source_language: str
    title: str
    body: str
    venue: None | str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    tags: list[str]
    position: int
    allergens: ItemOutAllergens
    diet: ItemOutDiet
    translations: list[TranslationOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        source_language = self.source_language

        title = self.title

        body = self.body

        venue: None | str
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

        position = self.position

        allergens = self.allergens.to_dict()

        diet = self.diet.to_dict()

        translations = []
        for translations_item_data in self.translations:
            translations_item = translations_item_data.to_dict()
            translations.append(translations_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "source_language": source_language,
                "title": title,
                "body": body,
                "venue": venue,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "tags": tags,
                "position": position,
                "allergens": allergens,
                "diet": diet,
                "translations": translations,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out_allergens import ItemOutAllergens  # noqa: PLC0415
        from ..models.item_out_diet import ItemOutDiet  # noqa: PLC0415
        from ..models.translation_out import TranslationOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = ContentKind(d.pop("kind"))

        source_language = d.pop("source_language")

        title = d.pop("title")

        body = d.pop("body")

        def _parse_venue(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

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

        position = d.pop("position")

        allergens = ItemOutAllergens.from_dict(d.pop("allergens"))

        diet = ItemOutDiet.from_dict(d.pop("diet"))

        translations = []
        _translations = d.pop("translations")
        for translations_item_data in _translations:
            translations_item = TranslationOut.from_dict(translations_item_data)

            translations.append(translations_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        item_out = cls(
            id=id,
            kind=kind,
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
            translations=translations,
            created_at=created_at,
            updated_at=updated_at,
        )

        item_out.additional_properties = d
        return item_out

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
