"""Validation rules: the checks of `newsparse validate`, their ids and severities.

Every rule has a stable id (`NP001` ...), a kebab-case name, a default severity, a
one-line summary, and an explanation with a bad and a good example (`newsparse rules
NP003`). Ids are grouped: NP00x date, NP01x headline, NP02x summary/body/credit,
NP03x countries, NP04x tags, NP05x ALSO READ, NP06x duplicates, NP07x extra lines,
NP08x characters, NP10x input. Ids are never reused or renumbered.

Four rules are noticed by the parser itself and arrive on `Article.findings` (NP002,
NP004, NP010, NP101); the others are checked here. `Checker.check(article, lines)`
returns the findings of one article; it also remembers each (date, headline) seen so
that the same article twice in the inputs is reported at both places, in little
memory: about 27 bytes a distinct key in typed arrays up to a budget, then spilled
to a temporary file with Bloom filters in front, which keep about 4 bytes a spilled
key in memory (`_SeenArticles`; a key is kept as its 64-bit hash). `lines` (the
article's raw text lines, from `source.line` on) lets findings point at the
offending line and column;
the checks test the values first and locate only what they report, because findings
are rare and locating is not. `read_located` reads an input yielding each article
with its lines, holding no more than one article and one chunk of text.

`RuleSettings` says which rules run, at which severity, with which limits; it comes
from the `[rules]` section of the configuration (`RuleSettings.from_config`), whose
keys are documented in `RULES_CONFIG_KEYS`.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import os
import re
import struct
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, NamedTuple

try:
    # hashlib's own blake2b, without hashlib loading OpenSSL: ~2.5 ms of a one-file
    # `validate` (issue 6).
    from _blake2 import blake2b
except ImportError:  # an interpreter without the module
    from hashlib import blake2b

from newsparse.config import Config, toml_key
from newsparse.errors import ConfigError, InputError, OutputError
from newsparse.inputs import InputFile, describe
from newsparse.model import Article, Finding, Severity, Source
from newsparse.parser import (
    glued_date_line_at,
    is_credit,
    is_cut_label,
    is_furniture,
    parse_input,
    parse_stream,
    same_text,
)

# -- the registry ----------------------------------------------------------------------


# Rule, Hit and Limits are named tuples, not dataclasses: a frozen dataclass costs
# ~0.8 ms to create at import, a named tuple ~0.1 ms, and a one-file `validate`
# starts within 1.5x of `import typer` (issue 6).


class Rule(NamedTuple):
    """One rule: id, name, default severity, summary, explanation and examples."""

    id: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    bad: str
    good: str
    #: "parser" when the parser notices the problem, "validate" when a check does.
    origin: str = "validate"


class Hit(NamedTuple):
    """What a check returns: a message and, where known, a line and column."""

    message: str
    line: int | None = None
    column: int | None = None


Check = Callable[["_Context"], Iterator[Hit]]

RULES: dict[str, Rule] = {}
_CHECKS: dict[str, Check] = {}


def _rule(
    rule_id: str,
    name: str,
    severity: Severity,
    summary: str,
    explanation: str,
    bad: str,
    good: str,
    origin: str = "validate",
    per_article: bool = True,
) -> Callable[[Check], Check]:
    """Register a rule; its check runs on each article unless it is `per_article=False`
    (noticed by the parser, or across articles by `Checker`)."""

    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, name, severity, summary, explanation, bad, good, origin)
        if origin == "validate" and per_article:
            _CHECKS[rule_id] = check
        return check

    return register


def _parser_rule(
    rule_id: str, name: str, summary: str, explanation: str, bad: str, good: str
) -> None:
    def noop(ctx: _Context) -> Iterator[Hit]:
        return iter(())

    _rule(rule_id, name, Severity.ERROR, summary, explanation, bad, good, "parser")(noop)


# -- limits and settings -------------------------------------------------------------


class Limits(NamedTuple):
    headline_max_length: int = 150
    body_min_length: int = 200


_DEFAULT_LIMITS = Limits()

#: `[rules]` keys and what each expects (also used in error messages).
RULES_CONFIG_KEYS: dict[str, str] = {
    "select": 'a list of rule ids or id prefixes (e.g. ["NP0", "NP101"]), or ["ALL"]',
    "ignore": "a list of rule ids or id prefixes",
    "severity": 'a table of rule id = "error" | "warning" | "info"',
    "fail-on": '"error", "warning" or "info"',
    "headline-max-length": "a positive integer (characters)",
    "body-min-length": "a non-negative integer (characters)",
    "extra-countries": 'a list of names to accept as countries (e.g. ["Global"])',
}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Which rules run, their severities and limits; the default runs every rule."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    extra_countries: frozenset[str] = frozenset()
    fail_on: Severity | None = None

    def enabled(self, rule_id: str) -> bool:
        """Selected and not ignored; the more specific prefix wins, ignore wins ties."""
        chosen = _specificity(rule_id, self.select)
        dropped = _specificity(rule_id, self.ignore)
        return chosen >= 0 and chosen > dropped

    def severity(self, rule_id: str) -> Severity:
        return self.severities.get(rule_id, RULES[rule_id].severity)

    def enabled_rules(self) -> list[Rule]:
        return [rule for rule in RULES.values() if self.enabled(rule.id)]

    @classmethod
    def from_config(cls, config: Config) -> RuleSettings:
        """Read and check the `[rules]` section; `ConfigError` names file, key, problem."""
        section = config.section("rules")
        path = config.path or "newsparse.toml"

        def bad(key: str, problem: str | None = None) -> ConfigError:
            return ConfigError(
                path, config.key(f"rules.{key}"), problem or f"expected {RULES_CONFIG_KEYS[key]}"
            )

        unknown = sorted(set(section) - set(RULES_CONFIG_KEYS))
        if unknown:
            raise ConfigError(
                path,
                config.key(f"rules.{unknown[0]}"),
                f"unknown key; expected one of: {', '.join(RULES_CONFIG_KEYS)}",
            )
        select: tuple[str, ...] = ("ALL",)
        ignore: tuple[str, ...] = ()
        if "select" in section:
            select = _codes(section["select"], lambda problem: bad("select", problem))
        if "ignore" in section:
            ignore = _codes(section["ignore"], lambda problem: bad("ignore", problem))
        severities: dict[str, Severity] = {}
        table = section.get("severity", {})
        if not isinstance(table, dict):
            raise bad("severity")
        for written, value in table.items():
            key = config.key(f"rules.severity.{toml_key(written)}")
            rule_id = written.strip().upper()  # as select and ignore take ids
            if rule_id not in RULES:
                raise ConfigError(path, key, _unknown_rule(written))
            parsed = _parse_severity(value)
            if parsed is None:
                raise ConfigError(path, key, 'expected "error", "warning" or "info"')
            severities[rule_id] = parsed
        fail_on = None
        if "fail-on" in section:
            fail_on = _parse_severity(section["fail-on"])
            if fail_on is None:
                raise bad("fail-on")
        limits = Limits(
            headline_max_length=_integer(
                section, "headline-max-length", _DEFAULT_LIMITS.headline_max_length, 1, bad
            ),
            body_min_length=_integer(
                section, "body-min-length", _DEFAULT_LIMITS.body_min_length, 0, bad
            ),
        )
        extra = section.get("extra-countries", [])
        if not isinstance(extra, list) or not all(isinstance(item, str) for item in extra):
            raise bad("extra-countries")
        return cls(
            select=select,
            ignore=ignore,
            severities=severities,
            limits=limits,
            extra_countries=frozenset(item.strip().casefold() for item in extra),
            fail_on=fail_on,
        )


def _specificity(rule_id: str, codes: Iterable[str]) -> int:
    best = -1
    for code in codes:
        if code == "ALL":
            best = max(best, 0)
        elif rule_id.startswith(code):
            best = max(best, len(code))
    return best


def _unknown_rule(code: str) -> str:
    return f"unknown rule {code!r}; `newsparse rules` lists them"


def parse_codes(text: str) -> tuple[str, ...]:
    """`"NP001, NP02"` -> `("NP001", "NP02")`; raises ValueError naming a bad code.

    White space separates ids too (`--select "NP001 NP02"` was one unknown id).
    """
    codes = tuple(part.upper() for part in re.split(r"[,\s]+", text) if part)
    for code in codes:
        check_code(code)
    return codes


def check_code(code: str) -> None:
    if code != "ALL" and not any(rule_id.startswith(code) for rule_id in RULES):
        raise ValueError(_unknown_rule(code))


def _codes(value: Any, bad: Callable[[str | None], ConfigError]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise bad(None)
    codes = tuple(item.strip().upper() for item in value)
    for code in codes:
        try:
            check_code(code)
        except ValueError as error:
            raise bad(str(error)) from None
    return codes


def _parse_severity(value: Any) -> Severity | None:
    if isinstance(value, str):
        try:
            return Severity(value.strip().lower())
        except ValueError:
            return None
    return None


def _integer(
    section: Mapping[str, Any],
    key: str,
    default: int,
    minimum: int,
    bad: Callable[[str], ConfigError],
) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise bad(key)
    return value


# -- locating text in the article's lines ------------------------------------------


def _item_text(raw: str) -> str:
    """A list line without its indentation and bullet: `  • Turkey` -> `Turkey`."""
    text = raw.strip()
    if len(text) > 1 and text[0] in "-•–*" and text[1] in " \t":
        text = text[2:]
    return text.strip()


class _Locator:
    """Finds the line and column of a field's text among the article's raw lines."""

    def __init__(self, source: Source, lines: Sequence[str]) -> None:
        self.first = source.line
        self.lines = lines
        self._markers: dict[str, int] | None = None
        self._text: str | None = None
        #: Whether `text` may hold mojibake or a control character (set by the first
        #: of those two checks, for the other).
        self.suspect: bool | None = None

    @property
    def text(self) -> str:
        """The raw lines joined, for one regex search over the whole article."""
        if self._text is None:
            self._text = "\n".join(self.lines)
        return self._text

    def place(self, offset: int) -> tuple[int, int]:
        """Line and column of an offset in `text`."""
        text = self.text
        line_start = text.rfind("\n", 0, offset) + 1
        return self.first + text.count("\n", 0, offset), offset - line_start + 1

    def find(self, text: str, start: int | None = None) -> tuple[int | None, int | None]:
        """First line at or after line `start` holding `text`: (line, column)."""
        if text:
            for index in range(self._index(start), len(self.lines)):
                column = self.lines[index].find(text)
                if column >= 0:
                    return self.first + index, column + 1
        return None, None

    def find_last(self, text: str) -> tuple[int | None, int | None]:
        if text:
            for index in range(len(self.lines) - 1, -1, -1):
                column = self.lines[index].rfind(text)
                if column >= 0:
                    return self.first + index, column + 1
        return None, None

    def find_item(self, text: str, start: int | None = None) -> tuple[int | None, int | None]:
        """A list line (bullet or not) whose text is `text`, at or after line `start`."""
        wanted = text.strip()
        for index in range(self._index(start), len(self.lines)):
            raw = self.lines[index]
            if wanted in raw and _item_text(raw) == wanted:
                column = raw.find(wanted) if wanted else -1
                return self.first + index, (column + 1 if column >= 0 else None)
        return None, None

    def find_marker(self, *markers: str) -> int | None:
        """Line of the first line whose text (bullet dropped, any case) is a marker."""
        if self._markers is None:
            self._markers = {}
            for index, raw in enumerate(self.lines):
                if 0 < len(raw) <= 40 and not raw.isspace():  # markers are short lines
                    key = _item_text(raw).casefold().rstrip(":")
                    self._markers.setdefault(key, self.first + index)
        found = [self._markers[m] for m in markers if m in self._markers]
        return min(found) if found else None

    def items(
        self, values: Sequence[str], start: int | None
    ) -> Iterator[tuple[int, str, int | None, int | None]]:
        """Each list value with its position, searched in order from `start`."""
        cursor = start
        for position, value in enumerate(values):
            line, column = self.find_item(value, cursor)
            if line is not None:
                cursor = line + 1
            yield position, value, line, column

    def places(self, values: Sequence[str], *markers: str) -> list[tuple[int | None, int | None]]:
        """(line, column) of each list value, searched in order after the first of
        `markers`. Each value's place depends on the places before it, so a check
        that found a bad value asks for the whole list, once it knows it needs it:
        locating is most of a list check's cost, and findings are rare."""
        return [
            (line, column) for _, _, line, column in self.items(values, self.find_marker(*markers))
        ]

    def _index(self, start: int | None) -> int:
        return 0 if start is None else max(start - self.first, 0)


