"""The streaming parser: text chunks in, `Article` records out, in input order.

Splitting. Every date line (optional indentation, `date`, an ISO date) starts a new
article; text before the first date line is an article of its own unless it is only
page furniture, which then joins the first article. A dump with no date line is one
article. A date line glued to the end of the line before it (dumps joined with `cat`,
the first without a final newline: `... in Istanbul date 2025-03-14 Headline`) starts
an article too, when nothing there reads as prose (`_is_glued_date_line`); the two
articles then share that line number. Articles are found with one literal-prefixed
pattern over each chunk and yielded as soon as the next date line (or the end of
input) closes them, so memory holds one article and one chunk, however large the
input.

Reading an article. Both layouts of FORMAT.md are read by one state machine:

* the *header*: date line, furniture, headline, summary, byline (all three shapes),
  the repeated headline, image captions and the country block (labelled or not);
* the *body*: paragraphs up to the first trailer marker; the last credit line
  `( ... )` closes it;
* the *trailers*: `READ MORE ON` tags, `ALSO READ` headlines, `TRENDING` items.

Cut-off dumps. A dump may stop anywhere. What is left of a byline is the byline as
far as it goes (a cut stamp is null, with an NP004 finding); of a credit line, the
credit; of a date line, a section label, page furniture or the repeated headline, a
line in `extra` (see `_CUT_PREFIXES`): never a paragraph, tag or headline.

Nothing is silently lost: every non-blank line lands in exactly one field, or in
`extra` with its line number. The parser never raises on any text; what it notices
(invalid UTF-8, no headline, a date that is not a real day) is kept on the record as
`findings` for `validate` to report.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

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

# `re` rather than `regex` here: these patterns are on the hot path, where the
# standard engine's literal-prefix search is several times faster. A no-break space
# may stand for a space around the date (`date\u00a02025-03-14\u00a0Headline`).
_DATE_PREFIX = re.compile(r"date[ \t\u00a0]+\d{4}-\d\d-\d\d(?=[ \t\u00a0\n]|$)")
_DATE_LINE = re.compile(
    r"[ \t\u00a0\u200b\u2060\ufeff]*date[ \t\u00a0]+(\d{4}-\d\d-\d\d)(?=[ \t\u00a0\n]|$)"
    r"[ \t\u00a0]*(.*)"
)
# What is left of a date line where the dump stops inside it: `date 2025-11-0`, `date`.
_CUT_DATE_LINE = re.compile(r"date(?:[ \t\u00a0]+\d{0,4}(?:-\d{0,2}(?:-\d?)?)?)?")
_STAMP = re.compile(
    r"(Updated|Created):\s*(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*(?:IST)?\s*$"
)
# What is left of a stamp where the dump stops inside it: `Updated: 02-06-20`,
# `Created: 02-06-2025 14:05 IS`, `Updated`.
_CUT_STAMP = re.compile(r"(?:Updated|Created):?[\d\s:-]*(?:IS?)?")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"'“‘(]?[A-Z0-9]")
_PARAGRAPH_END = (".", '."', ".”", ".'", ".’", ".)", "!", '!"', "!”", "?", '?"', "?”")
_CAPTION_PREFIXES = ("Representative Image", "Image:", "Photo:", "File Photo", "File photo")
_CREDIT = re.compile(
    r"\((?:With (?:inputs?|agency inputs) from|With agency inputs|Inputs from"
    r"|This story has not been edited|Reporting by|Written by|Edited by|Compiled by)",
    re.IGNORECASE,
)


def _with_no_break_spaces(phrases: Iterable[str]) -> frozenset[str]:
    """The phrases, each also with any of its spaces printed as no-break spaces.

    Web pages put U+00A0 between the words of `Left Menu` or `Give Feedback`; the
    spellings are in the set so that a lookup stays one hash.
    """
    variants = set()
    for phrase in phrases:
        words = phrase.split(" ")
        for mask in range(2 ** (len(words) - 1)):
            text = words[0]
            for at, word in enumerate(words[1:]):
                text += ("\u00a0" if mask >> at & 1 else " ") + word
            variants.add(text)
    return frozenset(variants)


_KNOWN_CREDITS = (
    "(With inputs from agencies.)",
    "(With inputs from PTI)",
    "(With agency inputs",
    "(Reporting by ",
    "(Inputs from ",
    "(Written by ",
    "(Edited by ",
    "(Compiled by ",
    "(This story has not been edited by Devdiscourse staff and is auto-generated from a"
    " syndicated feed.)",
)
_FURNITURE = _with_no_break_spaces(
    [
        "Left Menu",
        "Development News Edition",
        "Devdiscourse",
        "Give Feedback",
        "International Development News",
        "VisionRI - Urban Development",
        "Right Menu",
        "Search",
    ]
)
_FURNITURE_PREFIXES = tuple(sorted(_with_no_break_spaces(["VisionRI - ", "VisionRI – "])))


# What may stand before `date` on a date line: indentation, and the invisible
# characters below.
_DATE_INDENT = " \t\u00a0\u200b\u2060\ufeff"

_HEADER, _BODY, _COUNTRIES, _TAGS, _ALSO_READ, _TRENDING = range(6)
_BULLET_PREFIXES = frozenset({"- ", "-\t", "-\u00a0", "• ", "•\t", "•\u00a0"})
_LONE_BULLETS = frozenset({"-", "•"})
# Lines that are no content of any section: furniture, and empty list items.
_NO_CONTENT = _FURNITURE | _LONE_BULLETS


_BULLET_SPACES = ("", " ", "\t", "\u00a0", "  ")


def _marker_table() -> dict[str, int]:
    table: dict[str, int] = {"ALSO READ": _ALSO_READ, "ALSO\u00a0READ": _ALSO_READ}
    table["TRENDING"] = _TRENDING
    labels = [("READ MORE ON:", _TAGS), ("Country:", _COUNTRIES), ("Countries:", _COUNTRIES)]
    for label, state in labels:
        spellings = {label, label.rstrip(":"), label.upper(), label.title()}
        # In sentence case (`- Read more on:`) only with its bullet: alone, the line
        # may be the body's own (`Read more on:` above links).
        bulleted = {label.capitalize()} - spellings
        # A space before the colon (`Country :`, French typography) is the same label.
        for group in (spellings, bulleted):
            group |= {spelling[:-1] + " :" for spelling in group if spelling[-1] == ":"}
        # A no-break space between the words (`READ\u00a0MORE ON:`) is the same label.
        for variant in sorted(_with_no_break_spaces(spellings | bulleted)):
            if variant in spellings or variant.replace("\u00a0", " ") in spellings:
                table[variant] = state
            # Pages pasted from a word processor put a tab (or a no-break space) after
            # the bullet: `•\tCountry:` is the same label.
            for bullet in ("-", "•"):
                for space in _BULLET_SPACES:
                    table[f"{bullet}{space}{variant}"] = state
    return table


_MARKERS = _marker_table()
# How a bullet item that is a label with its first item starts (`- Country: Peru`,
# `- READ MORE ON: floods`, the bullet taken off).
_LABEL_HEADS = frozenset({"Countr", "COUNTR", "READ M", "Read M", "Read m"})
_LABEL_STARTS = frozenset({"-", "•", "C"})
# How a section that may end in tags below `- READ MORE ON: floods` ends.
_TAGS_STARTS = ("-", "•", "READ", "Read")
_MARKER_SET = frozenset(_MARKERS)
_LIST_TRAILERS = frozenset({"- READ MORE ON:", "ALSO READ"})
# What the list shortcut never takes for a summary: labels, furniture, lone bullets.
_NO_SUMMARY = _MARKER_SET | _NO_CONTENT


def is_furniture(text: str) -> bool:
    """Page furniture: site chrome that is never article content."""
    # One cheap test before the banner's spellings: this runs for most header lines.
    return text in _FURNITURE or (
        text.startswith("VisionRI") and text.startswith(_FURNITURE_PREFIXES)
    )


def _drop_invisible(text: str) -> str:
    """`text` without byte order marks, zero-width spaces and word joiners, which
    are no text.

    A BOM stands mid-file where BOM-prefixed dumps were joined (`cat a.txt b.txt`);
    zero-width spaces (U+200B) and word joiners (U+2060, `&NoBreak;`) come from web
    pages, sometimes as a line of their own or inside a label (`READ\u200b MORE ON:`).
    The other invisible characters are text: zero-width (non-)joiners join letters in
    Indian and Persian scripts and build emoji, direction marks order Arabic and
    Hebrew, a soft hyphen marks where a word may break; a label with one inside
    (`ALSO\u200dREAD`) is text too. (Each one more to drop costs a scan of every
    article that is not ASCII, ~0.3% of the parse time.)
    """
    if text.isascii() or ("\ufeff" not in text and "\u200b" not in text and "\u2060" not in text):
        return text
    return text.replace("\ufeff", "").replace("\u200b", "").replace("\u2060", "")


_BLANK = " \t\n\r\u00a0\u200b\u2060\ufeff"


def _is_blank(text: str) -> bool:
    """White space and invisible characters only (text that starts with a letter costs
    nothing: only text that starts blank is looked at whole)."""
    rest = text.lstrip(_BLANK)
    return not rest or (rest[0].isspace() and not _drop_invisible(rest).strip())


def _is_bullet(text: str) -> bool:
    return text[:2] in _BULLET_PREFIXES


def _country_item(text: str, *, labelled: bool) -> str | None:
    """The country of a bullet line in a country block, or None if it is none.

    Under a `Country:` label a bullet may lack its space (`-Burkina Faso`). More space
    after the bullet (`•   India`) is no part of the name. A bulleted sentence right
    below the block (`• The second line is due in 2027.`) is body, not a country.
    """
    if _is_bullet(text):
        name = text[2:]
        if name[:1].isspace():
            name = name.lstrip()
    elif labelled and text[:1] in ("-", "•") and text[1:2].isupper():
        name = text[1:]
    else:
        return None
    return None if _is_sentence_item(name) else name


def _is_sentence_item(name: str) -> bool:
    """A list item that is a sentence or a long phrase, never a country's name.

    The longest names are under 50 characters (`South Georgia and the South Sandwich
    Islands`), and none ends a sentence after several words (`U.S.` ends with a full
    stop, but is one word).
    """
    return len(name) > 60 or (name.endswith(_ITEM_ENDS) and name.count(" ") >= 3)


_ITEM_ENDS = (".", "!", "?", ";", ":", '."', ".”", ".)")


# The country label with the name on its line: `- Country: Turkey`, `Country: Peru`.
_INLINE_COUNTRY = re.compile(
    r"(?:[-•][ \t\u00a0]*)?(?:Country|Countries|COUNTRY|COUNTRIES)[ \u00a0]?:[ \t\u00a0]*(\S.*)"
)


def _inline_country(text: str) -> str | None:
    """The name after a country label on the same line (`• Country: Turkey`), or None.

    A sentence after the label (`Country: Turkey is a NATO member.`) is no name.
    """
    if text[:1] not in _LABEL_STARTS or ("ountr" not in text and "OUNTR" not in text):
        return None
    match = _INLINE_COUNTRY.fullmatch(text)
    if match is None:
        return None
    name = match.group(1).rstrip()
    if "," in name:
        return name if _is_name_list(name) else None
    return None if _is_sentence_item(name) else name


def _is_name_list(text: str) -> bool:
    """Names with commas (`India, Pakistan`, `Korea, Republic of`), not a sentence
    (`Turkey, which joined NATO in 1952, hosts the talks`): each item capitalised (or
    a country's name in lower case: `india, pakistan`; or the tail of an inverted
    name: `Congo, the Democratic Republic of the`) and no sentence of its own, however
    long the list."""
    for part in text.split(","):
        part = part.strip()
        if part and (
            _is_sentence_item(part)
            or not (
                part[0].isupper()
                or part in _INVERTED_WORDS
                or part.endswith(_INVERTED_TAILS)
                or _is_country(part)
            )
        ):
            return False
    return True


def _is_country(name: str) -> bool:
    """A country's name, or names joined with `and` (`nepal and bhutan`)."""
    from newsparse.countries import country_code  # (deferred: rarely needed)

    return all(country_code(piece) is not None for piece in _AND.split(name))


