from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.seen import Seen


T = TypeVar("T", bound="DisclosureOut")


@_attrs_define
class DisclosureOut:
    """
    Attributes:
        at (datetime.datetime):
        servicer_name (str):
        servicer_name_ja (str):
        terminal (None | str):
        location (None | str):
        purpose (Seen):
        attributes (list[Seen]):
    """

    at: datetime.datetime
    servicer_name: str
    servicer_name_ja: str
    terminal: None | str
    location: None | str
    purpose: Seen
    attributes: list[Seen]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        servicer_name = self.servicer_name

        servicer_name_ja = self.servicer_name_ja

        terminal: None | str
        terminal = self.terminal

        location: None | str
        location = self.location

        purpose = self.purpose.to_dict()

        attributes = []
        for attributes_item_data in self.attributes:
            attributes_item = attributes_item_data.to_dict()
            attributes.append(attributes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "servicer_name": servicer_name,
                "servicer_name_ja": servicer_name_ja,
                "terminal": terminal,
                "location": location,
                "purpose": purpose,
                "attributes": attributes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seen import Seen  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        servicer_name = d.pop("servicer_name")

        servicer_name_ja = d.pop("servicer_name_ja")

        def _parse_terminal(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        terminal = _parse_terminal(d.pop("terminal"))

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

        purpose = Seen.from_dict(d.pop("purpose"))

        attributes = []
        _attributes = d.pop("attributes")
        for attributes_item_data in _attributes:
            attributes_item = Seen.from_dict(attributes_item_data)

            attributes.append(attributes_item)

        disclosure_out = cls(
            at=at,
            servicer_name=servicer_name,
            servicer_name_ja=servicer_name_ja,
            terminal=terminal,
            location=location,
            purpose=purpose,
            attributes=attributes,
        )

        disclosure_out.additional_properties = d
        return disclosure_out

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
