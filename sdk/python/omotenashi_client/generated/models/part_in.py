from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PartIn")


@_attrs_define
class PartIn:
    """A refund or a capture: part of what is left, or all of it.

    Attributes:
        amount (int | None | Unset): Whole yen; omitted: all that is left.
        currency (str | Unset): Only JPY is accepted. Default: 'JPY'.
    """

    amount: int | None | Unset = UNSET
    currency: str | Unset = "JPY"

    def to_dict(self) -> dict[str, Any]:
        amount: int | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        currency = d.pop("currency", UNSET)

        part_in = cls(
            amount=amount,
            currency=currency,
        )

        return part_in
