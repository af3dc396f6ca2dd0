from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.suggestion_out_field import SuggestionOutField

T = TypeVar("T", bound="SuggestionOut")


@_attrs_define
class SuggestionOut:
    """
    Attributes:
        id (UUID):
        item_id (UUID):
        language (str):
        field (SuggestionOutField):
        text (str):
        state (str):
        created_at (datetime.datetime):
    """

    id: UUID
    item_id: UUID
    language: str
    field: SuggestionOutField
    text: str
    state: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        item_id = str(self.item_id)

        language = self.language

        field = self.field.value

        text = self.text

        state = self.state

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "item_id": item_id,
                "language": language,
                "field": field,
                "text": text,
                "state": state,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        item_id = UUID(d.pop("item_id"))

        language = d.pop("language")

        field = SuggestionOutField(d.pop("field"))

        text = d.pop("text")

        state = d.pop("state")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        suggestion_out = cls(
            id=id,
            item_id=item_id,
            language=language,
            field=field,
            text=text,
            state=state,
            created_at=created_at,
        )

        suggestion_out.additional_properties = d
        return suggestion_out

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
