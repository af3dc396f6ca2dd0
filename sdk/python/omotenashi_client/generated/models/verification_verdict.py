from enum import StrEnum


class VerificationVerdict(StrEnum):
    NO_SUCH_ALERT = "no_such_alert"
    OFFICIAL_CHANGED = "official_changed"
    OFFICIAL_UNCHANGED = "official_unchanged"

    def __str__(self) -> str:
        return str(self.value)
