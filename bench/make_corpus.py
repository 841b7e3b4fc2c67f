"""Deterministic benchmark corpora in the dump layouts of FORMAT.md.

    python bench/make_corpus.py --layout list --size 100            # bench/out/list-100MB-s1.txt
    python bench/make_corpus.py --layout mixed --size 8 --files 8   # bench/out/mixed-8MB-s1-8files/

The same layout, size, seed and file count always give the same bytes. Articles are
shaped like the real sample (fixtures/real_list_sample.txt: a summary and three
300-400 character paragraphs, 5-12 tags, 5 ALSO READ headlines) and like FORMAT.md
section 2 for pages (furniture, byline, repeated headline, image caption, `•` bullets,
blank lines in several patterns, TRENDING items, cut-off endings).

* `list`: list layout only (section 1), about 2.4 KB an article;
* `page`: page layout only (section 2), every article opening with a date line;
* `mixed`: per article 40 % list, 60 % page, with the page variants drawn at random.

Text comes from a pool of sentences built once from a word list, so generation runs
at disk speed; the parser never sees the pool, only the lines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_WORDS = _split(
    "government minister president officials said on Monday Tuesday Wednesday Thursday "
    "Friday talks agreement trade security energy market prices growth inflation bank "
    "central rates investors shares rose fell percent billion million dollars rupees "
    "euros policy reform election parliament opposition party leaders summit climate "
    "flood drought farmers crops exports imports oil gas power grid solar wind project "
    "infrastructure road rail port city district state national international agency "
    "report data survey health hospital vaccine doctors patients school students "
    "university research technology digital startup companies firms workers jobs wages "
    "strike court ruling judge police investigation security forces border conflict "
    "ceasefire aid humanitarian relief water sanitation housing urban rural development "
    "programme scheme funding budget deficit debt loan partnership cooperation alliance "
    "the a of to in and for with by from at as its their new after over amid during "
    "while under against between"
)
_NAMES = _split(
    "Zelenskiy Erdogan Modi Macron Scholz Biden Trump Lula Ramaphosa Albanese Kishida "
    "Guterres Lagarde Powell Sitharaman Jaishankar Blinken Wang Putin Meloni"
)
_COUNTRIES = (
    "India",
    "United States",
    "Turkey",
    "Türkiye",
    "Ukraine",
    "Russia",
    "China",
    "France",
    "Germany",
    "United Kingdom",
    "Brazil",
    "South Africa",
    "Japan",
    "Australia",
    "Kenya",
    "Nigeria",
    "Portugal",
    "Netherlands",
    "Indonesia",
    "Pakistan",
)
_PLACES = ("New Delhi", "Lisbon", "Kyiv", "Washington", "London", "Geneva", "Mumbai", "Nairobi")
_AUTHORS = ("Devdiscourse News Desk", "Reuters", "ANI", "PTI")
_CREDITS = (
    "(With inputs from agencies.)",
    "(With inputs from PTI)",
    "(This story has not been edited by Devdiscourse staff and is auto-generated from a "
    "syndicated feed.)",
)
_CAPTIONS = (
    "Representative Image Image Credit: Pxhere",
    "Representative Image Image Credit: ANI",
    "This image is AI-generated and does not depict any real-life event or location. "
    "It is a fictional representation created for illustrative purposes only.",
    "Prime Minister Narendra Modi",
)
_REGIONS = (" Global", " India", " France", " Europe", " Asia", " Africa")
_POOL_SENTENCES = 4000
_POOL_HEADLINES = 2000


class _Writer:
    """Builds articles from pre-made text pools with one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.sentences = [self._sentence(rng) for _ in range(_POOL_SENTENCES)]
        self.headlines = [self._headline(rng) for _ in range(_POOL_HEADLINES)]
        self.tags = [w for w in _WORDS if len(w) > 4] + list(_NAMES)
        self.day0 = dt.date(2019, 1, 1)

    @staticmethod
    def _sentence(rng: random.Random) -> str:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 26))]
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(_COUNTRIES))
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), "Türkiye’s")
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    @staticmethod
    def _headline(rng: random.Random) -> str:
        words = [rng.choice(_WORDS).capitalize() for _ in range(rng.randint(5, 11))]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
        if rng.random() < 0.2:
            words.insert(rng.randrange(1, len(words)), "–")
        return " ".join(words)

    def paragraph(self, low: int = 250, high: int = 450) -> str:
        target = self.rng.randint(low, high)
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = self.rng.choice(self.sentences)
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def headline(self) -> str:
        return self.rng.choice(self.headlines)

    def day(self) -> dt.date:
        return self.day0 + dt.timedelta(days=self.rng.randrange(2500))

    def countries(self) -> list[str]:
        return self.rng.sample(_COUNTRIES, self.rng.choice((1, 1, 1, 2, 3)))

    def trailers_list(self, lines: list[str]) -> None:
        rng = self.rng
        lines.append("- READ MORE ON:")
        lines.extend(f"- {tag}" for tag in rng.sample(self.tags, rng.randint(5, 12)))
        lines.append("ALSO READ")
        lines.extend(self.headline() for _ in range(5))

    # -- layouts -------------------------------------------------------------------

    def list_article(self) -> str:
        rng = self.rng
        lines = [f" date {self.day().isoformat()} {self.headline()}", self.paragraph(280, 420)]
        if rng.random() < 0.9:
            lines.append("- Country:")
            lines.extend(f"- {name}" for name in self.countries())
        lines.extend(self.paragraph() for _ in range(rng.choice((2, 3, 3, 3, 4, 5))))
        if rng.random() < 0.7:
            lines.append(rng.choice(_CREDITS))
        if rng.random() < 0.95:
            self.trailers_list(lines)
        return "\n".join(lines) + "\n"

    def page_article(self) -> str:
        rng = self.rng
        day = self.day()
        headline = self.headline()
        summary = self.paragraph(150, 300)
        first = rng.random()
        if first < 0.7:
            date_line = f" date {day.isoformat()} Left Menu"
        elif first < 0.9:
            date_line = f" date {day.isoformat()} {headline}"
        else:
            date_line = f" date {day.isoformat()}"
        # Blank lines: between all paragraphs, doubled, only after the summary, or none.
        sep, after_summary = rng.choice(
            ((([""], [""])), (["", ""], ["", ""]), ([], [""]), ([], []), ([""], [""]))
        )
        lines = [date_line, *after_summary]
        if not date_line.endswith(headline):
            lines += [headline, *sep]
        lines += [summary, *after_summary]
        stamp = f"{day.day:02d}-{day.month:02d}-{day.year} {rng.randrange(24):02d}:"
        stamp += f"{rng.randrange(60):02d} IST"
        author = rng.choice(_AUTHORS)
        shape = rng.random()
        if shape < 0.7:
            lines.append(f"{author} | {rng.choice(_PLACES)} | Updated: {stamp} | Created: {stamp}")
        elif shape < 0.85:
            lines.append(f"{author} | Updated: {stamp}")
        else:
            lines += [author, f"Updated: {stamp}"]
        lines.append(headline)
        if rng.random() < 0.8:
            lines.append(rng.choice(_CAPTIONS))
        bullet = rng.choice(("  • ", "- "))
        if rng.random() < 0.85:
            lines.append(f"{bullet}Country:")
        lines.extend(f"{bullet}{name}" for name in self.countries())
        lines += sep
        cut = rng.random() < 0.05
        for _ in range(rng.choice((2, 3, 4, 5, 6))):
            lines += [self.paragraph(), *sep]
        if cut:
            lines[-1 - len(sep)] = lines[-1 - len(sep)][: rng.randrange(20, 200)]
            return "\n".join(lines) + "\n"
        if rng.random() < 0.7:
            lines += [rng.choice(_CREDITS), *sep]
        if rng.random() < 0.5:
            lines.append(f"{bullet}READ MORE ON:")
            lines.extend(f"{bullet}{t}" for t in rng.sample(self.tags, rng.randint(3, 8)))
            lines += sep
        if rng.random() < 0.8:
            lines += ["TRENDING", ""]
            for number in range(1, rng.randint(2, 5)):
                title = self.headline()
                lines += [str(number), title, "", title, "", rng.choice(_REGIONS)]
        if rng.random() < 0.3:
            lines.append("Give Feedback")
        return "\n".join(lines) + "\n"

    def mixed_article(self) -> str:
        return self.list_article() if self.rng.random() < 0.4 else self.page_article()


