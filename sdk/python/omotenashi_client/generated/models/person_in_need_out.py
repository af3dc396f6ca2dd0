from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.point_out import PointOut


T = TypeVar("T", bound="PersonInNeedOut")


@_attrs_define
class PersonInNeedOut:
    """
    Attributes:
        visitor_id (UUID):
        answered_at (datetime.datetime):
        name (Any):
        languages (list[str]):
        accessibility_needs (Any):
        family_members (int):
        municipality (None | str):
        location (None | PointOut): Centre of a ~5 km² cell, not an address
    """

    visitor_id: UUID
    answered_at: datetime.datetime
    name: Any
    languages: list[str]
    accessibility_needs: Any
    family_members: int
    municipality: None | str
    location: None | PointOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.point_out import PointOut  # noqa: PLC0415

        visitor_id = str(self.visitor_id)

        answered_at = self.answered_at.isoformat()

        name = self.name

        languages = self.languages

        accessibility_needs = self.accessibility_needs

        family_members = self.family_members

        municipality: None | str
        municipality = self.municipality

        location: dict[str, Any] | None
        if isinstance(self.location, PointOut):
            location = self.location.to_dict()
        else:
            location = self.location

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "visitor_id": visitor_id,
                "answered_at": answered_at,
                "name": name,
                "languages": languages,
                "accessibility_needs": accessibility_needs,
                "family_members": family_members,
                "municipality": municipality,
                "location": location,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point_out import PointOut  # noqa: PLC0415

        d = dict(src_dict)
        visitor_id = UUID(d.pop("visitor_id"))

        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))

        name = d.pop("name")

        languages = cast(list[str], d.pop("languages"))

        accessibility_needs = d.pop("accessibility_needs")

        family_members = d.pop("family_members")

        def _parse_municipality(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        municipality = _parse_municipality(d.pop("municipality"))

        def _parse_location(data: object) -> None | PointOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = PointOut.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PointOut, data)

        location = _parse_location(d.pop("location"))

        person_in_need_out = cls(
            visitor_id=visitor_id,
            answered_at=answered_at,
            name=name,
            languages=languages,
            accessibility_needs=accessibility_needs,
            family_members=family_members,
            municipality=municipality,
            location=location,
        )

        person_in_need_out.additional_properties = d
        return person_in_need_out

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
