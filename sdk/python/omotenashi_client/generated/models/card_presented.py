from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.card_presented_kind import CardPresentedKind

T = TypeVar("T", bound="CardPresented")


@_attrs_define
class CardPresented:
    """
    Attributes:
        kind (CardPresentedKind):
        id (str):
    """

    kind: CardPresentedKind
    id: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = CardPresentedKind(d.pop("kind"))

        id = d.pop("id")

        card_presented = cls(
            kind=kind,
            id=id,
        )

        return card_presented