def articles(layout: str, seed: int) -> Iterator[str]:
    writer = _Writer(seed)
    make: Callable[[], str] = {
        "list": writer.list_article,
        "page": writer.page_article,
        "mixed": writer.mixed_article,
    }[layout]
    while True:
        yield make()


def write_corpus(path: Path, layout: str, size_mb: float, seed: int) -> int:
    """Write about `size_mb` MB (10**6 bytes) of articles; return the bytes written."""
    limit = int(size_mb * 1_000_000)
    written = 0
    buffer: list[bytes] = []
    pending = 0
    with path.open("wb") as out:
        for text in articles(layout, seed):
            data = text.encode("utf-8")
            buffer.append(data)
            pending += len(data)
            written += len(data)
            if pending >= 1 << 20 or written >= limit:
                out.write(b"".join(buffer))
                buffer, pending = [], 0
            if written >= limit:
                break
    return written


def corpus_path(layout: str, size_mb: float, seed: int = 1, files: int = 1) -> Path:
    """The path `make` writes to: a file, or a directory when `files > 1`."""
    name = f"{layout}-{size_mb:g}MB-s{seed}"
    return OUT / (f"{name}-{files}files" if files > 1 else f"{name}.txt")


def make(layout: str, size_mb: float, seed: int = 1, files: int = 1, force: bool = False) -> Path:
    """Generate (or reuse) a corpus; `files > 1` splits `size_mb` over that many files."""
    path = corpus_path(layout, size_mb, seed, files)
    if files == 1:
        if force or not path.exists():
            OUT.mkdir(parents=True, exist_ok=True)
            write_corpus(path, layout, size_mb, seed)
        return path
    if force or not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        for number in range(files):
            write_corpus(path / f"part-{number:03d}.txt", layout, size_mb / files, seed + number)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layout", choices=("list", "page", "mixed"), default="list")
    parser.add_argument("--size", type=float, default=10, help="MB (10**6 bytes), default 10")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=1, help="split over N files (a directory)")
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    args = parser.parse_args(argv)
    path = make(args.layout, args.size, args.seed, args.files, args.force)
    print(os.path.relpath(path))


if __name__ == "__main__":
    main()
