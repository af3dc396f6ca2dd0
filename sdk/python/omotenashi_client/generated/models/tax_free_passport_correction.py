from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaxFreePassportCorrection")


@_attrs_define
class TaxFreePassportCorrection:
    """
    Attributes:
        status_of_residence (None | str | Unset):
        landing_date (datetime.date | None | Unset):
        passport_number (None | str | Unset):
        passport_type (None | str | Unset):
    """

    status_of_residence: None | str | Unset = UNSET
    landing_date: datetime.date | None | Unset = UNSET
    passport_number: None | str | Unset = UNSET
    passport_type: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status_of_residence: None | str | Unset
        if isinstance(self.status_of_residence, Unset):
            status_of_residence = UNSET
        else:
            status_of_residence = self.status_of_residence

        landing_date: None | str | Unset
        if isinstance(self.landing_date, Unset):
            landing_date = UNSET
        elif isinstance(self.landing_date, datetime.date):
            landing_date = self.landing_date.isoformat()
        else:
            landing_date = self.landing_date

        passport_number: None | str | Unset
        if isinstance(self.passport_number, Unset):
            passport_number = UNSET
        else:
            passport_number = self.passport_number

        passport_type: None | str | Unset
        if isinstance(self.passport_type, Unset):
            passport_type = UNSET
        else:
            passport_type = self.passport_type

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status_of_residence is not UNSET:
            field_dict["status_of_residence"] = status_of_residence
        if landing_date is not UNSET:
            field_dict["landing_date"] = landing_date
        if passport_number is not UNSET:
            field_dict["passport_number"] = passport_number
        if passport_type is not UNSET:
            field_dict["passport_type"] = passport_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_status_of_residence(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_of_residence = _parse_status_of_residence(d.pop("status_of_residence", UNSET))

        def _parse_landing_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                landing_date_type_0 = datetime.date.fromisoformat(data)

                return landing_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        landing_date = _parse_landing_date(d.pop("landing_date", UNSET))

        def _parse_passport_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        passport_number = _parse_passport_number(d.pop("passport_number", UNSET))

        def _parse_passport_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        passport_type = _parse_passport_type(d.pop("passport_type", UNSET))

        tax_free_passport_correction = cls(
            status_of_residence=status_of_residence,
            landing_date=landing_date,
            passport_number=passport_number,
            passport_type=passport_type,
        )

        return tax_free_passport_correction
