from enum import StrEnum


class VerificationOutMatchedByType0(StrEnum):
    LINK = "link"
    SIGNATURE = "signature"
    WORDING = "wording"

    def __str__(self) -> str:
        return str(self.value)
