from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.mrz_out_attributes import MrzOutAttributes


T = TypeVar("T", bound="MrzOut")


@_attrs_define
class MrzOut:
    """
    Attributes:
        attributes (MrzOutAttributes): What the MRZ fills in, ready to PATCH
        nationality_code (str): The ICAO code printed in the MRZ
    """

    attributes: MrzOutAttributes
    nationality_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        nationality_code = self.nationality_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "nationality_code": nationality_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mrz_out_attributes import MrzOutAttributes  # noqa: PLC0415

        d = dict(src_dict)
        attributes = MrzOutAttributes.from_dict(d.pop("attributes"))

        nationality_code = d.pop("nationality_code")

        mrz_out = cls(
            attributes=attributes,
            nationality_code=nationality_code,
        )

        mrz_out.additional_properties = d
        return mrz_out

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
