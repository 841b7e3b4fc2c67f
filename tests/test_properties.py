"""Property tests: the parser's guarantees on generated and arbitrary input.

* it never raises, on any text or bytes;
* nothing is lost: every non-blank line lands in a field or in `extra`;
* line numbers are sound: articles are in order, `extra` lines lie inside their article;
* export -> json.loads gives back `to_dict()`.
"""

from __future__ import annotations

import io
import json
import string
from typing import Any
from unittest import mock

import orjson
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from newsparse import Article, parse
from newsparse.export import ExportFormat, write_records
from newsparse.parser import (
    _DATE_LINE,
    _MARKERS,
    _drop_invisible,
    _inline_country,
    _inline_tag,
    read_article,
)
from newsparse.schema import record_schema

PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

words = st.text(alphabet=string.ascii_letters + "’'–éü", min_size=1, max_size=9)
phrase = st.lists(words, min_size=1, max_size=9).map(" ".join)
sentence = phrase.map(lambda text: text[0].upper() + text[1:] + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
day = st.dates().map(lambda d: d.strftime("%d-%m-%Y"))
stamp = st.builds(
    lambda d, h, m: f"{d} {h:02d}:{m:02d} IST", day, st.integers(0, 23), st.integers(0, 59)
)
bullet = st.sampled_from(["- ", "  • ", "• ", "-  "])

line_kinds = st.one_of(
    st.builds(lambda d, h: f" date {d.isoformat()} {h}", st.dates(), phrase),
    st.builds(lambda d: f" date {d.isoformat()} Left Menu", st.dates()),
    st.builds(lambda d, h: f" date\u00a0{d.isoformat()}\u00a0{h}", st.dates(), phrase),
    st.builds(lambda d, p: f"date {d.isoformat()} {p}", st.dates(), paragraph),
    st.just(" date 2025-02-30 Not a Day"),
    phrase,
    paragraph,
    st.builds(lambda b, p: b + p, bullet, phrase),
    st.sampled_from(
        [
            "- Country:",
            "  • Country:",
            "- Country: Peru",
            "- READ MORE ON: floods",
            "- READ MORE ON:",
            "  • READ MORE ON:",
            "ALSO READ",
            "TRENDING",
            "Left Menu",
            "Give Feedback",
            "Give\u00a0Feedback",
            "Devdiscourse",
            "(With inputs from PTI)",
            "(With inputs from agencies.)",
            "Representative Image Image Credit: Pxhere",
            "1",
            "2",
            " Global",
            "",
            "",
            "   ",
        ]
    ),
    st.builds(lambda a, s: f"{a} | Updated: {s}", phrase, stamp),
    st.builds(
        lambda a, p, u, c: f"{a} | {p} | Updated: {u} | Created: {c}", phrase, phrase, stamp, stamp
    ),
    st.builds(lambda s: f"Updated: {s}", stamp),
    # A byline the dump stops in, anywhere.
    st.builds(
        lambda a, p, s, n: f"{a} | {p} | Updated: {s}"[:n],
        phrase,
        phrase,
        stamp,
        st.integers(1, 80),
    ),
    st.builds(lambda p: f"({p})", phrase),
    st.text(max_size=40).map(lambda text: text.replace("\n", " ").replace("\r", " ")),
    # A dump's last line with the next dump's date line glued to it (`cat`).
    st.builds(
        lambda p, d, h: f"{p.title()} date {d.isoformat()} {h.title()}", phrase, st.dates(), phrase
    ),
    st.builds(lambda p, d, h: f"{p} date {d.isoformat()} {h}", phrase, st.dates(), phrase),
    st.builds(
        lambda s, d, h: f"{s} date {d.isoformat()} {h.title()}", sentence, st.dates(), phrase
    ),
    st.sampled_from(
        [
            "- Countries: India, Pakistan",
            "- Country: Congo, the Democratic Republic of the",
            "Key dates: Opening date 2024-03-15 Closing date 2024-03-19 Listing date 2024-03-22.",
            "Record date 2024-03-15 Payment date 2024-04-01",
            "Country: Korea, Republic of, Japan",
            "  • Countries: Sudan, South Sudan and Ethiopia",
            "1971",
            "2024",
            "3",
            "\u00b2",
            "\u0661",
            "ALS",
            "- RE",
            "TR",
            "ALSO\u2060 READ",
            "ALSO\u200dREAD",
            "\u2060",
        ]
    ),
)
dumps = st.lists(line_kinds, max_size=60).map("\n".join)


def strings_of(record: dict[str, Any]) -> set[str]:
    """Every string value in a record, stripped."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record)
    return found


def expected_pieces(line: str) -> list[str]:
    """What of an input line must reappear as a whole string somewhere in the record."""
    text = _drop_invisible(line).strip()  # (zero-width spaces and word joiners are no text)
    if not text or text.isdigit():
        return []  # blank, or a TRENDING item number (structure, not content)
    if text in _MARKERS:
        return []  # a section label in any of its spellings (`Countries`, `• READ MORE ON`)
    if (name := _inline_country(text)) is not None or (name := _inline_tag(text)) is not None:
        # `- Country: India, Pakistan`, `- READ MORE ON: floods, rain`: each item inside
        # some string of the record (`Korea` of `Korea, Republic of` too), or the line
        # kept whole. Split here the simplest way, not as the parser does.
        return [INSIDE + item for item in LIST_ITEM_SEPARATOR.split(name) if item]
    if (date_line := _DATE_LINE.match(text)) is not None:
        rest = date_line.group(2).strip()
        return [rest] if rest else []
    if "Updated:" in text or "Created:" in text:
        return [part.strip() for part in text.split("|") if ":" not in part and part.strip()]
    if "|" in text:  # a byline cut off at the end of the dump, or text kept whole
        return [part.strip() for part in text.split("|") if part.strip()]
    if len(text) > 1 and text[0] in "-•" and text[1] in " \t":
        return [text]  # kept whole in the body, or unbulleted in a list: either is checked
    return [text]


#: Marks a piece that must appear inside some string of the record, not as a whole one.
INSIDE = "\x00inside:"
LIST_ITEM_SEPARATOR = regex.compile(r"[ \t\u00a0]*[,;][ \t\u00a0]*| (?:and|&) ")
#: Where a date line glued to the end of a line starts (the last such date: a line that
#: lists dates is prose), found the simplest way.
GLUED_DATE = regex.compile(r".*[ \t\u00a0](date[ \t\u00a0]+\d{4}-\d\d-\d\d)")


def accounted(piece: str, found: set[str]) -> bool:
    if piece.startswith(INSIDE):
        item = piece.removeprefix(INSIDE)
        return any(item in text for text in found)
    if piece in found:
        return True
    if piece[:1] in "-•":
        return piece[1:].strip() in found
    # A byline part that is no valid stamp stays inside the author or place text, or,
    # a stamp the dump stops in, is quoted in the NP004 finding.
    return any(piece in text for text in found if "|" in text) or any(
        f"({piece!r})" in text for text in found if text.startswith("byline ")
    )


@PROPERTY_SETTINGS
@given(dumps)
def test_nothing_is_lost(dump: str) -> None:
    articles = list(parse(dump))
    records = [article.to_dict() for article in articles]
    lines = dump.split("\n")
    for number, line in enumerate(lines, start=1):
        owners = [r for r in records if r["source"]["line"] <= number <= r["source"]["end_line"]]
        pieces = expected_pieces(line)
        if len(owners) > 1:
            # A date line glued to the end of this line: the line's two parts.
            glued = GLUED_DATE.match(line)
            assert glued, f"line {number} {line!r} is shared but holds no date line"
            at = glued.start(1)
            pieces = expected_pieces(line[:at]) + expected_pieces(line[at:])
        if not pieces:
            continue
        assert owners, f"line {number} {line!r} belongs to no article"
        found = set().union(*map(strings_of, owners))
        text = line.strip()
        if text in found or (text[:1] in "-•" and text[1:].strip() in found):
            continue  # kept whole (a paragraph, a headline, `extra`), or as a list item
        for piece in pieces:
            assert accounted(piece, found), f"line {number} {line!r} lost"


@PROPERTY_SETTINGS
@given(dumps)
def test_line_numbers_are_sound(dump: str) -> None:
    assert_sound(list(parse(dump)))


def assert_sound(articles: list[Article]) -> None:
    """Articles in order and apart; each `extra` line once, inside its article.

    Two articles share a line only where a date line was glued to the end of the line
    before it (dumps joined with `cat`, the first without a final newline).
    """
    previous_end = 0
    for index, article in enumerate(articles):
        source = article.source
        assert source.index == index
        assert previous_end <= source.line <= source.end_line
        assert previous_end < source.line or article.date is not None
        previous_end = source.end_line
        numbers = [item.line for item in article.extra]
        assert numbers == sorted(set(numbers))
        assert all(source.line <= n <= source.end_line for n in numbers)


@PROPERTY_SETTINGS
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    for article in parse(text):
        assert isinstance(article, Article)


@PROPERTY_SETTINGS
@given(st.binary())
def test_never_raises_on_any_bytes(data: bytes) -> None:
    for article in parse(data):
        assert isinstance(article, Article)


@PROPERTY_SETTINGS
@given(dumps)
def test_export_round_trips_and_validates(dump: str) -> None:
    articles = list(parse(dump))
    validator = Draft202012Validator(record_schema())
    jsonl = io.BytesIO()
    write_records(articles, jsonl, ExportFormat.JSONL)
    lines = jsonl.getvalue().decode("utf-8").split("\n")[:-1]
    assert [json.loads(line) for line in lines] == [a.to_dict() for a in articles]
    array = io.BytesIO()
    write_records(articles, array, ExportFormat.JSON)
    assert orjson.loads(array.getvalue()) == [json.loads(line) for line in lines]
    for line in lines:
        validator.validate(json.loads(line))


def general_reading(text: str) -> Article:
    """The general reader alone, without the list-layout shortcut."""
    with mock.patch("newsparse.parser._read_list_layout", return_value=None):
        return read_article(text)


list_body_line = st.one_of(
    paragraph,
    paragraph,
    st.sampled_from(
        [
            "(With inputs from agencies.)",
            "(With inputs from PTI)",
            "(Reporting by A; Editing by B)",
            "(a remark)",
            "Left Menu",
            "Give Feedback",
            "Photo Image Credit: ANI",
            "",
            "- a bullet",
            "TRENDING",
            "  • Country:",
            "- Country: Peru",
            "- READ MORE ON: rain",
            "(This story has not been edited by Devdiscourse staff.)",
        ]
    ),
    st.builds(lambda p: f"({p})", phrase),
)
list_articles = st.builds(
    lambda date, headline, summary, countries, body, tags, also: "\n".join(
        [f" date {date.isoformat()} {headline}", summary, "- Country:"]
        + [f"- {c}" for c in countries]
        + body
        + (["- READ MORE ON:", *tags] if tags is not None else [])
        + (["ALSO READ", *also] if also is not None else [])
    ),
    st.dates(),
    st.one_of(phrase, st.sampled_from(["Left Menu", "A headline. With two sentences in it here."])),
    st.one_of(
        paragraph,
        st.sampled_from(["", "- Country:", "Image Credit: X", "Updated: 01-01-2020", "Left Menu"]),
    ),
    st.lists(st.one_of(phrase, st.just("Country: Chile")), max_size=3),
    st.lists(list_body_line, max_size=6),
    st.one_of(
        st.none(),
        st.lists(
            st.builds(lambda b, p: b + p, bullet, phrase) | phrase | st.sampled_from(["-", "•"]),
            max_size=5,
        ),
    ),
    st.one_of(
        st.none(), st.lists(st.one_of(phrase, st.sampled_from(["Give Feedback", "-"])), max_size=4)
    ),
)


@PROPERTY_SETTINGS
@given(list_articles)
def test_list_layout_shortcut_agrees_with_the_general_reader(text: str) -> None:
    [article] = parse(text) or [None]
    assert article == general_reading(text)
