"""Taxonomies: `auto_tags`, the tags of a taxonomy file whose patterns occur in an article.

A taxonomy is a TOML file with one table per tag::

    [tags."Climate change"]
    phrases = ["climate change", "global warming"]   # whole words, any case
    words = ["emissions"]
    regex = ['carbon (?:tax|price)s?']                # regex-module syntax
    fields = ["headline", "body"]                     # default: headline, summary, body
    min_count = 2                                     # default 1: hits needed in all
    case_sensitive = false                            # default false

Words and phrases match whole tokens (a token is a run of letters/digits or one
punctuation character); white space between tokens may vary. All patterns of a
taxonomy are compiled into one matcher (`TaxonomyMatcher`): each field is split into
tokens once and every word and phrase is found by one dictionary look-up per token,
and all regexes are one alternation, so 500 tags cost about one pass.
Each pattern counts non-overlapping hits, like `re.finditer`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from newsparse.config import read_toml, toml_key
from newsparse.errors import ConfigError
from newsparse.mentions import TOKEN
from newsparse.model import Article

__all__ = [
    "TAXONOMY_FIELDS",
    "Pattern",
    "Taxonomy",
    "TaxonomyMatcher",
    "load_taxonomy",
    "naive_hits",
    "parse_taxonomy",
    "summarize_hits",
]

#: Article fields a taxonomy rule may look in.
TAXONOMY_FIELDS: tuple[str, ...] = ("headline", "summary", "body", "tags")
DEFAULT_FIELDS: tuple[str, ...] = ("headline", "summary", "body")

_WORD = regex.compile(r"\w+")
_PATTERN_KINDS = ("words", "phrases", "regex")
_TAG_KEYS = (*_PATTERN_KINDS, "fields", "min_count", "case_sensitive")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One pattern of one taxonomy tag. `kind` is `word`, `phrase` or `regex`."""

    tag: str
    kind: str
    text: str
    fields: tuple[str, ...]
    case_sensitive: bool

    def tokens(self) -> tuple[str, ...]:
        return tuple(TOKEN.findall(self.text))

    def source(self) -> str:
        """This pattern as one standalone regular expression (the naive way)."""
        flags = "" if self.case_sensitive else "fi"
        if self.kind == "regex":
            # In verbose mode a '#' comment runs to the end of the line: a new line
            # keeps it from swallowing the closing parenthesis (and what follows it
            # in the matcher's alternation); verbose mode ignores the new line.
            end = "\n" if regex.compile(self.text).flags & regex.VERBOSE else ""
            return f"(?{flags}:{self.text}{end})"
        tokens = self.tokens()
        parts = ["(?<!\\w)" if _WORD.fullmatch(tokens[0]) else ""]
        for index, token in enumerate(tokens):
            if index:
                both_words = _WORD.fullmatch(tokens[index - 1]) and _WORD.fullmatch(token)
                parts.append(r"\s+" if both_words else r"\s*")
            parts.append(regex.escape(token))
        parts.append("(?!\\w)" if _WORD.fullmatch(tokens[-1]) else "")
        return f"(?{flags}:{''.join(parts)})"


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """A parsed taxonomy: its patterns in file order and each tag's minimum count."""

    path: str
    patterns: tuple[Pattern, ...]
    min_counts: dict[str, int]

    @property
    def tags(self) -> list[str]:
        return list(self.min_counts)

    def matcher(self) -> TaxonomyMatcher:
        return TaxonomyMatcher(self)


def load_taxonomy(path: str | Path) -> Taxonomy:
    """Read and check a taxonomy file; any problem is a `ConfigError` naming the entry."""
    # read_toml: one message each for a file that cannot be read, is not UTF-8 or
    # is not TOML (a Latin-1 taxonomy was a UnicodeDecodeError traceback).
    return parse_taxonomy(read_toml(Path(path)), str(path))


