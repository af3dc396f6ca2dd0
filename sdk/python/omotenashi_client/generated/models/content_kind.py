from enum import StrEnum


class ContentKind(StrEnum):
    DISH = "dish"
    EVENT = "event"
    NOTICE = "notice"
    SIGNAGE = "signage"

    def __str__(self) -> str:
        return str(self.value)
