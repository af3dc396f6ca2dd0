from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ListedServicer")


@_attrs_define
class ListedServicer:
    """What anyone may know of an approved servicer: enough for a visitor to choose.

    Attributes:
        id (UUID):
        name (str):
        name_ja (str):
        category (str):
        municipality_code (None | str):
        purposes (list[str]): The purposes the operator approved
    """

    id: UUID
    name: str
    name_ja: str
    category: str
    municipality_code: None | str
    purposes: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        name_ja = self.name_ja

        category = self.category

        municipality_code: None | str
        municipality_code = self.municipality_code

        purposes = self.purposes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "name_ja": name_ja,
                "category": category,
                "municipality_code": municipality_code,
                "purposes": purposes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        name_ja = d.pop("name_ja")

        category = d.pop("category")

        def _parse_municipality_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        municipality_code = _parse_municipality_code(d.pop("municipality_code"))

        purposes = cast(list[str], d.pop("purposes"))

        listed_servicer = cls(
            id=id,
            name=name,
            name_ja=name_ja,
            category=category,
            municipality_code=municipality_code,
            purposes=purposes,
        )

        listed_servicer.additional_properties = d
        return listed_servicer

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
