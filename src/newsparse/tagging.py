"""Tagging: derived fields added beside a record's own, never instead of them.

- `normalized_tags`: the READ MORE ON tags trimmed, bullets and stray punctuation
  removed, mapped through the configured aliases (`[tags.aliases]` in newsparse.toml,
  `[tool.newsparse.tags.aliases]` in pyproject.toml) and deduplicated ignoring case
  (the first spelling is kept).
- `country_codes`: ISO 3166-1 alpha-2 codes of `countries` (see `newsparse.countries`);
  a name without a code is left out (`validate` reports it).
- `mentioned_countries`: codes of the countries named in the text (`newsparse.mentions`).
- `auto_tags`: tags of a taxonomy file whose patterns occur in the article
  (`newsparse.taxonomy`).

Mentions and taxonomies (and the `regex` module) are imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from newsparse.config import Config, toml_key
from newsparse.countries import country_code
from newsparse.errors import ConfigError
from newsparse.model import Article
from newsparse.text import SPACES

if TYPE_CHECKING:
    from newsparse.taxonomy import Taxonomy

__all__ = [
    "DERIVED_FIELDS",
    "TagNormalizer",
    "Tagger",
    "article_texts",
    "clean_tag",
    "country_codes",
    "normalized_tags",
    "tag_aliases",
]

#: Derived record fields, in the order they are added after the record's own.
DERIVED_FIELDS: tuple[str, ...] = (
    "normalized_tags",
    "country_codes",
    "mentioned_countries",
    "auto_tags",
)

# --------------------------------------------------------------------------- tags

_BULLETS = "•·▪‣◦*-–—"
_STRAY = " \t\"'“”‘’`,;:!?|/\\" + _BULLETS


def clean_tag(tag: str) -> str:
    """One tag trimmed: bullets, quotes and stray punctuation off both ends.

    A final full stop goes unless the tag is an abbreviation (`U.S.` keeps it).
    """
    text = SPACES.sub(" ", tag).strip(_STRAY)
    while text.endswith(".") and "." not in text[:-1]:
        text = text[:-1].rstrip(_STRAY)
    return text.strip(_STRAY)


class TagNormalizer:
    """Normalises tag lists with one alias table, folded once (see `normalized_tags`)."""

    #: Distinct tags remembered before the memo starts afresh (dumps repeat few tags).
    MEMO_SIZE = 50_000

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self.aliases = {
            clean_tag(key).casefold(): clean_tag(value) for key, value in (aliases or {}).items()
        }
        self._memo: dict[str, tuple[str, str]] = {}

    def normalise(self, tag: str) -> tuple[str, str]:
        """One tag as (normalised text, its case-folded key), remembered."""
        found = self._memo.get(tag)
        if found is None:
            text = clean_tag(tag)
            text = self.aliases.get(text.casefold(), text)
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            found = self._memo[tag] = (text, text.casefold())
        return found

    def __call__(self, tags: Iterable[str]) -> list[str]:
        seen: set[str] = set()
        result: list[str] = []
        for tag in tags:
            text, key = self.normalise(tag)
            if text and key not in seen:
                seen.add(key)
                result.append(text)
        return result


def normalized_tags(tags: Iterable[str], aliases: Mapping[str, str] | None = None) -> list[str]:
    """Tags cleaned, mapped through `aliases` (keys ignore case), deduplicated.

    >>> normalized_tags(["- Türkiye", "turkey", "NATO."], {"Türkiye": "Turkey"})
    ['Turkey', 'NATO']
    """
    return TagNormalizer(aliases)(tags)


def tag_aliases(config: Config) -> dict[str, str]:
    """The `[tags.aliases]` table of a config, checked: every value a non-empty string."""
    section = config.section("tags")
    where = config.path or "newsparse.toml"
    for key, value in section.items():
        if key != "aliases":
            problem = "unknown key (known: aliases)"
            if isinstance(value, dict) and {"words", "phrases", "regex"} & set(value):
                problem = (
                    "this is a taxonomy tag, not a config table: give this file with --taxonomy"
                )
            raise ConfigError(where, config.key(f"tags.{toml_key(key)}"), problem)
    aliases = section.get("aliases", {})
    if not isinstance(aliases, dict):
        raise ConfigError(where, config.key("tags.aliases"), "expected a table of tag = tag")
    for key, value in aliases.items():
        if not isinstance(value, str) or not clean_tag(value):
            raise ConfigError(
                where, config.key(f"tags.aliases.{toml_key(key)}"), "expected a non-empty string"
            )
    return dict(aliases)


# ---------------------------------------------------------------------- countries


def article_texts(article: Article) -> Iterator[str | None]:
    """Where mentions are looked for: headline, summary, body."""
    yield article.headline
    yield article.summary
    yield from article.body


def country_codes(countries: Iterable[str]) -> list[str]:
    """ISO codes of the names as written, deduplicated in order; unknown names skipped."""
    codes: list[str] = []
    for name in countries:
        code = country_code(name)
        if code is not None and code not in codes:
            codes.append(code)
    return codes


# ------------------------------------------------------------------------ enricher


class Tagger:
    """The `Enricher` of export: calling it gives the derived fields of an article,
    which export writes after the record's own.

    `normalized_tags` and `country_codes` are always derived; `mentioned_countries`
    with `mentions=True`; `auto_tags` when a taxonomy is given.
    """

    def __init__(
        self,
        aliases: Mapping[str, str] | None = None,
        *,
        mentions: bool = False,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.normalize = TagNormalizer(aliases)
        self.mentions = mentions
        self.matcher = taxonomy.matcher() if taxonomy is not None else None
        if mentions:
            from newsparse.mentions import mentioned_countries

            self._mentioned = mentioned_countries

    @property
    def fields(self) -> tuple[str, ...]:
        """The derived field names this tagger adds."""
        names = ["normalized_tags", "country_codes"]
        if self.mentions:
            names.append("mentioned_countries")
        if self.matcher is not None:
            names.append("auto_tags")
        return tuple(names)

    def derive(self, article: Article) -> dict[str, Any]:
        derived: dict[str, Any] = {
            "normalized_tags": self.normalize(article.tags),
            "country_codes": country_codes(article.countries),
        }
        if self.mentions:
            derived["mentioned_countries"] = self._mentioned(article_texts(article))
        if self.matcher is not None:
            derived["auto_tags"] = self.matcher.auto_tags(article)
        return derived

    __call__ = derive
