from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wallet_entry_out import WalletEntryOut


T = TypeVar("T", bound="WalletOut")


@_attrs_define
class WalletOut:
    """
    Attributes:
        available (int):
        held (int):
        history (list[WalletEntryOut]):
        currency (str | Unset):  Default: 'JPY'.
    """

    available: int
    held: int
    history: list[WalletEntryOut]
    currency: str | Unset = "JPY"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        held = self.held

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "held": held,
                "history": history,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wallet_entry_out import WalletEntryOut  # noqa: PLC0415

        d = dict(src_dict)
        available = d.pop("available")

        held = d.pop("held")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = WalletEntryOut.from_dict(history_item_data)

            history.append(history_item)

        currency = d.pop("currency", UNSET)

        wallet_out = cls(
            available=available,
            held=held,
            history=history,
            currency=currency,
        )

        wallet_out.additional_properties = d
        return wallet_out

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
