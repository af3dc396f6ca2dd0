"""Marking strings for extraction where they are defined, translating them where shown."""


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues without translating it yet."""
    return message
