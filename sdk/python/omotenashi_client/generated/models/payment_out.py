from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.payment_out_tax_lines_type_0 import PaymentOutTaxLinesType0


T = TypeVar("T", bound="PaymentOut")


@_attrs_define
class PaymentOut:
    """
    Attributes:
        id (UUID):
        kind (str):
        amount (int):
        fee (int):
        currency (str):
        subject (None | str): The visitor's pairwise id at this servicer.
        original_id (None | UUID):
        description (None | str):
        tax_lines (None | PaymentOutTaxLinesType0):
        created_at (datetime.datetime):
        expires_at (datetime.datetime | None):
    """

    id: UUID
    kind: str
    amount: int
    fee: int
    currency: str
    subject: None | str
    original_id: None | UUID
    description: None | str
    tax_lines: None | PaymentOutTaxLinesType0
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payment_out_tax_lines_type_0 import PaymentOutTaxLinesType0  # noqa: PLC0415

        id = str(self.id)

        kind = self.kind

        amount = self.amount

        fee = self.fee

        currency = self.currency

        subject: None | str
        subject = self.subject

        original_id: None | str
        if isinstance(self.original_id, UUID):
            original_id = str(self.original_id)
        else:
            original_id = self.original_id

        description: None | str
        description = self.description

        tax_lines: dict[str, Any] | None
        if isinstance(self.tax_lines, PaymentOutTaxLinesType0):
            tax_lines = self.tax_lines.to_dict()
        else:
            tax_lines = self.tax_lines

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "amount": amount,
                "fee": fee,
                "currency": currency,
                "subject": subject,
                "original_id": original_id,
                "description": description,
                "tax_lines": tax_lines,
                "created_at": created_at,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payment_out_tax_lines_type_0 import PaymentOutTaxLinesType0  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        amount = d.pop("amount")

        fee = d.pop("fee")

        currency = d.pop("currency")

        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))

        def _parse_original_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                original_id_type_0 = UUID(data)

                return original_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        original_id = _parse_original_id(d.pop("original_id"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_tax_lines(data: object) -> None | PaymentOutTaxLinesType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tax_lines_type_0 = PaymentOutTaxLinesType0.from_dict(data)

                return tax_lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentOutTaxLinesType0, data)

        tax_lines = _parse_tax_lines(d.pop("tax_lines"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        payment_out = cls(
            id=id,
            kind=kind,
            amount=amount,
            fee=fee,
            currency=currency,
            subject=subject,
            original_id=original_id,
            description=description,
            tax_lines=tax_lines,
            created_at=created_at,
            expires_at=expires_at,
        )

        payment_out.additional_properties = d
        return payment_out

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
