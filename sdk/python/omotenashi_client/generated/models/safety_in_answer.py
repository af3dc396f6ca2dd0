from enum import StrEnum


class SafetyInAnswer(StrEnum):
    NEED_HELP = "need_help"
    SAFE = "safe"

    def __str__(self) -> str:
        return str(self.value)
