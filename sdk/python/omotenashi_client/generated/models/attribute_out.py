from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attribute_out_labels import AttributeOutLabels
    from ..models.term_out import TermOut


T = TypeVar("T", bound="AttributeOut")


@_attrs_define
class AttributeOut:
    """
    Attributes:
        key (str): The attribute's key in a profile and in `attributes`
        type_ (str): The value's type; see `value` for its shape
        value (str): What a value of this type looks like in JSON
        sensitivity (str): `personal`, `sensitive` (要配慮個人情報: needs explicit consent) or `identity_document`
        labels (AttributeOutLabels): The label in every language the platform serves (BCP 47 code → text)
        vocabulary (list[TermOut] | None): For `enum` and `enum_set`: every value allowed; null for other types
    """

    key: str
    type_: str
    value: str
    sensitivity: str
    labels: AttributeOutLabels
    vocabulary: list[TermOut] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        type_ = self.type_

        value = self.value

        sensitivity = self.sensitivity

        labels = self.labels.to_dict()

        vocabulary: list[dict[str, Any]] | None
        if isinstance(self.vocabulary, list):
            vocabulary = []
            for vocabulary_type_0_item_data in self.vocabulary:
                vocabulary_type_0_item = vocabulary_type_0_item_data.to_dict()
                vocabulary.append(vocabulary_type_0_item)

        else:
            vocabulary = self.vocabulary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "type": type_,
                "value": value,
                "sensitivity": sensitivity,
                "labels": labels,
                "vocabulary": vocabulary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_out_labels import AttributeOutLabels  # noqa: PLC0415
        from ..models.term_out import TermOut  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        type_ = d.pop("type")

        value = d.pop("value")

        sensitivity = d.pop("sensitivity")

        labels = AttributeOutLabels.from_dict(d.pop("labels"))

        def _parse_vocabulary(data: object) -> list[TermOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                vocabulary_type_0 = []
                _vocabulary_type_0 = data
                for vocabulary_type_0_item_data in _vocabulary_type_0:
                    vocabulary_type_0_item = TermOut.from_dict(vocabulary_type_0_item_data)

                    vocabulary_type_0.append(vocabulary_type_0_item)

                return vocabulary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TermOut] | None, data)

        vocabulary = _parse_vocabulary(d.pop("vocabulary"))

        attribute_out = cls(
            key=key,
            type_=type_,
            value=value,
            sensitivity=sensitivity,
            labels=labels,
            vocabulary=vocabulary,
        )

        attribute_out.additional_properties = d
        return attribute_out

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
