from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CountsOut")


@_attrs_define
class CountsOut:
    """
    Attributes:
        sent (int):
        opened (int):
        accepted (int):
        expired (int):
        withdrawn (int):
    """

    sent: int
    opened: int
    accepted: int
    expired: int
    withdrawn: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sent = self.sent

        opened = self.opened

        accepted = self.accepted

        expired = self.expired

        withdrawn = self.withdrawn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sent": sent,
                "opened": opened,
                "accepted": accepted,
                "expired": expired,
                "withdrawn": withdrawn,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sent = d.pop("sent")

        opened = d.pop("opened")

        accepted = d.pop("accepted")

        expired = d.pop("expired")

        withdrawn = d.pop("withdrawn")

        counts_out = cls(
            sent=sent,
            opened=opened,
            accepted=accepted,
            expired=expired,
            withdrawn=withdrawn,
        )

        counts_out.additional_properties = d
        return counts_out

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
