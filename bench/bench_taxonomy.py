"""Bench the taxonomy matcher: one combined matcher vs a naive loop over every pattern.

Generates a taxonomy of TAGS tags (3 words and 1 phrase each, and a regex for every
REGEX_EVERY-th tag) and ARTICLES synthetic articles whose text draws on the same
vocabulary, checks that both ways find exactly the same hits, then prints the time
of each and the ratio, all measured in the same run.

    python bench/bench_taxonomy.py                 # 500 tags, 60 articles
    python bench/bench_taxonomy.py --tags 2000 --regex-every 1
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import regex

from newsparse.model import Article, Source
from newsparse.taxonomy import Taxonomy, naive_hits, parse_taxonomy

SYLLABLES = ["ka", "lo", "mi", "ten", "ra", "su", "vel", "don", "pri", "ma", "tor", "is", "an"]


def make_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_taxonomy(rng: random.Random, vocabulary: list[str], tags: int, every: int) -> Taxonomy:
    table: dict[str, dict[str, object]] = {}
    for number in range(tags):
        entry: dict[str, object] = {
            "words": rng.sample(vocabulary, 3),
            "phrases": [" ".join(rng.sample(vocabulary, 2))],
        }
        if every and number % every == 0:
            stem = rng.choice(vocabulary)[:4]
            entry["regex"] = [rf"\b{stem}\w*(?:ed|ing)\b"]
        table[f"tag{number:04d}"] = entry
    return parse_taxonomy({"tags": table}, "<generated>")


def make_articles(rng: random.Random, vocabulary: list[str], count: int) -> list[Article]:
    filler = ["the", "of", "and", "to", "in", "said", "on", "for", "a", "officials", "talks"]
    pool = filler * 30 + vocabulary

    def sentence() -> str:
        words = [rng.choice(pool) for _ in range(rng.randint(8, 20))]
        return " ".join(words).capitalize() + "."

    return [
        Article(
            date="2025-01-01",
            headline=sentence()[:-1],
            summary=" ".join(sentence() for _ in range(2)),
            byline=None,
            countries=(),
            body=tuple(" ".join(sentence() for _ in range(4)) for _ in range(8)),
            credit=None,
            tags=(),
            also_read=(),
            trending=(),
            extra=(),
            source=Source("<generated>", 1, 1, index),
        )
        for index in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--regex-every", type=int, default=10, help="0: no regexes")
    parser.add_argument("--vocabulary", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()

    rng = random.Random(options.seed)
    vocabulary = make_words(rng, options.vocabulary)
    taxonomy = make_taxonomy(rng, vocabulary, options.tags, options.regex_every)
    articles = make_articles(rng, vocabulary, options.articles)
    characters = sum(
        len(a.headline or "") + len(a.summary or "") + sum(map(len, a.body)) for a in articles
    )
    regexes = sum(pattern.kind == "regex" for pattern in taxonomy.patterns)
    print(
        f"taxonomy: {len(taxonomy.tags)} tags, {len(taxonomy.patterns)} patterns "
        f"({regexes} regex); corpus: {len(articles)} articles, {characters:,} characters"
    )

    started = time.perf_counter()
    matcher = taxonomy.matcher()
    build = time.perf_counter() - started

    started = time.perf_counter()
    combined = [matcher.hits(article) for article in articles]
    combined_time = time.perf_counter() - started

    compiled = [regex.compile(pattern.source()) for pattern in taxonomy.patterns]
    started = time.perf_counter()
    naive = [naive_hits(taxonomy, article, compiled) for article in articles]
    naive_time = time.perf_counter() - started

    if combined != naive:
        sys.exit("MISMATCH: the combined matcher and the naive loop disagree")
    hits = sum(map(len, combined))
    print(f"hits: {hits:,} (identical both ways)")
    print(f"build one matcher : {build * 1000:8.1f} ms (once per run)")
    print(
        f"one matcher       : {combined_time * 1000:8.1f} ms "
        f"({combined_time / len(articles) * 1000:.3f} ms/article)"
    )
    print(
        f"naive pattern loop: {naive_time * 1000:8.1f} ms "
        f"({naive_time / len(articles) * 1000:.3f} ms/article)"
    )
    print(f"ratio             : {naive_time / combined_time:8.1f}x faster")


if __name__ == "__main__":
    main()
