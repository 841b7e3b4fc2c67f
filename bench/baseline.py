"""The baseline: a list-layout parser written the way a user would write it.

    python bench/baseline.py DUMP.txt > out.jsonl

A per-line loop with `re` and `json`, list layout only (FORMAT.md section 1): a date
line starts an article, then summary, `- Country:` bullets, body paragraphs, a credit
line, `- READ MORE ON:` tags and ALSO READ headlines. No page layout, no byline, no
furniture, no line numbers, no invalid-UTF-8 handling. It is what newsparse's speed is
measured against, so it is deliberately plain, not tuned.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$")
CREDIT = re.compile(r"^\((With inputs from .*|This story has not been edited.*)\)$")
BULLET = re.compile(r"^-\s+(.*)$")


def new_article(date: str, headline: str) -> dict[str, Any]:
    return {
        "date": date,
        "headline": headline or None,
        "summary": None,
        "countries": [],
        "body": [],
        "credit": None,
        "tags": [],
        "also_read": [],
    }


def parse(stream: TextIO, out: TextIO) -> int:
    article: dict[str, Any] | None = None
    section = "header"
    count = 0
    for line in stream:
        line = line.rstrip("\n")
        match = DATE_LINE.match(line)
        if match:
            if article is not None:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
                count += 1
            article = new_article(match.group(1), match.group(2).strip())
            section = "header"
            continue
        if article is None:
            continue
        text = line.strip()
        if not text:
            continue
        if text == "- Country:":
            section = "countries"
            continue
        if text == "- READ MORE ON:":
            section = "tags"
            continue
        if text == "ALSO READ":
            section = "also_read"
            continue
        bullet = BULLET.match(text)
        if section == "countries" and bullet:
            article["countries"].append(bullet.group(1))
        elif section == "tags" and bullet:
            article["tags"].append(bullet.group(1))
        elif section == "also_read":
            article["also_read"].append(text)
        elif CREDIT.match(text):
            article["credit"] = text
        elif section == "header" and article["summary"] is None:
            article["summary"] = text
        else:
            section = "body"
            article["body"].append(text)
    if article is not None:
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
        count += 1
    return count


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as stream:
        parse(stream, sys.stdout)


if __name__ == "__main__":
    main()
