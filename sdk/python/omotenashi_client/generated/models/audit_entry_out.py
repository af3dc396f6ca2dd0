from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_entry_out_details import AuditEntryOutDetails


T = TypeVar("T", bound="AuditEntryOut")


@_attrs_define
class AuditEntryOut:
    """
    Attributes:
        id (int):
        at (datetime.datetime):
        actor (str):
        action (str):
        target (str):
        details (AuditEntryOutDetails):
        hash_ (str):
        previous_hash (str):
    """

    id: int
    at: datetime.datetime
    actor: str
    action: str
    target: str
    details: AuditEntryOutDetails
    hash_: str
    previous_hash: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        at = self.at.isoformat()

        actor = self.actor

        action = self.action

        target = self.target

        details = self.details.to_dict()

        hash_ = self.hash_

        previous_hash = self.previous_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "at": at,
                "actor": actor,
                "action": action,
                "target": target,
                "details": details,
                "hash": hash_,
                "previous_hash": previous_hash,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_out_details import AuditEntryOutDetails  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        actor = d.pop("actor")

        action = d.pop("action")

        target = d.pop("target")

        details = AuditEntryOutDetails.from_dict(d.pop("details"))

        hash_ = d.pop("hash")

        previous_hash = d.pop("previous_hash")

        audit_entry_out = cls(
            id=id,
            at=at,
            actor=actor,
            action=action,
            target=target,
            details=details,
            hash_=hash_,
            previous_hash=previous_hash,
        )

        audit_entry_out.additional_properties = d
        return audit_entry_out

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
