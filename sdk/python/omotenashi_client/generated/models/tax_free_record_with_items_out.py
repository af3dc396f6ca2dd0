from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_state import RecordState
from ..models.refund_method import RefundMethod

if TYPE_CHECKING:
    from ..models.tax_free_item_out import TaxFreeItemOut


T = TypeVar("T", bound="TaxFreeRecordWithItemsOut")


@_attrs_define
class TaxFreeRecordWithItemsOut:
    """
    Attributes:
        id (UUID):
        subject (str): The buyer's pairwise id at this shop.
        procedure_id (str):
        spec_version (str):
        transmission_number (str): 送信番号, 17 digits.
        sender_id (str): 送信者識別符号, 21 digits.
        sales_location_id (str):
        state (RecordState):
        rejection_reason (None | str): The tax office's reason, in Japanese.
        purchased_at (datetime.datetime):
        deadline (datetime.date):
        retain_until (datetime.date):
        total (int):
        tax (int):
        fee (int):
        refund_method (RefundMethod):
        items (list[TaxFreeItemOut]):
    """

    id: UUID
    subject: str
    procedure_id: str
    spec_version: str
    transmission_number: str
    sender_id: str
    sales_location_id: str
    state: RecordState
    rejection_reason: None | str
    purchased_at: datetime.datetime
    deadline: datetime.date
    retain_until: datetime.date
    total: int
    tax: int
    fee: int
    refund_method: RefundMethod
    items: list[TaxFreeItemOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        subject = self.subject

        procedure_id = self.procedure_id

        spec_version = self.spec_version

        transmission_number = self.transmission_number

        sender_id = self.sender_id

        sales_location_id = self.sales_location_id

        state = self.state.value

        rejection_reason: None | str
        rejection_reason = self.rejection_reason

        purchased_at = self.purchased_at.isoformat()

        deadline = self.deadline.isoformat()

        retain_until = self.retain_until.isoformat()

        total = self.total

        tax = self.tax

        fee = self.fee

        refund_method = self.refund_method.value

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "subject": subject,
                "procedure_id": procedure_id,
                "spec_version": spec_version,
                "transmission_number": transmission_number,
                "sender_id": sender_id,
                "sales_location_id": sales_location_id,
                "state": state,
                "rejection_reason": rejection_reason,
                "purchased_at": purchased_at,
                "deadline": deadline,
                "retain_until": retain_until,
                "total": total,
                "tax": tax,
                "fee": fee,
                "refund_method": refund_method,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tax_free_item_out import TaxFreeItemOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        subject = d.pop("subject")

        procedure_id = d.pop("procedure_id")

        spec_version = d.pop("spec_version")

        transmission_number = d.pop("transmission_number")

        sender_id = d.pop("sender_id")

        sales_location_id = d.pop("sales_location_id")

        state = RecordState(d.pop("state"))

        def _parse_rejection_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rejection_reason = _parse_rejection_reason(d.pop("rejection_reason"))

        purchased_at = datetime.datetime.fromisoformat(d.pop("purchased_at"))

        deadline = datetime.date.fromisoformat(d.pop("deadline"))

        retain_until = datetime.date.fromisoformat(d.pop("retain_until"))

        total = d.pop("total")

        tax = d.pop("tax")

        fee = d.pop("fee")

        refund_method = RefundMethod(d.pop("refund_method"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TaxFreeItemOut.from_dict(items_item_data)

            items.append(items_item)

        tax_free_record_with_items_out = cls(
            id=id,
            subject=subject,
            procedure_id=procedure_id,
            spec_version=spec_version,
            transmission_number=transmission_number,
            sender_id=sender_id,
            sales_location_id=sales_location_id,
            state=state,
            rejection_reason=rejection_reason,
            purchased_at=purchased_at,
            deadline=deadline,
            retain_until=retain_until,
            total=total,
            tax=tax,
            fee=fee,
            refund_method=refund_method,
            items=items,
        )

        tax_free_record_with_items_out.additional_properties = d
        return tax_free_record_with_items_out

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
