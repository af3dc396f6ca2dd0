from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Enrolled")


@_attrs_define
class Enrolled:
    """
    Attributes:
        staff_id (str):
        totp_uri (str): Shown once: add it to an authenticator app (as a QR code)
    """

    staff_id: str
    totp_uri: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        staff_id = self.staff_id

        totp_uri = self.totp_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "staff_id": staff_id,
                "totp_uri": totp_uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        staff_id = d.pop("staff_id")

        totp_uri = d.pop("totp_uri")

        enrolled = cls(
            staff_id=staff_id,
            totp_uri=totp_uri,
        )

        enrolled.additional_properties = d
        return enrolled

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
