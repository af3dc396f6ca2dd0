from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """What an agency may know of one invitation: its own references and the state.

    Attributes:
        id (UUID):
        reference (str):
        party (str):
        minor (bool): Confirmed by the party's lead, not invited by e-mail
        state (str): sent, opened, accepted, expired or withdrawn
        arrival (datetime.date):
        expires_at (datetime.datetime):
        link (None | str | Unset): The invitation's link, to print, while it can be answered (adults)
    """

    id: UUID
    reference: str
    party: str
    minor: bool
    state: str
    arrival: datetime.date
    expires_at: datetime.datetime
    link: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        reference = self.reference

        party = self.party

        minor = self.minor

        state = self.state

        arrival = self.arrival.isoformat()

        expires_at = self.expires_at.isoformat()

        link: None | str | Unset
        if isinstance(self.link, Unset):
            link = UNSET
        else:
            link = self.link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "reference": reference,
                "party": party,
                "minor": minor,
                "state": state,
                "arrival": arrival,
                "expires_at": expires_at,
            }
        )
        if link is not UNSET:
            field_dict["link"] = link

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        reference = d.pop("reference")

        party = d.pop("party")

        minor = d.pop("minor")

        state = d.pop("state")

        arrival = datetime.date.fromisoformat(d.pop("arrival"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        link = _parse_link(d.pop("link", UNSET))

        invitation_out = cls(
            id=id,
            reference=reference,
            party=party,
            minor=minor,
            state=state,
            arrival=arrival,
            expires_at=expires_at,
            link=link,
        )

        invitation_out.additional_properties = d
        return invitation_out

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
