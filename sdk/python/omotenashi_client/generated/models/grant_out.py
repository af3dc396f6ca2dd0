from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.item import Item


T = TypeVar("T", bound="GrantOut")


@_attrs_define
class GrantOut:
    """
    Attributes:
        id (str):
        servicer_id (None | str):
        servicer_name (None | str):
        category (None | str):
        purpose (Item):
        attributes (list[Item]):
        granted_at (datetime.datetime):
        expires_at (datetime.datetime):
        revoked_at (datetime.datetime | None):
        active (bool):
        receipt_jws (str): Kantara Consent Receipt v1.1 claims, signed (EdDSA)
    """

    id: str
    servicer_id: None | str
    servicer_name: None | str
    category: None | str
    purpose: Item
    attributes: list[Item]
    granted_at: datetime.datetime
    expires_at: datetime.datetime
    revoked_at: datetime.datetime | None
    active: bool
    receipt_jws: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        servicer_id: None | str
        servicer_id = self.servicer_id

        servicer_name: None | str
        servicer_name = self.servicer_name

        category: None | str
        category = self.category

        purpose = self.purpose.to_dict()

        attributes = []
        for attributes_item_data in self.attributes:
            attributes_item = attributes_item_data.to_dict()
            attributes.append(attributes_item)

        granted_at = self.granted_at.isoformat()

        expires_at = self.expires_at.isoformat()

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        active = self.active

        receipt_jws = self.receipt_jws

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "servicer_id": servicer_id,
                "servicer_name": servicer_name,
                "category": category,
                "purpose": purpose,
                "attributes": attributes,
                "granted_at": granted_at,
                "expires_at": expires_at,
                "revoked_at": revoked_at,
                "active": active,
                "receipt_jws": receipt_jws,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item import Item  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_servicer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        servicer_id = _parse_servicer_id(d.pop("servicer_id"))

        def _parse_servicer_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        servicer_name = _parse_servicer_name(d.pop("servicer_name"))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        purpose = Item.from_dict(d.pop("purpose"))

        attributes = []
        _attributes = d.pop("attributes")
        for attributes_item_data in _attributes:
            attributes_item = Item.from_dict(attributes_item_data)

            attributes.append(attributes_item)

        granted_at = datetime.datetime.fromisoformat(d.pop("granted_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

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

        active = d.pop("active")

        receipt_jws = d.pop("receipt_jws")

        grant_out = cls(
            id=id,
            servicer_id=servicer_id,
            servicer_name=servicer_name,
            category=category,
            purpose=purpose,
            attributes=attributes,
            granted_at=granted_at,
            expires_at=expires_at,
            revoked_at=revoked_at,
            active=active,
            receipt_jws=receipt_jws,
        )

        grant_out.additional_properties = d
        return grant_out

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
