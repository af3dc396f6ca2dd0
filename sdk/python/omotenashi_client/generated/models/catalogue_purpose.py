from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.catalogue_purpose_labels import CataloguePurposeLabels


T = TypeVar("T", bound="CataloguePurpose")


@_attrs_define
class CataloguePurpose:
    """
    Attributes:
        key (str):
        labels (CataloguePurposeLabels): The label in every language the platform serves (BCP 47 code → text)
        attributes (list[str]): The only attributes a resolve for this purpose can return
        legal_basis (str):
    """

    key: str
    labels: CataloguePurposeLabels
    attributes: list[str]
    legal_basis: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        labels = self.labels.to_dict()

        attributes = self.attributes

        legal_basis = self.legal_basis

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "labels": labels,
                "attributes": attributes,
                "legal_basis": legal_basis,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalogue_purpose_labels import CataloguePurposeLabels  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        labels = CataloguePurposeLabels.from_dict(d.pop("labels"))

        attributes = cast(list[str], d.pop("attributes"))

        legal_basis = d.pop("legal_basis")

        catalogue_purpose = cls(
            key=key,
            labels=labels,
            attributes=attributes,
            legal_basis=legal_basis,
        )

        catalogue_purpose.additional_properties = d
        return catalogue_purpose

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
