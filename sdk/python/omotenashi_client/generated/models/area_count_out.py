from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AreaCountOut")


@_attrs_define
class AreaCountOut:
    """
    Attributes:
        prefecture (None | str):
        municipality (None | str):
        safe (int):
        need_help (int):
    """

    prefecture: None | str
    municipality: None | str
    safe: int
    need_help: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prefecture: None | str
        prefecture = self.prefecture

        municipality: None | str
        municipality = self.municipality

        safe = self.safe

        need_help = self.need_help

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prefecture": prefecture,
                "municipality": municipality,
                "safe": safe,
                "need_help": need_help,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_prefecture(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prefecture = _parse_prefecture(d.pop("prefecture"))

        def _parse_municipality(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        municipality = _parse_municipality(d.pop("municipality"))

        safe = d.pop("safe")

        need_help = d.pop("need_help")

        area_count_out = cls(
            prefecture=prefecture,
            municipality=municipality,
            safe=safe,
            need_help=need_help,
        )

        area_count_out.additional_properties = d
        return area_count_out

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
