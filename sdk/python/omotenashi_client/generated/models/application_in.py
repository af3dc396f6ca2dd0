from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.servicer_category import ServicerCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.admin_in import AdminIn
    from ..models.application_in_purposes import ApplicationInPurposes


T = TypeVar("T", bound="ApplicationIn")


@_attrs_define
class ApplicationIn:
    """
    Attributes:
        name (str):
        name_ja (str):
        category (ServicerCategory):
        contact_email (str):
        purposes (ApplicationInPurposes): Each purpose declared, with why the organisation needs it
        admin (AdminIn):
        municipality_code (None | str | Unset): JIS X 0402, 6 digits
    """

    name: str
    name_ja: str
    category: ServicerCategory
    contact_email: str
    purposes: ApplicationInPurposes
    admin: AdminIn
    municipality_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        name_ja = self.name_ja

        category = self.category.value

        contact_email = self.contact_email

        purposes = self.purposes.to_dict()

        admin = self.admin.to_dict()

        municipality_code: None | str | Unset
        if isinstance(self.municipality_code, Unset):
            municipality_code = UNSET
        else:
            municipality_code = self.municipality_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "name_ja": name_ja,
                "category": category,
                "contact_email": contact_email,
                "purposes": purposes,
                "admin": admin,
            }
        )
        if municipality_code is not UNSET:
            field_dict["municipality_code"] = municipality_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admin_in import AdminIn  # noqa: PLC0415
        from ..models.application_in_purposes import ApplicationInPurposes  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        name_ja = d.pop("name_ja")

        category = ServicerCategory(d.pop("category"))

        contact_email = d.pop("contact_email")

        purposes = ApplicationInPurposes.from_dict(d.pop("purposes"))

        admin = AdminIn.from_dict(d.pop("admin"))

        def _parse_municipality_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        municipality_code = _parse_municipality_code(d.pop("municipality_code", UNSET))

        application_in = cls(
            name=name,
            name_ja=name_ja,
            category=category,
            contact_email=contact_email,
            purposes=purposes,
            admin=admin,
            municipality_code=municipality_code,
        )

        application_in.additional_properties = d
        return application_in

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
