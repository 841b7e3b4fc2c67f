"""`render` and `export --format dump`: records back to list-layout dump text.

The round-trip property generates exactly the records that `newsparse.dump`'s
docstring says `render` can express, and checks `parse(render(r)) == r` (source
aside), one record at a time and many concatenated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import string

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsparse import Article, Byline, Source, TrendingItem, parse
from newsparse.cli import app
from newsparse.dump import IST, render, render_byline, render_many
from newsparse.parser import _CUT_PREFIXES, is_furniture

from .conftest import FIXTURES, ROOT, assert_golden

runner = CliRunner()
NO_SOURCE = Source("-", 0, 0, 0)
#: Words a line of their own may not be (markers, in any spelling), lower case.
MARKER_WORDS = {"country", "countries", "read more on", "also read", "trending"}

word = st.text(alphabet=string.ascii_letters + "’'–éüçÖ", min_size=1, max_size=9).filter(
    lambda w: "mage" not in w and "hoto" not in w  # image captions
)
phrase = (
    st.lists(word, min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda text: not is_furniture(text) and text.lower() not in MARKER_WORDS)
    # On the dump's last line, what is left of a label or furniture cut off (`ALSO`).
    .filter(lambda text: text not in _CUT_PREFIXES and f"- {text}" not in _CUT_PREFIXES)
)
sentence = st.builds(lambda p, end: p + end, phrase, st.sampled_from([".", "!", "?"]))
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
credit = st.one_of(
    st.sampled_from(
        [
            "(With inputs from agencies.)",
            "(With inputs from PTI)",
            "(This story has not been edited by Devdiscourse staff and is auto-generated"
            " from a syndicated feed.)",
        ]
    ),
    st.builds(lambda p: f"(Reporting by {p})", phrase),
)
stamp = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)).map(
    lambda moment: moment.replace(second=0, microsecond=0, tzinfo=IST).isoformat()
) | st.dates(min_value=dt.date(1, 1, 2)).map(dt.date.isoformat)


@st.composite
def bylines(draw: st.DrawFn) -> Byline:
    author = draw(st.none() | phrase)
    place = draw(st.none() | phrase)
    updated = draw(st.none() | stamp)
    created = draw(stamp) if updated is None else draw(st.none() | stamp)
    return Byline(author, place, updated, created)


@st.composite
def trending_items(draw: st.DrawFn) -> TrendingItem:
    title = draw(phrase)
    region = draw(st.none() | phrase.filter(lambda text: text != title))
    return TrendingItem(title, region)


@st.composite
def expressible(draw: st.DrawFn) -> Article:
    """A record `render` can express (see newsparse.dump's docstring)."""
    # A country name is at most 60 characters: a longer bullet item is body.
    countries = tuple(draw(st.lists(phrase.filter(lambda text: len(text) <= 60), max_size=3)))
    body = tuple(draw(st.lists(paragraph, max_size=4)))
    article_credit = draw(st.none() | credit)
    byline = draw(st.none() | bylines())
    summary_may_be_null = byline is not None or countries or not (body or article_credit)
    summary = draw(st.none() | sentence) if summary_may_be_null else draw(sentence)
    return Article(
        date=draw(st.dates()).isoformat(),
        headline=draw(phrase),
        summary=summary,
        byline=byline,
        countries=countries,
        body=body,
        credit=article_credit,
        tags=tuple(draw(st.lists(phrase, max_size=4))),
        also_read=tuple(draw(st.lists(phrase, max_size=4))),
        trending=tuple(draw(st.lists(trending_items(), max_size=3))),
        extra=(),
        source=NO_SOURCE,
    )


def without_source(article: Article) -> Article:
    return dataclasses.replace(article, source=NO_SOURCE)


@given(expressible())
def test_parse_of_render_gives_the_record_back(article: Article) -> None:
    assert [without_source(a) for a in parse(render(article))] == [article]


@given(st.lists(expressible(), max_size=4))
def test_rendered_articles_concatenate_into_one_dump(articles: list[Article]) -> None:
    dump = "".join(render_many(articles))
    assert [without_source(a) for a in parse(dump)] == articles


@given(st.text(), st.text())
def test_render_puts_every_value_on_its_own_line(headline: str, summary: str) -> None:
    article = Article(
        "2025-01-01", headline, summary, None, (), (), None, (), (), (), (), NO_SOURCE
    )
    text = render(article)
    assert text.endswith("\n")
    assert len(text.split("\n")) == 3  # date line, summary, and the final empty piece


def test_render_of_the_sample_is_its_canonical_text() -> None:
    sample = (FIXTURES / "real_list_sample.txt").read_text(encoding="utf-8")
    (article,) = parse(sample)
    assert render(article) == sample + "\n"  # the real dump lacks only its final newline


def test_byline_stamps_are_written_in_ist() -> None:
    byline = Byline("Reuters", None, "2025-06-02T08:35:00+00:00", None)
    assert render_byline(byline) == "Reuters | Updated: 02-06-2025 14:05 IST"
    assert render_byline(Byline(None, None, None, "not a stamp")) == "Created: not a stamp"
    no_author = Byline(None, "Pune", "2025-06-02T14:05:00+05:30", None)
    assert render_byline(no_author) == " | Pune | Updated: 02-06-2025 14:05 IST"


def test_what_is_left_out_is_documented() -> None:
    (article,) = parse((FIXTURES / "page_full.txt").read_text(encoding="utf-8"))
    assert article.extra  # furniture, caption, repeated headline
    (again,) = parse(render(article))
    assert without_source(again) == dataclasses.replace(
        without_source(article), extra=(), findings=()
    )


@pytest.mark.parametrize("name", ["page_full", "page_byline_old", "list_multi", "roundup"])
def test_export_format_dump_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["export", "--format", "dump", f"fixtures/{name}.txt"])
    assert result.exit_code == 0, result.stderr
    assert_golden(FIXTURES / "dump" / f"{name}.dump", result.stdout)
    records = runner.invoke(app, ["export", f"fixtures/{name}.txt"]).stdout.splitlines()
    again = [without_source(a).to_dict() for a in parse(result.stdout)]
    for record, back in zip([orjson.loads(line) for line in records], again, strict=True):
        for key in ("date", "headline", "summary", "byline", "countries", "tags", "also_read"):
            assert back[key] == record[key]


def test_export_format_dump_rejects_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        app, ["export", "--format", "dump", "--fields", "date", "fixtures/list_multi.txt"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "newsparse: --fields does not apply to --format dump\n"
