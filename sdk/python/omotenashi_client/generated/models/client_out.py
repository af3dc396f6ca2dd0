from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClientOut")


@_attrs_define
class ClientOut:
    """
    Attributes:
        id (UUID):
        client_id (str):
        kind (str):
        label (str):
        scopes (list[str]):
        purposes (list[str]):
        location (None | str):
        live (bool): false for a sandbox client
        max_visitors_per_minute (int):
        max_requests_per_minute (int):
        created_at (datetime.datetime):
        rotated_at (datetime.datetime | None):
        revoked_at (datetime.datetime | None):
    """

    id: UUID
    client_id: str
    kind: str
    label: str
    scopes: list[str]
    purposes: list[str]
    location: None | str
    live: bool
    max_visitors_per_minute: int
    max_requests_per_minute: int
    created_at: datetime.datetime
    rotated_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        client_id = self.client_id

        kind = self.kind

        label = self.label

        scopes = self.scopes

        purposes = self.purposes

        location: None | str
        location = self.location

        live = self.live

        max_visitors_per_minute = self.max_visitors_per_minute

        max_requests_per_minute = self.max_requests_per_minute

        created_at = self.created_at.isoformat()

        rotated_at: None | str
        if isinstance(self.rotated_at, datetime.datetime):
            rotated_at = self.rotated_at.isoformat()
        else:
            rotated_at = self.rotated_at

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_id": client_id,
                "kind": kind,
                "label": label,
                "scopes": scopes,
                "purposes": purposes,
                "location": location,
                "live": live,
                "max_visitors_per_minute": max_visitors_per_minute,
                "max_requests_per_minute": max_requests_per_minute,
                "created_at": created_at,
                "rotated_at": rotated_at,
                "revoked_at": revoked_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        client_id = d.pop("client_id")

        kind = d.pop("kind")

        label = d.pop("label")

        scopes = cast(list[str], d.pop("scopes"))

        purposes = cast(list[str], d.pop("purposes"))

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

        live = d.pop("live")

        max_visitors_per_minute = d.pop("max_visitors_per_minute")

        max_requests_per_minute = d.pop("max_requests_per_minute")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_rotated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rotated_at_type_0 = datetime.datetime.fromisoformat(data)

                return rotated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        rotated_at = _parse_rotated_at(d.pop("rotated_at"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        client_out = cls(
            id=id,
            client_id=client_id,
            kind=kind,
            label=label,
            scopes=scopes,
            purposes=purposes,
            location=location,
            live=live,
            max_visitors_per_minute=max_visitors_per_minute,
            max_requests_per_minute=max_requests_per_minute,
            created_at=created_at,
            rotated_at=rotated_at,
            revoked_at=revoked_at,
        )

        client_out.additional_properties = d
        return client_out

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
