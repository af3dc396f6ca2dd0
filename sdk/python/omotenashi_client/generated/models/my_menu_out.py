from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.avoiding_out import AvoidingOut
    from ..models.menu_dish_out import MenuDishOut


T = TypeVar("T", bound="MyMenuOut")


@_attrs_define
class MyMenuOut:
    """
    Attributes:
        servicer_id (str):
        language (str):
        avoiding (AvoidingOut):
        fits (list[MenuDishOut]):
        avoid (list[MenuDishOut]): Contains something you avoid
        unknown (list[MenuDishOut]): Not enough information to say it fits
    """

    servicer_id: str
    language: str
    avoiding: AvoidingOut
    fits: list[MenuDishOut]
    avoid: list[MenuDishOut]
    unknown: list[MenuDishOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        servicer_id = self.servicer_id

        language = self.language

        avoiding = self.avoiding.to_dict()

        fits = []
        for fits_item_data in self.fits:
            fits_item = fits_item_data.to_dict()
            fits.append(fits_item)

        avoid = []
        for avoid_item_data in self.avoid:
            avoid_item = avoid_item_data.to_dict()
            avoid.append(avoid_item)

        unknown = []
        for unknown_item_data in self.unknown:
            unknown_item = unknown_item_data.to_dict()
            unknown.append(unknown_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "servicer_id": servicer_id,
                "language": language,
                "avoiding": avoiding,
                "fits": fits,
                "avoid": avoid,
                "unknown": unknown,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.avoiding_out import AvoidingOut  # noqa: PLC0415
        from ..models.menu_dish_out import MenuDishOut  # noqa: PLC0415

        d = dict(src_dict)
        servicer_id = d.pop("servicer_id")

        language = d.pop("language")

        avoiding = AvoidingOut.from_dict(d.pop("avoiding"))

        fits = []
        _fits = d.pop("fits")
        for fits_item_data in _fits:
            fits_item = MenuDishOut.from_dict(fits_item_data)

            fits.append(fits_item)

        avoid = []
        _avoid = d.pop("avoid")
        for avoid_item_data in _avoid:
            avoid_item = MenuDishOut.from_dict(avoid_item_data)

            avoid.append(avoid_item)

        unknown = []
        _unknown = d.pop("unknown")
        for unknown_item_data in _unknown:
            unknown_item = MenuDishOut.from_dict(unknown_item_data)

            unknown.append(unknown_item)

        my_menu_out = cls(
            servicer_id=servicer_id,
            language=language,
            avoiding=avoiding,
            fits=fits,
            avoid=avoid,
            unknown=unknown,
        )

        my_menu_out.additional_properties = d
        return my_menu_out

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
