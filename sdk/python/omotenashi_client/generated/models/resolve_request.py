from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.purpose_key import PurposeKey

if TYPE_CHECKING:
    from ..models.card_presented import CardPresented
    from ..models.qr_presented import QrPresented


T = TypeVar("T", bound="ResolveRequest")


@_attrs_define
class ResolveRequest:
    """
    Attributes:
        carrier (CardPresented | QrPresented):
        purpose (PurposeKey):
    """

    carrier: CardPresented | QrPresented
    purpose: PurposeKey

    def to_dict(self) -> dict[str, Any]:
        from ..models.card_presented import CardPresented  # noqa: PLC0415

        carrier: dict[str, Any]
        if isinstance(self.carrier, CardPresented):
            carrier = self.carrier.to_dict()
        else:
            carrier = self.carrier.to_dict()

        purpose = self.purpose.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "carrier": carrier,
                "purpose": purpose,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_presented import CardPresented  # noqa: PLC0415
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

        purpose = PurposeKey(d.pop("purpose"))

        resolve_request = cls(
            carrier=carrier,
            purpose=purpose,
        )

        return resolve_request
