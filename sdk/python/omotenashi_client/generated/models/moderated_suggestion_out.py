from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.moderated_suggestion_out_field import ModeratedSuggestionOutField

T = TypeVar("T", bound="ModeratedSuggestionOut")


@_attrs_define
class ModeratedSuggestionOut:
    """A suggestion as a moderator sees it; never who suggested it.

    Attributes:
        id (UUID):
        item_id (UUID):
        language (str):
        field (ModeratedSuggestionOutField):
        text (str):
        state (str):
        created_at (datetime.datetime):
        source_language (str):
        source_text (str):
        current_text (None | str):
        current_provenance (None | str):
        decided_by (None | str):
        decided_at (datetime.datetime | None):
    """

    id: UUID
    item_id: UUID
    language: str
    field: ModeratedSuggestionOutField
    text: str
    state: str
    created_at: datetime.datetime
    source_language: str
    source_text: str
    current_text: None | str
    current_provenance: None | str
    decided_by: None | str
    decided_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        item_id = str(self.item_id)

        language = self.language

        field = self.field.value

        text = self.text

        state = self.state

        created_at = self.created_at.isoformat()

        source_language = self.source_language

        source_text = self.source_text

        current_text: None | str
        current_text = self.current_text

        current_provenance: None | str
        current_provenance = self.current_provenance

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

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
                "source_language": source_language,
                "source_text": source_text,
                "current_text": current_text,
                "current_provenance": current_provenance,
                "decided_by": decided_by,
                "decided_at": decided_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        item_id = UUID(d.pop("item_id"))

        language = d.pop("language")

        field = ModeratedSuggestionOutField(d.pop("field"))

        text = d.pop("text")

        state = d.pop("state")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        source_language = d.pop("source_language")

        source_text = d.pop("source_text")

        def _parse_current_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_text = _parse_current_text(d.pop("current_text"))

        def _parse_current_provenance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_provenance = _parse_current_provenance(d.pop("current_provenance"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        moderated_suggestion_out = cls(
            id=id,
            item_id=item_id,
            language=language,
            field=field,
            text=text,
            state=state,
            created_at=created_at,
            source_language=source_language,
            source_text=source_text,
            current_text=current_text,
            current_provenance=current_provenance,
            decided_by=decided_by,
            decided_at=decided_at,
        )

        moderated_suggestion_out.additional_properties = d
        return moderated_suggestion_out

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
