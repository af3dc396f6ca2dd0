from enum import StrEnum


class RefundMethod(StrEnum):
    CARD = "card"
    WALLET = "wallet"

    def __str__(self) -> str:
        return str(self.value)
