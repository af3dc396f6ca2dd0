from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.purpose_out import PurposeOut


T = TypeVar("T", bound="ServicerOut")


@_attrs_define
class ServicerOut:
    """
    Attributes:
        id (UUID):
        name (str):
        name_ja (str):
        category (str):
        state (str):
        municipality_code (None | str):
        state_reason (None | str):
        purposes (list[PurposeOut]): By purpose key
    """

    id: UUID
    name: str
    name_ja: str
    category: str
    state: str
    municipality_code: None | str
    state_reason: None | str
    purposes: list[PurposeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        name_ja = self.name_ja

        category = self.category

        state = self.state

        municipality_code: None | str
        municipality_code = self.municipality_code

        state_reason: None | str
        state_reason = self.state_reason

        purposes = []
        for purposes_item_data in self.purposes:
            purposes_item = purposes_item_data.to_dict()
            purposes.append(purposes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "name_ja": name_ja,
                "category": category,
                "state": state,
                "municipality_code": municipality_code,
                "state_reason": state_reason,
                "purposes": purposes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.purpose_out import PurposeOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        name_ja = d.pop("name_ja")

        category = d.pop("category")

        state = d.pop("state")

        def _parse_municipality_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        municipality_code = _parse_municipality_code(d.pop("municipality_code"))

        def _parse_state_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        state_reason = _parse_state_reason(d.pop("state_reason"))

        purposes = []
        _purposes = d.pop("purposes")
        for purposes_item_data in _purposes:
            purposes_item = PurposeOut.from_dict(purposes_item_data)

            purposes.append(purposes_item)

        servicer_out = cls(
            id=id,
            name=name,
            name_ja=name_ja,
            category=category,
            state=state,
            municipality_code=municipality_code,
            state_reason=state_reason,
            purposes=purposes,
        )

        servicer_out.additional_properties = d
        return servicer_out

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
