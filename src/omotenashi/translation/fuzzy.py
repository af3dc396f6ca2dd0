"""Fuzzy matching of translation-memory segments: how close a stored source text is to the text
being translated, from 0 (nothing in common) to 1 (the same after normalisation)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

CandidateId = UUID | int | str


@dataclass(frozen=True)
class Candidate:
    """A memory segment that may match: its id, source text and target text."""

    id: CandidateId
    source: str
    target: str


@dataclass(frozen=True)
class Match:
    """A candidate whose source is at least as similar as the threshold asked for."""

    id: CandidateId
    source: str
    target: str
    score: float


def normalise(text: str) -> str:
    """NFKC, so full-width and half-width forms (ＡＢＣ, ｶﾀｶﾅ) equal their usual ones, and runs
    of whitespace (including the ideographic space) as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


# Why normalised Levenshtein over characters: Japanese, Chinese, Thai, Khmer and Burmese are
# written without spaces between words, so token-based scorers (token_sort_ratio and friends)
# would see a whole sentence as one token. Characters are the unit every language shares, and
# Levenshtein divides by the longer text, so a short memory entry inside a long sentence scores
# low, as translators expect (unlike the Indel-based fuzz.ratio, which divides by both lengths).
def score(a: str, b: str) -> float:
    """Similarity of two texts in 0..1: 1 - edit distance / length of the longer, normalised."""
    return Levenshtein.normalized_similarity(normalise(a), normalise(b))


def best_matches(
    source: str, candidates: Iterable[Candidate], threshold: float, limit: int
) -> list[Match]:
    """At most ``limit`` candidates whose source scores at least ``threshold`` against
    ``source``, best first. Equal scores are ordered by source text, target text, then id, so
    the answer does not depend on the order the candidates arrive in."""
    if not 0 <= threshold <= 1:
        raise ValueError("threshold must be between 0 and 1")
    if limit < 0:
        raise ValueError("limit must not be negative")
    pool = list(candidates)
    if limit == 0 or not pool:
        return []
    scored = process.extract(
        normalise(source),
        [normalise(candidate.source) for candidate in pool],
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=threshold,
        limit=None,
    )
    matches = [
        Match(id=pool[index].id, source=pool[index].source, target=pool[index].target, score=value)
        for _, value, index in scored
    ]
    matches.sort(key=lambda match: (-match.score, match.source, match.target, str(match.id)))
    return matches[:limit]
