from enum import StrEnum


class FieldResultOutState(StrEnum):
    KEPT = "kept"
    NEEDS_TRANSLATION = "needs_translation"
    TRANSLATED = "translated"

    def __str__(self) -> str:
        return str(self.value)
