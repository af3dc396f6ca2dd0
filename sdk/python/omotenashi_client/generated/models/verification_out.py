from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verification_out_matched_by_type_0 import VerificationOutMatchedByType0
from ..models.verification_verdict import VerificationVerdict

if TYPE_CHECKING:
    from ..models.alert_out import AlertOut
    from ..models.text_span import TextSpan


T = TypeVar("T", bound="VerificationOut")


@_attrs_define
class VerificationOut:
    """
    Attributes:
        verdict (VerificationVerdict):
        genuine (bool): True only when the verdict is official_unchanged
        state (str): The alert's: current, expired, superseded, cancelled, or unknown when there is no such alert
        matched_by (None | VerificationOutMatchedByType0): How the alert was found; the text beside a link or signature
            is compared all the same
        reason (str):
        language (None | str): The alert language the text was compared in; null when nothing but a link or signature
            was pasted
        official_text (None | str): What was issued in `language`: headline, lines and action, one to a line
        differences (list[TextSpan]): For official_changed: the pasted text against `official_text`, in reading order,
            whitespace shown as one space; empty otherwise
        alert (AlertOut | None): The alert, in the language asked for
    """

    verdict: VerificationVerdict
    genuine: bool
    state: str
    matched_by: None | VerificationOutMatchedByType0
    reason: str
    language: None | str
    official_text: None | str
    differences: list[TextSpan]
    alert: AlertOut | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.alert_out import AlertOut  # noqa: PLC0415

        verdict = self.verdict.value

        genuine = self.genuine

        state = self.state

        matched_by: None | str
        if isinstance(self.matched_by, VerificationOutMatchedByType0):
            matched_by = self.matched_by.value
        else:
            matched_by = self.matched_by

        reason = self.reason

        language: None | str
        language = self.language

        official_text: None | str
        official_text = self.official_text

        differences = []
        for differences_item_data in self.differences:
            differences_item = differences_item_data.to_dict()
            differences.append(differences_item)

        alert: dict[str, Any] | None
        if isinstance(self.alert, AlertOut):
            alert = self.alert.to_dict()
        else:
            alert = self.alert

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verdict": verdict,
                "genuine": genuine,
                "state": state,
                "matched_by": matched_by,
                "reason": reason,
                "language": language,
                "official_text": official_text,
                "differences": differences,
                "alert": alert,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alert_out import AlertOut  # noqa: PLC0415
        from ..models.text_span import TextSpan  # noqa: PLC0415

        d = dict(src_dict)
        verdict = VerificationVerdict(d.pop("verdict"))

        genuine = d.pop("genuine")

        state = d.pop("state")

        def _parse_matched_by(data: object) -> None | VerificationOutMatchedByType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                matched_by_type_0 = VerificationOutMatchedByType0(data)

                return matched_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VerificationOutMatchedByType0, data)

        matched_by = _parse_matched_by(d.pop("matched_by"))

        reason = d.pop("reason")

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))

        def _parse_official_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        official_text = _parse_official_text(d.pop("official_text"))

        differences = []
        _differences = d.pop("differences")
        for differences_item_data in _differences:
            differences_item = TextSpan.from_dict(differences_item_data)

            differences.append(differences_item)

        def _parse_alert(data: object) -> AlertOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                alert_type_0 = AlertOut.from_dict(data)

                return alert_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertOut | None, data)

        alert = _parse_alert(d.pop("alert"))

        verification_out = cls(
            verdict=verdict,
            genuine=genuine,
            state=state,
            matched_by=matched_by,
            reason=reason,
            language=language,
            official_text=official_text,
            differences=differences,
            alert=alert,
        )

        verification_out.additional_properties = d
        return verification_out

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