# -- the checks --------------------------------------------------------------------


class _Context:
    """What a check sees of one article. (A plain class: a dataclass costs validate's
    start-up ~0.4 ms to create, and this one needs none of its methods.)"""

    __slots__ = ("article", "locate", "settings", "today")

    def __init__(
        self, article: Article, locate: _Locator, settings: RuleSettings, today: dt.date
    ) -> None:
        self.article = article
        self.locate = locate
        self.settings = settings
        self.today = today


_parser_rule(
    "NP002",
    "date-invalid",
    "date is not a real calendar day",
    "The date line holds a date that does not exist (a 31st of a short month, a 29th "
    "of February outside a leap year, month 13). The record's date is null.",
    " date 2025-02-30 Ministers Meet in Geneva",
    " date 2025-02-28 Ministers Meet in Geneva",
)


@_rule(
    "NP001",
    "date-missing",
    Severity.ERROR,
    "date missing",
    "The article has no date: no date line, and no Created: or Updated: stamp in a "
    "byline to take it from. Records without a date cannot be ordered or filtered.",
    "Ministers Meet in Geneva\nTalks continued on Monday.",
    " date 2025-03-14 Ministers Meet in Geneva\nTalks continued on Monday.",
)
def _date_missing(ctx: _Context) -> Iterator[Hit]:
    article = ctx.article
    if article.date is None and not any(f.rule == "NP002" for f in article.findings):
        yield Hit("date missing: no date line and no byline stamp")


#: India Standard Time, in which the site dates its articles and bylines.
IST = dt.timezone(dt.timedelta(hours=5, minutes=30), "IST")


def today_in_ist() -> dt.date:
    """Today where the articles are dated: on a machine whose clock is behind IST (a
    UTC CI runner from 18:30 to midnight), an article published after midnight IST
    would otherwise be "in the future"."""
    return dt.datetime.now(IST).date()


@_rule(
    "NP003",
    "date-in-future",
    Severity.ERROR,
    "date in the future",
    "The article's date is later than today in India Standard Time, where the site "
    "dates its articles (or than --today). A future date is almost always a typo or a "
    "day-month swap.",
    " date 2052-03-14 Ministers Meet in Geneva",
    " date 2025-03-14 Ministers Meet in Geneva",
)
def _date_in_future(ctx: _Context) -> Iterator[Hit]:
    date = ctx.article.date
    if date is None or date <= ctx.today.isoformat():
        return
    line, column = ctx.locate.find(date)
    if line is None:
        day = f"{date[8:10]}-{date[5:7]}-{date[:4]}"
        line, column = ctx.locate.find(day)
    yield Hit(f"date {date} is in the future (today is {ctx.today.isoformat()})", line, column)


_parser_rule(
    "NP004",
    "stamp-invalid",
    "byline stamp is not a real time",
    "A byline's Updated: or Created: stamp names a day or time that does not exist "
    "(31-04-2025, 25:10), or the dump stops inside it (`Updated: 02-06-20`). The stamp "
    "is null in the record.",
    "Devdiscourse News Desk | Geneva | Updated: 31-04-2025 14:05 IST",
    "Devdiscourse News Desk | Geneva | Updated: 30-04-2025 14:05 IST",
)

