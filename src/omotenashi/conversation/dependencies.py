"""Who may take part: the servicer's counter staff on one side, on the other the device that
joined with the counter's code (a cookie holding the conversation's visitor-side secret)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from omotenashi import i18n
from omotenashi.auth.dependencies import ForServicerStaff
from omotenashi.auth.service import StaffPrincipal
from omotenashi.conversation import service
from omotenashi.conversation.errors import ConversationNotFoundError, NotInConversationError
from omotenashi.conversation.models import Conversation
from omotenashi.deps import Session, platform_keys

# The visitor side's secret, sent only to /talk.
SEAT_COOKIE = "omotenashi_talk"
SEAT_PATH = "/talk"


# Staff of a servicer at its counter (not an operator: conversations are the servicer's).
CounterStaff = Annotated[StaffPrincipal, ForServicerStaff]


async def clerk_conversation(
    conversation_id: uuid.UUID, session: Session, me: CounterStaff
) -> Conversation:
    assert me.staff.servicer_id is not None
    return await service.of_servicer(session, conversation_id, me.staff.servicer_id)


ClerkConversation = Annotated[Conversation, Depends(clerk_conversation)]


def _speak_its_language(request: Request, conversation: Conversation) -> None:
    """The visitor's screen speaks the conversation's language unless they chose another."""
    if not request.query_params.get("lang"):
        request.state.language = i18n.BY_CODE.get(conversation.language, i18n.DEFAULT)


async def seated_conversation(request: Request, session: Session) -> Conversation:
    conversation = await service.of_seat(
        session, platform_keys(request), request.cookies.get(SEAT_COOKIE)
    )
    _speak_its_language(request, conversation)
    return conversation


SeatedConversation = Annotated[Conversation, Depends(seated_conversation)]


async def seat_if_any(request: Request, session: Session) -> Conversation | None:
    """For the visitor's page itself: None when the conversation is over (or was never
    joined here), so the page can say so rather than show an error."""
    try:
        return await seated_conversation(request, session)
    except (ConversationNotFoundError, NotInConversationError):
        return None


MaybeSeated = Annotated[Conversation | None, Depends(seat_if_any)]
