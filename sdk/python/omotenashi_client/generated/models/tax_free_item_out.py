from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TaxFreeItemOut")


@_attrs_define
class TaxFreeItemOut:
    """
    Attributes:
        line (int):
        name (str):
        quantity (int):
        unit_price (int):
        price (int):
        tax_rate (int):
        serial (None | str):
        confirmed (bool | None):
    """

    line: int
    name: str
    quantity: int
    unit_price: int
    price: int
    tax_rate: int
    serial: None | str
    confirmed: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line = self.line

        name = self.name

        quantity = self.quantity

        unit_price = self.unit_price

        price = self.price

        tax_rate = self.tax_rate

        serial: None | str
        serial = self.serial

        confirmed: bool | None
        confirmed = self.confirmed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line": line,
                "name": name,
                "quantity": quantity,
                "unit_price": unit_price,
                "price": price,
                "tax_rate": tax_rate,
                "serial": serial,
                "confirmed": confirmed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        line = d.pop("line")

        name = d.pop("name")

        quantity = d.pop("quantity")

        unit_price = d.pop("unit_price")

        price = d.pop("price")

        tax_rate = d.pop("tax_rate")

        def _parse_serial(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        serial = _parse_serial(d.pop("serial"))

        def _parse_confirmed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        confirmed = _parse_confirmed(d.pop("confirmed"))

        tax_free_item_out = cls(
            line=line,
            name=name,
            quantity=quantity,
            unit_price=unit_price,
            price=price,
            tax_rate=tax_rate,
            serial=serial,
            confirmed=confirmed,
        )

        tax_free_item_out.additional_properties = d
        return tax_free_item_out

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
