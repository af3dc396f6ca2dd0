from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.area_count_out import AreaCountOut
    from ..models.person_in_need_out import PersonInNeedOut


T = TypeVar("T", bound="SafetyReportOut")


@_attrs_define
class SafetyReportOut:
    """
    Attributes:
        counts (list[AreaCountOut]):
        need_help (list[PersonInNeedOut]):
    """

    counts: list[AreaCountOut]
    need_help: list[PersonInNeedOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = []
        for counts_item_data in self.counts:
            counts_item = counts_item_data.to_dict()
            counts.append(counts_item)

        need_help = []
        for need_help_item_data in self.need_help:
            need_help_item = need_help_item_data.to_dict()
            need_help.append(need_help_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "need_help": need_help,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.area_count_out import AreaCountOut  # noqa: PLC0415
        from ..models.person_in_need_out import PersonInNeedOut  # noqa: PLC0415

        d = dict(src_dict)
        counts = []
        _counts = d.pop("counts")
        for counts_item_data in _counts:
            counts_item = AreaCountOut.from_dict(counts_item_data)

            counts.append(counts_item)

        need_help = []
        _need_help = d.pop("need_help")
        for need_help_item_data in _need_help:
            need_help_item = PersonInNeedOut.from_dict(need_help_item_data)

            need_help.append(need_help_item)

        safety_report_out = cls(
            counts=counts,
            need_help=need_help,
        )

        safety_report_out.additional_properties = d
        return safety_report_out

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
