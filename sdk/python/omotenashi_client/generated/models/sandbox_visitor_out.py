from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.test_card_out import TestCardOut


T = TypeVar("T", bound="SandboxVisitorOut")


@_attrs_define
class SandboxVisitorOut:
    """
    Attributes:
        id (UUID): The test visitor's id, for the sandbox's own routes
        label (str):
        subject (str): Your pairwise subject for it, as resolve answers
        card (TestCardOut):
        created_at (datetime.datetime):
    """

    id: UUID
    label: str
    subject: str
    card: TestCardOut
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        label = self.label

        subject = self.subject

        card = self.card.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "label": label,
                "subject": subject,
                "card": card,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.test_card_out import TestCardOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        label = d.pop("label")

        subject = d.pop("subject")

        card = TestCardOut.from_dict(d.pop("card"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        sandbox_visitor_out = cls(
            id=id,
            label=label,
            subject=subject,
            card=card,
            created_at=created_at,
        )

        sandbox_visitor_out.additional_properties = d
        return sandbox_visitor_out

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
