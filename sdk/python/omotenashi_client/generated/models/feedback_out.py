from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reply_out import ReplyOut


T = TypeVar("T", bound="FeedbackOut")


@_attrs_define
class FeedbackOut:
    """
    Attributes:
        id (UUID):
        subject (str): The visitor, by this servicer's pairwise subject id
        purpose (str):
        terminal (None | str): The terminal's label, if one served the visitor
        rating (int):
        comment (None | str): As the visitor wrote it
        comment_language (None | str):
        comment_ja (None | str): The comment in Japanese
        comment_ja_provenance (None | str): Where the Japanese came from: original, memory, machine or human
        state (str):
        created_at (datetime.datetime):
        replies (list[ReplyOut]):
    """

    id: UUID
    subject: str
    purpose: str
    terminal: None | str
    rating: int
    comment: None | str
    comment_language: None | str
    comment_ja: None | str
    comment_ja_provenance: None | str
    state: str
    created_at: datetime.datetime
    replies: list[ReplyOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        subject = self.subject

        purpose = self.purpose

        terminal: None | str
        terminal = self.terminal

        rating = self.rating

        comment: None | str
        comment = self.comment

        comment_language: None | str
        comment_language = self.comment_language

        comment_ja: None | str
        comment_ja = self.comment_ja

        comment_ja_provenance: None | str
        comment_ja_provenance = self.comment_ja_provenance

        state = self.state

        created_at = self.created_at.isoformat()

        replies = []
        for replies_item_data in self.replies:
            replies_item = replies_item_data.to_dict()
            replies.append(replies_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "subject": subject,
                "purpose": purpose,
                "terminal": terminal,
                "rating": rating,
                "comment": comment,
                "comment_language": comment_language,
                "comment_ja": comment_ja,
                "comment_ja_provenance": comment_ja_provenance,
                "state": state,
                "created_at": created_at,
                "replies": replies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reply_out import ReplyOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        subject = d.pop("subject")

        purpose = d.pop("purpose")

        def _parse_terminal(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        terminal = _parse_terminal(d.pop("terminal"))

        rating = d.pop("rating")

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        def _parse_comment_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_language = _parse_comment_language(d.pop("comment_language"))

        def _parse_comment_ja(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_ja = _parse_comment_ja(d.pop("comment_ja"))

        def _parse_comment_ja_provenance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_ja_provenance = _parse_comment_ja_provenance(d.pop("comment_ja_provenance"))

        state = d.pop("state")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        replies = []
        _replies = d.pop("replies")
        for replies_item_data in _replies:
            replies_item = ReplyOut.from_dict(replies_item_data)

            replies.append(replies_item)

        feedback_out = cls(
            id=id,
            subject=subject,
            purpose=purpose,
            terminal=terminal,
            rating=rating,
            comment=comment,
            comment_language=comment_language,
            comment_ja=comment_ja,
            comment_ja_provenance=comment_ja_provenance,
            state=state,
            created_at=created_at,
            replies=replies,
        )

        feedback_out.additional_properties = d
        return feedback_out

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