_NAME_SEPARATOR = re.compile(r"[ \t\u00a0]*[,;][ \t\u00a0]*")
_AND = re.compile(r" (?:and|&) ")
# The end of ISO 3166's inverted names (`Korea, Republic of`, `Congo, The Democratic
# Republic of the`) and of the reference books' ones (`Gambia, The`, `Korea, South`).
_INVERTED_TAILS = (" of", " of the", " Of", " Of The")
_INVERTED_WORDS = frozenset({"The", "the", "North", "South"})


def _country_names(name: str, *, split_and: bool = True) -> list[str]:
    """The countries a label's line lists: `India, Pakistan` is two, and so is
    `India and Pakistan`; an ISO name with a comma (`Korea, Republic of`, `Virgin
    Islands, U.S.`) or an `and` (`Trinidad and Tobago`) is one. With `split_and`
    false (the tags of `- READ MORE ON: floods, rain`), only commas and semicolons
    part the items.

    Only labels with the names on their line (`Countries: India, Pakistan`) are split:
    a bullet under a label is one name, as the site writes them.
    """
    if (
        "," not in name
        and ";" not in name
        and (not split_and or (" and " not in name and " & " not in name))
    ):
        return [name]
    from newsparse.countries import country_code  # (deferred: lists are rare)

    names: list[str] = []
    for part in _NAME_SEPARATOR.split(name):
        if not part:
            continue  # `India, , Pakistan`, or a comma at the end
        if names and (
            part.endswith(_INVERTED_TAILS)
            or part in _INVERTED_WORDS
            or country_code(f"{names[-1]}, {part}") is not None
        ):
            names[-1] = f"{names[-1]}, {part}"  # one name: `Korea, Republic of`
            continue
        pieces = _AND.split(part) if split_and else [part]
        if (
            len(pieces) > 1
            and country_code(part) is None
            and all(country_code(piece) is not None for piece in pieces)
        ):
            names += pieces  # `Pakistan and Bangladesh` (not `Trinidad and Tobago`)
        else:
            names.append(part)
    return names or [name]


# The tags label with the first tag on its line: `- READ MORE ON: floods`.
_INLINE_TAGS = re.compile(
    r"(?:(?:[-•][ \t\u00a0]*)?(?:READ MORE ON|Read More On)|[-•][ \t\u00a0]*Read more on)"
    r"[ \u00a0]?:[ \t\u00a0]*(\S.*)"
)


_TAG_LABEL_STARTS = frozenset({"-", "•", "R"})


def _inline_tag(text: str) -> str | None:
    """The tag after a READ MORE ON label on the same line (`- READ MORE ON: floods`);
    "" for the label alone with white space after its bullet that the label table
    does not spell (`•\t READ MORE ON:`, `-   READ MORE ON:`); else None."""
    if text[:1] not in _TAG_LABEL_STARTS or (
        "ORE ON" not in text and "ore On" not in text and "ore on" not in text
    ):
        return None
    match = _INLINE_TAGS.fullmatch(text)
    if match is not None:
        return match.group(1).rstrip()
    return "" if text[:1] in _LONE_BULLETS and _MARKERS.get(text[2:].strip()) == _TAGS else None


def _is_country_label(text: str) -> bool:
    """A country label, alone (`- Country:`) or with a name (`- Country: Turkey`)."""
    return _MARKERS.get(text) == _COUNTRIES or _inline_country(text) is not None


