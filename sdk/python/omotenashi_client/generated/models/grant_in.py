from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.purpose_key import PurposeKey
from ..models.servicer_category import ServicerCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="GrantIn")


@_attrs_define
class GrantIn:
    """
    Attributes:
        purpose (PurposeKey):
        attributes (list[str]): A subset of the purpose's items
        servicer_id (None | Unset | UUID): One servicer…
        category (None | ServicerCategory | Unset): …or every servicer of a kind
        expires_at (datetime.datetime | None | Unset): Default: the end of departure day
    """

    purpose: PurposeKey
    attributes: list[str]
    servicer_id: None | Unset | UUID = UNSET
    category: None | ServicerCategory | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        purpose = self.purpose.value

        attributes = self.attributes

        servicer_id: None | str | Unset
        if isinstance(self.servicer_id, Unset):
            servicer_id = UNSET
        elif isinstance(self.servicer_id, UUID):
            servicer_id = str(self.servicer_id)
        else:
            servicer_id = self.servicer_id

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, ServicerCategory):
            category = self.category.value
        else:
            category = self.category

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "purpose": purpose,
                "attributes": attributes,
            }
        )
        if servicer_id is not UNSET:
            field_dict["servicer_id"] = servicer_id
        if category is not UNSET:
            field_dict["category"] = category
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        purpose = PurposeKey(d.pop("purpose"))

        attributes = cast(list[str], d.pop("attributes"))

        def _parse_servicer_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                servicer_id_type_0 = UUID(data)

                return servicer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        servicer_id = _parse_servicer_id(d.pop("servicer_id", UNSET))

        def _parse_category(data: object) -> None | ServicerCategory | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = ServicerCategory(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServicerCategory | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        grant_in = cls(
            purpose=purpose,
            attributes=attributes,
            servicer_id=servicer_id,
            category=category,
            expires_at=expires_at,
        )

        grant_in.additional_properties = d
        return grant_in

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
