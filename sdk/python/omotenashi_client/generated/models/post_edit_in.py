from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PostEditIn")


@_attrs_define
class PostEditIn:
    """
    Attributes:
        text (str):
        licence (str | Unset): How the bank may share it: contributor-only (your content only) or an SPDX identifier
            such as CC-BY-4.0 Default: 'contributor-only'.
    """

    text: str
    licence: str | Unset = "contributor-only"

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        licence = self.licence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )
        if licence is not UNSET:
            field_dict["licence"] = licence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        licence = d.pop("licence", UNSET)

        post_edit_in = cls(
            text=text,
            licence=licence,
        )

        return post_edit_in