def parse_taxonomy(data: Mapping[str, Any], path: str = "<taxonomy>") -> Taxonomy:
    """Check a taxonomy's TOML data (see the module docstring) and build it."""
    for key in data:
        if key != "tags":
            raise ConfigError(path, key, 'unknown key: a taxonomy has one table, [tags."NAME"]')
    tags = data.get("tags")
    if not isinstance(tags, dict) or not tags:
        raise ConfigError(path, "tags", 'no tags: add tables such as [tags."Elections"]')
    patterns: list[Pattern] = []
    min_counts: dict[str, int] = {}
    for name, entry in tags.items():
        where = f"tags.{toml_key(name)}"
        if not name.strip():
            raise ConfigError(path, where, "a tag name must not be empty")
        if (
            name == "aliases"
            and isinstance(entry, dict)
            and entry
            and not set(entry) & set(_TAG_KEYS)
            and all(isinstance(value, str) for value in entry.values())
        ):
            raise ConfigError(
                path,
                where,
                "this is a config's [tags.aliases] table, not a taxonomy tag: "
                "give this file with --config",
            )
        if not isinstance(entry, dict):
            raise ConfigError(path, where, "expected a table with words, phrases or regex")
        patterns.extend(_parse_tag(path, where, name, entry))
        min_count = entry.get("min_count", 1)
        if type(min_count) is not int or min_count < 1:
            raise ConfigError(path, f"{where}.min_count", "expected a whole number >= 1")
        min_counts[name] = min_count
    return Taxonomy(path, tuple(patterns), min_counts)


