from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.term_out_labels import TermOutLabels


T = TypeVar("T", bound="TermOut")


@_attrs_define
class TermOut:
    """
    Attributes:
        key (str): The value sent and received in a profile
        labels (TermOutLabels): The label in every language the platform serves (BCP 47 code → text)
    """

    key: str
    labels: TermOutLabels
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        labels = self.labels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "labels": labels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.term_out_labels import TermOutLabels  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        labels = TermOutLabels.from_dict(d.pop("labels"))

        term_out = cls(
            key=key,
            labels=labels,
        )

        term_out.additional_properties = d
        return term_out

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
