"""The purpose catalogue: why a servicer may ask for a visitor's attributes, and which ones.

A servicer never receives an attribute that its purpose does not list here, whatever the visitor
granted. Lists follow the laws in FACTS.md (hotel guest register, tax-free purchase records).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from omotenashi.i18n import catalogue_label


class PurposeKey(StrEnum):
    hotel_check_in = "hotel_check_in"
    tax_free_sale = "tax_free_sale"
    food_service = "food_service"
    guidance = "guidance"
    event_entry = "event_entry"
    payment = "payment"
    emergency = "emergency"


@dataclass(frozen=True)
class Purpose:
    key: PurposeKey
    # Language code → label in every language we serve (``omotenashi.i18n.CatalogueLabel``).
    labels: Mapping[str, str]
    attributes: tuple[str, ...]
    legal_basis: str

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


PURPOSES: Mapping[PurposeKey, Purpose] = MappingProxyType(
    {
        purpose.key: purpose
        for purpose in (
            Purpose(
                PurposeKey.hotel_check_in,
                catalogue_label("宿泊チェックイン", "Hotel check-in", "purpose"),
                # 旅館業法: name, address, contact; for guests with no address in Japan also
                # nationality and passport number (the passport copy may stand in for them).
                (
                    "name",
                    "home_address",
                    "phone",
                    "email",
                    "nationality",
                    "passport",
                    "preferred_languages",
                    "stay",
                ),
                "Hotel Business Act guest register (kept 3 years)",
            ),
            Purpose(
                PurposeKey.tax_free_sale,
                catalogue_label("免税販売", "Tax-free sale", "purpose"),
                # Passport items of the electronic purchase record sent to the National Tax Agency.
                (
                    "name",
                    "nationality",
                    "date_of_birth",
                    "status_of_residence",
                    "landing_date",
                    "passport",
                    "stay",
                    "preferred_languages",
                ),
                "Consumption Tax Act, electronic purchase record (kept 7 years)",
            ),
            Purpose(
                PurposeKey.food_service,
                catalogue_label("飲食の提供", "Food service", "purpose"),
                ("preferred_languages", "dietary_needs", "allergens"),
                "Visitor's consent",
            ),
            Purpose(
                PurposeKey.guidance,
                catalogue_label("案内・サイネージ", "Guidance and signage", "purpose"),
                ("preferred_languages", "accessibility_needs"),
                "Visitor's consent",
            ),
            Purpose(
                PurposeKey.event_entry,
                catalogue_label("イベント入場", "Event entry", "purpose"),
                ("name", "preferred_languages", "accessibility_needs"),
                "Visitor's consent",
            ),
            Purpose(
                PurposeKey.payment,
                catalogue_label("決済", "Payment", "purpose"),
                ("name", "preferred_languages"),
                "Visitor's consent",
            ),
            Purpose(
                PurposeKey.emergency,
                catalogue_label("緊急時対応", "Emergency", "purpose"),
                ("name", "preferred_languages", "stay", "emergency_contact", "accessibility_needs"),
                "Visitor's consent; vital interest in a disaster",
            ),
        )
    }
)


# Not a purpose anyone consents to: the access log's mark that a conversation at the counter
# took place (``omotenashi.conversation``); nothing of what was said is kept.
CONVERSATION = "conversation"
CONVERSATION_LABEL = catalogue_label(
    "カウンターでの会話", "A conversation at the counter", "purpose"
)


# Not purposes either: the marks a travel agency's invitation leaves in the traveller's log once
# the traveller has confirmed (``omotenashi.partners``): it was sent with the supplied
# attributes, opened, accepted. Nobody saw the data before the traveller did.
INVITATION_SENT = "invitation_sent"
INVITATION_OPENED = "invitation_opened"
INVITATION_ACCEPTED = "invitation_accepted"
INVITATION_EVENTS = frozenset({INVITATION_SENT, INVITATION_OPENED, INVITATION_ACCEPTED})
INVITATION_LABEL = catalogue_label(
    "旅行会社による事前登録", "Pre-registration by a travel agency", "purpose"
)


def purpose_label(key: str, language: str) -> str:
    """What an access-log entry's purpose is called in ``language``."""
    if key == CONVERSATION:
        return CONVERSATION_LABEL.get(language) or CONVERSATION_LABEL["en"]
    if key in INVITATION_EVENTS:
        return INVITATION_LABEL.get(language) or INVITATION_LABEL["en"]
    return PURPOSES[PurposeKey(key)].label(language)