def _parse_tag(path: str, where: str, name: str, entry: Mapping[str, Any]) -> list[Pattern]:
    for key in entry:
        if key not in _TAG_KEYS:
            raise ConfigError(
                path, f"{where}.{key}", f"unknown key (known: {', '.join(_TAG_KEYS)})"
            )
    fields = entry.get("fields", list(DEFAULT_FIELDS))
    if (
        not isinstance(fields, list)
        or not fields
        or any(field not in TAXONOMY_FIELDS for field in fields)
    ):
        raise ConfigError(
            path, f"{where}.fields", f"expected a list of: {', '.join(TAXONOMY_FIELDS)}"
        )
    case_sensitive = entry.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise ConfigError(path, f"{where}.case_sensitive", "expected true or false")
    patterns: list[Pattern] = []
    for kind in _PATTERN_KINDS:
        values = entry.get(kind, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            raise ConfigError(path, f"{where}.{kind}", "expected a list of strings")
        for index, value in enumerate(values):
            at = f"{where}.{kind}[{index}]"
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(path, at, "expected a non-empty string")
            pattern = Pattern(name, kind.rstrip("s"), value, tuple(fields), case_sensitive)
            _check_pattern(path, at, pattern)
            patterns.append(pattern)
    if not patterns:
        raise ConfigError(path, where, "no patterns: give words, phrases or regex")
    return patterns


def _check_pattern(path: str, at: str, pattern: Pattern) -> None:
    if pattern.kind == "word" and len(pattern.text.split()) > 1:
        raise ConfigError(path, at, f"{pattern.text!r} is several words: put it in phrases")
    if pattern.kind != "regex":
        return
    try:
        regex.compile(pattern.text)  # so that error positions are the user's
        compiled = regex.compile(pattern.source())
    except regex.error as error:
        raise ConfigError(
            path, at, f"invalid regular expression {pattern.text!r}: {error}"
        ) from None
    if compiled.fullmatch(""):
        raise ConfigError(path, at, f"{pattern.text!r} matches the empty string")
    if regex.search(r"\\[1-9]|\(\?P?=", pattern.text):
        raise ConfigError(path, at, "back-references cannot be combined with other patterns")


# A hit: (pattern index, field, position in a list field or None, start, end, text).
Hit = tuple[int, str, int | None, int, int, str]


def _field_texts(article: Article, field: str) -> Iterator[tuple[int | None, str]]:
    if field == "headline":
        if article.headline:
            yield None, article.headline
    elif field == "summary":
        if article.summary:
            yield None, article.summary
    else:
        yield from enumerate(article.body if field == "body" else article.tags)


class TaxonomyMatcher:
    """Every pattern of a taxonomy in one matcher.

    Words and phrases become token sequences in two tries (folded and exact case):
    a text is split into tokens once, in C, and each token is looked up once, so
    their cost hardly grows with the number of patterns. Regexes are compiled into
    one alternation that finds each place where some regex starts; there, one
    anchored pattern captures every regex that matches at that place. Hits are
    exactly those of the naive loop over each pattern's `source()` (`naive_hits`).
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.patterns = taxonomy.patterns
        self.fields = tuple(f for f in TAXONOMY_FIELDS if any(f in p.fields for p in self.patterns))
        self._tries: dict[bool, dict[str, Any]] = {False: {}, True: {}}
        regexes: list[tuple[int, str]] = []
        for index, pattern in enumerate(self.patterns):
            if pattern.kind == "regex":
                regexes.append((index, pattern.source()))
                continue
            tokens = pattern.tokens()
            if not pattern.case_sensitive:
                tokens = tuple(token.casefold() for token in tokens)
            node = self._tries[pattern.case_sensitive]
            for token in tokens:
                node = node.setdefault(token, {})
            node.setdefault("", []).append(index)  # "" is never a token: it marks an end
        self._regex_ids = [index for index, _ in regexes]
        self._scan = regex.compile("|".join(s for _, s in regexes)) if regexes else None
        # Captures each regex matching at one place: (?:(?=(?P<_np_r0>...))|) per regex.
        self._at = (
            regex.compile("".join(f"(?:(?=(?P<_np_r{i}>{s}))|)" for i, s in regexes))
            if regexes
            else None
        )

    def scan(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(pattern index, start, end) of every hit in one text, non-overlapping per pattern."""
        if not text:
            return
        hits = self._literal_hits(text)
        if self._scan is not None and self._at is not None:
            for found in self._scan.finditer(text, overlapped=True):
                start = found.start()
                captured = self._at.match(text, start)
                assert captured is not None  # every branch may be empty
                for index in self._regex_ids:
                    end = captured.end(f"_np_r{index}")
                    if end > start:
                        hits.append((start, index, end))
        hits.sort()
        allowed: dict[int, int] = {}
        for start, index, end in hits:
            if start >= allowed.get(index, 0):
                allowed[index] = end
                yield index, start, end

    def _literal_hits(self, text: str) -> list[tuple[int, int, int]]:
        hits: list[tuple[int, int, int]] = []
        if not (self._tries[False] or self._tries[True]):
            return hits
        found = list(TOKEN.finditer(text))
        tokens = [match.group() for match in found]
        for sensitive, root in self._tries.items():
            if not root:
                continue
            keys = tokens if sensitive else [token.casefold() for token in tokens]
            count = len(keys)
            for first, key in enumerate(keys):
                node = root.get(key)
                last = first
                while node is not None:
                    for index in node.get("", ()):
                        hits.append((found[first].start(), index, found[last].end()))
                    last += 1
                    node = node.get(keys[last]) if last < count else None
        return hits

    def hits(self, article: Article) -> list[Hit]:
        """Every hit in the fields some tag looks in, in field and text order."""
        found: list[Hit] = []
        for field in self.fields:
            for position, text in _field_texts(article, field):
                for index, start, end in self.scan(text):
                    if field in self.patterns[index].fields:
                        found.append((index, field, position, start, end, text[start:end]))
        return found

    def auto_tags(self, article: Article) -> list[dict[str, Any]]:
        """The taxonomy tags an article earns, with where each pattern matched."""
        return summarize_hits(self.taxonomy, self.hits(article))


def naive_hits(
    taxonomy: Taxonomy, article: Article, compiled: Sequence[regex.Pattern[str]] = ()
) -> list[Hit]:
    """The reference: one `finditer` per pattern per text (what the matcher replaces).

    `compiled`: each pattern's `source()` compiled, in order (compiled here if empty).
    """
    compiled = compiled or [regex.compile(pattern.source()) for pattern in taxonomy.patterns]
    found: list[Hit] = []
    for field in TAXONOMY_FIELDS:
        for position, text in _field_texts(article, field):
            hits: list[Hit] = []
            for index, pattern in enumerate(taxonomy.patterns):
                if field in pattern.fields:
                    for match in compiled[index].finditer(text):
                        if match.end() > match.start():
                            hits.append(
                                (index, field, position, match.start(), match.end(), match[0])
                            )
            hits.sort(key=lambda hit: (hit[3], hit[0]))
            found.extend(hits)
    return found


def summarize_hits(taxonomy: Taxonomy, hits: Sequence[Hit]) -> list[dict[str, Any]]:
    """Group hits per tag (taxonomy order); keep tags with at least `min_count` hits.

    Each tag: `tag`, `count` (hits), `matches`: one entry per pattern and field with
    its `kind`, `pattern`, `field`, `count` and the first hit's `index` (body
    paragraph or tag position; null for headline and summary), `offset` and `text`.
    """
    per_tag: dict[str, dict[tuple[int, str], dict[str, Any]]] = {}
    for index, field, position, start, _end, text in hits:
        pattern = taxonomy.patterns[index]
        entries = per_tag.setdefault(pattern.tag, {})
        entry = entries.get((index, field))
        if entry is None:
            entries[(index, field)] = {
                "kind": pattern.kind,
                "pattern": pattern.text,
                "field": field,
                "count": 1,
                "index": position,
                "offset": start,
                "text": text,
            }
        else:
            entry["count"] += 1
    result: list[dict[str, Any]] = []
    for tag, minimum in taxonomy.min_counts.items():
        matches = list(per_tag.get(tag, {}).values())
        count = sum(entry["count"] for entry in matches)
        if matches and count >= minimum:
            result.append({"tag": tag, "count": count, "matches": matches})
    return result