def _unbullet(text: str) -> str:
    """`- Turkey` -> `Turkey`: drop one bullet and the space after it, nothing more."""
    return text[2:] if _is_bullet(text) else text


def _is_cut_stamp(part: str, *, after_separator: bool) -> bool:
    """What is left of a stamp the dump stops in (`Updated: 02-06-20`), or of its word
    (`Upd`; after a `|`, a letter is enough: `ANI | U`)."""
    return _CUT_STAMP.fullmatch(part) is not None or (
        len(part) >= (1 if after_separator else 3)
        and ("Updated:".startswith(part) or "Created:".startswith(part))
    )


def _is_cut_byline(text: str) -> bool:
    """A byline the dump stops in (the text's last line): `Devdiscourse News Desk |
    New Delhi | Updated: 02-06-20`, `ANI | Upd`, `Reuters | Geneva |`, a known author
    alone, or an old page's stamp alone, `Updated: 16-01-20`."""
    parts = text.split("|")
    last = parts[-1].strip()
    if len(parts) == 1:
        return text in _AUTHORS or _is_cut_stamp(last, after_separator=False)
    if not any(part.strip() for part in parts):
        return False  # separators only: nothing tells a byline
    # Cut in a stamp, after a separator, or in the place after a known author
    # (`Devdiscourse News Desk | New Del`) or after no author (` | Pu`).
    author = parts[0].strip()
    return not last or _is_cut_stamp(last, after_separator=True) or author in _AUTHORS or not author


# The authors of bylines seen in real dumps.
_AUTHORS = frozenset({"Devdiscourse News Desk", "Reuters", "ANI", "PTI", "IANS"})


def _cut_prefixes() -> frozenset[str]:
    """What is left of a section label, page furniture, the site's authors or an image
    caption where the dump stops inside it (`ALSO`, `- READ MO`, `•\tCoun`, `Give
    Feedb`, `Left Me`, `Reut`, `Repr`): no text.

    Furniture cut between two words (`Give`, `International`) could be text, and is
    not in the set; nor is anything else with fewer than four letters (`- R`, `Giv`,
    `Cou`, `Rea`), which could be a short tag, a region or a word cut off (`The`, `Giv`
    of `Given`) as well. The exception: two or three capitals that begin one of the
    capitalised labels ALSO READ, TRENDING or READ MORE ON (`ALS`, `TR`, `- RE`),
    which no tag, headline or paragraph of the site is. (`CO`, `- COU` of `COUNTRY:`
    are left out: tags such as `COP28` and names in capitals begin so.)
    """
    labels = ["ALSO READ", "TRENDING"]
    for label in ("READ MORE ON:", "Country:", "Countries:"):
        labels.append(label)
        # The bullet spellings of `_marker_table`.
        labels += [f"{bullet}{space}{label}" for bullet in "-•" for space in _BULLET_SPACES]
    prefixes = {label[:end].strip() for label in labels for end in range(2, len(label))}
    furniture = ["Left Menu", "Give Feedback", "Right Menu", "Devdiscourse"]
    furniture += ["Development News Edition", "International Development News"]
    prefixes.update(
        text[:end]
        for text in _with_no_break_spaces(furniture)
        for end in range(3, len(text))
        if len(text[end - 1 : end + 1].strip()) == 2  # cut inside a word
    )
    # The site's own byline author, cut after the furniture word (`Devdiscourse News`);
    # the others, and the usual caption, cut anywhere.
    desk = "Devdiscourse News Desk"
    prefixes.update(desk[:end].strip() for end in range(len("Devdiscourse") + 2, len(desk)))
    prefixes.update("Reuters"[:end] for end in range(3, 7))
    prefixes.update("Representative Image"[:end].strip() for end in range(4, 20))
    short = {
        prefix
        for prefix in prefixes
        if prefix.lstrip("-•\t\u00a0 ") in ("AL", "ALS", "TR", "TRE", "RE", "REA")
    }
    prefixes = {prefix for prefix in prefixes if sum(c.isalpha() for c in prefix) >= 4}
    return frozenset(prefixes | short) - _MARKER_SET - _FURNITURE


_CUT_PREFIXES = _cut_prefixes()


def is_cut_label(text: str) -> bool:
    """What is left of a section label, page furniture or a date line where the dump
    stops inside it (`ALSO RE`, `Give Feedb`, `date 2025-11-0`, `Left` on a date
    line): on an article's last line, the parser keeps it in `extra` as no text."""
    text = text.strip()
    return _is_cut_off(text) or (bool(text) and "Left Menu".startswith(text))


def _is_cut_off(text: str) -> bool:
    """A stripped last line that is what is left of a label, furniture or a date line."""
    return text in _CUT_PREFIXES or (
        text.startswith("date") and _CUT_DATE_LINE.fullmatch(text) is not None
    )


def _looks_like_paragraph(text: str) -> bool:
    """Body text rather than a headline: ends a sentence and holds several, or is long."""
    if not text.endswith(_PARAGRAPH_END):
        return len(text) > 300
    return len(text) > 150 or (len(text) >= 50 and _SENTENCE_BREAK.search(text) is not None)


def _looks_like_sentence(text: str) -> bool:
    """A sentence that opens a dump of body paragraphs (`The fund starts at 40 million
    euros, officials said.`): several words and a full stop, which headlines lack."""
    return text.endswith((".", '."', ".”")) and text.count(" ") >= 5


def _looks_like_bare_caption(text: str) -> bool:
    """A name under a photo (`Prime Minister Narendra Modi`): short, not a sentence."""
    return (
        len(text) <= 60
        and text.count(" ") < 8
        and not text.endswith((".", "!", "?", ":", ";", ",", '"', "”", ")"))
        and not _is_bullet(text)
    )


# Lower-case words a name may hold (`Ursula von der Leyen`, `Modi with Biden`).
_NAME_PARTICLES = frozenset(
    {"a", "al", "and", "at", "bin", "da", "de", "del", "della", "der", "di", "du", "el"}
    | {"ibn", "in", "la", "le", "of", "on", "the", "van", "von", "with", "y"}
)


def _looks_like_name(text: str) -> bool:
    """A bare-name caption under a photo, not a short sentence that starts the body.

    `Prime Minister Narendra Modi` is a caption; `Talks are set to resume on Friday`,
    or a first paragraph cut off short (`Dock workers stayed out for a sev`), is body:
    a sentence has several lower-case words besides the particles of names.
    """
    if not _looks_like_bare_caption(text):
        return False
    words = (word for word in text.split() if word.isalpha() and word.islower())
    return sum(word not in _NAME_PARTICLES for word in words) <= 1


def _is_caption(text: str) -> bool:
    """An image caption: `... Image Credit: ANI`, `Representative Image`, AI notices."""
    # One substring scan rules out nearly every body line before the precise checks.
    if "mage" not in text and "hoto" not in text:
        return False
    return (
        "Image Credit:" in text
        or "This image is AI-generated" in text
        or text.startswith(_CAPTION_PREFIXES)
    )


def _looks_like_region(text: str, title: str) -> bool:
    """A TRENDING region whose indentation was trimmed away (`Global`, `Latin America`)."""
    return (
        len(text) <= 30
        and text.count(" ") < 3
        and not title.startswith(text)
        and text[-1].isalpha()
        and text[0].isupper()
    )


def _fold(text: str) -> str:
    """What the headline and its repeat under the byline have in common.

    The page prints the headline twice, and the two copies can differ in spacing
    (a no-break space before the last word) or in curly against straight quotes.
    """
    if text.isascii() and "  " not in text:
        return text
    text = " ".join(text.split())
    if "‘" in text or "’" in text:
        text = text.replace("‘", "'").replace("’", "'")
    if "“" in text or "”" in text:
        text = text.replace("“", '"').replace("”", '"')
    return text


