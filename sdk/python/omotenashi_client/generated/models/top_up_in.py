from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_presented import CardPresented
    from ..models.qr_presented import QrPresented


T = TypeVar("T", bound="TopUpIn")


@_attrs_define
class TopUpIn:
    """
    Attributes:
        carrier (CardPresented | QrPresented):
        amount (int): Whole yen.
        currency (str | Unset): Only JPY is accepted. Default: 'JPY'.
    """

    carrier: CardPresented | QrPresented
    amount: int
    currency: str | Unset = "JPY"

    def to_dict(self) -> dict[str, Any]:
        from ..models.card_presented import CardPresented  # noqa: PLC0415

        carrier: dict[str, Any]
        if isinstance(self.carrier, CardPresented):
            carrier = self.carrier.to_dict()
        else:
            carrier = self.carrier.to_dict()

        amount = self.amount

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "carrier": carrier,
                "amount": amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency

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

        top_up_in = cls(
            carrier=carrier,
            amount=amount,
            currency=currency,
        )

        return top_up_in
