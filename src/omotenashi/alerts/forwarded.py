"""Comparing a forwarded alert with what the platform issued: the same text, a changed one (and
where), or nothing we issued.

Only whitespace is normalised (and zero-width spaces, which copying adds or drops): a changed
digit, an added sentence or a removed one all make a text "changed". The comparison works on
tokens: a word in languages written with spaces, one character with its combining marks in
those written without (Japanese, Chinese, Thai, Khmer, Burmese), so that one changed character is
one changed token in every language and the differences shown are no wider than the change.

Pure: the caller finds the alerts and strips the link or signature that named one.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any, Generic, TypeVar

K = TypeVar("K")


class VerificationVerdict(StrEnum):
    OFFICIAL_UNCHANGED = "official_unchanged"
    """An alert we issued, word for word (or only its link or signature)."""
    OFFICIAL_CHANGED = "official_changed"
    """An alert we issued, but the text was changed: words added, removed or altered."""
    NO_SUCH_ALERT = "no_such_alert"
    """Nothing we issued: a rumour, a forged signature, a link to no alert."""


class TextChange(StrEnum):
    SAME = "same"
    INSERTED = "inserted"
    """In the forwarded text only."""
    DELETED = "deleted"
    """In the official text only."""


@dataclass(frozen=True)
class Span:
    change: TextChange
    text: str


@dataclass(frozen=True)
class Match(Generic[K]):
    """The issued rendering a text was compared with: ``key`` names it for the caller."""

    key: K
    official: str
    same: bool
    similarity: float
    """0 to 1: twice the tokens the texts have in common, in any order, over the tokens of
    both (cheap enough to rank every rendering of every recent alert)."""


SIMILAR = 0.6
"""A text this similar to a whole rendering is a changed copy of it, even with no link."""
SIMILAR_HEADLINE = 0.8
"""A short text this similar to a headline is that headline, changed."""
OVERLAP = 0.5
"""Share of token pairs in common (of the shorter text's) worth comparing in full."""

_ZERO_WIDTH = str.maketrans("", "", "\u200b\u2060\ufeff")
_SPACELESS = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u2e80-\u2fdf\u3001-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"  # CJK
    "\uff00-\uffef"  # full- and half-width forms
    "\U00020000-\U0003134f"  # CJK extensions
)
_SEPARATOR = "\x1f"


@functools.cache
def _token_pattern() -> re.Pattern[str]:
    """A token: one character of a script written without spaces, a run of word characters of
    the others, or one other sign; each with the combining marks that follow it (joiners too)."""
    marks: list[str] = []
    start = None
    for code in range(0x10000):
        mark = unicodedata.category(chr(code))[0] == "M" or code in (0x200C, 0x200D)
        if mark and start is None:
            start = code
        elif not mark and start is not None:
            marks.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    m = "".join(marks)
    s = _SPACELESS
    return re.compile(rf"[{s}][{m}]*|(?:[^\W{s}]|[{m}])+|[^\s{m}][{m}]*")


@functools.lru_cache(maxsize=20_000)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_token_pattern().findall(text.translate(_ZERO_WIDTH)))