def same_text(a: str, b: str) -> bool:
    """The same headline, maybe printed with other spacing or quotes (see `_fold`)."""
    return a == b or (abs(len(a) - len(b)) < 8 and _fold(a) == _fold(b))


def is_credit(text: str) -> bool:
    """A known credit line: `(With inputs from ...)`, `(Reporting by ...)`, ..."""
    return text.startswith("(") and text.endswith(")") and _CREDIT.match(text) is not None


def _ascii_digits(text: str) -> str:
    """`text` with other scripts' decimal digits (`२०२५`, `١٤`) written as ASCII ones."""
    return "".join(str(int(char)) if char.isdecimal() else char for char in text)


@functools.lru_cache(maxsize=4096)
def _is_real_date(iso: str) -> bool:
    """`YYYY-MM-DD` names a real calendar day (dumps repeat dates, hence the cache)."""
    try:
        dt.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def _follows(text: str, number: str) -> bool:
    """`text` is the number after `number` (digits that are no decimal number, such
    as `²`, follow none)."""
    return text.isdecimal() and number.isdecimal() and int(text) == int(number) + 1


class _ArticleReader:
    """Reads the lines of one article into fields; one instance per article."""

    def __init__(self, raw: list[str], first_line: int, path: str) -> None:
        self.raw = raw
        # Stripped once here: every decision below looks at stripped lines.
        self.lines = [line.strip() for line in raw]
        self.first_line = first_line
        self.path = path
        self.date: str | None = None
        self.headline: str | None = None
        self.summary: str | None = None
        self.byline: Byline | None = None
        self.countries: list[str] = []
        self.body: list[str] = []
        self.credit: str | None = None
        self.credit_at: int | None = None
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
        self.extra.append(ExtraLine(self.first_line + index, text))  # (`lineno`, inlined)

    def finding(self, rule: str, severity: Severity, message: str, index: int) -> None:
        self.findings.append(Finding(rule, severity, message, self.path, self.lineno(index)))

    def next_filled(self, index: int) -> int:
        """Index of the first non-blank line at or after `index` (len(lines) if none)."""
        lines = self.lines
        end = len(lines)
        while index < end and not lines[index]:
            index += 1
        return index

    # -- reading -------------------------------------------------------------------

    def read(self, cut_at: int = -1) -> None:
        """Read the article; `cut_at` is the index of its last line when the dump stops
        inside a date line, a label or furniture there (no text: it goes to `extra`)."""
        if cut_at >= 0:
            self.keep_extra(cut_at, self.lines[cut_at])
            self.lines[cut_at] = ""
        start = self.read_date_line()
        body_start = start if self.body_from_date_line else self.read_header(start)
        self.read_rest(body_start)
        self.close_body()

    def read_date_line(self) -> int:
        """Take date and headline from a date line; return the index after it.

        Furniture may stand above the date line (it opened the page); it is kept aside,
        also where the date line is glued to it (`Give Feedback date 2025-05-10 ...`).
        """
        at = 0
        while at < len(self.lines) and (not self.lines[at] or is_furniture(self.lines[at])):
            at += 1
        match = _DATE_LINE.match(self.lines[at]) if at < len(self.lines) else None
        if match is None and at < len(self.lines):
            match = self.date_line_glued_to_furniture(at)
        if match is None:
            return 0
        for index in range(at):
            if text := self.lines[index]:
                self.keep_extra(index, text)
        date, rest = match.groups()
        if not date.isascii():
            date = _ascii_digits(date)  # (` date २०२५-०३-१४`: `\d` takes any script's digits)
        if _is_real_date(date):
            self.date = date
        else:
            self.finding(
                INVALID_DATE,
                Severity.ERROR,
                f"date {date} on the date line is not a real calendar day",
                at,
            )
        rest = rest.strip()
        if not rest:
            # FORMAT.md: a bare date line means no headline; the text below is body,
            # unless a byline shows a page layout with its headline further down.
            self.body_from_date_line = self.find_byline(at + 1) < 0
        elif (
            rest in _LONE_BULLETS
            or is_furniture(rest)
            or (
                (rest in _CUT_PREFIXES or "Left Menu".startswith(rest))
                and self.next_filled(at + 1) == len(self.lines)
            )
        ):
            self.keep_extra(at, rest)  # (` date 2025-06-02 Left`: the dump stops there)
        elif (
            _looks_like_paragraph(rest)
            and not self.summary_and_label_follow(at + 1, rest)
            and not self.repeated_under_byline(at + 1, rest)
        ):
            self.body.append(rest)
            self.body_from_date_line = True
        else:
            self.headline = rest
        return at + 1

    def date_line_glued_to_furniture(self, at: int) -> re.Match[str] | None:
        """The date line glued to furniture on line `at` (a furniture-only dump joined
        with `cat` to the next: the splitter cuts there, and the furniture, text before
        the first date line, joins the article again); the furniture goes to `extra`."""
        line = self.lines[at]
        cut = glued_date_line_at(line)
        if cut < 0 or not is_furniture(furniture := line[:cut].strip()):
            return None
        self.keep_extra(at, furniture)
        return _DATE_LINE.match(line, cut)

    def summary_and_label_follow(self, start: int, rest: str) -> bool:
        """The shape below a headline: one line (the summary), then `Country:`.

        It makes a short headline that reads as two sentences (`Why did the bridge
        fall? Engineers want answers from the city.`) the headline, not body.
        """
        if len(rest) > 150:
            return False
        summary_at = self.next_filled(start)
        if summary_at >= len(self.lines) or self.lines[summary_at] in _MARKERS:
            return False
        label_at = self.next_filled(summary_at + 1)
        return label_at < len(self.lines) and _is_country_label(self.lines[label_at])

    def repeated_under_byline(self, start: int, rest: str) -> bool:
        """The page prints `rest` again right under the byline: it is the headline,
        even when it reads as two sentences (`Why did the bridge fall? Engineers
        want answers from the city.`)."""
        byline_at = self.find_byline(start)
        if byline_at < 0:
            return False
        repeat_at = self.next_filled(byline_at + 1)
        return repeat_at < len(self.lines) and same_text(self.lines[repeat_at], rest)

    def find_byline(self, start: int) -> int:
        """Index of the byline among the first lines of the header, or -1.

        A byline the dump was cut off in counts (it is the text's last line).
        """
        lines = self.lines
        seen = 0
        last = -1
        for index in range(start, len(lines)):
            text = lines[index]
            if not text:
                continue
            if text in _MARKERS or text[:2] in _BULLET_PREFIXES:  # (`_is_bullet`, inlined)
                return -1
            if ("Updated:" in text or "Created:" in text) and _STAMP.search(text.rstrip("| ")):
                return index
            last = index
            if is_furniture(text):
                continue  # banners can crowd the top of a page: they are no header lines
            seen += 1
            if seen > 8:
                return -1
        # The text ended among the header lines: maybe inside the byline.
        return last if last >= 0 and _is_cut_byline(lines[last]) else -1

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
            text = self.lines[index]
            if not text:
                continue
            if text in _LONE_BULLETS or is_furniture(text) or _is_caption(text):
                self.keep_extra(index, text)  # (a lone bullet: an empty list item)
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
            text = lines[index]
            if (
                text in _MARKERS
                or _is_bullet(text)
                or is_credit(text)
                or _inline_country(text) is not None
                or (text[0] == "(" and self.is_cut_credit(text))
            ):
                break  # a credit line closes the body: there is no summary above it
            if (
                wanted[0] == "headline"
                and (
                    _looks_like_paragraph(text)
                    or (self.date is None and _looks_like_sentence(text))
                )
                and not self.summary_and_label_follow(index + 1, text)
            ):
                # Body paragraphs only: no headline, and no summary either.
                return index
            if (
                text in _LONE_BULLETS
                or is_furniture(text)
                or _is_caption(text)
                or (self.headline is not None and same_text(text, self.headline))
            ):
                self.keep_extra(index, text)  # (the headline printed twice is no summary)
            else:
                setattr(self, wanted.pop(0), text)
            index += 1
        return self.skip_captions(index, bare_names=False)

    def read_byline_header(self, start: int, byline_at: int) -> int:
        candidates = self.header_candidates(start, byline_at)
        index = self.next_filled(byline_at + 1)
        repeated = self.lines[index] if index < len(self.lines) else None
        self.byline = self.parse_byline(self.lines[byline_at], byline_at, candidates, repeated)

        texts = [text for _, text in candidates]
        headline_pos = -1
        summary_pos = -1
        if self.headline is not None:
            # The date line had the headline: the summary stands right above the byline.
            headline = self.headline
            rest = [pos for pos, text in enumerate(texts) if not same_text(text, headline)]
            summary_pos = rest[-1] if rest else -1
        elif repeated is not None and (
            positions := [pos for pos, text in enumerate(texts) if same_text(text, repeated)]
        ):
            headline_pos = positions[0]
            summary_pos = headline_pos + 1
            while summary_pos in positions:
                summary_pos += 1  # the page prints the headline twice up there
        elif len(texts) >= 2:
            headline_pos, summary_pos = len(texts) - 2, len(texts) - 1
        elif texts:
            if _looks_like_paragraph(texts[0]):
                summary_pos = 0
            else:
                headline_pos = 0
        if headline_pos >= 0:
            self.headline = texts[headline_pos]
        if (
            repeated is not None
            and self.headline is not None
            and (
                same_text(repeated, self.headline)
                or self.is_cut_repeat(index, repeated, self.headline)
            )
        ):
            self.keep_extra(index, repeated)
            index += 1
        for pos, (line_index, text) in enumerate(candidates):
            if pos == summary_pos:
                self.summary = text
            elif pos != headline_pos:
                self.keep_extra(line_index, text)
        return self.skip_captions(index, bare_names=True)

    def is_cut_repeat(self, index: int, text: str, headline: str) -> bool:
        """`text` at `index` is the headline's repeat where the dump stops inside it
        (`Farmers Test Drones to Spray Orchards i`)."""
        return _fold(headline).startswith(_fold(text)) and self.next_filled(index + 1) == len(
            self.lines
        )

    def parse_byline(
        self, text: str, index: int, candidates: list[tuple[int, str]], repeated: str | None
    ) -> Byline:
        stamps: dict[str, str | None] = {"Updated": None, "Created": None}
        names: list[str] = []
        for part in text.split("|"):
            part = part.strip()
            match = _STAMP.match(part)
            if match is None:
                names.append(part)  # empty too: ` | Pune | Updated: ...` has no author
                continue
            kind, day, month, year, hour, minute = match.groups()
            if not part.isascii():  # `\d` takes other scripts' digits too (`१४:05`)
                year, month, day = map(_ascii_digits, (year, month, day))
                hour = None if hour is None else _ascii_digits(hour)
                minute = None if minute is None else _ascii_digits(minute)
            stamps[kind] = self.stamp(kind, year, month, day, hour, minute, index)
        if (
            names
            and names[-1]
            and text.endswith(names[-1])
            and _is_cut_stamp(names[-1], after_separator="|" in text)
            and self.next_filled(index + 1) == len(self.lines)
        ):
            self.cut_stamp(names.pop(), index)  # the dump stops inside the stamp
        while names and not names[-1]:
            names.pop()
        if not names and candidates:
            # Old pages: the author stands alone on the line above the stamp.
            # Not the headline, though, when a stamp stands alone below it (the page
            # repeats the headline under the byline).
            # Nor the only line above a byline the dump stops in (no repeat below
            # tells): that is the headline, unless it is a known author.
            author_line = candidates[-1][1]
            if _looks_like_bare_caption(author_line) and not (
                (
                    repeated is not None
                    and (
                        same_text(author_line, repeated)
                        or self.is_cut_repeat(self.next_filled(index + 1), repeated, author_line)
                    )
                )
                or (self.headline is not None and same_text(author_line, self.headline))
                or (
                    repeated is None
                    and self.headline is None
                    and len(candidates) == 1
                    and author_line not in _AUTHORS
                )
            ):
                candidates.pop()
                names.append(author_line)
        author = names[0] if names and names[0] else None
        place = (" | ".join(name for name in names[1:] if name) or None) if len(names) > 1 else None
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
        year: str,
        month: str,
        day: str,
        hour: str | None,
        minute: str | None,
        index: int,
    ) -> str | None:
        """`DD-MM-YYYY HH:MM` IST as ISO 8601 with +05:30 (`DD-MM-YYYY` alone as the
        date alone: no time is made up), or None (and a finding).

        The parts are `_STAMP`'s digit strings (day, month, hour: one or two digits;
        year four; minute two; ASCII digits): padded, they compare as numbers do.
        """
        date = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
        if hour is None:
            if _is_real_date(date):
                return date
        else:
            hour = hour.zfill(2)
            if hour < "24" and minute is not None and minute < "60" and _is_real_date(date):
                return f"{date}T{hour}:{minute}:00+05:30"
        self.finding(
            INVALID_STAMP,
            Severity.ERROR,
            f"byline {kind}: {day.zfill(2)}-{month.zfill(2)}-{year} {hour or '00'}:{minute or '00'}"
            " is not a real time",
            index,
        )
        return None

    def cut_stamp(self, part: str, index: int) -> None:
        """The dump stops inside a stamp: it is no time (null), and a finding says so."""
        kind = "Created" if part[:1] == "C" else "Updated"
        self.finding(
            INVALID_STAMP,
            Severity.ERROR,
            f"byline {kind} stamp cut off ({part!r}): not a real time",
            index,
        )

    def skip_captions(self, index: int, *, bare_names: bool) -> int:
        """Set image captions aside; return the index of the first line after them."""
        lines = self.lines
        while True:
            index = self.next_filled(index)
            if index >= len(lines):
                return index
            text = lines[index]
            if text in _MARKERS:
                return index
            if self.headline is not None and same_text(text, self.headline):
                pass  # the repeated headline, printed below the caption
            elif is_furniture(text) or _is_caption(text):
                # The photo has its caption: a name-like line below it is the body's
                # first line (a roundup's first brief: `Ceasefire Talks Resume in
                # Cairo`), unless the country block follows it.
                bare_names = bare_names and is_furniture(text)
            elif (
                not (_looks_like_name(text) and (bare_names or self.header_follows(index + 1)))
                or _inline_country(text) is not None
            ):
                return index
            self.keep_extra(index, text)
            index += 1

    def header_follows(self, index: int) -> bool:
        """The country block or an image caption starts at the next non-blank line:
        what stands above it and below the summary is header (a bare-name caption),
        not body."""
        index = self.next_filled(index)
        if index >= len(self.lines):
            return False
        text = self.lines[index]
        return (
            _is_country_label(text)
            or (_is_bullet(text) and text not in _MARKERS)
            or _is_caption(text)
        )

    def read_country_block(self, index: int) -> int:
        """A `Country:` label and its bullets, or bullets alone; return the next index."""
        index = self.next_filled(index)
        if index >= len(self.lines):
            return index
        text = self.lines[index]
        if _MARKERS.get(text) == _COUNTRIES:
            return self.read_countries(index + 1, len(self.lines), labelled=True)
        labelled = _inline_country(text) is not None
        if not labelled and not _is_bullet(text):
            return index
        return self.read_countries(index, len(self.lines), labelled=labelled)

    def read_countries(self, index: int, stop: int, *, labelled: bool) -> int:
        """Country lines from `index`: labels (`- Country:`, `- Country: Turkey`), and
        bullets; return the index of the first line that is none."""
        lines = self.lines
        while index < stop:
            text = lines[index]
            if text:
                if text in _LONE_BULLETS:
                    self.keep_extra(index, text)  # an empty list item: no country
                else:
                    country = None if text in _MARKERS else _country_item(text, labelled=labelled)
                    if country is None or country[:6] in _LABEL_HEADS:
                        name = _inline_country(text)  # `- Country: Turkey`
                        if name is not None:
                            # (`- Countries: India, Pakistan`: one name each)
                            *names, country = _country_names(name)
                            self.countries += names
                            labelled = True
                        elif country is None or _inline_tag(text) is not None:
                            break  # (`- READ MORE ON: floods`: the tags)
                        elif _MARKERS.get(country) == _COUNTRIES:
                            # The label again, other white space after its bullet
                            # (`•\t Country:`): no country.
                            self.keep_extra(index, text)
                            index += 1
                            continue
                        else:
                            break  # a label with no names after it: body, no country
                    self.countries.append(country)
            index += 1
        return index

    def read_rest(self, start: int) -> None:
        """Body and trailers, a section at a time between marker lines.

        A section with nothing special in it (the usual case) is taken whole with one
        comprehension; only sections holding furniture, captions or credit lines, and
        TRENDING, are read line by line.
        """
        lines = self.lines
        markers = _MARKERS
        marker_at = [index for index in range(start, len(lines)) if lines[index] in markers]
        state = _BODY
        section_start = start
        for index in marker_at:
            self.read_section(state, section_start, index)
            state = markers[lines[index]]
            section_start = index + 1
        self.read_section(state, section_start, len(lines))

    def read_section(self, state: int, start: int, stop: int) -> None:
        if start >= stop:
            return
        lines = self.lines
        if state == _COUNTRIES:
            state, start = _BODY, self.read_countries(start, stop, labelled=True)
        if state == _TRENDING:
            self.read_trending(start, stop)
            return
        texts = [text for text in lines[start:stop] if text]
        if not texts or self.read_plain_section(state, start, stop, texts):
            return
        for index in range(start, stop):
            text = lines[index]
            if not text:
                continue
            if text in _LONE_BULLETS or is_furniture(text):
                self.keep_extra(index, text)  # furniture, or an empty list item
            elif state == _BODY:
                if not self.countries and (name := _inline_country(text)) is not None:
                    # `• Country: Turkey` below the body's first lines, when the
                    # header had no countries: the country block, as a `• Country:`
                    # label there is. (Once countries are known, such a line is body:
                    # it would cost every article a search.)
                    self.countries += _country_names(name)
                    self.read_section(_COUNTRIES, index + 1, stop)
                    return
                if (tag := _inline_tag(text)) is not None:
                    # `- READ MORE ON: floods`: the tags, as after a label alone.
                    if tag:
                        # (`- READ MORE ON: floods, rain`: one tag each)
                        self.tags += _country_names(tag, split_and=False)
                    self.read_section(_TAGS, index + 1, stop)
                    return
                self.read_body_line(index, text)
            elif state == _TAGS:
                if not (is_credit(text) or (text[0] == "(" and self.is_cut_credit(text))):
                    self.tags.append(_unbullet(text))
                elif self.credit is None:
                    self.set_credit(text, index)  # the credit, printed after the tags
                else:
                    self.keep_extra(index, text)
            else:
                self.also_read.append(_unbullet(text))

    def read_plain_section(self, state: int, start: int, stop: int, texts: list[str]) -> bool:
        """Take a section whole if nothing in it needs a line-by-line look; else False."""
        if not _NO_CONTENT.isdisjoint(texts):
            return False
        if state == _ALSO_READ:
            self.also_read.extend(map(_unbullet, texts))
            return True
        if state == _TAGS:
            if any(text[0] == "(" for text in texts):
                return False  # maybe a credit line placed after the tags
            self.tags.extend(text[2:] if text[:2] in _BULLET_PREFIXES else text for text in texts)
            return True
        if texts[-1].startswith(_TAGS_STARTS):
            return False  # maybe tags below `- READ MORE ON: floods`
        joined = "\n".join(texts)
        if (
            "mage" in joined
            or "hoto" in joined
            or "VisionRI" in joined
            or (not self.countries and ("Countr" in joined or "COUNTR" in joined))
        ):
            return False  # (maybe `- Country: Turkey`, when the header had no countries)
        if "\n(" in joined or joined[0] == "(":
            # Usually one credit line closing the section; anything else goes slowly.
            last = texts[-1]
            if self.credit is not None or joined.count("\n(") + (joined[0] == "(") != 1:
                return False
            if not (last[0] == "(" and is_credit(last)):
                return False
            at = stop - 1
            while not self.lines[at]:
                at -= 1
            self.set_credit(texts.pop(), at)
        self.body.extend(texts)
        return True

    def read_body_line(self, index: int, text: str) -> None:
        if is_credit(text):
            if self.credit is not None:
                if self.after_credit or self.credit_at is None:
                    self.reopen_credit()  # the earlier credit and what followed were body
                else:
                    # Credit lines back to back (`(Reporting by ...)`, then the feed
                    # notice): the last one closes the body, the others are no body.
                    self.keep_extra(self.credit_at, self.credit)
            self.set_credit(text, index)
        elif self.credit is not None:
            self.after_credit.append((index, text))
        elif _is_caption(text):
            self.keep_extra(index, text)
        else:
            self.body.append(text)

    def read_trending(self, start: int, stop: int) -> None:
        """Numbered items: a number line, the title (often twice), an indented region."""
        lines = self.lines
        title: str | None = None
        region: str | None = None
        number_at = -1
        for index in range(start, stop):
            text = lines[index]
            if not text:
                continue
            if (
                text.isdigit()
                and len(text) <= 4
                and (
                    text != title  # (a title `1971`, printed twice, is no number)
                    if title is not None
                    else number_at < 0 or self.is_number(index, number_at, stop)
                )
            ):
                if number_at >= 0:
                    self.close_trending(number_at, title, region)
                number_at, title, region = index, None, None
            elif (
                number_at < 0
                or text in _FURNITURE
                or (text.startswith("VisionRI") and is_furniture(text))
            ):
                self.keep_extra(index, text)  # (`is_furniture`, inlined: a call a line)
            elif title is None:
                if text in _LONE_BULLETS:
                    self.keep_extra(index, text)  # an empty list item: no title
                else:
                    title = text
            elif same_text(text, title):
                self.keep_extra(index, text)  # the title's repeat, maybe with other quotes
            elif (
                region is None
                and (self.raw[index][0] in " \t" or _looks_like_region(text, title))
                and text not in _LONE_BULLETS
            ):
                region = text
            else:
                self.keep_extra(index, text)
        if number_at >= 0:
            self.close_trending(number_at, title, region)

    def is_number(self, index: int, number_at: int, stop: int) -> bool:
        """The digits at `index`, right below the number at `number_at`, are the next
        item's number (the item at `number_at` was cut off), not its title (`2024`).

        A title is printed twice or has an indented region below it. Otherwise digits
        that are the next number are a number; other digits are a title, unless a title
        printed twice follows them (the numbers skip one).
        """
        lines = self.lines
        text = lines[index]
        after = self.next_filled(index + 1)
        if after >= stop:
            return _follows(text, lines[number_at])
        below = lines[after]
        if below == text or (self.raw[after][:1] in (" ", "\t") and not below.isdigit()):
            return False  # the title printed twice, or its region below it
        if _follows(text, lines[number_at]):
            return True
        again = self.next_filled(after + 1)
        return not below.isdigit() and again < stop and lines[again] == below

    def close_trending(self, number_at: int, title: str | None, region: str | None) -> None:
        if title is None:
            # A cut-off item: only its number arrived.
            self.keep_extra(number_at, self.lines[number_at])
        else:
            self.trending.append(TrendingItem(title, region))

    def set_credit(self, text: str, index: int) -> None:
        self.credit = text
        self.credit_at = index

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
            if last.startswith("(") and (
                (last.endswith(")") and len(last) < 300) or self.is_cut_credit(last)
            ):
                self.credit = self.body.pop()

    def is_cut_credit(self, text: str) -> bool:
        """A credit line the dump stops in (`(With inputs from agen`): the text's last
        line, opening like a known credit. It is the credit, as far as it goes."""
        if not (
            _CREDIT.match(text) is not None
            or (len(text) >= 4 and any(known.startswith(text) for known in _KNOWN_CREDITS))
        ):
            return False
        last = len(self.lines) - 1
        while last > 0 and not self.lines[last]:
            last -= 1
        return self.lines[last] == text

    def article(self, source: Source, invalid_lines: Sequence[int]) -> Article:
        findings = self.findings
        if invalid_lines:
            findings[:0] = [
                Finding(INVALID_UTF8, Severity.ERROR, _INVALID_UTF8_MESSAGE, self.path, line)
                for line in invalid_lines
            ]
        if self.headline is None:
            findings.append(
                Finding(NO_HEADLINE, Severity.ERROR, "no headline found", self.path, source.line)
            )
        extra = self.extra
        if len(extra) > 1:
            extra.sort(key=_extra_line)
        return Article(
            self.date,
            self.headline,
            self.summary,
            self.byline,
            tuple(self.countries),
            tuple(self.body),
            self.credit,
            tuple(self.tags),
            tuple(self.also_read),
            tuple(self.trending),
            tuple(extra),
            source,
            tuple(findings),
        )


