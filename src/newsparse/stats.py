"""Streaming statistics over articles: per month, per country, per tag, missing sections.

`Stats.add(article)` folds one article into counters and keeps nothing else, so
memory grows with the number of distinct months, countries and tags, not with the
number of articles. `Stats.summary(top)` gives the result as plain data (what
`newsparse stats --format json` prints).

- months: articles per `YYYY-MM` of `date`, in calendar order (undated articles are
  counted under `missing.date`);
- countries: articles per country: `country` is the ISO code and `name` a short
  English name, or `country` is null and `name` is the name as written when it has no
  code (spellings that differ only in case count as one, shown as first seen); an
  article counts once per country;
- tags: articles per normalised tag (aliases applied; spellings that differ only in
  case count as one, shown as first seen);
- missing: for each section, how many articles lack it (null or empty).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from newsparse.countries import country_code, country_name
from newsparse.model import ARTICLE_FIELDS, Article
from newsparse.tagging import TagNormalizer

__all__ = ["SECTIONS", "FileStats", "Stats"]

#: The sections whose absence is counted, in record order: the content fields.
SECTIONS: tuple[str, ...] = ARTICLE_FIELDS[: ARTICLE_FIELDS.index("trending") + 1]


class Stats:
    """Counters folded one article at a time."""

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self.normalize = TagNormalizer(aliases)
        self.articles = 0
        self.months: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.country_labels: dict[str, tuple[str | None, str]] = {}
        self.tags: Counter[str] = Counter()  # keyed by the folded tag
        self.tag_labels: dict[str, str] = {}  # folded tag -> first spelling seen
        self.missing: Counter[str] = Counter(dict.fromkeys(SECTIONS, 0))

    def add(self, article: Article) -> None:
        self.articles += 1
        if article.date:
            self.months[article.date[:7]] += 1
        seen: set[str] = set()
        for name in article.countries:
            code = country_code(name)
            written = " ".join(name.split())
            # A name without a code is keyed ignoring case, as tags are (a folded key
            # is lower case, so it never meets an upper-case ISO code).
            key = code or written.casefold()
            if key and key not in seen:
                seen.add(key)
                self.countries[key] += 1
                if key not in self.country_labels:
                    label = (country_name(code) if code else None) or written
                    self.country_labels[key] = (code, label)
        for tag in self.normalize(article.tags):
            key = tag.casefold()
            self.tags[key] += 1
            self.tag_labels.setdefault(key, tag)
        for section in SECTIONS:
            if not getattr(article, section):
                self.missing[section] += 1

    def update(self, articles: Iterable[Article]) -> Stats:
        for article in articles:
            self.add(article)
        return self

    def merge(self, other: Stats) -> Stats:
        """Fold in the counters of later articles (the next file's), as if added in turn."""
        self.articles += other.articles
        self.months.update(other.months)
        self.countries.update(other.countries)
        for key, label in other.country_labels.items():
            self.country_labels.setdefault(key, label)
        self.tags.update(other.tags)
        for key, tag in other.tag_labels.items():
            self.tag_labels.setdefault(key, tag)
        self.missing.update(other.missing)
        return self

    def summary(self, top: int | None = 10) -> dict[str, Any]:
        """Plain data: totals, months (all), countries and tags (the `top` most common)."""
        return {
            "articles": self.articles,
            "months": [
                {"month": month, "articles": count} for month, count in sorted(self.months.items())
            ],
            "countries": [
                {
                    "country": self.country_labels[key][0],
                    "name": self.country_labels[key][1],
                    "articles": count,
                }
                for key, count in _most_common(self.countries, top)
            ],
            "tags": [
                {"tag": self.tag_labels[key], "articles": count}
                for key, count in _most_common(self.tags, top)
            ],
            "missing": dict(self.missing),
            "distinct": {
                "months": len(self.months),
                "countries": len(self.countries),
                "tags": len(self.tags),
            },
        }


def _most_common(counter: Counter[str], top: int | None) -> list[tuple[str, int]]:
    # Ties broken by key so the output does not depend on input order.
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    return ranked if top is None else ranked[:top]


@dataclass(frozen=True)
class FileStats:
    """The per-file function of `stats --jobs`: one file's articles -> its `Stats`."""

    aliases: Mapping[str, str] | None = None

    def __call__(self, articles: Iterator[Article]) -> Stats:
        return Stats(self.aliases).update(articles)
