from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.profile_attributes import ProfileAttributes


T = TypeVar("T", bound="Profile")


@_attrs_define
class Profile:
    """
    Attributes:
        visitor_id (str):
        language (str):
        departure (datetime.date | None):
        catalogue_version (str):
        attributes (ProfileAttributes):
    """

    visitor_id: str
    language: str
    departure: datetime.date | None
    catalogue_version: str
    attributes: ProfileAttributes
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        visitor_id = self.visitor_id

        language = self.language

        departure: None | str
        if isinstance(self.departure, datetime.date):
            departure = self.departure.isoformat()
        else:
            departure = self.departure

        catalogue_version = self.catalogue_version

        attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "visitor_id": visitor_id,
                "language": language,
                "departure": departure,
                "catalogue_version": catalogue_version,
                "attributes": attributes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.profile_attributes import ProfileAttributes  # noqa: PLC0415

        d = dict(src_dict)
        visitor_id = d.pop("visitor_id")

        language = d.pop("language")

        def _parse_departure(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                departure_type_0 = datetime.date.fromisoformat(data)

                return departure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        departure = _parse_departure(d.pop("departure"))

        catalogue_version = d.pop("catalogue_version")

        attributes = ProfileAttributes.from_dict(d.pop("attributes"))

        profile = cls(
            visitor_id=visitor_id,
            language=language,
            departure=departure,
            catalogue_version=catalogue_version,
            attributes=attributes,
        )

        profile.additional_properties = d
        return profile

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
