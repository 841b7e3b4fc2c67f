"""Records back to dump text: the list layout of FORMAT.md section 1.

`render(article)` writes one article, every line ending with LF; concatenating the
renderings of many articles gives a dump of many (each starts with its date line).
`export --format dump` writes records this way, which normalises any dump (page
layout, CRLF, BOM, furniture) into the canonical list layout.

What is written, in this order, each part only when the record has it::

     date YYYY-MM-DD HEADLINE          the date line (a leading space, as real dumps)
    SUMMARY
    AUTHOR | PLACE | Updated: DD-MM-YYYY HH:MM IST | Created: DD-MM-YYYY HH:MM IST
    - Country:
    - NAME                             one line per country
    PARAGRAPH                          one line per body paragraph
    (CREDIT)
    - READ MORE ON:
    - TAG                              one line per tag
    ALSO READ
    HEADLINE                           one line per related headline
    TRENDING
    1                                  per item: its number, its title, and its region
    TITLE                              (with a leading space) when it has one
     REGION

The byline is the page layout's one-line byline: stamps are written back in the
dump's own form (`DD-MM-YYYY HH:MM IST`, the +05:30 offset being IST), place and each
stamp are left out when null. TRENDING is written as the page layout writes it.

Not written: `extra` (lines the parser placed in no field: furniture, captions, the
repeated headline; they have no place in the list layout and would come back as
something else), `findings` (the parser derives them) and `source`. A line break
inside a value becomes a space, so each value stays on its line. Nothing is escaped:
a value that reads as a marker (`ALSO READ`) or a date line is read back as one.

Round trip: `parse(render(r))` gives `r` back, `source` aside, exactly for the records
whose values are what the parser itself produces from the lines above, namely:

* `date` is a real day, `headline` is not null, and `extra` and `findings` are empty;
* every string is stripped, non-empty and holds no line break, and none reads as
  something else on its line: no date line (nor one glued to its end, `... Talks
  date 2025-03-14 Headline`: the parser starts an article there), no section
  marker (`- Country:`, `READ MORE ON`, `ALSO READ`, `TRENDING` in any of their
  spellings), no page furniture, no image caption, no bullet (`- `, `• `) at the
  start of a line that is not a list item;
* `headline` is not paragraph-like (ending a sentence and longer than 50 characters
  with several sentences, or longer than 150; longer than 300 in any case);
* a country name is at most 60 characters and not a sentence (it does not end a
  sentence after several words): a longer bullet item reads as body;
* `summary` holds no `Updated:`/`Created:` stamp; a null summary needs a byline, or
  countries, or an empty body and no credit (else the first line after the date line
  would read as the summary);
* body paragraphs end a sentence (`.`, `!`, `?`), so none reads as a credit, an image
  caption or (after a byline) a photo's bare name; `credit` is a known credit line
  (`(With inputs from ...)`, `(Reporting by ...)` ... see the parser's `_CREDIT`);
* a byline has an `updated` or `created` stamp (ISO 8601 on the minute, +05:30, or
  a date alone) and no `|` in author or place;
* trending items number at most 9999, a title is no bare number and differs from
  its region;
* the value written on the dump's last line does not read as a label, page furniture
  or a date line cut off by the end of the dump (`ALSO RE`, `Give Feedb`, `date
  2025-11-0`: the parser's `_CUT_PREFIXES`), which the parser keeps in `extra`.

`tests/test_dump.py` generates exactly these records and checks the round trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from newsparse.model import Article, Byline

__all__ = ["render", "render_many"]

COUNTRY_MARKER = "- Country:"
TAGS_MARKER = "- READ MORE ON:"
ALSO_READ_MARKER = "ALSO READ"
TRENDING_MARKER = "TRENDING"
#: Indian Standard Time, the zone of every byline stamp.
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def _one_line(text: str) -> str:
    """A value on one line: CR and LF become spaces."""
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return text


def _stamp(kind: str, iso: str) -> str:
    """`2025-06-02T14:05:00+05:30` -> `Updated: 02-06-2025 14:05 IST`.

    A stamp in another offset is converted to IST; a date alone (`2025-06-02`) is
    written without a time; one that is not ISO 8601 is written as given after its
    label.
    """
    if len(iso) == 10:
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            return f"{kind}: {_one_line(iso)}"
        return f"{kind}: {day.day:02d}-{day.month:02d}-{day.year:04d}"
    try:
        moment = dt.datetime.fromisoformat(iso)
        if moment.tzinfo is not None:
            moment = moment.astimezone(IST)
    except (ValueError, OverflowError):
        return f"{kind}: {_one_line(iso)}"
    # Not strftime: %Y does not pad years before 1000 on every platform.
    return (
        f"{kind}: {moment.day:02d}-{moment.month:02d}-{moment.year:04d}"
        f" {moment.hour:02d}:{moment.minute:02d} IST"
    )


def render_byline(byline: Byline) -> str:
    """The page layout's one-line byline, parts left out when null (an empty author
    stays, as ` | Pune | Updated: ...`, so that the place is not read as the author)."""
    parts = [_one_line(part) for part in (byline.author, byline.place) if part is not None]
    if byline.author is None and byline.place is not None:
        parts.insert(0, "")
    if byline.updated is not None:
        parts.append(_stamp("Updated", byline.updated))
    if byline.created is not None:
        parts.append(_stamp("Created", byline.created))
    return " | ".join(parts)


def render(article: Article) -> str:
    """One article as list-layout dump text, every line ending with LF.

    >>> from newsparse import parse
    >>> article = next(parse(" date 2025-03-14 Hello\\nA summary.\\n- Country:\\n- Chile\\n"))
    >>> print(render(article), end="")
     date 2025-03-14 Hello
    A summary.
    - Country:
    - Chile
    """
    lines: list[str] = []
    if article.date is not None or article.headline is not None:
        # A date line without a date cannot be written; the headline then stands alone.
        head = [" date", article.date] if article.date is not None else []
        if article.headline is not None:
            head.append(_one_line(article.headline))
        lines.append(" ".join(head))
    if article.summary is not None:
        lines.append(_one_line(article.summary))
    if article.byline is not None:
        lines.append(render_byline(article.byline))
    if article.countries:
        lines.append(COUNTRY_MARKER)
        lines.extend(f"- {_one_line(name)}" for name in article.countries)
    lines.extend(_one_line(paragraph) for paragraph in article.body)
    if article.credit is not None:
        lines.append(_one_line(article.credit))
    if article.tags:
        lines.append(TAGS_MARKER)
        lines.extend(f"- {_one_line(tag)}" for tag in article.tags)
    if article.also_read:
        lines.append(ALSO_READ_MARKER)
        lines.extend(_one_line(item) for item in article.also_read)
    if article.trending:
        lines.append(TRENDING_MARKER)
        for number, item in enumerate(article.trending, start=1):
            lines.append(str(number))
            lines.append(_one_line(item.title))
            if item.region is not None:
                lines.append(f" {_one_line(item.region)}")
    return "".join(f"{line}\n" for line in lines)


def render_many(articles: Iterable[Article]) -> Iterable[str]:
    """`render` of each article, in order (a generator: one article in memory)."""
    for article in articles:
        yield render(article)
