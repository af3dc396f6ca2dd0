from __future__ import annotations

import random
from uuid import UUID

import pytest

from omotenashi.translation.fuzzy import Candidate, Match, best_matches, score

GRILLED_FISH = "本日のおすすめは焼き魚定食です"
GRILLED_CHICKEN = "本日のおすすめは焼き鳥定食です"
TOILET = "お手洗いは二階の奥にございます"


def test_one_character_apart_in_japanese_scores_above_the_default_threshold() -> None:
    assert score(GRILLED_FISH, GRILLED_CHICKEN) == pytest.approx(14 / 15)
    assert score(GRILLED_FISH, GRILLED_CHICKEN) > 0.75


def test_unrelated_japanese_sentence_scores_below_the_default_threshold() -> None:
    assert score(GRILLED_FISH, TOILET) < 0.3


def test_full_width_and_half_width_forms_count_as_the_same() -> None:
    assert score("ＷｉＦｉのパスワードは１２３４です", "WiFiのパスワードは1234です") == 1.0
    assert score("ｶﾞｲﾄﾞﾌﾞｯｸ", "ガイドブック") == 1.0


def test_whitespace_differences_do_not_count() -> None:
    assert score("Welcome  to\n Tokyo ", "Welcome to Tokyo") == 1.0
    assert score("東京　駅", "東京 駅") == 1.0  # ideographic space


def test_a_short_entry_inside_a_long_sentence_scores_low() -> None:
    assert score("本日", GRILLED_FISH) < 0.2


def test_identical_texts_score_one_and_disjoint_texts_zero() -> None:
    assert score(GRILLED_FISH, GRILLED_FISH) == 1.0
    assert score("abc", "xyz") == 0.0


def test_best_matches_keeps_those_at_or_above_the_threshold_best_first() -> None:
    candidates = [
        Candidate(1, TOILET, "The restroom is at the back of the second floor."),
        Candidate(2, GRILLED_CHICKEN, "Today's special is the grilled chicken set meal."),
        Candidate(3, GRILLED_FISH, "Today's special is the grilled fish set meal."),
    ]

    matches = best_matches(GRILLED_FISH, candidates, threshold=0.75, limit=5)

    assert [(match.id, round(match.score, 4)) for match in matches] == [(3, 1.0), (2, 0.9333)]
    assert matches[1] == Match(
        2, GRILLED_CHICKEN, "Today's special is the grilled chicken set meal.", 14 / 15
    )


def test_best_matches_stops_at_the_limit() -> None:
    candidates = [Candidate(index, GRILLED_CHICKEN, f"t{index}") for index in range(10)]

    assert len(best_matches(GRILLED_FISH, candidates, threshold=0.5, limit=3)) == 3
    assert best_matches(GRILLED_FISH, candidates, threshold=0.5, limit=0) == []


def test_equal_scores_come_in_the_same_order_whatever_the_input_order() -> None:
    candidates = [
        Candidate(UUID(int=2), GRILLED_CHICKEN, "B"),
        Candidate(UUID(int=1), GRILLED_CHICKEN, "B"),
        Candidate(UUID(int=3), GRILLED_CHICKEN, "A"),
        Candidate(UUID(int=4), "今日のおすすめは焼き鳥定食です", "A"),
    ]
    expected = best_matches(GRILLED_FISH, candidates, threshold=0.75, limit=10)

    for seed in range(5):
        shuffled = candidates.copy()
        random.Random(seed).shuffle(shuffled)
        assert best_matches(GRILLED_FISH, shuffled, threshold=0.75, limit=10) == expected
    assert [match.id for match in expected] == [UUID(int=3), UUID(int=1), UUID(int=2), UUID(int=4)]


@pytest.mark.parametrize(("threshold", "limit"), [(-0.1, 5), (1.1, 5), (0.75, -1)])
def test_best_matches_refuses_a_threshold_outside_0_to_1_or_a_negative_limit(
    threshold: float, limit: int
) -> None:
    with pytest.raises(ValueError, match=r"threshold|limit"):
        best_matches(GRILLED_FISH, [], threshold=threshold, limit=limit)
