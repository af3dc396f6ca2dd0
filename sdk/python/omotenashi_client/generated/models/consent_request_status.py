from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsentRequestStatus")


@_attrs_define
class ConsentRequestStatus:
    """
    Attributes:
        id (str):
        state (str):
        purpose (str):
        attributes (list[str]):
        expires_at (datetime.datetime):
    """

    id: str
    state: str
    purpose: str
    attributes: list[str]
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        state = self.state

        purpose = self.purpose

        attributes = self.attributes

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "state": state,
                "purpose": purpose,
                "attributes": attributes,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        state = d.pop("state")

        purpose = d.pop("purpose")

        attributes = cast(list[str], d.pop("attributes"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        consent_request_status = cls(
            id=id,
            state=state,
            purpose=purpose,
            attributes=attributes,
            expires_at=expires_at,
        )

        consent_request_status.additional_properties = d
        return consent_request_status

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
