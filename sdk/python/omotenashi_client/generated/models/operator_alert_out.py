from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.operator_alert_out_content import OperatorAlertOutContent
    from ..models.operator_alert_out_renderings import OperatorAlertOutRenderings


T = TypeVar("T", bound="OperatorAlertOut")


@_attrs_define
class OperatorAlertOut:
    """
    Attributes:
        id (UUID):
        type_ (str):
        severity (int):
        status (str):
        state (str):
        origin (str):
        source (str):
        issued_at (datetime.datetime):
        expires_at (datetime.datetime | None):
        created_by (str):
        approved_by (None | str):
        content (OperatorAlertOutContent):
        renderings (OperatorAlertOutRenderings): Every alert language
        target_prefectures (list[str]):
        target_municipalities (list[str]):
        target_cells (int): How many H3 cells the drawn areas cover
        unresolved_areas (list[str]): Areas that match no visitor
        unknown_elements (list[str]): Elements of the document not understood
        recipients (int):
        delivered (int):
        failed (int):
        signature (None | str):
    """

    id: UUID
    type_: str
    severity: int
    status: str
    state: str
    origin: str
    source: str
    issued_at: datetime.datetime
    expires_at: datetime.datetime | None
    created_by: str
    approved_by: None | str
    content: OperatorAlertOutContent
    renderings: OperatorAlertOutRenderings
    target_prefectures: list[str]
    target_municipalities: list[str]
    target_cells: int
    unresolved_areas: list[str]
    unknown_elements: list[str]
    recipients: int
    delivered: int
    failed: int
    signature: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_

        severity = self.severity

        status = self.status

        state = self.state

        origin = self.origin

        source = self.source

        issued_at = self.issued_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        created_by = self.created_by

        approved_by: None | str
        approved_by = self.approved_by

        content = self.content.to_dict()

        renderings = self.renderings.to_dict()

        target_prefectures = self.target_prefectures

        target_municipalities = self.target_municipalities

        target_cells = self.target_cells

        unresolved_areas = self.unresolved_areas

        unknown_elements = self.unknown_elements

        recipients = self.recipients

        delivered = self.delivered

        failed = self.failed

        signature: None | str
        signature = self.signature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "severity": severity,
                "status": status,
                "state": state,
                "origin": origin,
                "source": source,
                "issued_at": issued_at,
                "expires_at": expires_at,
                "created_by": created_by,
                "approved_by": approved_by,
                "content": content,
                "renderings": renderings,
                "target_prefectures": target_prefectures,
                "target_municipalities": target_municipalities,
                "target_cells": target_cells,
                "unresolved_areas": unresolved_areas,
                "unknown_elements": unknown_elements,
                "recipients": recipients,
                "delivered": delivered,
                "failed": failed,
                "signature": signature,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.operator_alert_out_content import OperatorAlertOutContent  # noqa: PLC0415
        from ..models.operator_alert_out_renderings import OperatorAlertOutRenderings  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = d.pop("type")

        severity = d.pop("severity")

        status = d.pop("status")

        state = d.pop("state")

        origin = d.pop("origin")

        source = d.pop("source")

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        created_by = d.pop("created_by")

        def _parse_approved_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))

        content = OperatorAlertOutContent.from_dict(d.pop("content"))

        renderings = OperatorAlertOutRenderings.from_dict(d.pop("renderings"))

        target_prefectures = cast(list[str], d.pop("target_prefectures"))

        target_municipalities = cast(list[str], d.pop("target_municipalities"))

        target_cells = d.pop("target_cells")

        unresolved_areas = cast(list[str], d.pop("unresolved_areas"))

        unknown_elements = cast(list[str], d.pop("unknown_elements"))

        recipients = d.pop("recipients")

        delivered = d.pop("delivered")

        failed = d.pop("failed")

        def _parse_signature(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        signature = _parse_signature(d.pop("signature"))

        operator_alert_out = cls(
            id=id,
            type_=type_,
            severity=severity,
            status=status,
            state=state,
            origin=origin,
            source=source,
            issued_at=issued_at,
            expires_at=expires_at,
            created_by=created_by,
            approved_by=approved_by,
            content=content,
            renderings=renderings,
            target_prefectures=target_prefectures,
            target_municipalities=target_municipalities,
            target_cells=target_cells,
            unresolved_areas=unresolved_areas,
            unknown_elements=unknown_elements,
            recipients=recipients,
            delivered=delivered,
            failed=failed,
            signature=signature,
        )

        operator_alert_out.additional_properties = d
        return operator_alert_out

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
