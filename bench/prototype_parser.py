"""The streaming parser: text chunks in, `Article` records out, in input order.

Splitting. Every date line (optional indentation, `date`, an ISO date) starts a new
article; text before the first date line is an article of its own unless it is only
page furniture, which then joins the first article. A dump with no date line is one
article. Articles are found with one literal-prefixed pattern over each chunk and
yielded as soon as the next date line (or the end of input) closes them, so memory
holds one article and one chunk, however large the input.

Reading an article. Both layouts of FORMAT.md are read by one state machine:

* the *header*: date line, furniture, headline, summary, byline (all three shapes),
  the repeated headline, image captions and the country block (labelled or not);
* the *body*: paragraphs up to the first trailer marker; the last credit line
  `( ... )` closes it;
* the *trailers*: `READ MORE ON` tags, `ALSO READ` headlines, `TRENDING` items.

Nothing is silently lost: every non-blank line lands in exactly one field, or in
`extra` with its line number. The parser never raises on any text; what it notices
(invalid UTF-8, no headline, a date that is not a real day) is kept on the record as
`findings` for `validate` to report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from newsparse.errors import InputError
from newsparse.inputs import (
    STDIN,
    Decoder,
    InputFile,
    describe,
    normalise_newlines,
    open_binary,
    read_chunks,
    read_errors,
    text_chunks,
)
from newsparse.model import (
    Article,
    Byline,
    ExtraLine,
    Finding,
    Severity,
    Source,
    TrendingItem,
)

# Rule ids of the problems the parser itself notices; `rules` describes them.
INVALID_UTF8 = "NP101"
INVALID_DATE = "NP002"
INVALID_STAMP = "NP004"
NO_HEADLINE = "NP010"

# `re` rather than `regex` here: these patterns are ASCII and on the hot path, where
# the standard engine's literal-prefix search is several times faster.
_DATE_PREFIX = re.compile(r"date[ \t]+\d{4}-\d\d-\d\d(?=[ \t\n]|$)")
_DATE_LINE = re.compile(r"[ \t]*date[ \t]+(\d{4})-(\d\d)-(\d\d)(?=[ \t]|$)[ \t]*(.*)")
_STAMP = re.compile(
    r"(Updated|Created):\s*(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*(?:IST)?\s*$"
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"'“‘(]?[A-Z0-9]")
_PARAGRAPH_END = (".", '."', ".”", ".'", ".’", ".)", "!", '!"', "!”", "?", '?"', "?”")
_CAPTION = re.compile(
    r"Image Credit:|^Representative Image\b|This image is AI-generated|^Image:|^Photo:|^File Photo"
)
_CAPTION_PREFIXES = ("Representative Image", "Image:", "Photo:", "File Photo")


def _is_caption(text: str) -> bool:
    """`_CAPTION.search(text)`, with substring tests first: an alternation of anchored
    and unanchored branches defeats `re`'s literal-prefix scan, so the regex tried
    every branch at every position of every body paragraph."""
    return (
        "Image Credit:" in text
        or "This image is AI-generated" in text
        or (text.startswith(_CAPTION_PREFIXES) and _CAPTION.search(text) is not None)
    )


_CREDIT = re.compile(
    r"\((?:With (?:inputs?|agency inputs) from|With agency inputs|Inputs from"
    r"|This story has not been edited|Reporting by|Written by|Edited by|Compiled by)",
    re.IGNORECASE,
)
_FURNITURE = frozenset(
    {
        "Left Menu",
        "Development News Edition",
        "Devdiscourse",
        "Give Feedback",
        "International Development News",
        "VisionRI - Urban Development",
        "Right Menu",
        "Search",
    }
)
_FURNITURE_PREFIXES = ("VisionRI - ", "VisionRI – ")

_HEADER, _BODY, _COUNTRIES, _TAGS, _ALSO_READ, _TRENDING = range(6)
_BULLETS = ("-", "•", "–", "*")


def _marker_table() -> dict[str, int]:
    table: dict[str, int] = {"ALSO READ": _ALSO_READ, "TRENDING": _TRENDING}
    for label, state in (("READ MORE ON:", _TAGS), ("Country:", _COUNTRIES)):
        for variant in (label, label.rstrip(":"), label.upper(), label.title()):
            table[variant] = state
            for bullet in _BULLETS:
                table[f"{bullet} {variant}"] = state
                table[f"{bullet}{variant}"] = state
    for bullet in _BULLETS:
        table[f"{bullet} Countries:"] = _COUNTRIES
    table["Countries:"] = _COUNTRIES
    return table


_MARKERS = _marker_table()


def is_furniture(text: str) -> bool:
    """Page furniture: site chrome that is never article content."""
    return text in _FURNITURE or text.startswith(_FURNITURE_PREFIXES)


def _is_bullet(text: str) -> bool:
    return len(text) > 1 and text[0] in _BULLETS and text[1] in " \t"


def _unbullet(text: str) -> str:
    """`- Turkey` -> `Turkey`: drop one bullet and the space after it, nothing more."""
    return text[2:] if _is_bullet(text) else text


def _looks_like_paragraph(text: str) -> bool:
    """Body text rather than a headline: ends a sentence and holds several, or is long."""
    if not text.endswith(_PARAGRAPH_END):
        return len(text) > 300
    return len(text) > 150 or (len(text) >= 80 and _SENTENCE_BREAK.search(text) is not None)


def _looks_like_bare_caption(text: str) -> bool:
    """A name under a photo (`Prime Minister Narendra Modi`): short, not a sentence."""
    return (
        len(text) <= 60
        and text.count(" ") < 8
        and not text.endswith((".", "!", "?", ":", ";", ",", '"', "”", ")"))
        and not _is_bullet(text)
    )


def _credit_like(text: str) -> bool:
    return text.startswith("(") and text.endswith(")") and _CREDIT.match(text) is not None


def _real_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class _ArticleReader:
    """Reads the lines of one article into fields; one instance per article."""

    def __init__(self, lines: list[str], first_line: int, path: str) -> None:
        self.lines = lines
        self.first_line = first_line
        self.path = path
        self.date: str | None = None
        self.headline: str | None = None
        self.summary: str | None = None
        self.byline: Byline | None = None
        self.countries: list[str] = []
        self.body: list[str] = []
        self.credit: str | None = None
        self.credit_line = 0
        self.after_credit: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.also_read: list[str] = []
        self.trending: list[TrendingItem] = []
        self.extra: list[ExtraLine] = []
        self.findings: list[Finding] = []
        self.body_from_date_line = False

    # -- helpers -------------------------------------------------------------------

    def lineno(self, index: int) -> int:
        return self.first_line + index

    def keep_extra(self, index: int, text: str) -> None:
        self.extra.append(ExtraLine(self.lineno(index), text))

    def finding(self, rule: str, severity: Severity, message: str, index: int) -> None:
        self.findings.append(Finding(rule, severity, message, self.path, self.lineno(index)))

    def next_filled(self, index: int) -> int:
        """Index of the first non-blank line at or after `index` (len(lines) if none)."""
        lines = self.lines
        while index < len(lines) and not lines[index].strip():
            index += 1
        return index

    # -- reading -------------------------------------------------------------------

    def read(self) -> None:
        start = self.read_date_line()
        body_start = start if self.body_from_date_line else self.read_header(start)
        self.read_rest(body_start)
        self.close_body()

    def read_date_line(self) -> int:
        """Take date and headline from a date line; return the index after it."""
        match = _DATE_LINE.match(self.lines[0])
        if match is None:
            return 0
        year, month, day, rest = match.groups()
        real = _real_date(int(year), int(month), int(day))
        if real is None:
            self.finding(
                INVALID_DATE,
                Severity.ERROR,
                f"date {year}-{month}-{day} on the date line is not a real calendar day",
                0,
            )
        else:
            self.date = real.isoformat()
        rest = rest.strip()
        if not rest:
            pass
        elif is_furniture(rest):
            self.keep_extra(0, rest)
        elif _looks_like_paragraph(rest):
            self.body.append(rest)
            self.body_from_date_line = True
        else:
            self.headline = rest
        return 1

    def find_byline(self, start: int) -> int:
        """Index of the byline among the first lines of the header, or -1."""
        lines = self.lines
        seen = 0
        for index in range(start, len(lines)):
            text = lines[index].strip()
            if not text:
                continue
            if text in _MARKERS or _is_bullet(text):
                return -1
            if ("Updated:" in text or "Created:" in text) and _STAMP.search(text):
                return index
            seen += 1
            if seen > 8:
                return -1
        return -1

    def read_header(self, start: int) -> int:
        """Read headline, summary, byline, captions and countries; return body start."""
        byline_at = self.find_byline(start)
        if byline_at < 0:
            index = self.read_plain_header(start)
        else:
            index = self.read_byline_header(start, byline_at)
        return self.read_country_block(index)

    def header_candidates(self, start: int, stop: int) -> list[tuple[int, str]]:
        """Non-blank lines in [start, stop) with furniture and captions set aside."""
        candidates = []
        for index in range(start, stop):
            text = self.lines[index].strip()
            if not text:
                continue
            if is_furniture(text) or _is_caption(text):
                self.keep_extra(index, text)
            else:
                candidates.append((index, text))
        return candidates

    def read_plain_header(self, start: int) -> int:
        """Header with no byline: headline (unless the date line had it) and summary."""
        index = start
        wanted = ["summary"] if self.headline is not None else ["headline", "summary"]
        lines = self.lines
        while wanted:
            index = self.next_filled(index)
            if index >= len(lines):
                return index
            text = lines[index].strip()
            if text in _MARKERS or _is_bullet(text):
                break
            if wanted[0] == "headline" and _looks_like_paragraph(text):
                # Body paragraphs only: no headline, and no summary either.
                return index
            if is_furniture(text) or _is_caption(text):
                self.keep_extra(index, text)
            else:
                setattr(self, wanted.pop(0), text)
            index += 1
        return self.skip_captions(index, bare_names=False)

    def read_byline_header(self, start: int, byline_at: int) -> int:
        candidates = self.header_candidates(start, byline_at)
        self.byline = self.parse_byline(self.lines[byline_at].strip(), byline_at, candidates)

        index = self.next_filled(byline_at + 1)
        repeated = self.lines[index].strip() if index < len(self.lines) else None
        texts = [text for _, text in candidates]
        headline_pos = -1
        summary_pos = -1
        if self.headline is not None:
            # The date line had the headline: the summary stands right above the byline.
            rest = [pos for pos, text in enumerate(texts) if text != self.headline]
            summary_pos = rest[-1] if rest else -1
        elif repeated is not None and repeated in texts:
            headline_pos = texts.index(repeated)
            summary_pos = headline_pos + 1
        elif len(texts) >= 2:
            headline_pos, summary_pos = len(texts) - 2, len(texts) - 1
        elif texts:
            if _looks_like_paragraph(texts[0]):
                summary_pos = 0
            else:
                headline_pos = 0
        if headline_pos >= 0:
            self.headline = texts[headline_pos]
        if repeated is not None and repeated == self.headline:
            self.keep_extra(index, repeated)
            index += 1
        for pos, (line_index, text) in enumerate(candidates):
            if pos == summary_pos:
                self.summary = text
            elif pos != headline_pos:
                self.keep_extra(line_index, text)
        return self.skip_captions(index, bare_names=True)

    def parse_byline(self, text: str, index: int, candidates: list[tuple[int, str]]) -> Byline:
        stamps: dict[str, str | None] = {"Updated": None, "Created": None}
        names: list[str] = []
        for part in text.split("|"):
            part = part.strip()
            match = _STAMP.match(part)
            if match is None:
                if part:
                    names.append(part)
                continue
            kind, day, month, year, hour, minute = match.groups()
            stamps[kind] = self.stamp(kind, int(year), int(month), int(day), hour, minute, index)
        if not names and candidates:
            # Old pages: the author stands alone on the line above the stamp.
            author_line = candidates[-1][1]
            if _looks_like_bare_caption(author_line):
                candidates.pop()
                names.append(author_line)
        author = names[0] if names else None
        place = " | ".join(names[1:]) or None
        if self.date is None:
            for kind in ("Created", "Updated"):
                stamp = stamps[kind]
                if stamp is not None:
                    self.date = stamp[:10]
                    break
        return Byline(author, place, stamps["Updated"], stamps["Created"])

    def stamp(
        self,
        kind: str,
        year: int,
        month: int,
        day: int,
        hour: str | None,
        minute: str | None,
        index: int,
    ) -> str | None:
        try:
            moment = dt.datetime(year, month, day, int(hour or 0), int(minute or 0), tzinfo=_IST)
        except ValueError:
            self.finding(
                INVALID_STAMP,
                Severity.ERROR,
                f"byline {kind}: {day:02d}-{month:02d}-{year} {hour or '00'}:{minute or '00'}"
                " is not a real time",
                index,
            )
            return None
        return moment.isoformat()

    def skip_captions(self, index: int, *, bare_names: bool) -> int:
        """Set image captions aside; return the index of the first line after them."""
        lines = self.lines
        while True:
            index = self.next_filled(index)
            if index >= len(lines):
                return index
            text = lines[index].strip()
            if text in _MARKERS:
                return index
            if (
                is_furniture(text)
                or _is_caption(text)
                or (bare_names and _looks_like_bare_caption(text))
            ):
                self.keep_extra(index, text)
                index += 1
                continue
            return index

    def read_country_block(self, index: int) -> int:
        """A `Country:` label and its bullets, or bullets alone; return the next index."""
        index = self.next_filled(index)
        if index >= len(self.lines):
            return index
        text = self.lines[index].strip()
        if _MARKERS.get(text) == _COUNTRIES:
            index += 1
        elif not _is_bullet(text):
            return index
        lines = self.lines
        while index < len(lines):
            text = lines[index].strip()
            if text:
                if not _is_bullet(text) or text in _MARKERS:
                    break
                self.countries.append(_unbullet(text))
            index += 1
        return index

    def read_rest(self, start: int) -> None:
        """Body and trailers: a loop over the remaining lines with a section state."""
        lines = self.lines
        state = _BODY
        markers = _MARKERS
        trending_title: str | None = None
        trending_region: str | None = None
        trending_number = -1
        for index in range(start, len(lines)):
            raw = lines[index]
            text = raw.strip()
            if not text:
                continue
            marker = markers.get(text)
            if marker is not None:
                if state == _TRENDING and trending_number >= 0:
                    self.close_trending(trending_number, trending_title, trending_region)
                    trending_number = -1
                state = marker
                continue
            if text in _FURNITURE or text.startswith(_FURNITURE_PREFIXES):
                self.keep_extra(index, text)
                continue
            if state == _COUNTRIES:
                if _is_bullet(text):
                    self.countries.append(_unbullet(text))
                    continue
                state = _BODY
            if state == _BODY:
                if self.credit is not None:
                    if _credit_like(text):
                        self.reopen_credit()
                        self.set_credit(index, text)
                    else:
                        self.after_credit.append((index, text))
                elif _credit_like(text):
                    self.set_credit(index, text)
                elif _is_caption(text):
                    self.keep_extra(index, text)
                else:
                    self.body.append(text)
            elif state == _TAGS:
                self.tags.append(raw.lstrip()[2:] if _is_bullet(text) else text)
            elif state == _ALSO_READ:
                self.also_read.append(text)
            else:  # _TRENDING
                if text.isdigit() and len(text) <= 4:
                    if trending_number >= 0:
                        self.close_trending(trending_number, trending_title, trending_region)
                    trending_number, trending_title, trending_region = index, None, None
                elif trending_number < 0:
                    self.keep_extra(index, text)
                elif trending_title is None:
                    trending_title = text
                elif text == trending_title:
                    self.keep_extra(index, text)
                elif trending_region is None and raw[0] in " \t":
                    trending_region = text
                else:
                    self.keep_extra(index, text)
        if state == _TRENDING and trending_number >= 0:
            self.close_trending(trending_number, trending_title, trending_region)

    def close_trending(self, number_at: int, title: str | None, region: str | None) -> None:
        if title is None:
            # A cut-off item: only its number arrived.
            self.keep_extra(number_at, self.lines[number_at].strip())
        else:
            self.trending.append(TrendingItem(title, region))

    def set_credit(self, index: int, text: str) -> None:
        self.credit = text
        self.credit_line = index

    def reopen_credit(self) -> None:
        """A later credit line: the earlier one and what followed it were body."""
        assert self.credit is not None
        self.body.append(self.credit)
        self.body.extend(text for _, text in self.after_credit)
        self.after_credit.clear()
        self.credit = None

    def close_body(self) -> None:
        for index, text in self.after_credit:
            self.keep_extra(index, text)
        if self.credit is None and self.body:
            last = self.body[-1]
            if last.startswith("(") and last.endswith(")") and len(last) < 300:
                self.credit = self.body.pop()

    def article(self, source: Source, invalid_lines: Sequence[int]) -> Article:
        findings = [
            Finding(
                INVALID_UTF8,
                Severity.ERROR,
                "invalid UTF-8: bytes replaced with U+FFFD",
                self.path,
                line,
            )
            for line in invalid_lines
        ]
        findings.extend(self.findings)
        if self.headline is None:
            findings.append(
                Finding(NO_HEADLINE, Severity.ERROR, "no headline found", self.path, source.line)
            )
        self.extra.sort(key=_extra_line)
        return Article(
            date=self.date,
            headline=self.headline,
            summary=self.summary,
            byline=self.byline,
            countries=tuple(self.countries),
            body=tuple(self.body),
            credit=self.credit,
            tags=tuple(self.tags),
            also_read=tuple(self.also_read),
            trending=tuple(self.trending),
            extra=tuple(self.extra),
            source=source,
            findings=tuple(findings),
        )


_IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def _extra_line(item: ExtraLine) -> int:
    return item.line


def read_article(
    text: str,
    *,
    path: str = STDIN,
    first_line: int = 1,
    index: int = 0,
    invalid_lines: Sequence[int] = (),
) -> Article:
    """Read the text of one article (no trailing newline needed) into an `Article`."""
    lines = text.split("\n")
    last = len(lines) - 1
    while last > 0 and not lines[last].strip():
        last -= 1
    reader = _ArticleReader(lines, first_line, path)
    reader.read()
    source = Source(path, first_line, first_line + last, index)
    return reader.article(source, invalid_lines)


class _Splitter:
    """Cuts a stream of text chunks into article texts at date lines."""

    def __init__(self, path: str, invalid_lines: Sequence[int]) -> None:
        self.path = path
        self.invalid_lines = invalid_lines
        self.invalid_pos = 0
        self.buffer = ""
        self.buffer_line = 1  # line number of buffer[0]
        self.scan_from = 0  # buffer offset from which date lines are still unseen
        self.index = 0
        self.preamble: str | None = None  # furniture-only text before the first date line
        self.preamble_line = 1
        self.seen_date_line = False

    def feed(self, chunk: str) -> Iterator[Article]:
        if not chunk:
            return
        if not self.buffer and self.buffer_line == 1 and chunk.startswith("\ufeff"):
            chunk = chunk[1:]
        buffer = self.buffer + chunk if self.buffer else chunk
        start = 0
        for match in _DATE_PREFIX.finditer(buffer, max(self.scan_from - 1, 0)):
            at = self.line_start(buffer, match.start())
            if at < 0 or at == start:
                continue
            yield from self.emit(buffer[start:at])
            self.buffer_line += buffer.count("\n", start, at)
            start = at
        self.buffer = buffer[start:]
        # A date line needs its whole first line to be recognised, so rescan from the
        # start of the last (possibly incomplete) line.
        self.scan_from = self.buffer.rfind("\n") + 1

    @staticmethod
    def line_start(buffer: str, at: int) -> int:
        """Start of the line if only blanks precede `at` on it, else -1."""
        line_start = buffer.rfind("\n", 0, at) + 1
        if at != line_start and buffer[line_start:at].strip(" \t"):
            return -1
        return line_start

    def close(self) -> Iterator[Article]:
        if self.buffer:
            yield from self.emit(self.buffer)
            self.buffer = ""
        if self.preamble is not None:
            yield from self.emit_text(self.preamble, self.preamble_line)
            self.preamble = None

    def emit(self, text: str) -> Iterator[Article]:
        first_line = self.buffer_line
        if not self.seen_date_line:
            self.seen_date_line = _DATE_LINE.match(text) is not None
            if not self.seen_date_line:
                # Text before the first date line: furniture alone joins the article
                # that follows; anything else is an article of its own.
                if _only_furniture(text):
                    self.preamble, self.preamble_line = text, first_line
                    return
                yield from self.emit_text(text, first_line)
                return
        if self.preamble is not None:
            text = self.preamble + text
            first_line = self.preamble_line
            self.preamble = None
        yield from self.emit_text(text, first_line)

    def emit_text(self, text: str, first_line: int) -> Iterator[Article]:
        if not text.strip():
            return
        lines_in_text = text.count("\n") + 1
        bad = self.invalid_for(first_line, first_line + lines_in_text)
        # A chunk may end without a newline; the article never includes the newline.
        if text.endswith("\n"):
            text = text[:-1]
        yield read_article(
            text, path=self.path, first_line=first_line, index=self.index, invalid_lines=bad
        )
        self.index += 1

    def invalid_for(self, first: int, stop: int) -> list[int]:
        bad: list[int] = []
        lines = self.invalid_lines
        while self.invalid_pos < len(lines) and lines[self.invalid_pos] < stop:
            if lines[self.invalid_pos] >= first:
                bad.append(lines[self.invalid_pos])
            self.invalid_pos += 1
        return bad


def _only_furniture(text: str) -> bool:
    return all(is_furniture(line.strip()) for line in text.split("\n") if line.strip())


def parse_chunks(
    chunks: Iterable[str], path: str = STDIN, invalid_lines: Sequence[int] = ()
) -> Iterator[Article]:
    """Articles from decoded text chunks that each end at a line boundary.

    `invalid_lines` may grow while the chunks are read (a `Decoder` fills it).
    """
    splitter = _Splitter(path, invalid_lines)
    for chunk in chunks:
        yield from splitter.feed(chunk)
    yield from splitter.close()


def parse(source: str | bytes | Iterable[str], path: str = STDIN) -> Iterator[Article]:
    """Parse a dump given as text, bytes, or an iterable of lines.

    >>> [a.headline for a in parse(" date 2025-03-14 Hello\\nBody text.\\n")]
    ['Hello']
    """
    if isinstance(source, bytes):
        decoder = Decoder()
        text = decoder.feed(source) + decoder.close()
        return parse_chunks((text,), path, decoder.invalid_lines)
    if isinstance(source, str):
        return parse_chunks((normalise_newlines(source),), path)
    return parse_chunks(text_chunks(source), path)


def parse_file(path: str | Path) -> Iterator[Article]:
    """Parse one dump file (`-` for standard input), decompressing by extension.

    Raises `InputError` if the file cannot be opened, or breaks while it is read; the
    articles read before a break have been yielded, and the text read is never lost.
    """
    name = str(path)
    return parse_input(InputFile(name))


def parse_input(item: InputFile) -> Iterator[Article]:
    stream = open_binary(item)
    decoder = Decoder()
    splitter = _Splitter(item.name, decoder.invalid_lines)
    try:
        try:
            for chunk in read_chunks(stream, decoder):
                yield from splitter.feed(chunk)
        except read_errors() as error:
            yield from splitter.feed(decoder.close())
            yield from splitter.close()
            raise InputError(item.name, describe(error)) from None
        yield from splitter.close()
    finally:
        if not item.is_stdin:
            stream.close()
