from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaxFreeItemIn")


@_attrs_define
class TaxFreeItemIn:
    """
    Attributes:
        name (str):
        quantity (int):
        unit_price (int): Tax included, whole yen.
        tax_rate (int | Unset): Consumption tax in percent: 10, or 8. Default: 10.
        serial (None | str | Unset): Required for an item of ¥1,000,000 or more.
    """

    name: str
    quantity: int
    unit_price: int
    tax_rate: int | Unset = 10
    serial: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        quantity = self.quantity

        unit_price = self.unit_price

        tax_rate = self.tax_rate

        serial: None | str | Unset
        if isinstance(self.serial, Unset):
            serial = UNSET
        else:
            serial = self.serial

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "quantity": quantity,
                "unit_price": unit_price,
            }
        )
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if serial is not UNSET:
            field_dict["serial"] = serial

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        quantity = d.pop("quantity")

        unit_price = d.pop("unit_price")

        tax_rate = d.pop("tax_rate", UNSET)

        def _parse_serial(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        serial = _parse_serial(d.pop("serial", UNSET))

        tax_free_item_in = cls(
            name=name,
            quantity=quantity,
            unit_price=unit_price,
            tax_rate=tax_rate,
            serial=serial,
        )

        return tax_free_item_in
