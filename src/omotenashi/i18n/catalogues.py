"""Keeping the message catalogues whole: extract every UI string, update each language's .po,
and list what is missing (the test that fails on an untranslated string uses this)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from omotenashi.i18n import LANGUAGES, SOURCE_LANGUAGE, Language, catalogue_path

PACKAGE = Path(__file__).parent.parent
# ``catalogue_label(ja, en, context)``: the English (2nd argument) is the msgid and the 3rd the
# msgctxt, so the same English word in two catalogues can be translated apart.
LABEL_KEYWORD = "catalogue_label"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    LABEL_KEYWORD: ((3, "c"), 2),
}
METHODS = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def extract() -> Catalog:
    """Every translatable string in the package's code and templates."""
    catalogue = Catalog(project="omotenashi", locale=SOURCE_LANGUAGE)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, METHODS, options_map=OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
    ):
        if "/i18n/" in filename.replace("\\", "/"):
            continue
        catalogue.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalogue


def japanese_labels() -> dict[tuple[str, str | None], str]:
    """The Japanese of every catalogue label, by (English msgid, context), as written in code.

    Read by extracting the same ``catalogue_label`` calls twice, once for the English and once for
    the Japanese argument, and pairing them by position.
    """
    english, japanese = (
        list(
            extract_from_dir(
                PACKAGE, [("**.py", "python")], keywords={LABEL_KEYWORD: ((3, "c"), argument)}
            )
        )
        for argument in (2, 1)
    )
    pairs: dict[tuple[str, str | None], str] = {}
    for (filename, lineno, en, _, context), (ja_filename, ja_lineno, ja, _, ja_context) in zip(
        english, japanese, strict=True
    ):
        # A call with a non-literal argument is skipped by one pass only; refuse to mispair.
        if (filename, lineno, context) != (ja_filename, ja_lineno, ja_context):
            raise ValueError(f"catalogue_label call at {filename}:{lineno} has a non-literal label")
        if not isinstance(en, str) or not isinstance(ja, str):
            raise TypeError(f"catalogue_label call at {filename}:{lineno} is not (ja, en, context)")
        if pairs.setdefault((en, context), ja) != ja:
            # One msgid and context can carry only one Japanese term in the ja catalogue.
            raise ValueError(
                f"{en!r} ({context}) has two Japanese labels: {pairs[en, context]}, {ja}"
            )
    return pairs


def read(language: Language) -> Catalog:
    path = catalogue_path(language)
    if not path.is_file():
        return Catalog(locale=language.cldr, project="omotenashi")
    with path.open("rb") as handle:
        return read_po(handle, locale=language.cldr)


def write(language: Language, catalogue: Catalog) -> None:
    path = catalogue_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.fuzzy = False
    catalogue.project, catalogue.version = "omotenashi", "1"
    with path.open("wb") as handle:
        write_po(
            handle,
            catalogue,
            width=100,
            omit_header=False,
            sort_output=True,
            include_previous=False,
        )


def _mirror_japanese_labels(catalogue: Catalog) -> None:
    """Write the code's Japanese labels into the ja catalogue.

    They are authoritative in code (``CatalogueLabel`` answers ja from there); the mirror keeps
    the ja catalogue as complete as every other. Done before ``Catalog.update``, which inserts a
    message new to a catalogue as the template's own object: setting its string afterwards would
    leak the Japanese into every language updated after ja.
    """
    for (message_id, context), japanese in japanese_labels().items():
        message = catalogue.get(message_id, context=context)
        if message is None:
            catalogue.add(message_id, japanese, context=context)
        else:
            message.string = japanese
            message.flags.discard("fuzzy")


def update_all() -> dict[str, int]:
    """Bring every language's catalogue up to the code; returns how many strings each lacks."""
    template = extract()
    missing: dict[str, int] = {}
    for language in LANGUAGES:
        if language.code == SOURCE_LANGUAGE:
            continue
        catalogue = read(language)
        if language.code == "ja":
            _mirror_japanese_labels(catalogue)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        write(language, catalogue)
        missing[language.code] = len(untranslated(language, template))
    return missing


def untranslated(language: Language, template: Catalog | None = None) -> list[str]:
    """The source strings that have no (non-fuzzy) translation in ``language``."""
    template = template or extract()
    catalogue = read(language)
    gaps = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id, context=message.context)
        strings = found.string if found else None
        texts = strings if isinstance(strings, tuple) else (strings,)
        if found is None or found.fuzzy or not all(texts):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


if __name__ == "__main__":
    for code, count in update_all().items():
        print(f"{code:8} {count} untranslated")
