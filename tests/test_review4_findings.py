"""Review of d1811f1..7d51988 (review4): findings shown as strict xfail tests.

Each test states the behaviour the review expects; it is marked xfail with the
finding's reason, so that it starts to pass (and, being strict, fails the suite as
XPASS) once the finding is fixed: then drop its marker.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsparse import Article, parse
from newsparse.cli import app

runner = CliRunner()
HEAD = " date 2024-03-10 Tata Technologies IPO Opens Next Week\nThe issue opens soon.\n"
HEAD += "- Country:\n- India\n"
TAIL = "(With inputs from agencies.)\n- READ MORE ON:\n- Tata Technologies\n"


def one(text: str) -> Article:
    articles = list(parse(text, "x.txt"))
    assert len(articles) == 1, [a.headline for a in articles]
    return articles[0]


@pytest.mark.xfail(
    strict=True,
    reason="review4 #1: _is_glued_date_line splits prose where a capitalised word stands "
    "before ` date YYYY-MM-DD ` and another follows (one article became four)",
)
@pytest.mark.parametrize(
    "paragraph",
    [
        "Key dates: Opening date 2024-03-15 Closing date 2024-03-19 Listing date 2024-03-22.",
        "Dividend of Rs 5 a share. Record date 2024-03-15 Payment date 2024-04-01.",
        "Apply online before the Last date 2024-03-31 The exam follows in May.",
    ],
)
def test_prose_with_a_capitalised_word_before_date_stays_one_article(paragraph: str) -> None:
    article = one(HEAD + paragraph + "\n" + TAIL)
    assert article.body == (paragraph,)
    assert article.credit == "(With inputs from agencies.)"
    assert article.tags == ("Tata Technologies",)


@pytest.mark.xfail(
    strict=True,
    reason="review4 #2: a name list with a lower-case part (`Congo, the Democratic "
    "Republic of the`) is no longer a name: the label line itself becomes the country",
)
@pytest.mark.parametrize(
    ("label", "countries"),
    [
        (
            "- Country: Congo, the Democratic Republic of the",
            ("Congo, the Democratic Republic of the",),
        ),
        (
            "- Countries: Macedonia, the former Yugoslav Republic of",
            ("Macedonia, the former Yugoslav Republic of",),
        ),
    ],
)
def test_lower_case_iso_names_on_the_label_line(label: str, countries: tuple[str, ...]) -> None:
    article = one(f" date 2025-01-01 Head\nSummary.\n{label}\nBody.\n")
    assert article.countries == countries


@pytest.mark.xfail(
    strict=True,
    reason="review4 #2: a label line that is no name list falls through to "
    "`self.countries.append(country)` with the label text in it",
)
def test_a_label_line_is_never_a_country_with_its_label() -> None:
    text = "- Country: Turkey, which joined NATO in 1952, hosts the talks"
    article = one(f" date 2025-01-01 Head\nSummary.\n{text}\nBody.\n")
    assert not any(name.startswith(("Country:", "Countries:")) for name in article.countries)


@pytest.mark.xfail(
    strict=True,
    reason="review4 #4: a dump whose last line ends a sentence (`... the ministry said.`) "
    "and then a glued date line is not split: the next dump's article is lost into the body",
)
def test_a_glued_date_line_after_a_full_stop_starts_an_article() -> None:
    first = " date 2025-01-01 Head\nSummary.\n- Country:\n- Peru\nThe cut applies for one year."
    second = " date 2025-01-02 Other Head\nSummary two.\n"
    articles = list(parse(first + second, "x.txt"))
    assert [a.headline for a in articles] == ["Head", "Other Head"]


@pytest.mark.xfail(
    strict=True,
    reason="review4 #5: NP101 of a shared (glued) line goes to the first article only, "
    "though the replaced bytes are in the second article's headline",
)
def test_invalid_utf8_on_a_glued_date_line_is_reported_on_its_article() -> None:
    data = (
        b" date 2024-01-05 First Story Here\nThe summary.\nALSO READ\n"
        b"Related Headline One date 2024-01-06 Caf\xe9 Owners Protest\nSummary two.\n"
    )
    _first, second = parse(data, "x.txt")
    assert "\ufffd" in (second.headline or "")
    assert [f.rule for f in second.findings] == ["NP101"]


@pytest.mark.xfail(
    strict=True,
    reason="review4 #6: _read_byline.stamp keeps _STAMP's \\d strings; non-ASCII digits "
    "(int() accepted them before) now give NP004 'not a real time' and date null",
)
def test_stamps_with_non_ascii_digits_read_as_before() -> None:
    text = (
        "Harbour Cities Pledge Flood Fund\n\n"
        "Devdiscourse News Desk | Lisbon | Updated: 02-06-2025 \u0967\u096a:05 IST\n"
        "Mayors of six port cities agreed on Monday to pool money for sea walls.\n"
    )
    article = one(text)
    assert article.byline is not None
    assert article.byline.updated == "2025-06-02T14:05:00+05:30"
    assert article.date == "2025-06-02"


@pytest.mark.xfail(
    strict=True,
    reason="review4 #7: `schema --fields date,date` prints `required: [date, date]`, "
    "which is no valid JSON Schema (required items must be unique)",
)
def test_schema_fields_with_a_repeated_name_is_a_valid_schema() -> None:
    from jsonschema import Draft202012Validator

    result = runner.invoke(app, ["schema", "--fields", "date,date"])
    assert result.exit_code == 0
    Draft202012Validator.check_schema(json.loads(result.stdout))


@pytest.mark.xfail(
    strict=True,
    reason="review4 #9: _slot_init copies only __defaults__: a default_factory field "
    "gets the dataclass sentinel, kw_only and __post_init__ are ignored (no guard)",
)
def test_slot_init_refuses_or_honours_a_default_factory() -> None:
    from newsparse.model import _slot_init

    try:

        @_slot_init
        @dataclass(frozen=True, slots=True)
        class Record:
            items: list[str] = field(default_factory=list)

    except (TypeError, ValueError):
        return  # refusing it is fine too
    assert Record().items == []
    assert dataclasses.fields(Record)  # (keeps mypy quiet about the class)


@pytest.mark.xfail(
    strict=True,
    reason="review4 #3: the splitter cuts at a date line glued to furniture-only text "
    "before the first date line, then `_Splitter.emit` glues the preamble back on: the "
    "date line is read as a headline `Give Feedback date 2025-05-10 ...`, date null",
)
def test_a_date_line_glued_to_a_furniture_only_preamble() -> None:
    text = (
        "Left Menu\nGive Feedback date 2025-05-10 Regional Bank Cuts Rates Again\n"
        "The central bank cut its main rate by a quarter point on Friday.\n"
    )
    article = one(text)
    assert (article.date, article.headline) == ("2025-05-10", "Regional Bank Cuts Rates Again")


@pytest.mark.xfail(
    strict=True,
    reason="review4 #8: a discovered pyproject.toml whose tool.newsparse is no table is "
    "iterated by Config.check (`tool.newsparse.s: unknown key`), and `tool = ...` that "
    "is no table is an internal error (AttributeError)",
)
@pytest.mark.parametrize("toml", ['[tool]\nnewsparse = "strict"\n', 'tool = "newsparse"\n'])
def test_a_pyproject_whose_newsparse_table_is_no_table(tmp_path: Path, toml: str) -> None:
    from newsparse.config import load_config
    from newsparse.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match="expected a table"):
        load_config(start=tmp_path)
