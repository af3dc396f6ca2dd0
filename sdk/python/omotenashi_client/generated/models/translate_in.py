from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TranslateIn")


@_attrs_define
class TranslateIn:
    """
    Attributes:
        languages (list[str]):
    """

    languages: list[str]

    def to_dict(self) -> dict[str, Any]:
        languages = self.languages

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "languages": languages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        languages = cast(list[str], d.pop("languages"))

        translate_in = cls(
            languages=languages,
        )

        return translate_in
