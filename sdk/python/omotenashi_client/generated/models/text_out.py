from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TextOut")


@_attrs_define
class TextOut:
    """
    Attributes:
        text (str):
        language (str): The language the text is in
        translated (bool): false: no translation into the language asked for yet; the text is the item's own, in its own
            language
        machine_translated (bool):
    """

    text: str
    language: str
    translated: bool
    machine_translated: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        language = self.language

        translated = self.translated

        machine_translated = self.machine_translated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "language": language,
                "translated": translated,
                "machine_translated": machine_translated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        language = d.pop("language")

        translated = d.pop("translated")

        machine_translated = d.pop("machine_translated")

        text_out = cls(
            text=text,
            language=language,
            translated=translated,
            machine_translated=machine_translated,
        )

        text_out.additional_properties = d
        return text_out

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
