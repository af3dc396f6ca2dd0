from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ingested_alert_headlines import IngestedAlertHeadlines


T = TypeVar("T", bound="IngestedAlert")


@_attrs_define
class IngestedAlert:
    """The alert an ingested report made, summarised: its size does not grow with the report's.
    Every rendering and area is at ``GET /v1/operator/alerts/{id}``.

        Attributes:
            id (UUID):
            type_ (str):
            severity (int): 1 information, 2 advisory, 3 warning, 4 emergency
            status (str): normal, exercise or test: only normal alerts are real
            state (str): current, expired, superseded or cancelled
            origin (str):
            source (str):
            issued_at (datetime.datetime):
            expires_at (datetime.datetime | None):
            created_by (str): Who ingested it, as the audit log names them
            headlines (IngestedAlertHeadlines): The headline in every alert language
            area_count (int): How many areas the report names
            prefectures (list[str]): JIS X 0401 codes of the prefectures it reaches, in whole or in part
            municipality_count (int): How many municipalities it targets
            cell_count (int): How many H3 cells the drawn areas cover
            unresolved_areas (list[str]): Areas that match no place we know, so nobody there is told (the first 50, as
                `kind:code name`)
            unresolved_count (int): How many areas match no place we know
            signature (None | str): Compact JWS (EdDSA) over the alert, by the platform
            withheld (None | str | Unset): Why this real alert was not pushed: received too long after JMA issued it
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
    headlines: IngestedAlertHeadlines
    area_count: int
    prefectures: list[str]
    municipality_count: int
    cell_count: int
    unresolved_areas: list[str]
    unresolved_count: int
    signature: None | str
    withheld: None | str | Unset = UNSET
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

        headlines = self.headlines.to_dict()

        area_count = self.area_count

        prefectures = self.prefectures

        municipality_count = self.municipality_count

        cell_count = self.cell_count

        unresolved_areas = self.unresolved_areas

        unresolved_count = self.unresolved_count

        signature: None | str
        signature = self.signature

        withheld: None | str | Unset
        if isinstance(self.withheld, Unset):
            withheld = UNSET
        else:
            withheld = self.withheld

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
                "headlines": headlines,
                "area_count": area_count,
                "prefectures": prefectures,
                "municipality_count": municipality_count,
                "cell_count": cell_count,
                "unresolved_areas": unresolved_areas,
                "unresolved_count": unresolved_count,
                "signature": signature,
            }
        )
        if withheld is not UNSET:
            field_dict["withheld"] = withheld

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ingested_alert_headlines import IngestedAlertHeadlines  # noqa: PLC0415

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

        headlines = IngestedAlertHeadlines.from_dict(d.pop("headlines"))

        area_count = d.pop("area_count")

        prefectures = cast(list[str], d.pop("prefectures"))

        municipality_count = d.pop("municipality_count")

        cell_count = d.pop("cell_count")

        unresolved_areas = cast(list[str], d.pop("unresolved_areas"))

        unresolved_count = d.pop("unresolved_count")

        def _parse_signature(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        signature = _parse_signature(d.pop("signature"))

        def _parse_withheld(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        withheld = _parse_withheld(d.pop("withheld", UNSET))

        ingested_alert = cls(
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
            headlines=headlines,
            area_count=area_count,
            prefectures=prefectures,
            municipality_count=municipality_count,
            cell_count=cell_count,
            unresolved_areas=unresolved_areas,
            unresolved_count=unresolved_count,
            signature=signature,
            withheld=withheld,
        )

        ingested_alert.additional_properties = d
        return ingested_alert

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
