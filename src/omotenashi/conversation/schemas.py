"""What the two screens send: a phrase with its slot values, or free text (form fields, posted
by the pages' script or, without JavaScript, by the forms themselves)."""

from __future__ import annotations

from pydantic import Field

from omotenashi.conversation.service import MAX_TEXT
from omotenashi.text import RequestBody


class Say(RequestBody):
    phrase: str = Field(max_length=64)
    # The slots a phrase may hold; those it does not hold are ignored.
    price: str = Field(default="", max_length=20)
    time: str = Field(default="", max_length=8)
    count: str = Field(default="", max_length=10)
    minutes: str = Field(default="", max_length=10)
    room: str = Field(default="", max_length=8)
    platform: str = Field(default="", max_length=8)

    def slots(self) -> dict[str, str]:
        return {
            "price": self.price,
            "time": self.time,
            "count": self.count,
            "minutes": self.minutes,
            "room": self.room,
            "platform": self.platform,
        }


class Write(RequestBody):
    # Longer than MAX_TEXT passes here so that the service names the limit in its own words.
    text: str = Field(max_length=MAX_TEXT * 4)


class Start(RequestBody):
    language: str = Field(max_length=16)
    # The pairwise id the counter's resolve answered: to note the conversation in that
    # visitor's access log. Not kept with the conversation.
    subject: str = Field(default="", max_length=64)
    purpose: str = Field(default="", max_length=32)
