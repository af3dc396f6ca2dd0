"""Parallel text in and out as TMX 1.4b, through translate-toolkit's TMX store.

TMX holds translation units (``<tu>``), each with a variant (``<tuv>``) per language. We keep
bilingual segments in our own language codes: each unit yields one segment per pair of its
source variant with another variant, and what cannot be kept is reported, not guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from http import HTTPStatus
from typing import Any
from xml.parsers import expat

from translate.storage import tmx

from omotenashi import __version__
from omotenashi.errors import AppError
from omotenashi.i18n import BY_CODE, match_tag

# translate-toolkit is only partly annotated; its store is handled as untyped.
_TmxFile: Any = tmx.tmxfile
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE_FORMAT = "%Y%m%dT%H%M%SZ"  # TMX's "YYYYMMDDThhmmssZ", always UTC


class TmxError(AppError):
    """The file cannot be read as TMX; the message says why in one sentence."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    code = "tmx_invalid"
    title = "The TMX file cannot be read"


@dataclass(frozen=True)
class Segment:
    """One source text and its translation, in our language codes, with TMX's optional
    provenance: who made it (``creationid``), when (``creationdate``, UTC) and a note."""

    source_lang: str
    source_text: str
    target_lang: str
    target_text: str
    creation_id: str | None = None
    creation_date: datetime | None = None
    note: str | None = None


class SkipReason(StrEnum):
    single_language = "single_language"  # the unit holds only one language
    missing_source = "missing_source"  # no variant in the unit's source language
    same_language = "same_language"  # a second variant of the source language
    unsupported_language = "unsupported_language"  # not one of the languages we serve
    inline_markup = "inline_markup"  # tags or codes inside <seg>, which plain text cannot keep
    empty_segment = "empty_segment"
    duplicate = "duplicate"  # the same pair and texts earlier in the file


@dataclass(frozen=True)
class Skipped:
    """Part of the file not imported: the unit's position among the ``<tu>`` (from 0), why,
    and the language tag concerned as the file writes it, when one is."""

    index: int
    reason: SkipReason
    lang: str | None = None


@dataclass(frozen=True)
class TmxImport:
    """What a file yields: the segments kept, in file order, and what was skipped, and why."""

    segments: list[Segment]
    skipped: list[Skipped]


def read_tmx(data: bytes, *, on_progress: Callable[[int, int], None] | None = None) -> TmxImport:
    """The segments of a TMX document, and what was skipped.

    Languages are mapped to ours (``ja-JP`` → ja, ``zh-TW`` → zh-Hant, ``fil`` → tl). The
    source of a unit is its ``srclang``, else the header's; with ``*all*`` its first variant.
    ``on_progress(done, total)`` is called with (0, total) and after each unit. Raises
    :class:`TmxError` for a document that is not well-formed TMX, is not Unicode, or declares
    XML entities. CPU-bound: run it in a worker thread from async code.
    """
    if not data or data.isspace():
        raise TmxError("The file is empty.")
    _check_prolog(data)
    try:
        store = _TmxFile.parsestring(data)
    # lxml's XMLSyntaxError is a SyntaxError; catching the builtin keeps the untyped lxml out.
    except SyntaxError as exc:
        raise TmxError(f"The file is not well-formed XML (line {exc.lineno}).") from exc
    if store.body is None:
        raise TmxError("The file has no <body> element.")
    header = store.document.getroot().find(store.namespaced("header"))
    reader = _Reader(default_srclang=header.get("srclang") if header is not None else None)
    units = store.units
    if on_progress is not None:
        on_progress(0, len(units))
    for index, unit in enumerate(units):
        reader.read(index, unit)
        if on_progress is not None:
            on_progress(index + 1, len(units))
    return TmxImport(segments=reader.segments, skipped=reader.skipped)


def write_tmx(segments: Iterable[Segment], *, srclang: str = "ja") -> bytes:
    """A TMX 1.4b document (UTF-8) with one unit per segment.

    ``srclang`` is the header's source language; each unit also states its own. Creation dates
    are kept to the second. Raises ValueError for a segment in a language we do not serve,
    with a blank text, or with a naive creation date.
    """
    if srclang not in BY_CODE:
        raise ValueError(f"srclang {srclang!r} is not one of our languages")
    store = _TmxFile(sourcelanguage=srclang)
    header = store.document.getroot().find(store.namespaced("header"))
    for name, value in (
        ("creationtool", "omotenashi"),
        ("creationtoolversion", __version__),
        ("segtype", "sentence"),
        ("o-tmf", "omotenashi"),
        ("adminlang", "en"),
        ("srclang", srclang),
        ("datatype", "plaintext"),
    ):
        header.set(name, value)
    for segment in segments:
        _check_segment(segment)
        unit = store.addsourceunit(segment.source_text, segment.source_lang)
        unit.settarget(segment.target_text, segment.target_lang, append=True)
        if segment.creation_id:
            unit.xmlelement.set("creationid", segment.creation_id)
        if segment.creation_date is not None:
            stamp = segment.creation_date.astimezone(UTC).strftime(_DATE_FORMAT)
            unit.xmlelement.set("creationdate", stamp)
        if segment.note:
            unit.addnote(segment.note)
    return bytes(store)


class _RootReached(Exception):
    """Ends the prolog scan at the root element's start tag."""


