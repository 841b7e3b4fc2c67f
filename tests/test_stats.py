"""Streaming statistics: known counts on a multi-article fixture."""

from __future__ import annotations

from pathlib import Path

from newsparse.parser import parse_file
from newsparse.stats import SECTIONS, Stats

MULTI = Path(__file__).resolve().parent.parent / "fixtures" / "tagging" / "multi.dump"
ALIASES = {"Türkiye": "Turkey", "U.S.": "United States", "tariffs": "Trade"}


def test_known_counts() -> None:
    summary = Stats(ALIASES).update(parse_file(MULTI)).summary(top=3)
    assert summary["articles"] == 6
    assert summary["months"] == [
        {"month": "2025-03", "articles": 2},
        {"month": "2025-04", "articles": 3},
        {"month": "2025-05", "articles": 1},
    ]
    assert summary["countries"] == [
        {"country": "TR", "name": "Turkey", "articles": 2},
        {"country": "US", "name": "United States", "articles": 2},
        {"country": None, "name": "Atlantis", "articles": 1},
    ]
    assert summary["tags"] == [
        {"tag": "trade", "articles": 3},
        {"tag": "Turkey", "articles": 2},
        {"tag": "climate change", "articles": 1},
    ]
    assert summary["missing"] == {
        "date": 0,
        "headline": 0,
        "summary": 0,
        "byline": 6,
        "countries": 1,
        "body": 1,
        "credit": 4,
        "tags": 1,
        "also_read": 5,
        "trending": 6,
    }
    assert summary["distinct"] == {"months": 3, "countries": 8, "tags": 8}


def test_without_aliases_tags_stay_apart() -> None:
    summary = Stats().update(parse_file(MULTI)).summary(top=None)
    tags = {row["tag"]: row["articles"] for row in summary["tags"]}
    assert tags["Türkiye"] == 1 and tags["turkey"] == 1
    assert tags["tariffs"] == 1 and tags["U.S."] == 1


def test_an_article_counts_once_per_country_and_tag() -> None:
    summary = Stats().update(parse_file(MULTI)).summary(top=None)
    # Article 6 lists Türkiye and U.S.; article 1 lists Turkey: two articles for TR.
    assert {"country": "TR", "name": "Turkey", "articles": 2} in summary["countries"]
    # Article 1 has "drones" and "Drones": one article.
    assert {"tag": "drones", "articles": 1} in summary["tags"]


def test_empty() -> None:
    summary = Stats().summary()
    assert summary["articles"] == 0
    assert summary["months"] == summary["countries"] == summary["tags"] == []
    assert summary["missing"] == dict.fromkeys(SECTIONS, 0)


def test_memory_is_per_distinct_key() -> None:
    # 3,000 articles over the same three months keep three month keys, not 3,000.
    text = "".join(
        f" date 2025-0{1 + n % 3}-01 Headline {n}\n- Country:\n- Turkey\n" for n in range(3000)
    )
    from newsparse.parser import parse

    stats = Stats().update(parse(text))
    assert stats.articles == 3000
    assert len(stats.months) == 3 and len(stats.countries) == 1


def test_a_name_without_a_code_counts_once_whatever_its_case() -> None:
    # "Atlantis" and "atlantis" in one article were two countries with one article
    # each (tags already folded case); now one, shown as first written.
    from newsparse.parser import parse

    text = (
        " date 2025-03-14 One\nSummary.\n- Country:\n- Atlantis\n- atlantis\n- ATLANTIS\nBody.\n"
        " date 2025-03-15 Two\nSummary.\n- Country:\n- atlantis\nBody.\n"
    )
    summary = Stats().update(parse(text)).summary()
    assert summary["countries"] == [{"country": None, "name": "Atlantis", "articles": 2}]
    assert summary["distinct"]["countries"] == 1