_parser_rule(
    "NP010",
    "headline-missing",
    "headline missing",
    "No headline was found: the date line holds a body paragraph or nothing, and no "
    "headline line follows. The record's headline is null.",
    " date 2025-03-14\nTalks continued on Monday in Geneva, officials said.",
    " date 2025-03-14 Ministers Meet in Geneva\nTalks continued on Monday in Geneva.",
)


@_rule(
    "NP011",
    "headline-furniture",
    Severity.ERROR,
    "page furniture taken for the headline",
    "The headline is page furniture (`Left Menu`, `Devdiscourse`, a site banner), not "
    "the article's title: the dump was saved from the wrong part of the page.",
    "Devdiscourse\nTalks continued on Monday.",
    "Ministers Meet in Geneva\nTalks continued on Monday.",
)
def _headline_furniture(ctx: _Context) -> Iterator[Hit]:
    headline = ctx.article.headline
    if headline is not None and _furniture_only(headline):
        line, column = ctx.locate.find(headline)
        yield Hit(f"headline {headline!r} is page furniture", line, column)


#: Page chrome seen in dumps, matched in any case and in any combination.
_FURNITURE_WORDS = re.compile(
    r"left menu|right menu|development news edition|international development news"
    r"|devdiscourse|give feedback|visionri\b[^|]*|search|home|menu|trending|also read"
    r"|read more on:?|[\s|:•\-–]+",
    re.IGNORECASE,
)


def _furniture_only(text: str) -> bool:
    """Furniture, or nothing but furniture phrases run together (`LEFT MENU Devdiscourse`)."""
    return is_furniture(text) or (
        len(text) <= 80
        # Quick refusal first: unless a furniture phrase starts the text, the first
        # character survives `sub` (no alternative matches an empty string).
        and (not text or _FURNITURE_WORDS.match(text) is not None)
        and _FURNITURE_WORDS.sub("", text) == ""
    )


@_rule(
    "NP012",
    "headline-too-long",
    Severity.WARNING,
    "headline over the length limit",
    "The headline is longer than `headline-max-length` characters (default 150): a "
    "paragraph was probably taken for the headline.",
    " date 2025-03-14 Ministers met in Geneva on Monday and talked for many hours about "
    "water, trade, borders and a long list of other things, and they agreed on nothing.",
    " date 2025-03-14 Ministers Meet in Geneva",
)
def _headline_too_long(ctx: _Context) -> Iterator[Hit]:
    headline = ctx.article.headline
    limit = ctx.settings.limits.headline_max_length
    if headline is not None and len(headline) > limit:
        line, column = ctx.locate.find(headline)
        yield Hit(f"headline is {len(headline)} characters long (limit {limit})", line, column)


@_rule(
    "NP020",
    "summary-missing",
    Severity.WARNING,
    "summary missing",
    "No summary paragraph follows the headline.",
    " date 2025-03-14 Ministers Meet in Geneva\n- Country:\n- Switzerland",
    " date 2025-03-14 Ministers Meet in Geneva\nMinisters met in Geneva.\n- Country:\n"
    "- Switzerland",
)
def _summary_missing(ctx: _Context) -> Iterator[Hit]:
    if ctx.article.summary is None:
        yield Hit("summary missing")


@_rule(
    "NP021",
    "body-empty",
    Severity.ERROR,
    "body empty",
    "The article has no body paragraph.",
    " date 2025-03-14 Ministers Meet in Geneva\nMinisters met.\n- READ MORE ON:\n- Geneva",
    " date 2025-03-14 Ministers Meet in Geneva\nMinisters met.\nThe talks lasted "
    "two days.\n- READ MORE ON:\n- Geneva",
)
def _body_empty(ctx: _Context) -> Iterator[Hit]:
    if not ctx.article.body:
        yield Hit("body empty: no paragraph")


@_rule(
    "NP022",
    "body-too-short",
    Severity.WARNING,
    "body shorter than the limit",
    "The body holds fewer than `body-min-length` characters (default 200) in all: a "
    "stub, or a dump cut off early.",
    "...\nThe talks lasted.\n(With inputs from agencies.)",
    "...\nThe talks lasted two days and ended with a joint statement on water sharing, "
    "which officials of both sides called a first step ...\n(With inputs from agencies.)",
)
def _body_too_short(ctx: _Context) -> Iterator[Hit]:
    body = ctx.article.body
    limit = ctx.settings.limits.body_min_length
    length = sum(len(paragraph) for paragraph in body)
    if body and length < limit:
        yield Hit(f"body is {length} characters long (minimum {limit})", _body_line(ctx))


def _body_line(ctx: _Context) -> int | None:
    """The line of the first body paragraph. It is looked for below the summary, which
    always stands above the body: a short first paragraph (`Ministers met.`) may
    repeat the summary word for word."""
    article = ctx.article
    start = None
    if article.summary:
        summary_line, _ = ctx.locate.find(article.summary)
        start = None if summary_line is None else summary_line + 1
    line, _ = ctx.locate.find(article.body[0], start)
    if line is None and start is not None:
        line, _ = ctx.locate.find(article.body[0])
    return line


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$|^\(.*\)$")
_SENTENCE_MARKS = (".", "!", "?", "…", ":", ";")


@_rule(
    "NP023",
    "body-cut-off",
    Severity.WARNING,
    "body looks cut off (ends mid-sentence)",
    "The last body paragraph does not end a sentence: the dump was probably cut off "
    "while it was saved, and the rest of the article is missing.",
    "...\nThe fund starts at 40 million euros, officials sa",
    "...\nThe fund starts at 40 million euros, officials said.",
)
def _body_cut_off(ctx: _Context) -> Iterator[Hit]:
    body = ctx.article.body
    if not body:
        return
    last = body[-1].rstrip()
    # Most paragraphs end with the punctuation itself: then `_SENTENCE_END` matches,
    # without a search that tries every position of the paragraph.
    if last.endswith(_SENTENCE_MARKS) or _SENTENCE_END.search(last):
        return
    line, column = ctx.locate.find_last(last)
    if column is not None:
        column += len(last)
    # The last words, from a word's start: `...'the treaty is expected to be'`.
    tail = last if len(last) <= 30 else last[-30:].partition(" ")[2] or last[-30:]
    yield Hit(f"body ends mid-sentence: ...{tail!r}", line, column)


@_rule(
    "NP024",
    "credit-missing",
    Severity.INFO,
    "credit line missing",
    "The body is not closed by a credit line such as `(With inputs from agencies.)`. "
    "Many real articles have none, so this is for information only.",
    "...\nThe fund starts at 40 million euros, officials said.\n- READ MORE ON:",
    "...\nThe fund starts at 40 million euros, officials said.\n"
    "(With inputs from agencies.)\n- READ MORE ON:",
)
def _credit_missing(ctx: _Context) -> Iterator[Hit]:
    if ctx.article.credit is None and ctx.article.body:
        yield Hit("credit line missing")


@_rule(
    "NP030",
    "countries-missing",
    Severity.WARNING,
    "countries missing",
    "The article names no country: there is no `- Country:` block.",
    "Ministers met in Geneva.\nThe talks lasted two days.",
    "Ministers met in Geneva.\n- Country:\n- Switzerland\nThe talks lasted two days.",
)
def _countries_missing(ctx: _Context) -> Iterator[Hit]:
    if not ctx.article.countries:
        yield Hit("countries missing: no Country block")


