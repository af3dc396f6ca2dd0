from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.card_link_received_kind import CardLinkReceivedKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CardLinkReceived")


@_attrs_define
class CardLinkReceived:
    """The same whether or not the card was linked (see ``POST /v1/me/carriers``).

    Attributes:
        kind (CardLinkReceivedKind):
        label (str):
        detail (str | Unset):  Default: 'Received. If no other account has this card, it is now linked to yours and
            listed among your carriers; if another account has it, its holder is told.'.
    """

    kind: CardLinkReceivedKind
    label: str
    detail: str | Unset = (
        "Received. If no other account has this card, it is now linked to yours and listed among your carriers; if another account has it, its holder is told."
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        label = self.label

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "label": label,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = CardLinkReceivedKind(d.pop("kind"))

        label = d.pop("label")

        detail = d.pop("detail", UNSET)

        card_link_received = cls(
            kind=kind,
            label=label,
            detail=detail,
        )

        card_link_received.additional_properties = d
        return card_link_received

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
