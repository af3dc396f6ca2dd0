from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tax_free_item_in import TaxFreeItemIn
    from ..models.tax_free_passport_correction import TaxFreePassportCorrection


T = TypeVar("T", bound="TaxFreeCorrectionIn")


@_attrs_define
class TaxFreeCorrectionIn:
    """
    Attributes:
        items (list[TaxFreeItemIn] | None | Unset):
        passport (None | TaxFreePassportCorrection | Unset):
    """

    items: list[TaxFreeItemIn] | None | Unset = UNSET
    passport: None | TaxFreePassportCorrection | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tax_free_passport_correction import TaxFreePassportCorrection  # noqa: PLC0415

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        passport: dict[str, Any] | None | Unset
        if isinstance(self.passport, Unset):
            passport = UNSET
        elif isinstance(self.passport, TaxFreePassportCorrection):
            passport = self.passport.to_dict()
        else:
            passport = self.passport

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if passport is not UNSET:
            field_dict["passport"] = passport

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tax_free_item_in import TaxFreeItemIn  # noqa: PLC0415
        from ..models.tax_free_passport_correction import TaxFreePassportCorrection  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_items(data: object) -> list[TaxFreeItemIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = TaxFreeItemIn.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TaxFreeItemIn] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        def _parse_passport(data: object) -> None | TaxFreePassportCorrection | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                passport_type_0 = TaxFreePassportCorrection.from_dict(data)

                return passport_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxFreePassportCorrection | Unset, data)

        passport = _parse_passport(d.pop("passport", UNSET))

        tax_free_correction_in = cls(
            items=items,
            passport=passport,
        )

        return tax_free_correction_in