_INVALID_UTF8_MESSAGE = "invalid UTF-8: bytes replaced with U+FFFD"


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
    """Read the text of one article (a trailing newline is allowed) into an `Article`."""
    lines = _drop_invisible(text).split("\n")
    if not lines[0] or lines[0].isspace():
        # `source.line` is the article's first non-blank line.
        skip = 1
        while skip < len(lines) - 1 and (not lines[skip] or lines[skip].isspace()):
            skip += 1
        lines = lines[skip:]
        first_line += skip
    last = len(lines) - 1
    while last > 0 and (not lines[last] or lines[last].isspace()):
        last -= 1
    source = Source(path, first_line, first_line + last, index)
    # The dump may stop inside a date line, a label or furniture on the last line:
    # that line is no text (`_CUT_PREFIXES`).
    cut_at = last if _is_cut_off(lines[last].strip()) else -1
    if not invalid_lines and cut_at < 0:
        article = _read_list_layout(lines, source)
        if article is not None:
            return article
    reader = _ArticleReader(lines, first_line, path)
    reader.read(cut_at)
    return reader.article(source, invalid_lines)


def _read_list_layout(raw: list[str], source: Source) -> Article | None:
    """The canonical list layout, read in a few whole-list operations; else None.

    Most articles of large dumps are exactly this shape: a date line with a headline,
    one summary line, `- Country:` and its bullets, body, an optional credit, `- READ
    MORE ON:` tags and `ALSO READ`. This function takes such an article in one flat
    pass and gives up (None) at anything else, so the general reader decides every
    other case; tests/test_properties.py checks that both readers agree.
    """
    if len(raw) < 4 or raw[2].strip() != "- Country:":
        return None
    match = _DATE_LINE.match(raw[0])
    if match is None:
        return None
    date, headline = match.groups()
    headline = headline.strip()
    summary = raw[1].strip()
    if (
        not headline
        or not _is_real_date(date)
        or headline in _NO_CONTENT
        or headline.startswith("VisionRI")  # maybe a banner: the general reader decides
        or _looks_like_paragraph(headline)
        or not summary
        or summary in _NO_SUMMARY
        or summary[:2] in _BULLET_PREFIXES
        or summary.startswith("VisionRI")
        # A caption or a credit, maybe (`_is_caption`, `is_credit`: the general reader
        # decides; no call here for the usual summary).
        or "mage" in summary
        or "hoto" in summary
        or summary[0] == "("
        or "Updated:" in summary
        or "Created:" in summary
        or (len(summary) < len(headline) + 8 and same_text(summary, headline))
    ):
        return None
    lines = [line.strip() for line in raw[3:]]
    index = 0
    end = len(lines)
    while index < end and lines[index][:2] in _BULLET_PREFIXES and lines[index] not in _MARKERS:
        index += 1
    countries = [line[2:] for line in lines[:index]]
    if not countries or index == end or not lines[index] or lines[index][0] in "-•":
        return None
    for country in countries:
        if country[:1].isspace() or _is_sentence_item(country) or country[:6] in _LABEL_HEADS:
            return None  # odd spacing or a bulleted sentence: the general reader decides
    # Only READ MORE ON and ALSO READ may follow, once each and in that order; the
    # set and list methods below do the scanning in C.
    present = _MARKER_SET.intersection(lines)
    tags_at = also_at = end
    if present:
        if not present <= _LIST_TRAILERS:
            return None
        if "ALSO READ" in present:
            also_at = lines.index("ALSO READ")
            if "ALSO READ" in lines[also_at + 1 :]:  # (a second one: only the tail is looked at)
                return None
        if "- READ MORE ON:" in present:
            tags_at = lines.index("- READ MORE ON:")
            if tags_at > also_at or "- READ MORE ON:" in lines[tags_at + 1 :]:
                return None
    body = [line for line in lines[index : min(tags_at, also_at)] if line]
    tag_lines = [line for line in lines[tags_at + 1 : also_at] if line]
    also_read = [
        line[2:] if line[:2] in _BULLET_PREFIXES else line for line in lines[also_at + 1 :] if line
    ]
    if (
        not body
        or (tag_lines and ("\n" + "\n".join(tag_lines)).count("\n- ") != len(tag_lines))
        or not _NO_CONTENT.isdisjoint(body)
        or not _NO_CONTENT.isdisjoint(also_read)
        or not _FURNITURE.isdisjoint(tag_lines)
    ):
        return None
    tags = [line[2:] for line in tag_lines]
    if body[-1].startswith(_TAGS_STARTS):
        return None  # maybe tags below `- READ MORE ON: floods`
    joined = "\n".join(body)
    if "mage" in joined or "hoto" in joined or "VisionRI" in joined:
        return None
    credit = None
    if joined[0] == "(" or "\n(" in joined:
        last = body[-1]
        if joined.count("\n(") + (joined[0] == "(") != 1 or last[0] != "(":
            return None
        if is_credit(last) or (last.endswith(")") and len(last) < 300 and len(body) > 1):
            credit = body.pop()
        else:
            return None
    return Article(
        date,
        headline,
        summary,
        None,
        tuple(countries),
        tuple(body),
        credit,
        tuple(tags),
        tuple(also_read),
        (),
        (),
        source,
        (),
    )


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
        self.shared_line = -1  # the line the last article shares with the next, if any

    def feed(self, chunk: str) -> Iterator[Article]:
        if not chunk:
            return
        if not self.buffer and self.buffer_line == 1 and chunk.startswith("\ufeff"):
            chunk = chunk[1:]
        buffer = self.buffer + chunk if self.buffer else chunk
        start = 0
        line = self.buffer_line
        path = self.path
        # Where the line of the last match starts and ends, carried from match to match:
        # a line of many `date`s (prose, or garbage) costs linear time, not quadratic.
        scan = max(self.scan_from - 1, 0)
        line_start = buffer.rfind("\n", 0, scan) + 1
        line_end = -1
        previous = scan
        for match in _DATE_PREFIX.finditer(buffer, scan):
            at = match.start()
            newline = buffer.rfind("\n", previous, at)
            if newline >= 0:
                line_start = newline + 1
            previous = at
            indent = at
            while indent > line_start and buffer[indent - 1] in _DATE_INDENT:
                indent -= 1
            if indent != line_start:
                if line_end < at:
                    line_end = buffer.find("\n", at)
                    if line_end < 0:
                        line_end = len(buffer)
                if not _is_glued_date_line(buffer, line_start, line_end, match):
                    continue  # `date ...` inside a line, not a date line
                line_start = at  # (`cat` of a file with no final newline: see there)
            if line_start == start:
                continue
            text = buffer[start:line_start]
            if self.seen_date_line and self.preamble is None and not self.invalid_lines:
                # The common case, inlined: one article between two date lines.
                if not _is_blank(text):
                    yield read_article(text, path=path, first_line=line, index=self.index)
                    self.index += 1
            else:
                self.buffer_line = line
                yield from self.emit(text)
            line += buffer.count("\n", start, line_start)
            start = line_start
        self.buffer_line = line
        self.buffer = buffer[start:]
        # A date line needs its whole first line to be recognised, so rescan from the
        # start of the last (possibly incomplete) line.
        self.scan_from = self.buffer.rfind("\n") + 1

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
            if not self.seen_date_line and _only_furniture(text):
                # Furniture before the first date line waits to join the next article.
                self.preamble, self.preamble_line = text, first_line
                return
        if self.preamble is not None:
            text = self.preamble + text
            first_line = self.preamble_line
            self.preamble = None
        yield from self.emit_text(text, first_line)

    def emit_text(self, text: str, first_line: int) -> Iterator[Article]:
        if not text or _is_blank(text):
            return
        bad: Sequence[int] = ()
        if self.invalid_pos < len(self.invalid_lines):
            last = first_line + text.count("\n", 0, len(text) - 1)  # (its final newline)
            # A glued date line (`_is_glued_date_line`) leaves a line to two articles:
            # its invalid UTF-8 is the one's whose part holds the replacement character.
            shared = not text.endswith("\n")
            bad = self.invalid_for(first_line, last + 1, keep=last if shared else -1)
            if shared and last in bad and "\ufffd" not in text[text.rfind("\n") + 1 :]:
                bad.remove(last)
            if (
                first_line == self.shared_line
                and first_line in bad
                and "\ufffd" not in text.split("\n", 1)[0]
            ):
                bad.remove(first_line)
            self.shared_line = last if shared else -1
        yield read_article(
            text, path=self.path, first_line=first_line, index=self.index, invalid_lines=bad
        )
        self.index += 1

    def invalid_for(self, first: int, stop: int, keep: int = -1) -> list[int]:
        """The invalid lines in [first, stop); `keep` (a line the next article shares)
        stays to be found again."""
        bad: list[int] = []
        lines = self.invalid_lines
        while self.invalid_pos < len(lines) and lines[self.invalid_pos] < stop:
            if lines[self.invalid_pos] >= first:
                bad.append(lines[self.invalid_pos])
            if lines[self.invalid_pos] == keep:
                break
            self.invalid_pos += 1
        return bad


