from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="QrPresented")


@_attrs_define
class QrPresented:
    """
    Attributes:
        kind (Literal['qr']):
        payload (str):
    """

    kind: Literal["qr"]
    payload: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        payload = self.payload

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "payload": payload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["qr"], d.pop("kind"))
        if kind != "qr":
            raise ValueError(f"kind must match const 'qr', got '{kind}'")

        payload = d.pop("payload")

        qr_presented = cls(
            kind=kind,
            payload=payload,
        )

        return qr_presented
