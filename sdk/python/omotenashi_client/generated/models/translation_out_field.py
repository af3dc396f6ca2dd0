from enum import StrEnum


class TranslationOutField(StrEnum):
    BODY = "body"
    TITLE = "title"
    VENUE = "venue"

    def __str__(self) -> str:
        return str(self.value)
