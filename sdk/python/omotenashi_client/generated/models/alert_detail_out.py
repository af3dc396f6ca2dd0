from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.alert_detail_out_content import AlertDetailOutContent
    from ..models.rendering import Rendering


T = TypeVar("T", bound="AlertDetailOut")


@_attrs_define
class AlertDetailOut:
    """
    Attributes:
        id (UUID):
        type_ (str):
        severity (int): 1 information, 2 advisory, 3 warning, 4 emergency
        status (str): normal, exercise or test: only normal alerts are real
        state (str): current, expired, superseded or cancelled
        source (str):
        issued_at (datetime.datetime):
        expires_at (datetime.datetime | None):
        language (str):
        text (Rendering):
        signature (None | str): Compact JWS (EdDSA) over the alert, by the platform
        content (AlertDetailOutContent): The structured alert: details, areas, times
    """

    id: UUID
    type_: str
    severity: int
    status: str
    state: str
    source: str
    issued_at: datetime.datetime
    expires_at: datetime.datetime | None
    language: str
    text: Rendering
    signature: None | str
    content: AlertDetailOutContent
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_

        severity = self.severity

        status = self.status

        state = self.state

        source = self.source

        issued_at = self.issued_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        language = self.language

        text = self.text.to_dict()

        signature: None | str
        signature = self.signature

        content = self.content.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "severity": severity,
                "status": status,
                "state": state,
                "source": source,
                "issued_at": issued_at,
                "expires_at": expires_at,
                "language": language,
                "text": text,
                "signature": signature,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alert_detail_out_content import AlertDetailOutContent  # noqa: PLC0415
        from ..models.rendering import Rendering  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = d.pop("type")

        severity = d.pop("severity")

        status = d.pop("status")

        state = d.pop("state")

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

        language = d.pop("language")

        text = Rendering.from_dict(d.pop("text"))

        def _parse_signature(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        signature = _parse_signature(d.pop("signature"))

        content = AlertDetailOutContent.from_dict(d.pop("content"))

        alert_detail_out = cls(
            id=id,
            type_=type_,
            severity=severity,
            status=status,
            state=state,
            source=source,
            issued_at=issued_at,
            expires_at=expires_at,
            language=language,
            text=text,
            signature=signature,
            content=content,
        )

        alert_detail_out.additional_properties = d
        return alert_detail_out

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
