from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.refused_row import RefusedRow


T = TypeVar("T", bound="ImportOut")


@_attrs_define
class ImportOut:
    """
    Attributes:
        id (UUID):
        rows (int): Travellers read from the file
        invited (int): Invitations made (minors' included)
        refused (list[RefusedRow]): Every refused row with its reason
    """

    id: UUID
    rows: int
    invited: int
    refused: list[RefusedRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        rows = self.rows

        invited = self.invited

        refused = []
        for refused_item_data in self.refused:
            refused_item = refused_item_data.to_dict()
            refused.append(refused_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "rows": rows,
                "invited": invited,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.refused_row import RefusedRow  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        rows = d.pop("rows")

        invited = d.pop("invited")

        refused = []
        _refused = d.pop("refused")
        for refused_item_data in _refused:
            refused_item = RefusedRow.from_dict(refused_item_data)

            refused.append(refused_item)

        import_out = cls(
            id=id,
            rows=rows,
            invited=invited,
            refused=refused,
        )

        import_out.additional_properties = d
        return import_out

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
