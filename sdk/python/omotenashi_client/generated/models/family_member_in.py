from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.family_member_in_attributes import FamilyMemberInAttributes


T = TypeVar("T", bound="FamilyMemberIn")


@_attrs_define
class FamilyMemberIn:
    """
    Attributes:
        attributes (FamilyMemberInAttributes):
    """

    attributes: FamilyMemberInAttributes
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.family_member_in_attributes import FamilyMemberInAttributes  # noqa: PLC0415

        d = dict(src_dict)
        attributes = FamilyMemberInAttributes.from_dict(d.pop("attributes"))

        family_member_in = cls(
            attributes=attributes,
        )

        family_member_in.additional_properties = d
        return family_member_in

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
