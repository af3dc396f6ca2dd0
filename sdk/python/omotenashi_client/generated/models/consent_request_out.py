from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.item import Item


T = TypeVar("T", bound="ConsentRequestOut")


@_attrs_define
class ConsentRequestOut:
    """
    Attributes:
        id (str):
        state (str):
        servicer_name (str):
        servicer_name_ja (str):
        servicer_category (str):
        purpose (Item):
        attributes (list[Item]):
        expires_at (datetime.datetime):
    """

    id: str
    state: str
    servicer_name: str
    servicer_name_ja: str
    servicer_category: str
    purpose: Item
    attributes: list[Item]
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        state = self.state

        servicer_name = self.servicer_name

        servicer_name_ja = self.servicer_name_ja

        servicer_category = self.servicer_category

        purpose = self.purpose.to_dict()

        attributes = []
        for attributes_item_data in self.attributes:
            attributes_item = attributes_item_data.to_dict()
            attributes.append(attributes_item)

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "state": state,
                "servicer_name": servicer_name,
                "servicer_name_ja": servicer_name_ja,
                "servicer_category": servicer_category,
                "purpose": purpose,
                "attributes": attributes,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item import Item  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        state = d.pop("state")

        servicer_name = d.pop("servicer_name")

        servicer_name_ja = d.pop("servicer_name_ja")

        servicer_category = d.pop("servicer_category")

        purpose = Item.from_dict(d.pop("purpose"))

        attributes = []
        _attributes = d.pop("attributes")
        for attributes_item_data in _attributes:
            attributes_item = Item.from_dict(attributes_item_data)

            attributes.append(attributes_item)

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        consent_request_out = cls(
            id=id,
            state=state,
            servicer_name=servicer_name,
            servicer_name_ja=servicer_name_ja,
            servicer_category=servicer_category,
            purpose=purpose,
            attributes=attributes,
            expires_at=expires_at,
        )

        consent_request_out.additional_properties = d
        return consent_request_out

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
