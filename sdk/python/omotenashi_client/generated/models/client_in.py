from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.client_kind import ClientKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ClientIn")


@_attrs_define
class ClientIn:
    """
    Attributes:
        kind (ClientKind):
        label (str):
        scopes (list[str]):
        purposes (list[str] | Unset):
        location (None | str | Unset): Where a terminal stands
        live (bool | Unset): false: a sandbox client (secret prefixed `oms_test_`) that reaches only the servicer's
            sandbox visitors, consents and webhooks, never live data. A sandbox client may make sandbox clients only.
            Default: True.
    """

    kind: ClientKind
    label: str
    scopes: list[str]
    purposes: list[str] | Unset = UNSET
    location: None | str | Unset = UNSET
    live: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        label = self.label

        scopes = self.scopes

        purposes: list[str] | Unset = UNSET
        if not isinstance(self.purposes, Unset):
            purposes = self.purposes

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        live = self.live

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "label": label,
                "scopes": scopes,
            }
        )
        if purposes is not UNSET:
            field_dict["purposes"] = purposes
        if location is not UNSET:
            field_dict["location"] = location
        if live is not UNSET:
            field_dict["live"] = live

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ClientKind(d.pop("kind"))

        label = d.pop("label")

        scopes = cast(list[str], d.pop("scopes"))

        purposes = cast(list[str], d.pop("purposes", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        live = d.pop("live", UNSET)

        client_in = cls(
            kind=kind,
            label=label,
            scopes=scopes,
            purposes=purposes,
            location=location,
            live=live,
        )

        client_in.additional_properties = d
        return client_in

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
