from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_presented import CardPresented
    from ..models.charge_in_tax_lines_type_0 import ChargeInTaxLinesType0
    from ..models.qr_presented import QrPresented


T = TypeVar("T", bound="ChargeIn")


@_attrs_define
class ChargeIn:
    """
    Attributes:
        carrier (CardPresented | QrPresented):
        amount (int): Whole yen.
        currency (str | Unset): Only JPY is accepted. Default: 'JPY'.
        description (None | str | Unset):
        tax_lines (ChargeInTaxLinesType0 | None | Unset): Amount (tax included) per consumption-tax rate, e.g. {"10":
            1200, "8": 2000}.
    """

    carrier: CardPresented | QrPresented
    amount: int
    currency: str | Unset = "JPY"
    description: None | str | Unset = UNSET
    tax_lines: ChargeInTaxLinesType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.card_presented import CardPresented  # noqa: PLC0415
        from ..models.charge_in_tax_lines_type_0 import ChargeInTaxLinesType0  # noqa: PLC0415

        carrier: dict[str, Any]
        if isinstance(self.carrier, CardPresented):
            carrier = self.carrier.to_dict()
        else:
            carrier = self.carrier.to_dict()

        amount = self.amount

        currency = self.currency

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        tax_lines: dict[str, Any] | None | Unset
        if isinstance(self.tax_lines, Unset):
            tax_lines = UNSET
        elif isinstance(self.tax_lines, ChargeInTaxLinesType0):
            tax_lines = self.tax_lines.to_dict()
        else:
            tax_lines = self.tax_lines

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "carrier": carrier,
                "amount": amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if tax_lines is not UNSET:
            field_dict["tax_lines"] = tax_lines

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_presented import CardPresented  # noqa: PLC0415
        from ..models.charge_in_tax_lines_type_0 import ChargeInTaxLinesType0  # noqa: PLC0415
        from ..models.qr_presented import QrPresented  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_carrier(data: object) -> CardPresented | QrPresented:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                carrier_type_0 = CardPresented.from_dict(data)

                return carrier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            carrier_type_1 = QrPresented.from_dict(data)

            return carrier_type_1

        carrier = _parse_carrier(d.pop("carrier"))

        amount = d.pop("amount")

        currency = d.pop("currency", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_tax_lines(data: object) -> ChargeInTaxLinesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tax_lines_type_0 = ChargeInTaxLinesType0.from_dict(data)

                return tax_lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChargeInTaxLinesType0 | None | Unset, data)

        tax_lines = _parse_tax_lines(d.pop("tax_lines", UNSET))

        charge_in = cls(
            carrier=carrier,
            amount=amount,
            currency=currency,
            description=description,
            tax_lines=tax_lines,
        )

        return charge_in
