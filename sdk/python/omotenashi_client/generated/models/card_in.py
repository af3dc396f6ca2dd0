from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.card_in_kind import CardInKind

T = TypeVar("T", bound="CardIn")


@_attrs_define
class CardIn:
    """
    Attributes:
        kind (CardInKind):
        id (str): IC card IDm (16 hex digits) or tag UID
        label (str): A name you will recognise: 'My Suica'
    """

    kind: CardInKind
    id: str
    label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        id = self.id

        label = self.label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "id": id,
                "label": label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = CardInKind(d.pop("kind"))

        id = d.pop("id")

        label = d.pop("label")

        card_in = cls(
            kind=kind,
            id=id,
            label=label,
        )

        card_in.additional_properties = d
        return card_in

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
