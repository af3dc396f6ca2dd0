from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StaffSessionStarted")


@_attrs_define
class StaffSessionStarted:
    """
    Attributes:
        token (str): The bearer secret; shown once, keep it like a password
        expires_at (datetime.datetime):
        role (str):
        servicer_id (None | str):
    """

    token: str
    expires_at: datetime.datetime
    role: str
    servicer_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        expires_at = self.expires_at.isoformat()

        role = self.role

        servicer_id: None | str
        servicer_id = self.servicer_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "expires_at": expires_at,
                "role": role,
                "servicer_id": servicer_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        role = d.pop("role")

        def _parse_servicer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        servicer_id = _parse_servicer_id(d.pop("servicer_id"))

        staff_session_started = cls(
            token=token,
            expires_at=expires_at,
            role=role,
            servicer_id=servicer_id,
        )

        staff_session_started.additional_properties = d
        return staff_session_started

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
