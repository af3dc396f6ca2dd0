from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.carrier_out import CarrierOut


T = TypeVar("T", bound="DeviceRegistered")


@_attrs_define
class DeviceRegistered:
    """
    Attributes:
        carrier (CarrierOut):
        secret (str): The device secret, base64url without padding; shown once, kept on the phone
        qr_key (str): The platform's QR key (P-256 point, uncompressed, base64url without padding): the phone seals its
            carrier id to it in every OM2 code
        qr_version (str | Unset): The code format to show: OM2 (see /developers#qr) Default: 'OM2'.
        step_seconds (int | Unset):  Default: 30.
    """

    carrier: CarrierOut
    secret: str
    qr_key: str
    qr_version: str | Unset = "OM2"
    step_seconds: int | Unset = 30
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        carrier = self.carrier.to_dict()

        secret = self.secret

        qr_key = self.qr_key

        qr_version = self.qr_version

        step_seconds = self.step_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "carrier": carrier,
                "secret": secret,
                "qr_key": qr_key,
            }
        )
        if qr_version is not UNSET:
            field_dict["qr_version"] = qr_version
        if step_seconds is not UNSET:
            field_dict["step_seconds"] = step_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.carrier_out import CarrierOut  # noqa: PLC0415

        d = dict(src_dict)
        carrier = CarrierOut.from_dict(d.pop("carrier"))

        secret = d.pop("secret")

        qr_key = d.pop("qr_key")

        qr_version = d.pop("qr_version", UNSET)

        step_seconds = d.pop("step_seconds", UNSET)

        device_registered = cls(
            carrier=carrier,
            secret=secret,
            qr_key=qr_key,
            qr_version=qr_version,
            step_seconds=step_seconds,
        )

        device_registered.additional_properties = d
        return device_registered

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