@_rule(
    "NP031",
    "country-unknown",
    Severity.WARNING,
    "not a known country name",
    "A country in the Country block is not a known country name (ISO 3166 names and "
    "codes, and the names news uses: Turkey, U.S., UK, Russia, South Korea, ...). "
    "Usually a typo, a city, or a tag put in the wrong list. Accept more names with "
    "`extra-countries` in the [rules] section.",
    "- Country:\n- Genevaa",
    "- Country:\n- Switzerland",
)
def _country_unknown(ctx: _Context) -> Iterator[Hit]:
    countries = ctx.article.countries
    if not countries:
        return
    extra = ctx.settings.extra_countries
    unknown = [
        position
        for position, name in enumerate(countries)
        if not _known_country(name) and name.strip().casefold() not in extra
    ]
    if not unknown:
        return
    places = ctx.locate.places(countries, "country", "countries")
    for position in unknown:
        line, column = places[position]
        yield Hit(f"{countries[position]!r} is not a known country name", line, column)


@functools.lru_cache(maxsize=4096)  # bounded: a dump names the same few hundred again
def _known_country(name: str) -> bool:
    """`is_known_country`, remembered per name: its key folds accents, which is slow."""
    from newsparse.countries import is_known_country  # deferred: builds the tables

    return is_known_country(name)


@_rule(
    "NP040",
    "tags-missing",
    Severity.WARNING,
    "tags missing",
    "The article has no tags: there is no `- READ MORE ON:` block, or it is empty.",
    "(With inputs from agencies.)\nALSO READ",
    "(With inputs from agencies.)\n- READ MORE ON:\n- Geneva\nALSO READ",
)
def _tags_missing(ctx: _Context) -> Iterator[Hit]:
    if not ctx.article.tags:
        yield Hit("tags missing: no READ MORE ON block")


@_rule(
    "NP041",
    "tag-duplicate",
    Severity.WARNING,
    "duplicate tag",
    "The same tag (ignoring case and surrounding white space) is listed twice under READ MORE ON.",
    "- READ MORE ON:\n- Geneva\n- Trade\n- geneva",
    "- READ MORE ON:\n- Geneva\n- Trade",
)
def _tag_duplicate(ctx: _Context) -> Iterator[Hit]:
    tags = ctx.article.tags
    keys = [" ".join(tag.split()).casefold() for tag in tags]
    filled = [key for key in keys if key]
    if len(set(filled)) == len(filled):
        return  # no duplicate: nothing to locate
    seen: dict[str, int | None] = {}
    places = ctx.locate.places(tags, "read more on")
    for tag, key, (line, column) in zip(tags, keys, places, strict=True):
        if not key:
            continue
        if key in seen:
            first = seen[key]
            where = f" (first on line {first})" if first is not None else ""
            yield Hit(f"duplicate tag {tag.strip()!r}{where}", line, column)
        else:
            seen[key] = line


@functools.cache  # compiled when a tag has stray characters (start-up)
def _stray_pattern() -> re.Pattern[str]:
    return re.compile(r"^[\s\-•–*·]+|\s+$|\s{2,}|[\t\u00a0\u2022]")


#: Matches the tags joined by newlines wherever `_stray_pattern()` matches one of them: a tag's
#: start is the text's start or follows a newline (so a space there makes two), and
#: its end is the text's end or precedes one.
_STRAY_ANY = re.compile(r"^[\s\-•–*·]|\n[\-•–*·]|\s$|\s{2,}|[\t\u00a0\u2022]")


@_rule(
    "NP042",
    "tag-stray-characters",
    Severity.WARNING,
    "tag with stray white space or bullet characters",
    "A tag starts or ends with white space, holds a tab, a no-break space or repeated "
    "spaces, or still carries a bullet (`•`, `-`) from the page.",
    "- READ MORE ON:\n-  Geneva \n- • Trade",
    "- READ MORE ON:\n- Geneva\n- Trade",
)
def _tag_stray(ctx: _Context) -> Iterator[Hit]:
    tags = ctx.article.tags
    if not tags or _STRAY_ANY.search("\n".join(tags)) is None:
        return  # no tag has stray characters: one search instead of one a tag
    matches = [_stray_pattern().search(tag) for tag in tags]
    places = ctx.locate.places(tags, "read more on")
    for tag, match, (line, _column) in zip(tags, matches, places, strict=True):
        if match is None:
            continue
        column = None
        if line is not None:
            raw = ctx.locate.lines[line - ctx.locate.first]
            at = raw.find(tag) if tag else -1
            column = at + match.start() + 1 if at >= 0 else None
        yield Hit(f"tag {tag!r} has stray white space or bullet characters", line, column)


def _normal_text(text: str) -> str:
    """What two texts that are the same text (any spacing, any case) have in common."""
    return " ".join(text.split()).casefold()


def _first_word(text: str) -> str:
    """The first word of `_normal_text(text)`."""
    words = text.split(None, 1)
    return words[0].casefold() if words else ""


@_rule(
    "NP050",
    "also-read-self",
    Severity.WARNING,
    "ALSO READ lists the article's own headline",
    "A related headline under ALSO READ is the article's own headline: the next "
    "article's date line is probably missing, or the page repeated itself.",
    " date 2025-03-14 Ministers Meet in Geneva\n...\nALSO READ\nMinisters Meet in Geneva",
    " date 2025-03-14 Ministers Meet in Geneva\n...\nALSO READ\nStorm Season Forecast Raised",
)
def _also_read_self(ctx: _Context) -> Iterator[Hit]:
    headline = ctx.article.headline
    also_read = ctx.article.also_read
    if headline is None or not also_read:
        return
    own = _normal_text(headline)
    # Casefolding maps each character on its own, so texts that are the same have
    # the same first word, casefolded: a cheaper test that rules out most at once.
    first = own.partition(" ")[0]
    same = [
        position
        for position, text in enumerate(also_read)
        if _first_word(text) == first and _normal_text(text) == own
    ]
    if not same:
        return  # nothing to locate
    places = ctx.locate.places(also_read, "also read")
    for position in same:
        line, column = places[position]
        yield Hit("ALSO READ lists the article's own headline", line, column)


@_rule(
    "NP060",
    "duplicate-article",
    Severity.ERROR,
    "the same article twice in the inputs",
    "Two articles in the inputs have the same date and the same headline. Both places "
    "are reported: the second names the first, and the first names the second.",
    " date 2025-03-14 Ministers Meet in Geneva\n...\n"
    " date 2025-03-14 Ministers Meet in Geneva\n...",
    " date 2025-03-14 Ministers Meet in Geneva\n...\n"
    " date 2025-03-15 Storm Season Forecast Raised\n...",
    per_article=False,
)
def _duplicate(ctx: _Context) -> Iterator[Hit]:
    # Across articles: `Checker._duplicate` does it, seeing every article in turn.
    return iter(())


_CAPTION = re.compile(
    r"Image Credit:|^Representative Image\b|This image is AI-generated|^Image:|^Photo:"
    r"|^File Photo"
)


@_rule(
    "NP070",
    "extra-unrecognised",
    Severity.WARNING,
    "unrecognised line (kept in extra)",
    "A line went into no field: it is not page furniture, an image caption, the "
    "repeated headline or a TRENDING repeat. It is kept in `extra`, but it may be "
    "content the parser could not place (text after the credit line, a stray header). "
    "A label, page furniture or a date line that the end of the dump cut off (`ALSO "
    "RE`, `- READ MO`, `date 2025-11-0` as the article's last line) is reported as "
    "such: it is no content, but the end of the article is missing.",
    "(With inputs from agencies.)\nReporting continues in Geneva\n- READ MORE ON:",
    "(With inputs from agencies.)\n- READ MORE ON:",
)
def _extra_unrecognised(ctx: _Context) -> Iterator[Hit]:
    article = ctx.article
    if not article.extra:
        return
    headline = article.headline
    titles = {item.title for item in article.trending}
    body_line = _body_line(ctx) if article.body else None
    for item in article.extra:
        text = item.text.strip()
        if item.line == article.source.end_line and is_cut_label(text):
            yield Hit(
                f"dump cut off inside a label, furniture or date line: {text!r} (kept in extra)",
                item.line,
                None,
            )
            continue
        if (
            is_furniture(text)
            or _CAPTION.search(text)
            or (headline is not None and same_text(text, headline))
            or is_credit(text)  # a second credit line: the last one is `credit`
            or text in titles
            or any(same_text(text, title) for title in titles)  # other spacing or quotes
            or (text.isdigit() and len(text) <= 4)
            or text in ("-", "•")  # an empty list item
            or (_bare_name(text) and (body_line is None or item.line < body_line))
        ):
            continue
        shown = text if len(text) <= 60 else text[:57] + "..."
        yield Hit(f"unrecognised line kept in extra: {shown!r}", item.line, None)


