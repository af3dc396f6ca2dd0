"""Japanese place names in the visitor's own script, from their kana reading.

A reading is cut into morae (``morae``): a consonant, a vowel, and the three marks that are not
syllables of their own, the moraic nasal ん, the geminate っ and the long vowel (ー, or う after
o/u, お after o). Each script then writes the morae by one rule table below, documented beside it:

- Korean (``ko``): the standard for Japanese in 외래어 표기법 (문교부 고시 제85-11호, 일본어의
  표기): k/t/ch unaspirated at the start of a word (가, 다, 자) and aspirated inside it
  (카, 타, 차); つ 쓰, す 스; ん a final ㄴ, っ a final ㅅ; long vowels not written (도쿄).
- Mongolian (``mn``): Polivanov's Cyrillic system: し си, ち ти, つ цу, じ дзи, ゆ ю, え э,
  ん н (м before b, p, m), っ doubles the next consonant, long vowels not written, い after a
  vowel й.
- Thai (``th``): as the Thai press writes Japanese: k/t/ch aspirated at the start of a word
  (ค, ท, ช) and plain inside it (ก, ต, จ), g inside a word ง; a, e, o long inside a word and
  short at its end (โอซากะ), i and u short (ชิโมดะ); ん and っ close the syllable (ฮกไกโด);
  あい ไ-; きょ เกียว as in โตเกียว.
- Nepali (``ne``): Devanagari with long ā (ओसाका), short i and u, ん न्, っ doubles the next
  consonant with a virama.
- Khmer (``km``): a, e, o on first-series consonants and i, u on second-series ones, so that
  ូ reads o after ក and u after គ (តូក្យូ, អាគីតា); ん ន់.
- Burmese (``my``): ာ/ါ, ီ, ူ, ေး, ို (တိုကျို), medial ျ for the y-glide, ん န်.

Names are written as one word: a reading carries no word breaks. Where a name starts with a
prefecture, the caller writes the prefecture by its table and only the rest is transliterated
here (``areas``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

TRANSLITERATED_LANGUAGES = frozenset({"ko", "mn", "th", "ne", "km", "my"})


@dataclass(frozen=True)
class Mora:
    consonant: str
    """"" for a bare vowel; k g s sh z j t ch ts d n h f b p m y r w; "N" ん, "Q" っ, "L" long."""
    vowel: str = ""
    """a i u e o; after a y-glide (きゃ) ya yu yo."""
    word_start: bool = False


_ROWS = {
    "": "あいうえお",
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
}
_KANA: dict[str, tuple[str, str]] = {}
for _consonant, _row in _ROWS.items():
    for _kana, _vowel in zip(_row, "aiueo", strict=True):
        _KANA[_kana] = (_consonant, _vowel)
_KANA |= {
    "し": ("sh", "i"),
    "じ": ("j", "i"),
    "ち": ("ch", "i"),
    "ぢ": ("j", "i"),
    "つ": ("ts", "u"),
    "づ": ("z", "u"),
    "ふ": ("f", "u"),
    "や": ("y", "a"),
    "ゆ": ("y", "u"),
    "よ": ("y", "o"),
    "わ": ("w", "a"),
    "を": ("", "o"),
}
_GLIDES = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SMALL_VOWELS = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}
_PALATAL = {"sh", "ch", "j"}


def _hiragana(text: str) -> str:
    return "".join(chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" else char for char in text)


def morae(reading: str) -> list[Mora]:
    """The morae of a kana reading; ・ and spaces start a new word. Other characters (digits
    such as the ２３ of 東京都２３区 are read in kana by JMA, so none are expected) are
    skipped."""
    out: list[Mora] = []
    start = True
    for char in _hiragana(reading):
        if char in "・ 　":
            start = True
            continue
        if char in _GLIDES and out and out[-1].vowel == "i":
            last = out.pop()
            vowel = _GLIDES[char]
            glided = vowel if last.consonant in _PALATAL else "y" + vowel
            out.append(Mora(last.consonant, glided, last.word_start))
            continue
        if char in _SMALL_VOWELS and out and out[-1].vowel:
            last = out.pop()
            out.append(Mora(last.consonant, _SMALL_VOWELS[char], last.word_start))
            continue
        previous = out[-1].vowel[-1:] if out and out[-1].vowel else ""
        if (
            char == "ー"
            or (char == "う" and previous in "ou" and previous)
            or (char == "お" and previous == "o")
        ):
            out.append(Mora("L"))
            continue
        if char == "ん":
            out.append(Mora("N", word_start=start))
        elif char == "っ":
            out.append(Mora("Q", word_start=start))
        elif char in _KANA:
            consonant, vowel = _KANA[char]
            out.append(Mora(consonant, vowel, start))
        else:
            continue
        start = False
    return out


def _next_sound(items: list[Mora], index: int) -> Mora | None:
    for mora in items[index + 1 :]:
        if mora.consonant not in {"L"}:
            return mora
    return None


def _word_end(items: list[Mora], index: int) -> bool:
    for mora in items[index + 1 :]:
        if mora.word_start:
            return True
        if mora.consonant not in {"L", "N", "Q"}:
            return False
    return True


def _long(items: list[Mora], index: int) -> bool:
    return index + 1 < len(items) and items[index + 1].consonant == "L"


def _closed(items: list[Mora], index: int) -> bool:
    following = items[index + 1] if index + 1 < len(items) else None
    return following is not None and following.consonant in {"N", "Q"}


# Korean (외래어 표기법, 일본어의 표기).

_KO_INITIAL = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_KO_MEDIAL = {
    "a": "ㅏ",
    "i": "ㅣ",
    "u": "ㅜ",
    "e": "ㅔ",
    "o": "ㅗ",
    "ya": "ㅑ",
    "yu": "ㅠ",
    "yo": "ㅛ",
}
_KO_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_KO_FINAL = {"": 0, "ㄴ": 4, "ㅅ": 19}
# (word start, inside a word)
_KO_CONSONANT = {
    "": ("ㅇ", "ㅇ"),
    "k": ("ㄱ", "ㅋ"),
    "g": ("ㄱ", "ㄱ"),
    "s": ("ㅅ", "ㅅ"),
    "sh": ("ㅅ", "ㅅ"),
    "z": ("ㅈ", "ㅈ"),
    "j": ("ㅈ", "ㅈ"),
    "t": ("ㄷ", "ㅌ"),
    "ch": ("ㅈ", "ㅊ"),
    "ts": ("ㅆ", "ㅆ"),
    "d": ("ㄷ", "ㄷ"),
    "n": ("ㄴ", "ㄴ"),
    "h": ("ㅎ", "ㅎ"),
    "f": ("ㅎ", "ㅎ"),
    "b": ("ㅂ", "ㅂ"),
    "p": ("ㅍ", "ㅍ"),
    "m": ("ㅁ", "ㅁ"),
    "y": ("ㅇ", "ㅇ"),
    "r": ("ㄹ", "ㄹ"),
    "w": ("ㅇ", "ㅇ"),
}


def _hangul(initial: str, medial: str, final: str = "") -> str:
    return chr(
        0xAC00
        + (_KO_INITIAL.index(initial) * 21 + _KO_MEDIALS.index(medial)) * 28
        + _KO_FINAL[final]
    )


def _korean(items: list[Mora]) -> str:
    blocks: list[list[str]] = []
    out: list[str] = []
    for mora in items:
        if mora.consonant == "L":
            continue
        if mora.consonant in {"N", "Q"}:
            if blocks and not blocks[-1][2]:
                blocks[-1][2] = "ㄴ" if mora.consonant == "N" else "ㅅ"
            continue
        initial = _KO_CONSONANT[mora.consonant][0 if mora.word_start else 1]
        if mora.consonant == "y":
            medial = _KO_MEDIAL["y" + mora.vowel]
        elif mora.consonant == "w":
            medial = "ㅘ" if mora.vowel == "a" else _KO_MEDIAL[mora.vowel]
        elif mora.consonant in {"s", "ts", "z"} and mora.vowel == "u":
            medial = "ㅡ"
        elif mora.consonant in _PALATAL and mora.vowel in {"a", "u", "o"}:
            # しゃ 샤 keeps its glide; ちゃ 자/차 and じゃ 자 do not.
            glide = "y" if mora.consonant == "sh" else ""
            medial = _KO_MEDIAL[glide + mora.vowel]
        else:
            medial = _KO_MEDIAL[mora.vowel]
        if mora.word_start and blocks:
            out.append(" ")
        blocks.append([initial, medial, ""])
        out.append("\0")
    text = ""
    pending = iter(blocks)
    for piece in out:
        text += _hangul(*next(pending)) if piece == "\0" else piece
    return text


# Mongolian Cyrillic (Polivanov).

_MN_SYLLABLE = {
    "": {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о"},
    "k": "ка ки ку кэ ко кя кю кё",
    "g": "га ги гу гэ го гя гю гё",
    "s": "са си су сэ со",
    "sh": "ся си сю сэ сё",
    "z": "дза дзи дзу дзэ дзо",
    "j": "дзя дзи дзю дзэ дзё",
    "t": "та ти цу тэ то",
    "ch": "тя ти тю тэ тё",
    "ts": "ца ци цу цэ цо",
    "d": "да дзи дзу дэ до",
    "n": "на ни ну нэ но ня ню нё",
    "h": "ха хи фу хэ хо хя хю хё",
    "f": "фа фи фу фэ фо",
    "b": "ба би бу бэ бо бя бю бё",
    "p": "па пи пу пэ по пя пю пё",
    "m": "ма ми му мэ мо мя мю мё",
    "y": {"a": "я", "u": "ю", "o": "ё", "e": "иэ", "i": "и"},
    "r": "ра ри ру рэ ро ря рю рё",
    "w": {"a": "ва", "i": "ви", "e": "вэ", "o": "о", "u": "у"},
}
_VOWEL_ORDER = ("a", "i", "u", "e", "o", "ya", "yu", "yo")


def _table(syllables: Mapping[str, object]) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for consonant, row in syllables.items():
        if isinstance(row, dict):
            table[consonant] = row
        else:
            assert isinstance(row, str)
            table[consonant] = dict(zip(_VOWEL_ORDER, row.split(), strict=False))
    return table


_MN = _table(_MN_SYLLABLE)


def _cyrillic(items: list[Mora]) -> str:
    out = ""
    for index, mora in enumerate(items):
        if mora.word_start and out:
            out += " "
        if mora.consonant == "L":
            continue
        if mora.consonant == "N":
            following = _next_sound(items, index)
            labial = following is not None and following.consonant in {"b", "p", "m"}
            out += "м" if labial else "н"
            continue
        if mora.consonant == "Q":
            following = _next_sound(items, index)
            if following is not None and following.consonant not in {"", "N", "Q"}:
                out += _MN[following.consonant][following.vowel][0]
            continue
        if mora.consonant == "" and mora.vowel == "i" and out and out[-1] in "аэоуя":
            out += "й"
            continue
        out += _MN[mora.consonant][mora.vowel]
    return out


# Thai.

# (word start, inside a word)
_TH_CONSONANT = {
    "": ("อ", "อ"),
    "k": ("ค", "ก"),
    "g": ("ก", "ง"),
    "s": ("ซ", "ซ"),
    "sh": ("ช", "ช"),
    "z": ("ซ", "ซ"),
    "j": ("จ", "จ"),
    "t": ("ท", "ต"),
    "ch": ("ช", "จ"),
    "ts": ("ส", "ส"),
    "d": ("ด", "ด"),
    "n": ("น", "น"),
    "h": ("ฮ", "ฮ"),
    "f": ("ฟ", "ฟ"),
    "b": ("บ", "บ"),
    "p": ("พ", "ป"),
    "m": ("ม", "ม"),
    "y": ("ย", "ย"),
    "r": ("ร", "ร"),
    "w": ("ว", "ว"),
}
_TH_FINAL = {"k": "ก", "g": "ก", "p": "ป", "b": "ป", "m": "ม"}


def _thai_syllable(c: str, vowel: str, *, short: bool, final: str) -> str:
    if vowel == "a":
        return c + ("ั" + final if final else ("ะ" if short else "า"))
    if vowel == "i":
        return c + "ิ" + final
    if vowel == "u":
        return c + ("ึ" if c == "ส" else "ุ") + final
    if vowel == "e":
        return "เ" + c + ("็" + final if final else ("ะ" if short else ""))
    if vowel == "o":
        return c + final if final else "โ" + c + ("ะ" if short else "")
    if vowel == "ya":
        return "เ" + c + "ีย" + final
    if vowel == "yu":
        return c + "ิว" + final
    if vowel == "yo":
        return "เ" + c + "ียว" + final
    raise ValueError(vowel)


def _thai(items: list[Mora]) -> str:
    out = ""
    skip = False
    for index, mora in enumerate(items):
        if skip:
            skip = False
            continue
        if mora.word_start and out:
            out += " "
        if mora.consonant in {"L", "N", "Q"}:
            continue
        c = _TH_CONSONANT[mora.consonant][0 if mora.word_start else 1]
        vowel = mora.vowel
        if mora.consonant == "k" and vowel == "yo":
            c = "ก"  # เกียว, as in โตเกียว and เกียวโต
        if mora.consonant == "y":
            vowel = vowel.removeprefix("y")
        if mora.consonant in _PALATAL:
            vowel = vowel.removeprefix("y")
        final = ""
        following = items[index + 1] if index + 1 < len(items) else None
        if following is not None and following.consonant == "N":
            after = _next_sound(items, index + 1)
            final = "ม" if after is not None and after.consonant in {"b", "p", "m"} else "น"
        elif following is not None and following.consonant == "Q":
            after = _next_sound(items, index + 1)
            final = _TH_FINAL.get(after.consonant if after else "", "ต")
        elif (
            vowel == "a"
            and following is not None
            and following.consonant == ""
            and following.vowel == "i"
            and not following.word_start
        ):
            out += "ไ" + c
            skip = True
            continue
        short = _word_end(items, index) and not _long(items, index)
        out += _thai_syllable(c, vowel, short=short, final=final)
    return out


# Nepali (Devanagari).

_NE_CONSONANT = {
    "k": "क",
    "g": "ग",
    "s": "स",
    "sh": "श",
    "z": "ज़",
    "j": "ज",
    "t": "त",
    "ch": "च",
    "ts": "त्स",
    "d": "द",
    "n": "न",
    "h": "ह",
    "f": "फ",
    "b": "ब",
    "p": "प",
    "m": "म",
    "y": "य",
    "r": "र",
    "w": "व",
}
_NE_SIGN = {"a": "ा", "i": "ि", "u": "ु", "e": "े", "o": "ो"}
_NE_INDEPENDENT = {"a": "आ", "i": "इ", "u": "उ", "e": "ए", "o": "ओ"}


def _devanagari(items: list[Mora]) -> str:
    out = ""
    for index, mora in enumerate(items):
        if mora.word_start and out:
            out += " "
        if mora.consonant == "L":
            continue
        if mora.consonant == "N":
            following = _next_sound(items, index)
            joins = (
                following is not None
                and following.consonant not in {"", "N", "Q"}
                and not following.word_start
            )
            out += "न्" if joins else "न"
            continue
        if mora.consonant == "Q":
            following = _next_sound(items, index)
            if following is not None and following.consonant in _NE_CONSONANT:
                out += _NE_CONSONANT[following.consonant][0] + "्"
            continue
        vowel = mora.vowel
        if mora.consonant == "":
            out += _NE_INDEPENDENT[vowel]
            continue
        base = _NE_CONSONANT[mora.consonant]
        if vowel.startswith("y") and mora.consonant != "y":
            base += "्य"
            vowel = vowel[1:]
        elif mora.consonant == "y":
            vowel = vowel[1:] if vowel.startswith("y") else vowel
        out += base + _NE_SIGN[vowel]
    return out


# Khmer: a, e, o on the first series, i, u on the second.

_KM_FIRST = {
    "": "អ",
    "k": "ក",
    "g": "ហ្គ",
    "s": "ស",
    "sh": "ស",
    "z": "ហ្ស",
    "j": "ជ",
    "t": "ត",
    "ch": "ឆ",
    "ts": "ត្ស",
    "d": "ដ",
    "n": "ណ",
    "h": "ហ",
    "f": "ហ្វ",
    "b": "ប",
    "p": "ប៉",
    "m": "ម៉",
    "y": "យ៉",
    "r": "រ៉",
    "w": "វ៉",
}
_KM_SECOND = {
    "": "អ៊",
    "k": "គ",
    "g": "ហ្គ",
    "s": "ស៊",
    "sh": "ស៊",
    "z": "ហ្ស៊",
    "j": "ជ",
    "t": "ទ",
    "ch": "ឈ",
    "ts": "ត្ស៊",
    "d": "ឌ",
    "n": "ន",
    "h": "ហ៊",
    "f": "ហ្វ",
    "b": "ប៊",
    "p": "ព",
    "m": "ម",
    "y": "យ",
    "r": "រ",
    "w": "វ",
}
_KM_SIGN = {"a": "ា", "i": "ី", "u": "ូ", "e": "េ", "o": "ូ"}


def _khmer(items: list[Mora]) -> str:
    out = ""
    for mora in items:
        if mora.word_start and out:
            out += " "
        if mora.consonant in {"L", "Q"}:
            continue
        if mora.consonant == "N":
            out += "ន់"
            continue
        vowel = mora.vowel
        glide = ""
        if vowel.startswith("y"):
            vowel = vowel[1:]
            if mora.consonant not in {"y", *_PALATAL}:
                glide = "្យ"
        if mora.consonant == "sh" and vowel in {"a", "o", "u"}:
            glide = "្យ"
        series = _KM_SECOND if vowel in {"i", "u"} else _KM_FIRST
        out += series[mora.consonant] + glide + _KM_SIGN[vowel]
    return out


# Burmese.

_MY_CONSONANT = {
    "": "အ",
    "k": "က",
    "g": "ဂ",
    "s": "ဆ",
    "sh": "ရှ",
    "z": "ဇ",
    "j": "ဂျ",
    "t": "တ",
    "ch": "ချ",
    "ts": "ဆ",
    "d": "ဒ",
    "n": "န",
    "h": "ဟ",
    "f": "ဖ",
    "b": "ဘ",
    "p": "ပ",
    "m": "မ",
    "y": "ယ",
    "r": "ရ",
    "w": "ဝ",
}
_MY_TALL_A = {"g", "d", "p", "w"}
_MY_GLIDE = {"k", "g", "b", "p", "m", "h"}


def _burmese(items: list[Mora]) -> str:
    out = ""
    for mora in items:
        if mora.word_start and out:
            out += " "
        if mora.consonant in {"L", "Q"}:
            continue
        if mora.consonant == "N":
            out += "န်"
            continue
        vowel = mora.vowel
        base = _MY_CONSONANT[mora.consonant]
        if vowel.startswith("y"):
            vowel = vowel[1:]
            if mora.consonant in _MY_GLIDE:
                base = {"g": "ဂ", "h": "ဟ"}.get(mora.consonant, base) + "ျ"
        sign = {"i": "ီ", "u": "ူ", "e": "ေး", "o": "ို"}.get(vowel)
        if vowel == "a":
            sign = "ါ" if mora.consonant in _MY_TALL_A else "ာ"
        assert sign is not None
        out += base + sign
    return out


def _capitalised(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def transliterate(reading: str, language: str) -> str:
    """``reading`` (kana) in the script of ``language``, one of ``TRANSLITERATED_LANGUAGES``."""
    items = morae(reading)
    match language:
        case "ko":
            return _korean(items)
        case "mn":
            return _capitalised(_cyrillic(items))
        case "th":
            return _thai(items)
        case "ne":
            return _devanagari(items)
        case "km":
            return _khmer(items)
        case "my":
            return _burmese(items)
    raise ValueError(f"{language!r} is not transliterated")
