from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.suggestion_in_field import SuggestionInField

T = TypeVar("T", bound="SuggestionIn")


@_attrs_define
class SuggestionIn:
    """
    Attributes:
        language (str):
        field (SuggestionInField):
        text (str):
    """

    language: str
    field: SuggestionInField
    text: str

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        field = self.field.value

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "language": language,
                "field": field,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        language = d.pop("language")

        field = SuggestionInField(d.pop("field"))

        text = d.pop("text")

        suggestion_in = cls(
            language=language,
            field=field,
            text=text,
        )

        return suggestion_in
