from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReplyOut")


@_attrs_define
class ReplyOut:
    """
    Attributes:
        id (UUID):
        body (str): As written, in Japanese
        translated (None | str): What the visitor reads, in their language
        translated_language (str):
        created_at (datetime.datetime):
    """

    id: UUID
    body: str
    translated: None | str
    translated_language: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        body = self.body

        translated: None | str
        translated = self.translated

        translated_language = self.translated_language

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "body": body,
                "translated": translated,
                "translated_language": translated_language,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        body = d.pop("body")

        def _parse_translated(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        translated = _parse_translated(d.pop("translated"))

        translated_language = d.pop("translated_language")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        reply_out = cls(
            id=id,
            body=body,
            translated=translated,
            translated_language=translated_language,
            created_at=created_at,
        )

        reply_out.additional_properties = d
        return reply_out

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
