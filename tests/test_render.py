"""The rich views, rendered at a fixed width and compared with tests/golden/print/."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse import Article, parse, parse_file
from newsparse.render import (
    article_panel,
    console_environ,
    format_stamp,
    meta_line,
    new_console,
    output_console,
    print_list,
    print_panels,
    visible,
)
from newsparse.tagging import Tagger

from .conftest import FIXTURES, assert_golden

GOLDEN = Path(__file__).parent / "golden" / "print"
REAL = FIXTURES / "real_list_sample.txt"
PAGE = FIXTURES / "print" / "page_layout.dump"
FINDINGS = FIXTURES / "print" / "findings.dump"
WIDTH = 80


def relative(path: Path) -> str:
    """Fixture paths as the README's commands give them, so goldens don't hold /tmp paths."""
    return str(path.relative_to(FIXTURES.parent))


def articles(*paths: Path) -> list[Article]:
    return list(itertools.chain.from_iterable(parse_file(relative(path)) for path in paths))


def render_panels(
    items: list[Article], color: str = "never", highlight: regex.Pattern[str] | None = None
) -> str:
    buffer = io.StringIO()
    console = output_console(color, file=buffer, width=WIDTH)
    # As `newsparse print` does: the tagging fields under the meta line.
    derive = Tagger({}, mentions=True).derive
    print_panels(console, enumerate(items), highlight=highlight, derive=derive)
    return buffer.getvalue()


def render_list(items: list[Article], width: int = 100, batch: int = 100) -> str:
    buffer = io.StringIO()
    print_list(output_console("never", file=buffer, width=width), enumerate(items), batch=batch)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent)
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.mark.parametrize(
    ("fixture", "golden"),
    [
        (REAL, "real_list_sample.txt"),
        (PAGE, "page_layout.txt"),
        (FINDINGS, "findings.txt"),
    ],
)
def test_panel_view_matches_golden(fixture: Path, golden: str) -> None:
    assert_golden(GOLDEN / golden, render_panels(articles(fixture)))


def test_panel_with_colour_matches_golden() -> None:
    text = render_panels(articles(FINDINGS), color="always")
    assert "\x1b[" in text
    assert_golden(GOLDEN / "findings.ansi.txt", text)


def test_plain_output_has_no_escape_codes() -> None:
    assert "\x1b" not in render_panels(articles(REAL, PAGE, FINDINGS))


def test_auto_colour_on_a_file_is_plain() -> None:
    buffer = io.StringIO()
    print_panels(output_console("auto", file=buffer, width=WIDTH), enumerate(articles(REAL)))
    assert "\x1b" not in buffer.getvalue()


def test_no_color_drops_colours_but_keeps_bold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    buffer = io.StringIO()
    print_panels(output_console("auto", file=buffer, width=WIDTH), enumerate(articles(REAL)))
    text = buffer.getvalue()
    assert "\x1b[1m" in text  # the headline is still bold
    assert not regex.search(r"\x1b\[[0-9;]*3[0-7]m|\x1b\[[0-9;]*38;", text)


def test_color_always_beats_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    text = render_panels(articles(REAL), color="always")
    assert regex.search(r"\x1b\[[0-9;]*(3[0-7]|38;5;\d+)m", text)


def test_console_environ_leaves_out_a_bad_columns_or_lines() -> None:
    assert console_environ({"COLUMNS": "120", "LINES": "40", "TERM": "xterm"}) is None
    assert console_environ({"TERM": "xterm"}) is None
    assert console_environ({"COLUMNS": "10000"}) is None
    for bad in ("0", "000", "-1", "abc", "", " 80", "+80", "²", "８０", "1e3", "10001"):
        assert console_environ({"COLUMNS": bad, "LINES": "40"}) == {"LINES": "40"}
        assert console_environ({"COLUMNS": "100", "LINES": bad}) == {"COLUMNS": "100"}


def test_a_console_with_columns_0_falls_back_to_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    assert output_console("never", file=io.StringIO()).width == 80
    assert new_console(file=io.StringIO()).width == 80
    monkeypatch.setenv("COLUMNS", "100")
    assert output_console("never", file=io.StringIO()).width == 100


def test_unknown_colour_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="auto, always or never"):
        output_console("sometimes")


def test_findings_appear_as_warnings_in_line_order() -> None:
    text = render_panels(articles(FINDINGS))
    date_warning = text.index("⚠ line 1: date 2025-02-30")
    utf8_warning = text.index("⚠ line 6: invalid UTF-8")
    assert date_warning < utf8_warning
    assert "⚠ line 8: no headline found [NP010 error]" in text
    assert "(no headline)" in text


def test_panel_title_is_path_and_line_and_subtitle_the_number() -> None:
    text = render_panels(articles(FINDINGS))
    assert "╭─ fixtures/print/findings.dump:8 " in text
    assert " #1 ─╯" in text


def test_meta_line_holds_date_byline_countries_and_tags() -> None:
    (article,) = articles(PAGE)
    assert meta_line(article).plain == (
        "2025-06-02 · Devdiscourse News Desk, Lisbon · created 2025-06-02 14:05 IST"
        " · Portugal, Netherlands · tags: flood defence, ports, climate adaptation"
    )


def test_meta_line_without_anything_says_no_date() -> None:
    (article,) = parse("Just one paragraph of body text, nothing else.\n")
    assert meta_line(article).plain == "no date"


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2025-06-02T14:05:00+05:30", "2025-06-02 14:05 IST"),
        ("2025-06-02T08:35:00+00:00", "2025-06-02 08:35 +00:00"),
        ("2025-06-02", "2025-06-02"),
    ],
)
def test_format_stamp(stamp: str, shown: str) -> None:
    assert format_stamp(stamp) == shown


def test_long_lists_are_cut_short() -> None:
    also_read = "\n".join(f"Related headline number {n}" for n in range(9))
    (article,) = parse(f" date 2025-01-01 Headline\nBody.\nALSO READ\n{also_read}\n")
    text = render_panels([article])
    assert "Related headline number 4" in text
    assert "Related headline number 5" not in text
    assert "… 4 more" in text


def test_grep_matches_are_highlighted_in_colour_only() -> None:
    pattern = regex.compile("Türkiye", regex.IGNORECASE)
    (article,) = articles(PAGE)
    coloured = render_panels([article], color="always", highlight=pattern)
    plain = render_panels([article], highlight=pattern)
    assert plain == render_panels([article])
    assert "Türkiye" in plain
    assert coloured != render_panels([article], color="always")


def test_article_panel_without_number_has_no_subtitle() -> None:
    (article,) = articles(REAL)
    buffer = io.StringIO()
    output_console("never", file=buffer, width=WIDTH).print(article_panel(article))
    assert "#0" not in buffer.getvalue()


def test_list_view_matches_golden() -> None:
    assert_golden(GOLDEN / "list.txt", render_list(articles(REAL, PAGE, FINDINGS)))


def test_list_view_narrow_matches_golden() -> None:
    assert_golden(GOLDEN / "list-60.txt", render_list(articles(REAL, PAGE, FINDINGS), width=60))


def test_list_rows_never_exceed_the_width() -> None:
    for width in (40, 60, 80, 100, 160):
        for line in render_list(articles(REAL, PAGE, FINDINGS), width=width).splitlines():
            assert len(line) <= width


def test_list_batches_line_up_with_the_first() -> None:
    items = articles(REAL, PAGE, FINDINGS)
    assert render_list(items, batch=1) == render_list(items, batch=100)


def numbered_list(
    numbered: list[tuple[int, Article]], width: int = 80, **options: int | None
) -> list[str]:
    buffer = io.StringIO()
    console = output_console("never", file=buffer, width=width)
    print_list(console, numbered, **options)  # type: ignore[arg-type]
    return buffer.getvalue().splitlines()


def test_list_numbers_past_the_first_batch_are_never_cut() -> None:
    # Streaming: widths come from the first batch (numbers 990 to 999), yet 1000 and
    # 10000 later must show whole: the column widens, the rows keep the width.
    (article,) = parse(" date 2025-01-01 A headline\nBody.\n", path="a.txt")
    numbers = [*range(990, 1003), 9999, 10000, 123456]
    lines = numbered_list([(number, article) for number in numbers], batch=10)
    rows = lines[2:]
    assert [row.split()[0] for row in rows] == [str(number) for number in numbers]
    assert all(len(row) <= 80 and "…" not in row.split()[0] for row in rows)
    # Rows are only realigned when a wider number comes, and stay 80 cells at most.
    assert rows[0].index("2025") == rows[9].index("2025") < rows[10].index("2025")


def test_list_number_column_sized_from_the_expected_largest_number() -> None:
    (article,) = parse(" date 2025-01-01 A headline\nBody.\n", path="a.txt")
    numbered = [(number, article) for number in range(995, 1005)]
    lines = numbered_list(numbered, batch=3, largest_number=20000)
    assert lines[0].startswith("    #  date")
    assert len({row.index("2025") for row in lines[2:]}) == 1
    assert [row.split()[0] for row in lines[2:]] == [str(n) for n, _ in numbered]
    # Without the estimate the column widens at 1000 instead: no number is cut.
    lines = numbered_list(numbered, batch=3)
    assert [row.split()[0] for row in lines[2:]] == [str(n) for n, _ in numbered]


def test_list_paragraph_counts_and_source_lines_are_never_cut() -> None:
    (short,) = parse(" date 2025-01-01 Short\nBody.\n", path="a.txt")
    body = "".join(f"Paragraph {n} is here.\n" for n in range(121))  # 1 summary
    (long,) = parse("\n" * 1234567 + f" date 2025-01-01 Long\n{body}", path="a.txt")
    assert (len(long.body), long.source.line) == (120, 1234568)
    for width in (60, 80, 100):
        lines = numbered_list([(0, short), (1, long)], batch=1, width=width)
        paragraphs, source = lines[3].split()[-2:]
        assert paragraphs == "120"
        assert source.endswith(":1234568")  # the path may be cut on the left, not the line
        assert all(len(line) <= width for line in lines)


def test_list_of_nothing_prints_nothing() -> None:
    assert render_list([]) == ""


def test_long_source_paths_keep_their_end() -> None:
    (article,) = parse(" date 2025-01-01 A\nB.\n", path="a/" * 40 + "dump.txt")
    text = render_list([article], width=100)
    assert "/dump.txt:1" in text
    assert "…" in text


def test_control_characters_never_reach_the_terminal() -> None:
    dump = (
        " date 2025-01-01 Evil \x1b[31mred\x1b[0m headline\x07\nBody \x1b]0;title\x07 and \x9b.\n"
    )
    items = list(parse(dump))
    for text in (render_panels(items), render_list(items)):
        assert not regex.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
        assert "Evil ␛[31mred␛[0m headline␇" in text
    assert visible("a\tb\nc\x00\x7f\x85") == "a\tb\nc␀␡\ufffd"


def test_broken_pipe_is_raised_not_exited() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    console = output_console("never", file=Closed(), width=WIDTH)
    with pytest.raises(BrokenPipeError):
        print_panels(console, enumerate(articles(REAL)))


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    import sys

    from rich.cells import get_character_cell_size

    from newsparse.render import _ONE_CELL

    wrong = [
        hex(point)
        for point in range(sys.maxunicode + 1)
        if _ONE_CELL.fullmatch(chr(point)) and get_character_cell_size(chr(point)) != 1
    ]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))),
    st.integers(min_value=1, max_value=40),
    st.booleans(),
)
def test_list_cells_fit_like_rich_text(text: str, width: int, right: bool) -> None:
    # What the list view did with a rich Text per cell, before plain strings.
    from rich.text import Text

    from newsparse.render import _fit

    cell = Text(text)
    cell.truncate(width, overflow="ellipsis")
    if right:
        cell.pad_left(width - cell.cell_len)
    else:
        cell.pad_right(width - cell.cell_len)
    assert _fit(text, width, right) == cell.plain