_GLUED_HEADLINE = re.compile(r"[ \t\u00a0]+[A-Z0-9\"'“‘]")
_GLUED_END = (".", ")", "?", "!", '"', "”", "’")
_GLUED_OPENERS = "\"'‘“«([$€£₹"


def _is_glued_date_line(buffer: str, line_start: int, line_end: int, match: re.Match[str]) -> bool:
    """A date line glued to the end of the line before it, where dumps were joined
    with `cat` and the first had no final newline (as real dumps have none):
    `Grain Talks Resume in Istanbul date 2025-03-14 Ukraine and Turkey Forge ...`.

    Prose has `date` before a date too (`figures that are up to date 2024-03-01 show`),
    so all of this must hold: the date line's own leading space before `date`; a real
    day; a headline after it (a capital, a digit or a quote); and before it, what
    ends a dump: a word with a capital (a Title Case headline, `Give Feedback`, a
    name), a short bullet item (a tag), or a closing parenthesis or mark (a credit,
    a question, a sentence). A lower-case word before `date` (`up to date`, `the
    record date`) never splits, nor does a cut-off dump's last word in lower case
    (`officials sa`), nor a "headline" that lists more dates (`Key dates: Opening date
    2024-03-15 Closing date 2024-03-19`). A date line whose rest ends a sentence (a
    first body paragraph there, FORMAT.md) splits only after what surely ends a dump,
    a closing mark or a bullet item: after a capitalised word it is prose (`Apply
    before the Last date 2024-03-31 The exam follows in May.`).
    """
    at = match.start()
    if buffer[at - 1] not in " \t\u00a0":
        return False
    end = match.end()
    if _GLUED_HEADLINE.match(buffer, end) is None:
        return False
    # (Chunks end at line ends, so the rest of this line, up to `line_end`, is all
    # there. Bounded looks: a long line of many `date`s costs no more than a short one.)
    sentence = _drop_invisible(buffer[max(end, line_end - 64) : line_end]).rstrip().endswith(".")
    if _DATE_PREFIX.search(buffer, end, line_end) is not None:
        return False
    if not _is_real_date(buffer[end - 10 : end]):
        return False
    # (The last word is enough: a long line costs no more than a short one.)
    before = _drop_invisible(buffer[max(line_start, at - 200) : at]).strip()
    if not before:
        return False
    word = before.rsplit(None, 1)[-1]
    if word.endswith(_GLUED_END) or (
        at - line_start <= 70 and _is_bullet(before) and len(before) <= 62
    ):
        return True
    first = word.lstrip(_GLUED_OPENERS)[:1]  # (`'TraderTraitor'`, `$1.5`, `(Reuters)`)
    return not sentence and (first.isupper() or first.isdigit())


