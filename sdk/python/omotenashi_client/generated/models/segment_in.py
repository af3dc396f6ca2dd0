from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SegmentIn")


@_attrs_define
class SegmentIn:
    """
    Attributes:
        source_lang (str):
        source_text (str):
        target_lang (str):
        target_text (str):
    """

    source_lang: str
    source_text: str
    target_lang: str
    target_text: str

    def to_dict(self) -> dict[str, Any]:
        source_lang = self.source_lang

        source_text = self.source_text

        target_lang = self.target_lang

        target_text = self.target_text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_lang": source_lang,
                "source_text": source_text,
                "target_lang": target_lang,
                "target_text": target_text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_lang = d.pop("source_lang")

        source_text = d.pop("source_text")

        target_lang = d.pop("target_lang")

        target_text = d.pop("target_text")

        segment_in = cls(
            source_lang=source_lang,
            source_text=source_text,
            target_lang=target_lang,
            target_text=target_text,
        )

        return segment_in
