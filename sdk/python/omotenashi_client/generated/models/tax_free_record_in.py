from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_presented import CardPresented
    from ..models.qr_presented import QrPresented
    from ..models.tax_free_item_in import TaxFreeItemIn


T = TypeVar("T", bound="TaxFreeRecordIn")


@_attrs_define
class TaxFreeRecordIn:
    """
    Attributes:
        carrier (CardPresented | QrPresented):
        items (list[TaxFreeItemIn]):
        card_payment (None | str | Unset): The payment provider's id of the card payment, to refund to the card.
    """

    carrier: CardPresented | QrPresented
    items: list[TaxFreeItemIn]
    card_payment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.card_presented import CardPresented  # noqa: PLC0415

        carrier: dict[str, Any]
        if isinstance(self.carrier, CardPresented):
            carrier = self.carrier.to_dict()
        else:
            carrier = self.carrier.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        card_payment: None | str | Unset
        if isinstance(self.card_payment, Unset):
            card_payment = UNSET
        else:
            card_payment = self.card_payment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "carrier": carrier,
                "items": items,
            }
        )
        if card_payment is not UNSET:
            field_dict["card_payment"] = card_payment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_presented import CardPresented  # noqa: PLC0415
        from ..models.qr_presented import QrPresented  # noqa: PLC0415
        from ..models.tax_free_item_in import TaxFreeItemIn  # noqa: PLC0415

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

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TaxFreeItemIn.from_dict(items_item_data)

            items.append(items_item)

        def _parse_card_payment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        card_payment = _parse_card_payment(d.pop("card_payment", UNSET))

        tax_free_record_in = cls(
            carrier=carrier,
            items=items,
            card_payment=card_payment,
        )

        return tax_free_record_in
