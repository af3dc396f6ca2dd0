from enum import StrEnum


class PurposeKey(StrEnum):
    EMERGENCY = "emergency"
    EVENT_ENTRY = "event_entry"
    FOOD_SERVICE = "food_service"
    GUIDANCE = "guidance"
    HOTEL_CHECK_IN = "hotel_check_in"
    PAYMENT = "payment"
    TAX_FREE_SALE = "tax_free_sale"

    def __str__(self) -> str:
        return str(self.value)
