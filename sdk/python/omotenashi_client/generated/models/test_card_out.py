from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TestCardOut")


@_attrs_define
class TestCardOut:
    """
    Attributes:
        id (str): The test card's IDm (16 hex digits, always starting FFFF): present it to `POST /v1/resolve` as
            `{"kind": "ic_card", "id": ...}` with a sandbox token
        kind (Literal['ic_card'] | Unset):  Default: 'ic_card'.
    """

    id: str
    kind: Literal["ic_card"] | Unset = "ic_card"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = cast(Literal["ic_card"] | Unset, d.pop("kind", UNSET))
        if kind != "ic_card" and not isinstance(kind, Unset):
            raise ValueError(f"kind must match const 'ic_card', got '{kind}'")

        test_card_out = cls(
            id=id,
            kind=kind,
        )

        test_card_out.additional_properties = d
        return test_card_out

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
