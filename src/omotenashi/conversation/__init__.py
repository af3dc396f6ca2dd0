"""Conversation at the counter: a vetted phrasebook on two linked screens (issue 23)."""
