from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ScopeOut")


@_attrs_define
class ScopeOut:
    """
    Attributes:
        key (str):
        allows (str): What an access token holding this scope may do
        granted_to (list[str]): Kinds of API client made with this scope from the console
    """

    key: str
    allows: str
    granted_to: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        allows = self.allows

        granted_to = self.granted_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "allows": allows,
                "granted_to": granted_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        allows = d.pop("allows")

        granted_to = cast(list[str], d.pop("granted_to"))

        scope_out = cls(
            key=key,
            allows=allows,
            granted_to=granted_to,
        )

        scope_out.additional_properties = d
        return scope_out

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
