from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AllergenRuleOut")


@_attrs_define
class AllergenRuleOut:
    """
    Attributes:
        key (str):
        category (str): `mandatory` (特定原材料) or `recommended` (準ずるもの)
        effective_from (datetime.date):
        effective_until (datetime.date | None): Exclusive; null while the rule stands
    """

    key: str
    category: str
    effective_from: datetime.date
    effective_until: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        category = self.category

        effective_from = self.effective_from.isoformat()

        effective_until: None | str
        if isinstance(self.effective_until, datetime.date):
            effective_until = self.effective_until.isoformat()
        else:
            effective_until = self.effective_until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "category": category,
                "effective_from": effective_from,
                "effective_until": effective_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        category = d.pop("category")

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        def _parse_effective_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_until_type_0 = datetime.date.fromisoformat(data)

                return effective_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        effective_until = _parse_effective_until(d.pop("effective_until"))

        allergen_rule_out = cls(
            key=key,
            category=category,
            effective_from=effective_from,
            effective_until=effective_until,
        )

        allergen_rule_out.additional_properties = d
        return allergen_rule_out

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
