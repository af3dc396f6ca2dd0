from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_presented import CardPresented
    from ..models.qr_presented import QrPresented


T = TypeVar("T", bound="HoldIn")


@_attrs_define
class HoldIn:
    """
    Attributes:
        carrier (CardPresented | QrPresented):
        amount (int): Whole yen.
        currency (str | Unset): Only JPY is accepted. Default: 'JPY'.
        expires_in_hours (int | Unset):  Default: 168.
        description (None | str | Unset):
    """

    carrier: CardPresented | QrPresented
    amount: int
    currency: str | Unset = "JPY"
    expires_in_hours: int | Unset = 168
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.card_presented import CardPresented  # noqa: PLC0415

        carrier: dict[str, Any]
        if isinstance(self.carrier, CardPresented):
            carrier = self.carrier.to_dict()
        else:
            carrier = self.carrier.to_dict()

        amount = self.amount

        currency = self.currency

        expires_in_hours = self.expires_in_hours

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "carrier": carrier,
                "amount": amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if expires_in_hours is not UNSET:
            field_dict["expires_in_hours"] = expires_in_hours
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_presented import CardPresented  # noqa: PLC0415
        from ..models.qr_presented import QrPresented  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_carrier(data: object) -> CardPresented | QrPresented:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                carrier_type_0 = CardPresented.from_dict(data)

                return carrier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            carrier_type_1 = QrPresented.from_dict(data)

            return carrier_type_1

        carrier = _parse_carrier(d.pop("carrier"))

        amount = d.pop("amount")

        currency = d.pop("currency", UNSET)

        expires_in_hours = d.pop("expires_in_hours", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        hold_in = cls(
            carrier=carrier,
            amount=amount,
            currency=currency,
            expires_in_hours=expires_in_hours,
            description=description,
        )

        return hold_in
