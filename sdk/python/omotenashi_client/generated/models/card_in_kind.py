from enum import StrEnum


class CardInKind(StrEnum):
    IC_CARD = "ic_card"
    NFC_TAG = "nfc_tag"

    def __str__(self) -> str:
        return str(self.value)