def _bare_name(text: str) -> bool:
    """A caption that is only a name (`Prime Minister Narendra Modi`)."""
    return len(text) <= 60 and text.count(" ") < 8 and not text.endswith((".", "!", "?", ":"))


def _mojibake_chars() -> str:
    chars = []
    for byte in range(0x80, 0xC0):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(bytes([byte]).decode("latin-1"))
    return "".join(chars)


@functools.cache  # compiled when `_SUSPECT` finds a character (start-up)
def _mojibake_pattern() -> re.Pattern[str]:
    continuation = "[" + re.escape(_mojibake_chars()) + "]"
    return re.compile(f"[\u00c2-\u00df]{continuation}|[\u00e0-\u00ef]{continuation}{{2}}|\ufffd")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Every character a `_mojibake_pattern()` or `_CONTROL` match starts with. One search for
#: this class decides for both scans, and is several times faster than trying the
#: mojibake alternation at every position; almost no article holds one (an `é` does,
#: and then the full scans run).
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00c2-\u00ef\ufffd]")


def _undo_mojibake(text: str) -> str | None:
    """What `text` was before UTF-8 was decoded as cp1252, or None if it was not."""
    data = bytearray()
    for char in text:
        try:
            data += char.encode("cp1252")
        except UnicodeEncodeError:
            try:
                data += char.encode("latin-1")
            except UnicodeEncodeError:
                return None
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mojibake_of_two_bytes(fixed: str) -> bool:
    """Whether a two-character match undoes to a letter this site writes: Latin
    (`Ã©` was `é`), Greek or Cyrillic. A capital with an accent before a curly quote
    or a dash (`“CAFÉ”`, `PELÉ’S`) also undoes, but to IPA, Hebrew, Arabic or Syriac:
    that is the text as written, not mojibake."""
    return fixed <= "\u024f" or "\u0370" <= fixed <= "\u04ff"


@_rule(
    "NP080",
    "mojibake",
    Severity.ERROR,
    "mojibake (UTF-8 read as Windows-1252) or U+FFFD",
    "The text holds UTF-8 that was once decoded as Windows-1252 or Latin-1 (`â€™` for "
    "`’`, `Ã©` for `é`) or a U+FFFD replacement character: the dump was damaged "
    "before it arrived. (Invalid UTF-8 in the input itself is NP101.)",
    "Turkey\u00e2\u20ac\u2122s president met Fran\u00c3\u00a7ois",
    "Turkey’s president met François",
)
def _mojibake(ctx: _Context) -> Iterator[Hit]:
    if not _may_hold(ctx):
        return
    invalid = {f.line for f in ctx.article.findings if f.rule == "NP101"}
    reported: set[int | None] = set()
    for line, column, match in _scan(ctx, _mojibake_pattern()):
        found = match.group()
        if line in reported or (found == "\ufffd" and line in invalid):
            continue
        if found == "\ufffd":
            message = "U+FFFD replacement character in the text"
        else:
            fixed = _undo_mojibake(found)
            if fixed is None or (len(found) == 2 and not _mojibake_of_two_bytes(fixed)):
                continue
            message = f"mojibake {found!r} (was {fixed!r}?)"
        reported.add(line)  # one finding a line (or a field-only article) is enough
        yield Hit(message, line, column)


@_rule(
    "NP081",
    "control-character",
    Severity.ERROR,
    "control character in the text",
    "The text holds a control character (U+0000-U+001F but tab, U+007F-U+009F): "
    "binary damage, or a form feed or escape sequence pasted in.",
    "Ministers met\x07 in Geneva.",
    "Ministers met in Geneva.",
)
def _control(ctx: _Context) -> Iterator[Hit]:
    if not _may_hold(ctx):
        return
    reported: set[int | None] = set()
    for line, column, match in _scan(ctx, _CONTROL):
        if line in reported:
            continue
        reported.add(line)  # one finding a line (or a field-only article) is enough
        code = f"U+{ord(match.group()):04X}"
        name = unicodedata.name(match.group(), None)
        yield Hit(
            f"control character {code} {name}" if name else f"control character {code}",
            line,
            column,
        )


def _may_hold(ctx: _Context) -> bool:
    """False when the raw lines hold no `_SUSPECT` character, so that neither the
    mojibake nor the control-character scan can match. Without raw lines the
    fields are scanned, so this says True."""
    locate = ctx.locate
    if not locate.lines:
        return True
    if locate.suspect is None:
        locate.suspect = _SUSPECT.search(locate.text) is not None
    return locate.suspect


def _scan(
    ctx: _Context, pattern: re.Pattern[str]
) -> Iterator[tuple[int | None, int | None, re.Match[str]]]:
    """Matches in the raw lines (exact line and column) or, without them, in the fields."""
    locate = ctx.locate
    if locate.lines:
        for match in pattern.finditer(locate.text):
            line, column = locate.place(match.start())
            yield line, column, match
        return
    for value in _field_texts(ctx.article):
        for match in pattern.finditer(value):
            yield None, None, match


def _field_texts(article: Article) -> Iterator[str]:
    for value in (article.headline, article.summary, article.credit, article.date):
        if value:
            yield value
    if article.byline is not None:
        for part in (article.byline.author, article.byline.place):
            if part:
                yield part
    yield from article.countries
    yield from article.body
    yield from article.tags
    yield from article.also_read
    for item in article.trending:
        yield item.title
        if item.region:
            yield item.region
    for extra in article.extra:
        yield extra.text


_parser_rule(
    "NP101",
    "invalid-utf8",
    "invalid UTF-8 in the input",
    "A line of the input is not valid UTF-8 (a Latin-1 or Windows-1252 file, or "
    "damaged bytes). The bad bytes were replaced with U+FFFD in the record.",
    "b'Caf\\xe9 owners protest'",
    "b'Caf\\xc3\\xa9 owners protest'",
)

RULES = dict(sorted(RULES.items()))


# -- running the checks -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article findings belong to: its input, first and last line, position."""

    path: str
    index: int
    line: int
    end_line: int
    headline: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleRef:
        source = article.source
        return cls(source.path, source.index, source.line, source.end_line, article.headline)


@dataclass(frozen=True, slots=True)
class Checked:
    """The findings of one article. `late` findings belong to an article reported
    earlier (the first copy of a duplicate): reporters add them to that article."""

    article: ArticleRef
    findings: tuple[Finding, ...]
    late: bool = False


_PREAD: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)

#: An unsigned 32-bit array (typecode "I" is 4 bytes on every platform CPython runs on).
_U32_MAX = 2**32 - 1


def _append(arrays: dict[str, array[int]], name: str, value: int) -> None:
    """Append to a 16- or 32-bit array, widening it to signed 64 bits the first time a
    value does not fit (a line past 4 294 967 295, an article of over 65 535 lines):
    small for every real input, never wrong."""
    try:
        arrays[name].append(value)
    except OverflowError:
        arrays[name] = array("q", arrays[name])
        arrays[name].append(value)


