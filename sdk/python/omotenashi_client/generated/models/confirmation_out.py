from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payment_out import PaymentOut


T = TypeVar("T", bound="ConfirmationOut")


@_attrs_define
class ConfirmationOut:
    """
    Attributes:
        id (UUID):
        state (str):
        amount (int):
        expires_at (datetime.datetime):
        charge (None | PaymentOut): The charge, once the visitor confirmed.
        currency (str | Unset):  Default: 'JPY'.
    """

    id: UUID
    state: str
    amount: int
    expires_at: datetime.datetime
    charge: None | PaymentOut
    currency: str | Unset = "JPY"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payment_out import PaymentOut  # noqa: PLC0415

        id = str(self.id)

        state = self.state

        amount = self.amount

        expires_at = self.expires_at.isoformat()

        charge: dict[str, Any] | None
        if isinstance(self.charge, PaymentOut):
            charge = self.charge.to_dict()
        else:
            charge = self.charge

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "state": state,
                "amount": amount,
                "expires_at": expires_at,
                "charge": charge,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payment_out import PaymentOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        state = d.pop("state")

        amount = d.pop("amount")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_charge(data: object) -> None | PaymentOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                charge_type_0 = PaymentOut.from_dict(data)

                return charge_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentOut, data)

        charge = _parse_charge(d.pop("charge"))

        currency = d.pop("currency", UNSET)

        confirmation_out = cls(
            id=id,
            state=state,
            amount=amount,
            expires_at=expires_at,
            charge=charge,
            currency=currency,
        )

        confirmation_out.additional_properties = d
        return confirmation_out

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
