from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preview_renderings import PreviewRenderings


T = TypeVar("T", bound="Preview")


@_attrs_define
class Preview:
    """
    Attributes:
        renderings (PreviewRenderings):
        unresolved_areas (list[str]):
    """

    renderings: PreviewRenderings
    unresolved_areas: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        renderings = self.renderings.to_dict()

        unresolved_areas = self.unresolved_areas

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "renderings": renderings,
                "unresolved_areas": unresolved_areas,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_renderings import PreviewRenderings  # noqa: PLC0415

        d = dict(src_dict)
        renderings = PreviewRenderings.from_dict(d.pop("renderings"))

        unresolved_areas = cast(list[str], d.pop("unresolved_areas"))

        preview = cls(
            renderings=renderings,
            unresolved_areas=unresolved_areas,
        )

        preview.additional_properties = d
        return preview

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