class _SeenArticles:
    """The first copy of each (date, headline) seen, for NP060, in little memory
    (about 27 bytes a key up to `budget`, about 4 bytes a key spilled past it).

    A key is kept only as a 64-bit BLAKE2 hash: two different keys are taken for the
    same one if their hashes collide, which for n distinct articles happens with
    probability about n**2 / 2**65 (3e-8 for a million articles; the hash does not
    depend on the run, so a result never changes between runs).

    Up to `budget` first copies are held in memory, in typed arrays (no Python object
    per article): the hash (8 bytes), the line and index in its input (4 bytes each),
    its number of lines after the first (2 bytes), and a 4-byte slot in an
    open-addressing index kept at most 2/3 full (6 to 12 bytes a key): 24 to 30 bytes
    each, about 1 MB for the default budget. When the budget is reached, those
    entries are written, sorted by hash, as one run to a temporary file, and memory
    starts again. What stays in memory of a run is every 64th of its hashes (to find
    a hash's block of 512 bytes) and, for all runs together, a Bloom filter of their
    hashes (16 to 32 bits a key, 3 probes: about 0.5 % false positives), so that only
    an article whose key may have been spilled reads the file: a duplicate, or one in
    200 others. Each run also has its own smaller filter (8 to 16 bits a key, 2
    probes), so that such an article reads only the runs that may hold its key.

    Entries are numbered in the order they were added, across runs. An input's path
    is kept once per input (`starts`), a headline only when it differs from the key's
    spacing-normalised form (rare), and whether an entry was already told about a copy
    in a set while the entry is in memory, then as a flag in its record on disk. The
    temporary file goes to the system's temporary directory ($TMPDIR) and is gone
    when the table is (a file already unlinked where the OS allows it).
    """

    #: First copies held in memory before they are spilled to a temporary file.
    BUDGET = 1 << 15
    #: A spilled run keeps every STRIDE-th of its sorted hashes in memory (1/8 byte a
    #: key), so that finding a hash in it reads 512 bytes.
    STRIDE = 64
    #: On disk: entry, line, end line, index, headline offset and length (-1: the
    #: key's), and whether the entry was told about a copy (its last 8 bytes).
    _RECORD = struct.Struct("<7q")

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = max(budget, 1)
        self.base = 0  # the number of the first entry held in memory
        #: (first entry, path) each time the input changes, for `bisect`.
        self.starts: list[tuple[int, str]] = []
        self._reset()
        # The spilled runs: (sparse hashes, count, offset of hashes, offset of records,
        # the run's own small filter: 8 bits a key, 2 probes, ~5 % false positives).
        self.runs: list[tuple[array[int], int, int, int, bytearray]] = []
        self.spilled = 0
        self.spill: BinaryIO | None = None
        self.bloom = bytearray()
        self.bloom_mask = 0
        #: The last spilled entry found: (entry, (line, end line, index, headline or
        #: None for the key's, whether it was told about a copy), its record's offset).
        self.recalled: tuple[int, tuple[int, int, int, str | None, bool], int] | None = None

    def _reset(self) -> None:
        self.hashes = array("Q")
        self.columns: dict[str, array[int]] = {
            "line": array("I"),
            "span": array("H"),  # end_line - line: articles are short
            "index": array("I"),
        }
        self.headlines: dict[int, str] = {}  # entry -> headline, when it is not the key's
        self.reported: set[int] = set()  # entries already told that they have a copy
        self.table = array("I", [0]) * 8  # entry - base + 1 a slot; 0 is an empty slot
        self.mask = 7

    def __len__(self) -> int:
        return self.base + len(self.hashes)

    def close(self) -> None:
        """Remove the temporary file, if the table spilled."""
        if self.spill is not None:
            self.spill.close()
            self.spill = None

    @staticmethod
    def key_hash(date: str, headline: str) -> int:
        """64-bit hash of a (date, normalised headline) key; the same in every run."""
        key = f"{date}\n{headline}".encode("utf-8", "surrogatepass")
        return int.from_bytes(blake2b(key, digest_size=8).digest(), "little")

    def find_or_add(self, key: int, ref: ArticleRef, normal: bool) -> int | None:
        """The entry of the first copy with this key hash; None when `ref` is the first
        (then it is remembered). `normal`: `ref.headline` is the key's normalised
        headline (then it is not kept)."""
        table, hashes, mask = self.table, self.hashes, self.mask
        slot = key & mask
        while stored := table[slot]:  # linear probing: the hash's bits are uniform
            if hashes[stored - 1] == key:
                return self.base + stored - 1
            slot = (slot + 1) & mask
        if self.runs and self._maybe_spilled(key):
            entry = self._search(key)
            if entry is not None:
                return entry
        entry = len(hashes)
        hashes.append(key)
        _append(self.columns, "line", ref.line)
        _append(self.columns, "span", ref.end_line - ref.line)
        _append(self.columns, "index", ref.index)
        if not self.starts or self.starts[-1][1] != ref.path:
            self.starts.append((self.base + entry, ref.path))
        if not normal:
            assert ref.headline is not None
            self.headlines[entry] = ref.headline
        table[slot] = entry + 1
        if len(hashes) >= self.budget:
            self._spill()
        elif 3 * len(hashes) > 2 * len(table):
            self._grow()
        return None

    def ref(self, entry: int, headline: str) -> ArticleRef:
        """The first copy's `ArticleRef`, rebuilt; `headline` is the key's normalised one."""
        at = bisect.bisect_right(self.starts, entry, key=lambda start: start[0]) - 1
        path = self.starts[at][1]
        if entry < self.base:
            assert self.recalled is not None and self.recalled[0] == entry
            line, end_line, index, odd, _ = self.recalled[1]
            return ArticleRef(path, index, line, end_line, headline if odd is None else odd)
        local = entry - self.base
        columns = self.columns
        line = columns["line"][local]
        return ArticleRef(
            path,
            columns["index"][local],
            line,
            line + columns["span"][local],
            self.headlines.get(local, headline),
        )

    def report(self, entry: int) -> bool:
        """True the first time only: whether to tell `entry` that it has a copy."""
        if entry < self.base:  # spilled: the flag is in its record
            assert self.recalled is not None and self.recalled[0] == entry
            _, (line, end_line, index, odd, told), at = self.recalled
            if told:
                return False
            assert self.spill is not None
            with _temporary_file_errors():
                self.spill.seek(at + self._RECORD.size - 8)
                self.spill.write((1).to_bytes(8, "little"))
                self.spill.flush()  # for `_read`
            self.recalled = (entry, (line, end_line, index, odd, True), at)
            return True
        if entry in self.reported:
            return False
        self.reported.add(entry)
        return True

    def _grow(self) -> None:
        size = 2 * len(self.table)
        # A slot holds an entry + 1 <= size: 32 bits hold it up to 4 294 967 295 slots.
        table = array("I" if size <= _U32_MAX else "Q", [0]) * size
        mask = size - 1
        for entry, key in enumerate(self.hashes):
            slot = key & mask
            while table[slot]:
                slot = (slot + 1) & mask
            table[slot] = entry + 1
        self.table, self.mask = table, mask

    # -- spilling ----------------------------------------------------------------

    def _spill(self) -> None:
        """Write the entries in memory, sorted by hash, as a run; then forget them."""
        with _temporary_file_errors():
            self._write_run()

    def _write_run(self) -> None:
        if self.spill is None:
            import tempfile  # deferred: only inputs past the budget spill (start-up)

            self.spill = tempfile.TemporaryFile(prefix="newsparse-np060-")  # noqa: SIM115
        out = self.spill
        out.seek(0, 2)
        hashes, columns, base = self.hashes, self.columns, self.base
        # Sorted by hash without a Python list of keys beside a list of positions: one
        # list of (hash, position) packed into single ints, sorted in place.
        shift = max(len(hashes) - 1, 1).bit_length()
        order = [key << shift | local for local, key in enumerate(hashes)]
        order.sort()
        low = (1 << shift) - 1
        odd: dict[int, tuple[int, int]] = {}
        for local, headline in self.headlines.items():
            data = headline.encode("utf-8", "surrogatepass")
            odd[local] = (out.tell(), len(data))
            out.write(data)
        hashes_at = out.tell()
        out.write(array("Q", (packed >> shift for packed in order)).tobytes())
        records_at = out.tell()
        record = self._RECORD
        line, span, index = columns["line"], columns["span"], columns["index"]
        buffer = bytearray(record.size * 1024)  # records are written 1024 at a time
        for first in range(0, len(order), 1024):
            chunk = order[first : first + 1024]
            for at, packed in enumerate(chunk):
                local = packed & low
                offset, length = odd.get(local, (-1, -1))
                start = line[local]
                record.pack_into(
                    buffer,
                    at * record.size,
                    base + local,
                    start,
                    start + span[local],
                    index[local],
                    offset,
                    length,
                    base + local in self.reported,
                )
            out.write(memoryview(buffer)[: len(chunk) * record.size])
        out.flush()  # for `_read`
        sparse = array("Q", (order[at] >> shift for at in range(0, len(order), self.STRIDE)))
        self.runs.append((sparse, len(order), hashes_at, records_at, _run_filter(hashes)))
        self.spilled += len(order)
        if 16 * self.spilled > self.bloom_mask + 1:
            self._rebuild_bloom()
        else:
            self._bloom_add(hashes)
        self.base += len(hashes)
        self._reset()

    def _rebuild_bloom(self) -> None:
        """A filter of at least 16 bits a spilled key, refilled from the runs."""
        size = 1 << max(16 * self.spilled - 1, 63).bit_length()
        self.bloom = bytearray(size // 8)
        self.bloom_mask = size - 1
        for _, count, hashes_at, *_ in self.runs:
            keys = array("Q")
            keys.frombytes(self._read(hashes_at, 8 * count))
            self._bloom_add(keys)

    def _read(self, offset: int, size: int) -> bytes:
        """`size` bytes of the temporary file at `offset`: one system call where the OS
        has `pread` (a seek on the buffered file would also drop its buffer)."""
        spill = self.spill
        assert spill is not None
        with _temporary_file_errors():
            if _PREAD is not None:
                return _PREAD(spill.fileno(), size, offset)
            spill.seek(offset)
            return spill.read(size)

    # The filter's three probes: bits h, h + s and h + 2s of the hash's halves h, s.

    def _bloom_add(self, keys: Iterable[int]) -> None:
        bloom, mask = self.bloom, self.bloom_mask
        for key in keys:
            step = (key & 0xFFFFFFFF) | 1
            bit = key >> 32
            bloom[(bit & mask) >> 3] |= 1 << (bit & 7)
            bit += step
            bloom[(bit & mask) >> 3] |= 1 << (bit & 7)
            bit += step
            bloom[(bit & mask) >> 3] |= 1 << (bit & 7)

    def _maybe_spilled(self, key: int) -> bool:
        bloom, mask = self.bloom, self.bloom_mask
        step = (key & 0xFFFFFFFF) | 1
        bit = key >> 32
        if not bloom[(bit & mask) >> 3] & (1 << (bit & 7)):
            return False
        bit += step
        if not bloom[(bit & mask) >> 3] & (1 << (bit & 7)):
            return False
        bit += step
        return bool(bloom[(bit & mask) >> 3] & (1 << (bit & 7)))

    def _search(self, key: int) -> int | None:
        """The spilled entry with this hash, if any (then remembered in `recalled`)."""
        # The newest run first: a copy tends to come soon after the article it repeats.
        step = ((key >> 8) & 0xFFFFFFFF) | 1
        bit = key >> 40
        for sparse, count, hashes_at, records_at, bits in reversed(self.runs):
            # The run's filter first: most runs do not hold the key, and reading costs.
            mask = 8 * len(bits) - 1
            if not bits[(bit & mask) >> 3] & (1 << (bit & 7)):
                continue
            if not bits[((bit + step) & mask) >> 3] & (1 << ((bit + step) & 7)):
                continue
            block = bisect.bisect_right(sparse, key) - 1
            if block < 0:
                continue
            start = block * self.STRIDE
            size = min(self.STRIDE, count - start)
            keys = array("Q")
            keys.frombytes(self._read(hashes_at + 8 * start, 8 * size))
            at = bisect.bisect_left(keys, key)
            if at == size or keys[at] != key:
                continue
            where = records_at + self._RECORD.size * (start + at)
            record: tuple[int, ...] = self._RECORD.unpack(self._read(where, self._RECORD.size))
            entry, line, end_line, index, offset, length, told = record
            odd = None
            if offset >= 0:
                odd = self._read(offset, length).decode("utf-8", "surrogatepass")
            self.recalled = (entry, (line, end_line, index, odd, bool(told)), where)
            return entry
        return None


@contextlib.contextmanager
def _temporary_file_errors() -> Iterator[None]:
    """A full or unwritable temporary directory as one message, not a traceback."""
    try:
        yield
    except OSError as error:
        import tempfile

        raise OutputError(
            f"NP060's temporary file in {tempfile.gettempdir()}",
            f"{describe(error)} (set TMPDIR to a roomier place, or --ignore NP060)",
        ) from None


def _run_filter(keys: array[int]) -> bytearray:
    """A run's filter: a power of two of at least 8 bits a key, two probes from the
    hash shifted by 8 bits against the global filter's (the probe positions overlap
    in part, so the two filters' false positives are not fully independent)."""
    size = 1 << max(8 * len(keys) - 1, 63).bit_length()
    bits = bytearray(size // 8)
    mask = size - 1
    for key in keys:
        step = ((key >> 8) & 0xFFFFFFFF) | 1
        bit = key >> 40
        bits[(bit & mask) >> 3] |= 1 << (bit & 7)
        bit += step
        bits[(bit & mask) >> 3] |= 1 << (bit & 7)
    return bits


class Checker:
    """Runs the enabled rules over articles, one at a time, in input order."""

    def __init__(self, settings: RuleSettings | None = None, today: dt.date | None = None):
        self.settings = settings or RuleSettings()
        self.today = today or today_in_ist()
        # Each enabled check with its severity, decided once rather than per article.
        self.checks = [
            (rule_id, check, self.settings.severity(rule_id))
            for rule_id, check in _CHECKS.items()
            if self.settings.enabled(rule_id)
        ]
        self.duplicates = self.settings.enabled("NP060")
        # The first copy of each (date, headline), for NP060.
        self.seen = _SeenArticles()

    def close(self) -> None:
        """Give back what NP060's table holds on disk (after the last article)."""
        self.seen.close()

    def check(self, article: Article, lines: Sequence[str] = ()) -> list[Checked]:
        """The findings of `article` (and of an earlier copy of it, if any)."""
        ref = ArticleRef.of(article)
        findings = self._findings(article, lines)
        results = []
        if self.duplicates:
            key, normal = _hashed_key(article)
            results.extend(self._duplicate(key, normal, ref, findings))
        findings.sort(key=_finding_order)
        results.insert(0, Checked(ref, tuple(findings)))
        return results

    def _findings(self, article: Article, lines: Sequence[str]) -> list[Finding]:
        """Every finding of `article` but NP060, unsorted."""
        settings = self.settings
        # The parser's findings, with configured severities; a rule id this module does
        # not know yet (a newer parser) passes through as the parser said.
        findings = [
            Finding(f.rule, settings.severity(f.rule), f.message, f.path, f.line, f.column)
            if f.rule in RULES
            else f
            for f in article.findings
            if settings.enabled(f.rule)
        ]
        ctx = _Context(article, _Locator(article.source, lines), settings, self.today)
        path, first_line = article.source.path, article.source.line
        for rule_id, check, severity in self.checks:
            for hit in check(ctx):
                line = hit.line if hit.line is not None else first_line
                findings.append(Finding(rule_id, severity, hit.message, path, line, hit.column))
        return findings

    def _duplicate(
        self, key: int, normal: bool, ref: ArticleRef, findings: list[Finding]
    ) -> list[Checked]:
        """NP060 for the article at `ref` whose key hashes to `key` (-1: no key):
        adds its finding to `findings`, and returns the first copy's late finding the
        first time it has a copy. `normal`: its headline is the key's (spacing-
        normalised) one."""
        if key < 0:
            return []
        seen = self.seen
        entry = seen.find_or_add(key, ref, normal)
        if entry is None:
            return []
        assert ref.headline is not None  # it has a key
        first = seen.ref(entry, " ".join(ref.headline.split()))
        severity = self.settings.severity("NP060")
        here = f"{ref.path}:{ref.line}"
        findings.append(
            Finding(
                "NP060",
                severity,
                f"duplicate article: same date and headline as {first.path}:{first.line}",
                ref.path,
                ref.line,
            )
        )
        if not seen.report(entry):
            return []
        late = Finding(
            "NP060",
            severity,
            f"duplicate article: same date and headline again at {here}",
            first.path,
            first.line,
        )
        return [Checked(first, (late,), late=True)]

    def add_file(self, checks: FileChecks) -> Iterator[Checked]:
        """`check`'s results for one input checked elsewhere (by `CheckFile`), NP060
        added here: call it for each input in input order."""
        duplicates = self.duplicates
        severities = _SEVERITIES
        for path, index, line, end_line, headline, key, normal, found in checks.rows:
            ref = ArticleRef(path, index, line, end_line, headline)
            findings = [
                Finding(rule, severities[severity], message, where, at, column)
                for rule, severity, message, where, at, column in found
            ]
            late = self._duplicate(key, normal, ref, findings) if duplicates else []
            if late or len(findings) != len(found):
                findings.sort(key=_finding_order)
            yield Checked(ref, tuple(findings))
            yield from late


_SEVERITIES = {severity.value: severity for severity in Severity}


def duplicate_key(article: Article) -> tuple[str, str] | None:
    """What NP060 compares: the date and the headline with white space folded."""
    if article.date is None or article.headline is None:
        return None
    return (article.date, " ".join(article.headline.split()))


def _hashed_key(article: Article) -> tuple[int, bool]:
    """The 64-bit hash of `duplicate_key` (-1 if there is none), and whether the
    headline is already in its normal form."""
    key = duplicate_key(article)
    if key is None:
        return -1, True
    return _SeenArticles.key_hash(*key), key[1] == article.headline


#: One article as a worker sends it back (plain tuples pickle and unpickle in C, a
#: dataclass in Python): its place (path, index, line, end line), its headline, the
#: NP060 key hash (-1: none) and whether the headline is the key's normal form, and its
#: findings but NP060 as (rule, severity, message, path, line, column), in order.
_Row = tuple[
    str,
    int,
    int,
    int,
    str | None,
    int,
    bool,
    tuple[tuple[str, str, str, str, int, int | None], ...],
]


class FileChecks(NamedTuple):
    """What `CheckFile` made of one input: a row an article, and the `InputError`
    that stopped the input, if any. (A named tuple: only `validate --jobs` makes these,
    and a dataclass would cost every validate's start-up to create one.)"""

    rows: list[_Row]
    error: InputError | None = None


@dataclass(frozen=True)
class CheckFile:
    """The per-file function of `validate --jobs`: one input's checks, in a worker.

    Returns each article's findings but NP060, which needs every input: the caller
    adds it with `Checker.add_file`, in input order. Only what reporting and NP060 need
    crosses back to the parent, as plain tuples: no `Article`, no dataclass per
    article (unpickling those was most of the parent's time).
    """

    settings: RuleSettings
    today: dt.date

    def __call__(self, item: InputFile | InputError) -> FileChecks:
        if isinstance(item, InputError):
            return FileChecks([], item)
        checker = Checker(self.settings, self.today)
        duplicates = checker.duplicates
        rows: list[_Row] = []
        try:
            for article, lines in read_located(item):
                findings = checker._findings(article, lines)
                findings.sort(key=_finding_order)
                key, normal = _hashed_key(article) if duplicates else (-1, True)
                source = article.source
                rows.append(
                    (
                        source.path,
                        source.index,
                        source.line,
                        source.end_line,
                        article.headline,
                        key,
                        normal,
                        tuple(
                            (f.rule, f.severity.value, f.message, f.path, f.line, f.column)
                            for f in findings
                        ),
                    )
                )
        except InputError as error:
            return FileChecks(rows, error)
        return FileChecks(rows)


def _finding_order(finding: Finding) -> tuple[int, int, str]:
    return finding.line, finding.column or 0, finding.rule


# -- reading articles with their raw lines ---------------------------------------


class _LineStore:
    """The decoded lines not yet handed out: `lines[done:]`, numbered from
    `base + done`. Handed-out lines are dropped a few thousand at a time, not at each
    article: deleting a list's head moves all the rest (up to a chunk's worth)."""

    #: How many handed-out lines may wait to be dropped (a few hundred KB).
    DROP_EVERY = 4096

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.base = 1  # the number of `lines[0]`
        self.done = 0  # `lines[:done]` were handed out
        self.open_line = False  # the last stored line has not ended yet

    def add(self, chunk: str) -> None:
        parts = chunk.split("\n")
        if self.open_line and len(self.lines) > self.done:
            self.lines[-1] += parts.pop(0)
        self.open_line = not chunk.endswith("\n")
        if not self.open_line:
            parts.pop()  # the empty text after the final newline
        self.lines.extend(parts)

    def take(self, source: Source) -> list[str]:
        done = self.done
        first = self.base + done  # the number of the first line not handed out
        if source.line == first - 1 and done > 0:
            # The article starts on the line the one before ended on: a date line
            # glued to a dump's last line where files were joined with `cat`.
            start = done - 1
        else:
            start = done + max(source.line - first, 0)
        stop = done + max(source.end_line - first + 1, 0)
        taken = self.lines[start:stop]
        if taken and "date" in taken[-1] and (cut := glued_date_line_at(taken[-1])) > 0:
            # The rest of the last line is the next article's date line; each article
            # sees its own part of the line, the columns unchanged.
            taken[-1] = taken[-1][:cut]
        if start < done and taken and (cut := glued_date_line_at(self.lines[start])) > 0:
            taken[0] = " " * cut + self.lines[start][cut:]
        self.done = min(stop, len(self.lines))
        if self.done >= self.DROP_EVERY:
            drop = self.done - 1  # (the last line handed out may be shared so)
            del self.lines[:drop]
            self.base += drop
            self.done -= drop
        return taken


def read_located(item: InputFile) -> Iterator[tuple[Article, list[str]]]:
    """Articles of one input, each with its raw text lines (for exact locations).

    Like `parser.parse_input`, whose chunks it watches: memory holds about one article
    and one chunk of lines.
    """
    store = _LineStore()
    for article in parse_input(item, store.add):
        yield article, store.take(article.source)


def read_located_stream(stream: BinaryIO, name: str) -> Iterator[tuple[Article, list[str]]]:
    """`read_located` for an open stream whose records carry `name` (Dask workers)."""
    store = _LineStore()
    for article in parse_stream(stream, name, store.add):
        yield article, store.take(article.source)


def check_articles(
    articles: Iterable[Article | tuple[Article, Sequence[str]]],
    settings: RuleSettings | None = None,
    today: dt.date | None = None,
) -> Iterator[Checked]:
    """Check articles (or (article, lines) pairs) in order; yield each result."""
    checker = Checker(settings, today)
    try:
        for item in articles:
            if isinstance(item, Article):
                yield from checker.check(item)
            else:
                yield from checker.check(*item)
    finally:
        checker.close()
