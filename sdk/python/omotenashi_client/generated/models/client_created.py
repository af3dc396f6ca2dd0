from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.client_out import ClientOut


T = TypeVar("T", bound="ClientCreated")


@_attrs_define
class ClientCreated:
    """
    Attributes:
        client (ClientOut):
        client_secret (str): Shown once; only a hash of it is kept
    """

    client: ClientOut
    client_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client = self.client.to_dict()

        client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client": client,
                "client_secret": client_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_out import ClientOut  # noqa: PLC0415

        d = dict(src_dict)
        client = ClientOut.from_dict(d.pop("client"))

        client_secret = d.pop("client_secret")

        client_created = cls(
            client=client,
            client_secret=client_secret,
        )

        client_created.additional_properties = d
        return client_created

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
