"""Servicer content: menu dishes, notices, signage slides and event entries, written once in the
servicer's language and served to each visitor in theirs, with how each translation was made."""
