from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SandboxGrantOut")


@_attrs_define
class SandboxGrantOut:
    """
    Attributes:
        grant_id (UUID):
        purpose (str):
        attributes (list[str]):
        expires_at (datetime.datetime):
    """

    grant_id: UUID
    purpose: str
    attributes: list[str]
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grant_id = str(self.grant_id)

        purpose = self.purpose

        attributes = self.attributes

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grant_id": grant_id,
                "purpose": purpose,
                "attributes": attributes,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grant_id = UUID(d.pop("grant_id"))

        purpose = d.pop("purpose")

        attributes = cast(list[str], d.pop("attributes"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        sandbox_grant_out = cls(
            grant_id=grant_id,
            purpose=purpose,
            attributes=attributes,
            expires_at=expires_at,
        )

        sandbox_grant_out.additional_properties = d
        return sandbox_grant_out

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
