from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_state import RecordState

T = TypeVar("T", bound="TaxFreeVisitorRecordOut")


@_attrs_define
class TaxFreeVisitorRecordOut:
    """
    Attributes:
        id (UUID):
        seller_name (str):
        state (RecordState):
        purchased_at (datetime.datetime):
        deadline (datetime.date):
        total (int):
        tax (int):
        fee (int):
    """

    id: UUID
    seller_name: str
    state: RecordState
    purchased_at: datetime.datetime
    deadline: datetime.date
    total: int
    tax: int
    fee: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        seller_name = self.seller_name

        state = self.state.value

        purchased_at = self.purchased_at.isoformat()

        deadline = self.deadline.isoformat()

        total = self.total

        tax = self.tax

        fee = self.fee

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "seller_name": seller_name,
                "state": state,
                "purchased_at": purchased_at,
                "deadline": deadline,
                "total": total,
                "tax": tax,
                "fee": fee,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        seller_name = d.pop("seller_name")

        state = RecordState(d.pop("state"))

        purchased_at = datetime.datetime.fromisoformat(d.pop("purchased_at"))

        deadline = datetime.date.fromisoformat(d.pop("deadline"))

        total = d.pop("total")

        tax = d.pop("tax")

        fee = d.pop("fee")

        tax_free_visitor_record_out = cls(
            id=id,
            seller_name=seller_name,
            state=state,
            purchased_at=purchased_at,
            deadline=deadline,
            total=total,
            tax=tax,
            fee=fee,
        )

        tax_free_visitor_record_out.additional_properties = d
        return tax_free_visitor_record_out

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