def _check_prolog(data: bytes) -> None:
    """Refuse, before the full parse, a document that declares entities or is not TMX.

    TMX allows only XML's predefined entities, so a declaration can only do harm: a billion
    laughs (entities expanding exponentially) or an external entity reading a local file.
    Declarations precede the root element, so expat stops there, cheaply, and this guard holds
    whatever the parser settings behind translate-toolkit.
    """
    parser = expat.ParserCreate()

    def refuse_entity(*_: object) -> None:
        raise TmxError("The file declares XML entities, which TMX does not allow.")

    def root(name: str, _attributes: object) -> None:
        if name != "tmx":
            raise TmxError("The file is XML but its root element is not <tmx>.")
        raise _RootReached

    parser.EntityDeclHandler = refuse_entity
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _RootReached:
        return
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        raise TmxError(f"The file is not well-formed XML ({reason}, line {exc.lineno}).") from exc
    except ValueError as exc:  # how pyexpat refuses multi-byte encodings such as Shift_JIS
        raise TmxError("The file is not UTF-8 or UTF-16, the encodings TMX uses.") from exc


@dataclass(frozen=True)
class _Variant:
    lang: str | None  # as the file writes it
    code: str | None  # ours, if we serve the language
    text: str | None
    markup: bool
    node: Any


class _Reader:
    """Collects the segments and skips of one file, unit by unit."""

    def __init__(self, *, default_srclang: str | None) -> None:
        self.default_srclang = default_srclang
        self.segments: list[Segment] = []
        self.skipped: list[Skipped] = []
        self.seen: set[tuple[str, str, str, str]] = set()

    def read(self, index: int, unit: Any) -> None:
        variants = [_variant(unit, node) for node in unit.getlanguageNodes()]
        if len({(variant.lang or "").lower() for variant in variants}) < 2:
            self.skipped.append(Skipped(index, SkipReason.single_language))
            return
        srclang = unit.xmlelement.get("srclang") or self.default_srclang
        source = _source_variant(variants, srclang)
        if source is None:
            self.skipped.append(Skipped(index, SkipReason.missing_source, srclang))
            return
        source_usable = _usable(source)
        if isinstance(source_usable, SkipReason):
            self.skipped.append(Skipped(index, source_usable, source.lang))
            return
        source_lang, source_text = source_usable
        note = unit.getnotes().strip() or None
        for target in variants:
            if target is source:
                continue
            usable = _usable(target)
            if isinstance(usable, SkipReason):
                self.skipped.append(Skipped(index, usable, target.lang))
                continue
            target_lang, target_text = usable
            if target_lang == source_lang:
                self.skipped.append(Skipped(index, SkipReason.same_language, target.lang))
                continue
            key = (source_lang, source_text, target_lang, target_text)
            if key in self.seen:
                self.skipped.append(Skipped(index, SkipReason.duplicate, target.lang))
                continue
            self.seen.add(key)
            self.segments.append(
                Segment(
                    source_lang=source_lang,
                    source_text=source_text,
                    target_lang=target_lang,
                    target_text=target_text,
                    # A variant's own attributes refine its unit's.
                    creation_id=_attribute(target.node, unit.xmlelement, "creationid"),
                    creation_date=_date(_attribute(target.node, unit.xmlelement, "creationdate")),
                    note=note,
                )
            )


def _variant(unit: Any, node: Any) -> _Variant:
    # TMX 1.1 to 1.3 wrote ``lang``; 1.4 writes ``xml:lang``.
    lang = node.get(_XML_LANG) or node.get("lang")
    language = match_tag(lang) if lang else None
    seg = node.find(unit.namespaced("seg"))
    return _Variant(
        lang=lang,
        code=language.code if language else None,
        text=unit.getNodeText(node),
        # Elements inside <seg> (bpt, ept, ph, it, hi, ut) carry formatting or native codes;
        # comments (whose tag is not a string) carry nothing.
        markup=seg is not None and any(isinstance(child.tag, str) for child in seg),
        node=node,
    )


def _source_variant(variants: list[_Variant], srclang: str | None) -> _Variant | None:
    if not srclang or srclang == "*all*":
        return variants[0]
    for variant in variants:
        if variant.lang and variant.lang.lower() == srclang.lower():
            return variant
    # A header saying "ja" over variants saying "ja-JP" still names them.
    wanted = match_tag(srclang)
    if wanted is None:
        return None
    return next((variant for variant in variants if variant.code == wanted.code), None)


def _usable(variant: _Variant) -> tuple[str, str] | SkipReason:
    """The variant's language (ours) and text, or why it cannot be kept."""
    if variant.code is None:
        return SkipReason.unsupported_language
    if variant.markup:
        return SkipReason.inline_markup
    if not variant.text or not variant.text.strip():
        return SkipReason.empty_segment
    return variant.code, variant.text


def _attribute(variant: Any, unit: Any, name: str) -> str | None:
    value = variant.get(name) or unit.get(name)
    return str(value) if value else None


def _date(value: str | None) -> datetime | None:
    """A TMX date, or None when absent or not in TMX's format (it is provenance, not data)."""
    if not value:
        return None
    try:
        return datetime.strptime(value, _DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _check_segment(segment: Segment) -> None:
    for lang in (segment.source_lang, segment.target_lang):
        if lang not in BY_CODE:
            raise ValueError(f"language {lang!r} is not one of ours")
    if segment.source_lang == segment.target_lang:
        raise ValueError("a segment needs two different languages")
    if not segment.source_text.strip() or not segment.target_text.strip():
        raise ValueError("a segment needs a source and a target text")
    if segment.creation_date is not None and segment.creation_date.tzinfo is None:
        raise ValueError("creation_date must be timezone-aware")
