from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ingested_alert import IngestedAlert


T = TypeVar("T", bound="Ingested")


@_attrs_define
class Ingested:
    """
    Attributes:
        alert (IngestedAlert | None):
        cancelled (list[UUID]):
        unknown_elements (list[str]): Paths of elements the parser did not know (the first 50)
        unknown_element_count (int): How many such paths there are
        duplicate (bool): The same document was ingested before
        warnings (list[str] | Unset): What the operator should know, such as a cancellation that cancelled nothing
    """

    alert: IngestedAlert | None
    cancelled: list[UUID]
    unknown_elements: list[str]
    unknown_element_count: int
    duplicate: bool
    warnings: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ingested_alert import IngestedAlert  # noqa: PLC0415

        alert: dict[str, Any] | None
        if isinstance(self.alert, IngestedAlert):
            alert = self.alert.to_dict()
        else:
            alert = self.alert

        cancelled = []
        for cancelled_item_data in self.cancelled:
            cancelled_item = str(cancelled_item_data)
            cancelled.append(cancelled_item)

        unknown_elements = self.unknown_elements

        unknown_element_count = self.unknown_element_count

        duplicate = self.duplicate

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alert": alert,
                "cancelled": cancelled,
                "unknown_elements": unknown_elements,
                "unknown_element_count": unknown_element_count,
                "duplicate": duplicate,
            }
        )
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ingested_alert import IngestedAlert  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_alert(data: object) -> IngestedAlert | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                alert_type_0 = IngestedAlert.from_dict(data)

                return alert_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IngestedAlert | None, data)

        alert = _parse_alert(d.pop("alert"))

        cancelled = []
        _cancelled = d.pop("cancelled")
        for cancelled_item_data in _cancelled:
            cancelled_item = UUID(cancelled_item_data)

            cancelled.append(cancelled_item)

        unknown_elements = cast(list[str], d.pop("unknown_elements"))

        unknown_element_count = d.pop("unknown_element_count")

        duplicate = d.pop("duplicate")

        warnings = cast(list[str], d.pop("warnings", UNSET))

        ingested = cls(
            alert=alert,
            cancelled=cancelled,
            unknown_elements=unknown_elements,
            unknown_element_count=unknown_element_count,
            duplicate=duplicate,
            warnings=warnings,
        )

        ingested.additional_properties = d
        return ingested

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
