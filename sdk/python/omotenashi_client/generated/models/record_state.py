from enum import StrEnum


class RecordState(StrEnum):
    ACCEPTED = "accepted"
    BUILT = "built"
    CONFIRMED = "confirmed"
    FORFEITED = "forfeited"
    NOT_CONFIRMED = "not_confirmed"
    REFUNDED = "refunded"
    REJECTED = "rejected"
    TRANSMITTED = "transmitted"

    def __str__(self) -> str:
        return str(self.value)
