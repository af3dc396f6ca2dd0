"""What the visitor is told about their tax-free purchases, in their language."""

from __future__ import annotations

from omotenashi.i18n.markers import N_

TITLE = N_("My tax-free purchases")
REASON_NOT_CONFIRMED = N_(
    "Customs did not confirm every item, so the whole purchase lost its tax exemption."
)
REASON_DEADLINE = N_(
    "The 90 days to take the items out of Japan passed without customs' confirmation."
)
REMINDER_SUBJECT = N_("Tax-free purchase at {shop}: {days} days left for customs")
REMINDER_BODY = N_(
    "Your tax-free purchase at {shop} needs customs' confirmation by {deadline}. When you "
    "leave Japan, carry the items unused and show your passport at the customs kiosk, or "
    "complete it online through Visit Japan Web at the major airports. Your refund follows the "
    "confirmation.\n\n{link}"
)
FORFEITED_SUBJECT = N_("No tax refund for your purchase at {shop}")
FORFEITED_BODY = N_("{reason}\n\nThe shop keeps the tax it charged.\n\n{link}")
REFUNDED_SUBJECT = N_("Your tax refund from {shop} was paid")
REFUNDED_BODY = N_("{amount} was paid to you ({method}).\n\n{link}")
METHOD_WALLET = N_("to your wallet")
METHOD_CARD = N_("back to your card")

REASONS = {"not_confirmed": REASON_NOT_CONFIRMED, "deadline": REASON_DEADLINE}