def _spaced_tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens, each with whether whitespace came before it (to show them as written)."""
    text = text.translate(_ZERO_WIDTH)
    return [
        (found.group(), found.start() > 0 and text[found.start() - 1].isspace())
        for found in _token_pattern().finditer(text)
    ]


@functools.lru_cache(maxsize=20_000)
def _pairs(tokens: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    return frozenset(itertools.pairwise(tokens))


def _joined(tokens: tuple[str, ...]) -> str:
    return _SEPARATOR + _SEPARATOR.join(tokens) + _SEPARATOR


def issued_text(rendering: Mapping[str, Any]) -> str:
    """What a rendering says, as a person would copy it: headline, lines, action, a line each."""
    return "\n".join([rendering["headline"], *rendering["lines"], rendering["action"]])


def is_empty(text: str) -> bool:
    return not _tokens(text)


def _at_least(matcher: SequenceMatcher[str], tokens: tuple[str, ...], threshold: float) -> bool:
    """Whether ``tokens`` and the matcher's text are ``threshold`` similar; the cheap upper
    bounds first, so that a long text is never aligned with a short one in full."""
    matcher.set_seq1(tokens)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


def closest(
    pasted: str, renderings: Iterable[tuple[K, Mapping[str, Any]]], *, identified: bool
) -> Match[K] | None:
    """The rendering ``pasted`` is a copy of: the first it equals, else the most similar.

    With ``identified`` (a link or a signature named the alert) that is the most similar of
    ``renderings``, however little. Without, a rendering counts only if ``pasted`` holds its
    headline word for word, or is close to its whole text or to its headline alone: a rumour
    that shares a few words with an alert is no copy of it.
    """
    words = _tokens(pasted)
    if not words:
        return None
    pairs = _pairs(words)
    joined = _joined(words)
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    best: Match[K] | None = None
    for key, rendering in renderings:
        official = issued_text(rendering)
        tokens = _tokens(official)
        if tokens == words:
            return Match(key, official, True, 1.0)
        if not identified:
            headline = _tokens(rendering["headline"])
            if not (headline and _joined(headline) in joined):
                common = _pairs(tokens)
                shorter = min(len(pairs), len(common))
                if not shorter or len(pairs & common) / shorter < OVERLAP:
                    continue
                if not (
                    _at_least(matcher, tokens, SIMILAR)
                    or _at_least(matcher, headline, SIMILAR_HEADLINE)
                ):
                    continue
        matcher.set_seq1(tokens)
        similarity = matcher.quick_ratio()
        if best is None or similarity > best.similarity:
            best = Match(key, official, False, similarity)
    return best


def _blocks(before: list[str], after: list[str]) -> list[tuple[bool, int, int, int, int]]:
    """Alternating runs of ``before[i1:i2]`` == ``after[j1:j2]`` (True) and of changes (False).

    A short run in common between two larger changes is taken into the change: a comma or a
    particle that an invented sentence happens to share with the official one would otherwise
    cut what was added into pieces (as in diff-match-patch's semantic clean-up).
    """
    blocks: list[tuple[bool, int, int, int, int]] = []
    for operation, i1, i2, j1, j2 in SequenceMatcher(
        None, before, after, autojunk=False
    ).get_opcodes():
        same = operation == "equal"
        if blocks and not same and not blocks[-1][0]:
            blocks[-1] = (False, blocks[-1][1], i2, blocks[-1][3], j2)
        else:
            blocks.append((same, i1, i2, j1, j2))
    merged = True
    while merged:
        merged = False
        for k in range(1, len(blocks) - 1):
            same, i1, i2, _, _ = blocks[k]
            if not same:
                continue
            left, right = blocks[k - 1], blocks[k + 1]
            if i2 - i1 <= min(
                max(left[2] - left[1], left[4] - left[3]),
                max(right[2] - right[1], right[4] - right[3]),
            ):
                blocks[k - 1 : k + 2] = [(False, left[1], right[2], left[3], right[4])]
                merged = True
                break
    return blocks


def differences(official: str, pasted: str) -> list[Span]:
    """``pasted`` against ``official`` in reading order: what they share, what ``pasted`` adds
    (inserted) and what it lacks (deleted); whitespace is shown as one space."""
    before = _spaced_tokens(official)
    after = _spaced_tokens(pasted)
    spans: list[Span] = []

    def add(change: TextChange, tokens: list[tuple[str, bool]]) -> None:
        text = "".join((" " if spaced else "") + token for token, spaced in tokens)
        if not spans:
            text = text.lstrip(" ")
        if spans and spans[-1].change is change:
            spans[-1] = Span(change, spans[-1].text + text)
        elif text:
            spans.append(Span(change, text))

    for same, i1, i2, j1, j2 in _blocks(
        [token for token, _ in before], [token for token, _ in after]
    ):
        if same:
            add(TextChange.SAME, after[j1:j2])
        else:
            add(TextChange.DELETED, before[i1:i2])
            add(TextChange.INSERTED, after[j1:j2])
    return spans