def glued_date_line_at(line: str) -> int:
    """Where a date line glued to the end of `line` starts (`... in Istanbul date
    2025-03-14 Headline`: at `date`), as the parser splits there; -1 if none."""
    if "date" not in line:
        return -1
    for match in _DATE_PREFIX.finditer(line):
        at = match.start()
        if line[:at].strip(_DATE_INDENT) and _is_glued_date_line(line, 0, len(line), match):
            return at
    return -1


def _only_furniture(text: str) -> bool:
    lines = [line.strip() for line in _drop_invisible(text).split("\n")]
    return all(is_furniture(line) for line in lines if line)


def invalid_utf8_lines(articles: Iterable[Article]) -> int:
    """How many lines of `articles` held invalid UTF-8 (their NP101 findings)."""
    return sum(f.rule == INVALID_UTF8 for article in articles for f in article.findings)


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


def parse_input(
    item: InputFile, on_chunk: Callable[[str], None] | None = None
) -> Iterator[Article]:
    """Parse one input (a path, or `-`); raises `InputError` like `parse_file`."""
    stream = open_binary(item)
    try:
        yield from parse_stream(stream, item.name, on_chunk)
    finally:
        if not item.is_stdin:
            stream.close()


def parse_stream(
    stream: BinaryIO, name: str, on_chunk: Callable[[str], None] | None = None
) -> Iterator[Article]:
    """Parse an open binary stream whose records are to carry `name` as their path.

    `on_chunk` sees each decoded chunk before its articles are read: progress bars
    count bytes there, and `validate` keeps the lines for exact locations. If reading
    breaks, the articles of the text read so far are yielded, then `InputError` is
    raised. The stream is not closed.
    """
    decoder = Decoder()
    splitter = _Splitter(name, decoder.invalid_lines)
    try:
        for chunk in read_chunks(stream, decoder):
            if on_chunk is not None:
                on_chunk(chunk)
            yield from splitter.feed(chunk)
    except read_errors() as error:
        tail = decoder.close()
        if on_chunk is not None and tail:
            on_chunk(tail)
        yield from splitter.feed(tail)
        yield from splitter.close()
        raise InputError(name, describe(error)) from None
    yield from splitter.close()
