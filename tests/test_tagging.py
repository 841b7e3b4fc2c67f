"""Tag normalisation, country codes, mentions and taxonomy rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse.config import load_config
from newsparse.errors import ConfigError
from newsparse.export import record_bytes
from newsparse.mentions import mention_counts, mentioned_countries
from newsparse.model import Article, Source
from newsparse.tagging import (
    Tagger,
    article_texts,
    clean_tag,
    country_codes,
    normalized_tags,
    tag_aliases,
)
from newsparse.taxonomy import load_taxonomy, naive_hits, parse_taxonomy

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tagging"


def make_article(**fields: Any) -> Article:
    values: dict[str, Any] = {
        "date": None,
        "headline": None,
        "summary": None,
        "byline": None,
        "countries": (),
        "body": (),
        "credit": None,
        "tags": (),
        "also_read": (),
        "trending": (),
        "extra": (),
        "source": Source("-", 1, 1, 0),
    }
    values.update(fields)
    return Article(**values)


# ----------------------------------------------------------------- normalized_tags


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Turkey ", "Turkey"),
        ("- Turkey", "Turkey"),
        ("• NATO", "NATO"),
        ("trade,", "trade"),
        ('"drones";', "drones"),
        ("Erdogan.", "Erdogan"),
        ("U.S.", "U.S."),
        ("climate   change", "climate change"),
        ("Ukraine’s", "Ukraine’s"),
        ("--", ""),
    ],
)
def test_clean_tag(raw: str, clean: str) -> None:
    assert clean_tag(raw) == clean


def test_normalized_tags_dedupe_ignoring_case_keeps_first_spelling() -> None:
    tags = ["drones", "Drones", " DRONES.", "NATO", "nato", ""]
    assert normalized_tags(tags) == ["drones", "NATO"]


def test_normalized_tags_apply_aliases_before_dedupe() -> None:
    aliases = {"Türkiye": "Turkey", "u.s.": "United States"}
    tags = ["Türkiye", "turkey", "TÜRKIYE", "U.S.", "United States", "Ukraine"]
    assert normalized_tags(tags, aliases) == ["Turkey", "United States", "Ukraine"]


def test_tag_aliases_from_newsparse_toml() -> None:
    config = load_config(FIXTURES / "newsparse.toml")
    assert tag_aliases(config)["Türkiye"] == "Turkey"


def test_tag_aliases_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsparse.tags.aliases]\n"Türkiye" = "Turkey"\n', encoding="utf-8"
    )
    assert tag_aliases(load_config(start=tmp_path)) == {"Türkiye": "Turkey"}


def test_no_config_means_no_aliases(tmp_path: Path) -> None:
    assert tag_aliases(load_config(start=tmp_path)) == {}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[tags]\nalias = {}\n", "tags.alias: unknown key (known: aliases)"),
        ("[tags]\naliases = 3\n", "tags.aliases: expected a table of tag = tag"),
        ('[tags.aliases]\n"Türkiye" = 3\n', 'tags.aliases."Türkiye": expected a non-empty string'),
        ('[tags.aliases]\nX = " - "\n', "tags.aliases.X: expected a non-empty string"),
        ("tags = 1\n", "tags: expected a table"),
    ],
)
def test_bad_tag_aliases(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "newsparse.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        tag_aliases(load_config(path))
    assert str(caught.value) == f"{path}: {message}"


def test_bad_tag_aliases_in_pyproject_name_the_full_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.newsparse.tags]\nalias = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tool\.newsparse\.tags\.alias: unknown key"):
        tag_aliases(load_config(path))


# ------------------------------------------------------------------- country codes


def test_country_codes_dedupe_in_order_and_skip_unknown() -> None:
    names = ["Türkiye", "Ukraine", "Turkey", "Atlantis", "U.S.", "United States"]
    assert country_codes(names) == ["TR", "UA", "US"]


# ------------------------------------------------------------------------ mentions


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Nigeria and Nigerian officials", ["NG"]),
        ("Niger's junta", ["NE"]),
        ("Nigerien traders", ["NE"]),
        ("a woman from Romania", ["RO"]),
        ("Romanian and Omani envoys", ["RO", "OM"]),
        ("women of Oman", ["OM"]),
        ("let us go", []),
        ("the US and the U.S.-China talks", ["US", "CN"]),
        ("Guinea-Bissau and Papua New Guinea", ["GW", "PG"]),
        ("Equatorial Guinea", ["GQ"]),
        ("South Sudan", ["SS"]),
        ("Latin America and North American markets", []),
        ("Indian Ocean", []),
        ("New Mexico", []),
        ("Türkiye's and Turkey’s roles", ["TR"]),
        ("Côte d’Ivoire, Cote d'Ivoire and Ivory Coast", ["CI"]),
        ("Ukrainians and Russians", ["UA", "RU"]),
        ("the turkey was roasted on china plates", []),
        ("ÜberUkraine", []),
        ("Ukraine2025", []),
        ("DR Congo and Congo-Brazzaville", ["CD", "CG"]),
        ("Dominica and the Dominican Republic", ["DM", "DO"]),
        ("the Niger Delta, New South Wales and New England", []),
        ("a family Reunion on Réunion", ["RE"]),
        ("American Samoa and Samoa", ["AS", "WS"]),
        ("Northern Ireland and Ireland", ["GB", "IE"]),
        ("North Korea, South Korean and Korean Peninsula", ["KP", "KR"]),
    ],
)
def test_mentions_whole_words(text: str, codes: list[str]) -> None:
    assert sorted(mentioned_countries([text])) == sorted(codes)


def test_mentions_ordered_by_count_then_first_mention() -> None:
    texts = ["Ukraine and Turkey", None, "Turkish drones; Russia and Ukraine", "Turkey"]
    assert mentioned_countries(texts) == ["TR", "UA", "RU"]
    assert mention_counts(texts) == {"TR": 3, "UA": 2, "RU": 1}
    assert mentioned_countries(["Russia, Iran", "Iran, Russia"]) == ["RU", "IR"]


def test_mentions_look_in_headline_summary_body_only() -> None:
    article = make_article(
        headline="Iran talks",
        summary="Syria",
        body=("Iraq", "Iran"),
        tags=("Germany",),
        countries=("France",),
        also_read=("Spain",),
    )
    assert mentioned_countries(article_texts(article)) == ["IR", "SY", "IQ"]


# ------------------------------------------------------------------------ taxonomy


def load_fixture_taxonomy() -> Any:
    return load_taxonomy(FIXTURES / "taxonomy.toml")


def test_fixture_taxonomy_parses() -> None:
    taxonomy = load_fixture_taxonomy()
    assert taxonomy.tags == [
        "Defence",
        "Climate change",
        "Trade",
        "Turkish cities",
        "United States",
    ]
    assert taxonomy.min_counts["Climate change"] == 3
    kinds = {(p.tag, p.kind) for p in taxonomy.patterns}
    assert ("Climate change", "regex") in kinds
    assert ("Climate change", "phrase") in kinds
    assert ("Defence", "word") in kinds


def auto(taxonomy_data: dict[str, Any], article: Article) -> list[dict[str, Any]]:
    taxonomy = parse_taxonomy(taxonomy_data)
    matcher = taxonomy.matcher()
    assert matcher.hits(article) == naive_hits(taxonomy, article)
    return matcher.auto_tags(article)


def test_phrase_regex_and_min_count() -> None:
    article = make_article(
        headline="Climate summit",
        summary="Delegates discussed climate change.",
        body=("Climate\nchange and carbon taxes.", "A carbon price; climate-change."),
    )
    data = {
        "tags": {
            "Climate": {
                "phrases": ["climate change"],
                "regex": [r"carbon (?:tax|price)(?:es|s)?"],
                "min_count": 4,
            },
            "Summit": {"words": ["summit"], "min_count": 2},
        }
    }
    result = auto(data, article)
    assert [item["tag"] for item in result] == ["Climate"]
    climate = result[0]
    assert climate["count"] == 4
    assert climate["matches"] == [
        {
            "kind": "phrase",
            "pattern": "climate change",
            "field": "summary",
            "count": 1,
            "index": None,
            "offset": 20,
            "text": "climate change",
        },
        {
            "kind": "phrase",
            "pattern": "climate change",
            "field": "body",
            "count": 1,
            "index": 0,
            "offset": 0,
            "text": "Climate\nchange",
        },
        {
            "kind": "regex",
            "pattern": "carbon (?:tax|price)(?:es|s)?",
            "field": "body",
            "count": 2,
            "index": 0,
            "offset": 19,
            "text": "carbon taxes",
        },
    ]


def test_field_limited_rules() -> None:
    article = make_article(headline="Talks", body=("trade deal",), tags=("Trade",))
    data = {"tags": {"Trade": {"words": ["trade"], "fields": ["tags"]}}}
    [trade] = auto(data, article)
    assert [(m["field"], m["index"]) for m in trade["matches"]] == [("tags", 0)]
    assert auto({"tags": {"Trade": {"words": ["trade"], "fields": ["headline"]}}}, article) == []


def test_words_are_whole_words_and_case_insensitive_by_default() -> None:
    article = make_article(body=("NIGER, Nigeria and a woman in Romania met Oman's envoy",))
    data = {
        "tags": {
            "Niger": {"words": ["niger"]},
            "Oman": {"words": ["Oman"]},
            "Exact": {"words": ["niger"], "case_sensitive": True},
        }
    }
    result = auto(data, article)
    assert [(item["tag"], item["count"]) for item in result] == [("Niger", 1), ("Oman", 1)]


def test_overlapping_patterns_all_count() -> None:
    article = make_article(body=("The carbon tax and climate change plan",))
    data = {
        "tags": {
            "A": {"regex": [r"carbon \w+"]},
            "B": {"regex": [r"carbon tax"]},
            "C": {"words": ["carbon"], "phrases": ["carbon tax"]},
            "D": {"words": ["tax"], "phrases": ["climate change plan", "climate change"]},
        }
    }
    counts = {item["tag"]: item["count"] for item in auto(data, article)}
    assert counts == {"A": 1, "B": 1, "C": 2, "D": 3}


def test_same_word_in_several_tags_and_punctuation_literals() -> None:
    article = make_article(headline="COVID-19 and covid 19 in the U.S.-led #MeToo era")
    data = {
        "tags": {
            "Health": {"words": ["COVID-19"]},
            "Health2": {"phrases": ["covid 19"]},
            "US": {"words": ["U.S."], "case_sensitive": True},
            "Movement": {"words": ["#metoo"]},
        }
    }
    counts = {item["tag"]: item["count"] for item in auto(data, article)}
    assert counts == {"Health": 1, "Health2": 1, "US": 1, "Movement": 1}


def test_case_sensitive_regex() -> None:
    article = make_article(headline="US tariffs: let us see", body=("US",))
    data = {"tags": {"US": {"regex": [r"\bUS\b"], "case_sensitive": True, "fields": ["headline"]}}}
    [item] = auto(data, article)
    assert item["count"] == 1


WORDS = ["carbon", "tax", "taxes", "Niger", "Nigeria", "woman", "oman", "U", "S", "climate"]
SEPARATORS = [" ", "  ", "\n", ".", ",", "-", "'", "", " . "]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=0, max_size=30
    ).map(lambda parts: "".join(word + sep for word, sep in parts))
)
def test_one_matcher_equals_naive_loop(text: str) -> None:
    taxonomy = parse_taxonomy(
        {
            "tags": {
                "A": {"words": ["carbon", "tax", "U.S"], "phrases": ["carbon tax"]},
                "B": {"regex": [r"carbon \w+", r"ta\w*", r"[Nn]iger\w*"], "min_count": 1},
                "C": {"words": ["Niger", "oman"], "case_sensitive": True},
                "D": {"phrases": ["climate carbon tax", "tax taxes"], "regex": ["o?man"]},
            }
        }
    )
    article = make_article(headline=text, body=(text, text.upper()))
    assert taxonomy.matcher().hits(article) == naive_hits(taxonomy, article)


# ------------------------------------------------------------- invalid taxonomies


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "tags: no tags"),
        ("[other]\n", "other: unknown key"),
        ("tags = 1\n", "tags: no tags"),
        ("[tags]\nA = 1\n", "tags.A: expected a table with words, phrases or regex"),
        ("[tags.A]\n", "tags.A: no patterns: give words, phrases or regex"),
        ("[tags.A]\nword = ['x']\n", "tags.A.word: unknown key (known: words, phrases"),
        ("[tags.A]\nwords = 3\n", "tags.A.words: expected a list of strings"),
        ("[tags.A]\nwords = ['x', '']\n", "tags.A.words[1]: expected a non-empty string"),
        ("[tags.A]\nwords = ['x', 2]\n", "tags.A.words[1]: expected a non-empty string"),
        ("[tags.A]\nwords = ['two words']\n", "tags.A.words[0]: 'two words' is several words"),
        (
            "[tags.\"Climate change\"]\nregex = ['ok', 'carbon (tax']\n",
            "tags.\"Climate change\".regex[1]: invalid regular expression 'carbon (tax'",
        ),
        ("[tags.A]\nregex = ['x*']\n", "tags.A.regex[0]: 'x*' matches the empty string"),
        ("[tags.A]\nregex = ['(a)\\1']\n", "tags.A.regex[0]: back-references cannot"),
        ("[tags.A]\nwords = ['x']\nmin_count = 0\n", "tags.A.min_count: expected a whole number"),
        ("[tags.A]\nwords = ['x']\nmin_count = 1.5\n", "tags.A.min_count: expected a whole"),
        ("[tags.A]\nwords = ['x']\nmin_count = true\n", "tags.A.min_count: expected a whole"),
        ("[tags.A]\nwords = ['x']\nfields = ['byline']\n", "tags.A.fields: expected a list of"),
        ("[tags.A]\nwords = ['x']\nfields = []\n", "tags.A.fields: expected a list of"),
        ("[tags.A]\nwords = ['x']\ncase_sensitive = 1\n", "tags.A.case_sensitive: expected"),
        ("[tags.A\n", "not valid TOML"),
    ],
)
def test_invalid_taxonomy_names_the_entry(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_missing_taxonomy_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read: no such file or directory"):
        load_taxonomy(tmp_path / "nope.toml")


def test_single_string_pattern_is_accepted() -> None:
    taxonomy = parse_taxonomy({"tags": {"A": {"words": "drone"}}})
    assert [p.text for p in taxonomy.patterns] == ["drone"]


# ------------------------------------------------------------------------ enricher


def tagged(tagger: Tagger, article: Article) -> dict[str, Any]:
    """The record export writes with `tagger`."""
    record: dict[str, Any] = orjson.loads(record_bytes(article, enrich=tagger))
    return record


def test_tagger_adds_fields_after_the_record_own() -> None:
    article = make_article(
        headline="Turkish drones for Ukraine",
        countries=("Türkiye",),
        tags=("Türkiye", "drones", "Drones"),
    )
    plain = Tagger({"Türkiye": "Turkey"})
    record = tagged(plain, article)
    assert list(record)[: len(article.to_dict())] == list(article.to_dict())
    assert list(record)[len(article.to_dict()) :] == list(plain.fields)
    assert record["tags"] == ["Türkiye", "drones", "Drones"]
    assert record["normalized_tags"] == ["Turkey", "drones"]
    assert record["country_codes"] == ["TR"]
    assert "mentioned_countries" not in record and "auto_tags" not in record
    assert plain.fields == ("normalized_tags", "country_codes")

    full = Tagger(mentions=True, taxonomy=parse_taxonomy({"tags": {"D": {"words": ["drones"]}}}))
    record = tagged(full, article)
    assert record["mentioned_countries"] == ["TR", "UA"]
    assert [item["tag"] for item in record["auto_tags"]] == ["D"]
    assert full.fields[-2:] == ("mentioned_countries", "auto_tags")


def test_tagger_does_not_change_the_article() -> None:
    article = make_article(tags=("- x",))
    before = dataclasses.asdict(article)
    Tagger()(article)
    assert dataclasses.asdict(article) == before


def test_inline_flags_stay_inside_their_pattern() -> None:
    article = make_article(headline="foo us US")
    data = {
        "tags": {
            "A": {"regex": ["(?i)FOO"], "case_sensitive": True},
            "B": {"regex": ["US"], "case_sensitive": True},
        }
    }
    counts = {item["tag"]: item["count"] for item in auto(data, article)}
    assert counts == {"A": 1, "B": 1}


def test_a_verbose_regex_may_end_in_a_comment() -> None:
    # '(?x) drone  # the weapon' compiles on its own, but its comment ate the closing
    # parenthesis newsparse wraps each regex in: "missing ) at position 15".
    article = make_article(headline="Sign Drone Deal", body=("Drones and a drone.",))
    data = {
        "tags": {
            "A": {"regex": ["(?x) drone s?  # the weapon"]},
            "B": {"regex": ["sign drone"]},
        }
    }
    taxonomy = parse_taxonomy(data)
    assert taxonomy.matcher().hits(article) == naive_hits(taxonomy, article)
    counts = {item["tag"]: item["count"] for item in auto(data, article)}
    assert counts == {"A": 3, "B": 1}


def test_regex_error_positions_are_the_users() -> None:
    with pytest.raises(ConfigError, match="missing \\) at position 11"):
        parse_taxonomy({"tags": {"A": {"regex": ["carbon (tax"]}}})


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_mentions_never_raise_and_give_codes(text: str) -> None:
    for code in mentioned_countries([text]):
        assert len(code) == 2 and code.isupper()


def test_alias_values_are_cleaned_too() -> None:
    assert normalized_tags(["x"], {"X": " - Turkey. "}) == ["Turkey"]


def test_tagged_records_validate_against_the_published_schema() -> None:
    import importlib

    from newsparse.parser import parse_file
    from newsparse.schema import record_schema

    tagger = Tagger(mentions=True, taxonomy=load_fixture_taxonomy())
    # (imported by name: jsonschema ships no type information)
    jsonschema = importlib.import_module("jsonschema")
    validator = jsonschema.Draft202012Validator(record_schema())
    records = [tagged(tagger, article) for article in parse_file(FIXTURES / "multi.dump")]
    assert len(records) == 6
    for record in records:
        validator.validate(record)


def test_doctests() -> None:
    import doctest

    import newsparse.countries
    import newsparse.mentions
    import newsparse.tagging

    for module in (newsparse.countries, newsparse.mentions, newsparse.tagging):
        assert doctest.testmod(module).failed == 0


def test_export_repeats_the_derived_field_names() -> None:
    from newsparse.cli import export
    from newsparse.tagging import DERIVED_FIELDS

    assert export.DERIVED_FIELDS == DERIVED_FIELDS


def test_tag_spaces_are_the_regex_modules_white_space() -> None:
    # clean_tag folds white space with `re` so that plain exports never import
    # `regex`; the class must stay `regex`'s \s, code point for code point.
    import re
    import sys

    import regex

    from newsparse.text import SPACES

    theirs = regex.compile(r"\s")
    differ = [
        hex(point)
        for point in range(sys.maxunicode + 1)
        if bool(SPACES.fullmatch(chr(point))) != bool(theirs.fullmatch(chr(point)))
    ]
    assert differ == []
    assert re.compile(r"\s").fullmatch("\x1c"), "re's \\s did change: the exclusion can go"
