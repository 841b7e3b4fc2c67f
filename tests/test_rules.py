"""The rules: each fires on the fixture made for it and stays silent on the clean ones;
settings from the `[rules]` section; duplicates across inputs; locations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse import parse
from newsparse.config import Config, load_config
from newsparse.countries import country_code, is_known_country
from newsparse.errors import ConfigError, InputError
from newsparse.inputs import InputFile
from newsparse.model import Article, Finding, Severity, Source
from newsparse.parser import is_furniture
from newsparse.rules import (
    _CONTROL,
    _FURNITURE_WORDS,
    _SENTENCE_END,
    _SENTENCE_MARKS,
    _STRAY_ANY,
    _SUSPECT,
    RULES,
    ArticleRef,
    Checked,
    Checker,
    Hit,
    RuleSettings,
    _first_word,
    _furniture_only,
    _LineStore,
    _Locator,
    _mojibake_pattern,
    _normal_text,
    _SeenArticles,
    _stray_pattern,
    check_articles,
    parse_codes,
    read_located,
    today_in_ist,
)

from .conftest import FIXTURES, ROOT

VALIDATE = FIXTURES / "validate"
TODAY = dt.date(2026, 1, 1)

#: Every rule a fixture must raise, and nothing else.
EXPECTED: dict[str, list[str]] = {
    "np001_date_missing": ["NP001"],
    "np002_date_invalid": ["NP002"],
    "np003_date_future": ["NP003"],
    "np004_stamp_invalid": ["NP004", "NP004"],
    "np010_headline_missing": ["NP010", "NP020"],
    "np011_headline_furniture": ["NP011"],
    "np012_headline_too_long": ["NP012"],
    "np020_summary_missing": ["NP020"],
    "np021_body_empty": ["NP021"],
    "np022_body_too_short": ["NP022"],
    "np023_body_cut_off": ["NP022", "NP023", "NP024"],
    "np024_credit_missing": ["NP024"],
    "np030_countries_missing": ["NP030"],
    "np031_country_unknown": ["NP031"],
    "np040_tags_missing": ["NP040"],
    "np041_tag_duplicate": ["NP041"],
    "np042_tag_stray": ["NP042", "NP042", "NP042"],
    "np050_also_read_self": ["NP050"],
    "np060_duplicate": ["NP060", "NP060"],
    "np070_extra_unrecognised": ["NP070"],
    "np080_mojibake": ["NP080"],
    "np081_control": ["NP081"],
    "np101_invalid_utf8": ["NP101"],
}
CLEAN = [
    VALIDATE / "clean_list.dump",
    VALIDATE / "clean_page.dump",
    VALIDATE / "clean_page_lists.dump",
    VALIDATE / "clean_page_old_byline.dump",
    VALIDATE / "clean_roundup.dump",
    FIXTURES / "real_list_sample.txt",
]


def run(path: Path, settings: RuleSettings | None = None) -> list[Checked]:
    relative = path.relative_to(ROOT).as_posix() if path.is_absolute() else str(path)
    return list(check_articles(read_located(InputFile(relative)), settings, TODAY))


def rule_ids(results: list[Checked]) -> list[str]:
    return sorted(finding.rule for checked in results for finding in checked.findings)


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_fires_on_its_fixture_and_nothing_else_does(name: str) -> None:
    results = run(VALIDATE / f"{name}.dump")
    assert rule_ids(results) == EXPECTED[name]
    assert name[:5].upper() in rule_ids(results)


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.stem)
def test_clean_fixtures_have_no_findings(path: Path) -> None:
    assert rule_ids(run(path)) == []


def test_every_rule_has_a_fixture() -> None:
    covered = {name[:5].upper() for name in EXPECTED}
    assert covered == set(RULES)
    on_disk = {path.stem for path in VALIDATE.glob("np*.dump")}
    assert on_disk == set(EXPECTED)


def test_rules_are_documented_with_stable_ids() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    assert list(RULES) == sorted(RULES)
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"NP\d{3}", rule_id)
        assert rule.id == rule_id
        assert rule.summary and "\n" not in rule.summary
        assert rule.explanation and rule.bad and rule.good and rule.bad != rule.good
    # The ids the parser uses keep their meaning.
    assert {r.id for r in RULES.values() if r.origin == "parser"} == {
        "NP002",
        "NP004",
        "NP010",
        "NP101",
    }


def test_findings_point_at_the_offending_line_and_column() -> None:
    (checked,) = run(VALIDATE / "np031_country_unknown.dump")
    (finding,) = checked.findings
    assert (finding.path, finding.line, finding.column) == (
        "fixtures/validate/np031_country_unknown.dump",
        5,
        3,
    )
    (checked,) = run(VALIDATE / "np080_mojibake.dump")
    assert (checked.findings[0].line, checked.findings[0].column) == (2, 30)


def test_a_short_body_is_located_below_the_summary_it_repeats() -> None:
    text = (
        " date 2025-06-02 Ministers Meet\n\nMinisters met.\n\n"
        "ANI | Geneva | Updated: 02-06-2025 14:05 IST\nMinisters Meet\n  • Country:\n"
        "  • Switzerland\n\nMinisters met.\n\nThe talks lasted two days.\n"
    )
    settings_ = RuleSettings(select=("NP022",))
    (checked,) = Checker(settings_, TODAY).check(next(parse(text)), text.split("\n"))
    assert [(f.rule, f.line) for f in checked.findings] == [("NP022", 10)]


def test_without_raw_lines_findings_fall_back_to_the_article_line() -> None:
    text = (VALIDATE / "np041_tag_duplicate.dump").read_text(encoding="utf-8")
    results = list(check_articles(parse(text, "x.txt"), today=TODAY))
    (finding,) = results[0].findings
    assert (finding.rule, finding.line, finding.column) == ("NP041", 1, None)


def test_a_bad_article_never_stops_the_run() -> None:
    text = "".join(
        (VALIDATE / f"{name}.dump").read_text(encoding="utf-8")
        for name in ("np001_date_missing", "np021_body_empty", "np010_headline_missing")
    )
    results = list(check_articles(parse(text), today=TODAY))
    assert len(results) == 3
    assert [sorted({f.rule for f in r.findings}) for r in results] == [
        ["NP001"],
        ["NP021"],
        ["NP010", "NP020"],
    ]


# -- date in the future: today is injectable ------------------------------------


@pytest.mark.parametrize(
    ("today", "fires"),
    [(dt.date(2025, 3, 13), True), (dt.date(2025, 3, 14), False), (dt.date(2030, 1, 1), False)],
)
def test_future_date_compares_with_the_injected_today(today: dt.date, fires: bool) -> None:
    text = (VALIDATE / "clean_list.dump").read_text(encoding="utf-8").split(" date 2025-03-15")[0]
    results = list(check_articles(parse(text), today=today))
    assert ("NP003" in rule_ids(results)) is fires


def test_future_date_from_a_byline_stamp_points_at_the_byline() -> None:
    text = (
        "Harbour Cities Pledge Fund\n\nMayors agreed on Monday.\n\n"
        "Devdiscourse News Desk | Lisbon | Updated: 02-06-2031 14:05 IST\n"
    )
    (checked,) = Checker(today=TODAY).check(next(parse(text)), text.split("\n"))
    future = [f for f in checked.findings if f.rule == "NP003"]
    assert [(f.line, f.column) for f in future] == [(5, 44)]


# -- duplicates ------------------------------------------------------------------


def test_duplicates_report_both_places_once_each() -> None:
    copy = (VALIDATE / "clean_page.dump").read_text(encoding="utf-8")
    checker = Checker(today=TODAY)
    found: list[tuple[bool, str, str]] = []
    for index, path in enumerate(["a.txt", "b.txt", "c.txt"]):
        article = next(parse(copy, path))
        for checked in checker.check(article):
            found.extend((checked.late, f.path, f.message) for f in checked.findings)
        assert len(checker.seen) == 1, index  # memory: one entry per distinct key
    assert found == [
        (False, "b.txt", "duplicate article: same date and headline as a.txt:1"),
        (True, "a.txt", "duplicate article: same date and headline again at b.txt:1"),
        (False, "c.txt", "duplicate article: same date and headline as a.txt:1"),
    ]


def test_same_headline_on_another_day_is_not_a_duplicate() -> None:
    text = " date 2025-03-14 Same Headline\nBody.\n date 2025-03-15 Same Headline\nBody.\n"
    results = list(check_articles(parse(text), RuleSettings(select=("NP06",)), TODAY))
    assert rule_ids(results) == []


def test_late_finding_names_the_first_copy_exactly() -> None:
    """The first copy's reference is rebuilt from the compact table: every field,
    and the headline as it was written (not the spacing-normalised key)."""
    first = " date 2025-03-14 Same   Headline \nBody.\n\n date 2025-03-15 Other\nBody.\n"
    second = "\n\n date 2025-03-14 Same Headline\nBody.\n"
    checker = Checker(RuleSettings(select=("NP06",)), TODAY)
    articles = list(parse(first, "a.txt"))
    for article in articles:
        assert [c.findings for c in checker.check(article)] == [()]
    results = checker.check(next(parse(second, "b.txt")))
    assert [c.late for c in results] == [False, True]
    assert results[1].article == ArticleRef.of(articles[0])
    assert results[1].article.headline == articles[0].headline


def test_seen_articles_many_keys_and_inputs() -> None:
    seen = _SeenArticles()
    refs = [
        ArticleRef(f"in{n // 1000}.txt", n % 1000, 3 * n + 1, 3 * n + 2, f"Headline {n}")
        for n in range(5000)
    ]
    keys = [seen.key_hash("2025-03-14", ref.headline or "") for ref in refs]
    for key, ref in zip(keys, refs, strict=True):
        assert seen.find_or_add(key, ref, True) is None
    assert len(seen) == 5000
    assert len(seen.starts) == 5  # one path entry an input, not an article
    assert 3 * len(seen) <= 2 * len(seen.table)  # at most 2/3 full
    for key, ref in zip(keys, refs, strict=True):
        entry = seen.find_or_add(key, ref, True)
        assert entry is not None
        assert seen.ref(entry, ref.headline or "") == ref
    assert not seen.headlines  # every headline was its normalised key
    # Small: no Python object per article, only array items.
    size = sum(a.itemsize * len(a) for a in (seen.hashes, seen.table, *seen.columns.values()))
    assert size < 32 * len(seen)


def _dump_with_copies(articles: int, seed: int) -> list[tuple[str, str]]:
    """Three inputs whose articles repeat each other's (date, headline) keys, some
    headlines with odd spacing (kept apart from the key)."""
    import random

    rng = random.Random(seed)
    inputs = []
    for name in ("a.txt", "b.txt", "c.txt"):
        parts = []
        for _ in range(articles):
            number = rng.randrange(3 * articles // 2)
            spacing = "   " if rng.random() < 0.2 else " "
            parts.append(f" date 2025-03-{number % 28 + 1:02d} Headline{spacing}{number}\nBody.\n")
        inputs.append((name, "\n".join(parts)))
    return inputs


@pytest.mark.parametrize("budget", [1, 2, 7, 64])
def test_seen_articles_spilled_give_the_same_results(budget: int) -> None:
    """Past its budget the table spills runs to a temporary file: NP060's results
    (messages, late findings, first copies' references) stay exactly the same."""
    inputs = _dump_with_copies(60, seed=budget)
    settings = RuleSettings(select=("NP06",))
    expected = Checker(settings, TODAY)
    spilling = Checker(settings, TODAY)
    spilling.seen = _SeenArticles(budget)
    late = 0
    for name, text in inputs:
        for article in parse(text, name):
            want = expected.check(article)
            assert spilling.check(article) == want
            late += len(want) - 1
    assert late > 10  # duplicates of spilled first copies were found
    assert spilling.seen.runs and len(spilling.seen.hashes) < budget
    assert len(spilling.seen) == len(expected.seen)
    assert not expected.seen.runs


def test_seen_articles_memory_is_bounded() -> None:
    seen = _SeenArticles(budget=1000)
    for n in range(20_000):
        ref = ArticleRef(f"in{n // 5000}.txt", n % 5000, 3 * n + 1, 3 * n + 2, f"Headline {n}")
        assert seen.find_or_add(seen.key_hash("2025-03-14", f"Headline {n}"), ref, True) is None
    assert len(seen) == 20_000
    assert len(seen.hashes) < 1000 and len(seen.table) <= 2048
    # In memory per spilled key: a Bloom filter of 16-32 bits and 1/STRIDE of a hash.
    assert len(seen.bloom) <= 4 * 20_000
    sparse = sum(len(sparse) for sparse, *_ in seen.runs)
    assert sparse <= 20_000 // seen.STRIDE + len(seen.runs)
    # And each run's own filter, 8-16 bits a key.
    assert sum(len(run[-1]) for run in seen.runs) <= 2 * 20_000
    ref = ArticleRef("in0.txt", 17, 52, 53, "Headline 17")
    entry = seen.find_or_add(seen.key_hash("2025-03-14", "Headline 17"), ref, True)
    assert entry == 17
    assert seen.ref(entry, "Headline 17") == ref


def test_seen_articles_key_hash_is_stable() -> None:
    # The same in every process (PYTHONHASHSEED does not matter), so results repeat.
    assert _SeenArticles.key_hash("2025-03-14", "Ministers Meet") == _SeenArticles.key_hash(
        "2025-03-14", "Ministers Meet"
    )
    assert _SeenArticles.key_hash("2025-03-14", "A") != _SeenArticles.key_hash("2025-03-15", "A")


def test_seen_articles_widen_past_32_bits() -> None:
    seen = _SeenArticles()
    ref = ArticleRef("big.txt", 7, 2**32 + 5, 2**32 + 70_000, "Late Headline")
    key = seen.key_hash("2025-03-14", "Late Headline")
    assert seen.find_or_add(key, ref, True) is None
    entry = seen.find_or_add(key, ref, True)
    assert entry == 0
    assert seen.ref(entry, "Late Headline") == ref


# -- characters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Türkiye’s president met Côte d’Ivoire’s — at the café – “quoted”",
        "São Paulo, Zürich, Kraków, Ñandú, Ærø, Å, ß, ½ and « guillemets »",
        "Tab\tseparated is fine",
        # A capital with an accent before a curly quote or a dash: as written.
        "the word “CAFÉ” in PELÉ’S SHOP, “GRÜSS GOTT, FRÄULEIN BÖ”, ZÜRICH–BERN, Ø–",
    ],
)
def test_no_false_mojibake_or_control_findings(text: str) -> None:
    dump = f" date 2025-03-14 Headline\n{text}\n"
    settings = RuleSettings(select=("NP08",))
    assert rule_ids(list(check_articles(parse(dump), settings, TODAY))) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Cafأ©", None),
        ("CafÃ© owners", "NP080"),
        ("Turkeyâ€™s president", "NP080"),
        ("A no-break\u00c2\u00a0space", "NP080"),
        ("Ð\u0178Ñ\u20acÐ¸Ð²ÐµÑ\u201a in Cyrillic", "NP080"),
        ("Stray\ufffd replacement", "NP080"),
        ("Form\x0cfeed", "NP081"),
        ("C1\x85control", "NP081"),
        ("Escape\x1b[31m", "NP081"),
    ],
)
def test_mojibake_and_control_characters(text: str, rule: str | None) -> None:
    dump = f" date 2025-03-14 Headline\n{text}\n"
    found = rule_ids(list(check_articles(parse(dump), RuleSettings(select=("NP08",)), TODAY)))
    assert found == ([rule] if rule else [])


# -- settings and configuration ----------------------------------------------------


def test_select_and_ignore_by_prefix_most_specific_wins() -> None:
    settings = RuleSettings(select=("NP0",), ignore=("NP02",))
    assert settings.enabled("NP001")
    assert not settings.enabled("NP022")
    assert not settings.enabled("NP101")
    settings = RuleSettings(select=("ALL", "NP024"), ignore=("NP02",))
    assert settings.enabled("NP024") and not settings.enabled("NP021")
    assert not RuleSettings(select=("NP001",), ignore=("NP001",)).enabled("NP001")


def test_parse_codes() -> None:
    assert parse_codes("np001, NP02 ,") == ("NP001", "NP02")
    with pytest.raises(ValueError, match="unknown rule 'NP999'"):
        parse_codes("NP999")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_from_a_config_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "newsparse.toml",
        '[rules]\nselect = ["NP0"]\nignore = ["NP024"]\nfail-on = "warning"\n'
        'headline-max-length = 40\nbody-min-length = 0\nextra-countries = ["Global"]\n'
        '[rules.severity]\nNP040 = "info"\nNP001 = "WARNING"\n',
    )
    settings = RuleSettings.from_config(load_config(start=tmp_path))
    assert settings.select == ("NP0",) and settings.ignore == ("NP024",)
    assert settings.fail_on is Severity.WARNING
    assert settings.severity("NP040") is Severity.INFO
    assert settings.severity("NP001") is Severity.WARNING
    assert settings.severity("NP021") is Severity.ERROR
    assert settings.limits.headline_max_length == 40
    assert settings.limits.body_min_length == 0
    dump = (
        " date 2025-03-14 A Headline That Is Longer Than Forty Characters\n"
        "S.\n- Country:\n- Global\n"
    )
    found = rule_ids(list(check_articles(parse(dump), settings, TODAY)))
    assert "NP012" in found and "NP031" not in found and "NP022" not in found


def test_severity_keys_ignore_case_as_select_and_ignore_do(tmp_path: Path) -> None:
    # ignore = ["np024"] and --select np031 worked; [rules.severity] np031 = "info"
    # was "unknown rule 'np031'".
    write(tmp_path, "newsparse.toml", '[rules.severity]\nnp031 = "info"\n" NP040 " = "error"\n')
    settings = RuleSettings.from_config(load_config(start=tmp_path))
    assert settings.severity("NP031") is Severity.INFO
    assert settings.severity("NP040") is Severity.ERROR


def test_settings_from_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.newsparse.rules]\nignore = ["NP02"]\n')
    settings = RuleSettings.from_config(load_config(start=tmp_path))
    assert settings.ignore == ("NP02",)


def test_a_pyproject_without_newsparse_is_passed_over_unparsed(tmp_path: Path) -> None:
    # Not parsed at all (start-up): even broken TOML there is not newsparse's business,
    # and the search goes on upward to a newsparse.toml.
    write(tmp_path, "newsparse.toml", '[rules]\nignore = ["NP02"]\n')
    project = tmp_path / "project"
    project.mkdir()
    write(project, "pyproject.toml", "[project\nname = 'other'\n")
    config = load_config(start=project)
    assert config.path == str(tmp_path / "newsparse.toml")
    assert RuleSettings.from_config(config).ignore == ("NP02",)


def test_config_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "newsparse.toml"
    path.write_bytes(b"[rules]\nignore = ['\xff']\n")
    with pytest.raises(ConfigError, match="not valid TOML: not UTF-8"):
        load_config(path)


def test_no_config_means_every_rule_at_its_default() -> None:
    settings = RuleSettings.from_config(Config())
    assert [rule.id for rule in settings.enabled_rules()] == list(RULES)
    assert settings.fail_on is None


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[rules]\nselekt = ["NP001"]\n', "rules.selekt: unknown key; expected one of: select"),
        ('[rules]\nselect = "NP001"\n', "rules.select: expected a list of rule ids"),
        ('[rules]\nignore = ["NP999"]\n', "rules.ignore: unknown rule 'NP999'"),
        ('[rules.severity]\nNP999 = "error"\n', "rules.severity.NP999: unknown rule 'NP999'"),
        ('[rules.severity]\nNP001 = "fatal"\n', 'rules.severity.NP001: expected "error"'),
        ("[rules]\nseverity = 3\n", "rules.severity: expected a table"),
        ('[rules]\nfail-on = "never"\n', 'rules.fail-on: expected "error", "warning" or "info"'),
        ("[rules]\nheadline-max-length = 0\n", "rules.headline-max-length: expected a positive"),
        ("[rules]\nbody-min-length = true\n", "rules.body-min-length: expected a non-negative"),
        ("[rules]\nextra-countries = [1]\n", "rules.extra-countries: expected a list of names"),
        ('rules = "all"\n', "rules: expected a table"),
    ],
)
def test_bad_config_names_file_key_and_expectation(tmp_path: Path, toml: str, message: str) -> None:
    path = write(tmp_path, "newsparse.toml", toml)
    with pytest.raises(ConfigError) as caught:
        RuleSettings.from_config(load_config(path))
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_bad_pyproject_key_is_named_with_its_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", "[tool.newsparse.rules]\nignore = 1\n")
    with pytest.raises(ConfigError, match=r"tool\.newsparse\.rules\.ignore: expected"):
        RuleSettings.from_config(load_config(path))


# -- countries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("United States", "US"),
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("North Korea", "KP"),
        ("Iran", "IR"),
        ("Syrian Arab Republic", "SY"),
        ("Ivory Coast", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("the Netherlands", "NL"),
        ("  india  ", "IN"),
        ("Kosovo", "XK"),
        ("Taiwan", "TW"),
        ("Palestine", "PS"),
    ],
)
def test_known_countries(name: str, code: str) -> None:
    assert country_code(name) == code
    assert is_known_country(name)


@pytest.mark.parametrize("name", ["Genevaa", "", "Global", "in", "Europe", "NATO", "Turkish"])
def test_unknown_countries(name: str) -> None:
    assert not is_known_country(name)


# -- reading with raw lines --------------------------------------------------------


def test_line_store_joins_lines_split_across_chunks() -> None:
    store = _LineStore()
    for chunk in ["a\nb", "c\n", "d\ne\n", "f"]:
        store.add(chunk)
    assert store.lines == ["a", "bc", "d", "e", "f"]


@pytest.mark.parametrize("drop_every", [1, 2, 3, 4096])
def test_line_store_hands_out_each_articles_lines(drop_every: int) -> None:
    """Handed-out lines are dropped in batches: what is taken does not change."""
    store = _LineStore()
    store.DROP_EVERY = drop_every
    taken = []
    store.add("1\n2\n3")
    taken.append(store.take(Source("p", 1, 2, 0)))
    store.add("\n4\n5\n")
    taken.append(store.take(Source("p", 3, 3, 1)))
    store.add("6\n7")
    taken.append(store.take(Source("p", 5, 6, 2)))  # line 4 was furniture: skipped
    store.add("8\n")
    taken.append(store.take(Source("p", 7, 7, 3)))
    assert taken == [["1", "2"], ["3"], ["5", "6"], ["78"]]


def test_located_lines_are_the_articles_own_lines_across_chunks(tmp_path: Path) -> None:
    article = (VALIDATE / "clean_list.dump").read_text(encoding="utf-8")
    count = 1200  # about 1.6 MB: more than one read chunk
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as stream:
        for day in range(count):
            stream.write(article.replace("2025-03-1", f"{2000 + day // 300}-0{1 + day % 9}-1"))
    seen = 0
    for located, lines in read_located(InputFile(str(path))):
        assert lines[0].startswith(" date "), located.source
        assert len(lines) == located.source.end_line - located.source.line + 1
        assert located.headline is not None and located.headline in lines[0]
        seen += 1
    assert seen == 2 * count


# -- properties ----------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        " date 2025-03-14 Ministers Meet",
        " date 2999-02-30 Future",
        "date 2025-01-01",
        "- Country:",
        "- Türkiye",
        "- Genevaa",
        "  • Russia",
        "- READ MORE ON:",
        "-  water ",
        "- water",
        "ALSO READ",
        "Ministers Meet",
        "TRENDING",
        "1",
        " Global",
        "(With inputs from agencies.)",
        "Devdiscourse News Desk | Geneva | Updated: 31-04-2025 14:05 IST",
        "Left Menu",
        "Give Feedback",
        "CafÃ© â€™ \x07 \ufffd",
        "A paragraph that ends well.",
        "A paragraph that does not end",
        "",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=40))
def test_checks_never_raise_and_locations_stay_in_the_article(lines: list[str]) -> None:
    text = "\n".join(line.replace("\r", "").replace("\n", "") for line in lines)
    raw = text.split("\n")
    checker = Checker(today=TODAY)
    for article in parse(text, "p.txt"):
        own = raw[article.source.line - 1 : article.source.end_line]
        for checked in checker.check(article, own):
            ref = checked.article
            for finding in checked.findings:
                assert finding.rule in RULES
                assert ref.line <= finding.line <= ref.end_line, finding
                if finding.column is not None:
                    assert 1 <= finding.column <= len(raw[finding.line - 1]) + 1, finding


def test_parser_findings_of_unknown_rules_pass_through() -> None:
    article = next(parse(" date 2025-03-14 Headline\nSummary.\n", "p.txt"))
    extra = Finding("NP009", Severity.WARNING, "something new", "p.txt", 1)
    article = dataclasses.replace(article, findings=(*article.findings, extra))
    settings = RuleSettings(select=("NP00",), severities={"NP002": Severity.INFO})
    (checked,) = Checker(settings, TODAY).check(article)
    assert extra in checked.findings
    (checked,) = Checker(RuleSettings(ignore=("NP009",)), TODAY).check(article)
    assert extra not in checked.findings


def test_read_located_keeps_what_was_read_before_a_broken_input(tmp_path: Path) -> None:
    import gzip

    article = (VALIDATE / "clean_list.dump").read_bytes()
    data = gzip.compress(article * 2500)  # about 4 MB: several read chunks
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    seen = []
    with pytest.raises(InputError, match=r"cut\.txt\.gz"):
        for located, lines in read_located(InputFile(str(path))):
            assert lines and lines[0].startswith(" date ")
            seen.append(located)
    assert seen


@pytest.mark.parametrize(
    ("tag", "fires"),
    [
        ("Geneva ", True),
        (" Geneva", True),
        ("Gen  eva", True),
        ("Gen\teva", True),
        ("• Geneva", True),
        ("- Geneva", True),
        ("Geneva", False),
        ("Geneva-Lausanne", False),
        ("Türkiye’s economy", False),
    ],
)
def test_stray_tag_characters_whatever_the_parser_keeps(tag: str, fires: bool) -> None:
    article = next(parse(" date 2025-03-14 Headline\nSummary.\n", "p.txt"))
    article = dataclasses.replace(article, tags=(tag,))
    (checked,) = Checker(RuleSettings(select=("NP042",)), TODAY).check(article)
    assert bool(checked.findings) is fires


# -- the quick pre-tests say "no finding" only when the full check agrees -------------


def test_suspect_class_holds_every_character_a_scan_match_starts_with() -> None:
    """`_SUSPECT` decides whether the mojibake and control scans run at all."""
    continuation = "\u20ac"  # cp1252 0x80: continues any mojibake sequence
    for code in range(0x110000):
        char = chr(code)
        starts = _CONTROL.match(char) or _mojibake_pattern().match(char + continuation * 2)
        if starts:
            assert _SUSPECT.match(char), hex(code)


_FURNITURE_PARTS = st.sampled_from(
    ["Left Menu", "HOME", "search", "Devdiscourse", " | ", " ", "•", "-", ":", "x", "Trade", ""]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FURNITURE_PARTS, st.text(max_size=5)), max_size=8))
def test_furniture_only_quick_refusal_changes_nothing(parts: list[str]) -> None:
    text = "".join(parts)
    full = is_furniture(text) or (len(text) <= 80 and _FURNITURE_WORDS.sub("", text) == "")
    assert _furniture_only(text) == full


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), st.sampled_from(_SENTENCE_MARKS))
def test_a_paragraph_ending_with_a_mark_ends_a_sentence(text: str, mark: str) -> None:
    assert _SENTENCE_END.search((text + mark).rstrip())


_SPACY = st.text(alphabet=" \t\u00a0\u2003\u2022-•–*·aAßSs", max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SPACY, max_size=5))
def test_one_search_over_the_joined_tags_finds_every_stray_tag(tags: list[str]) -> None:
    if any(_stray_pattern().search(tag) for tag in tags):
        assert _STRAY_ANY.search("\n".join(tags))


@settings(max_examples=500, deadline=None)
@given(_SPACY, _SPACY)
def test_same_texts_have_the_same_first_word(a: str, b: str) -> None:
    if _normal_text(a) == _normal_text(b):
        assert _first_word(a) == _normal_text(b).partition(" ")[0]
    assert _first_word("Straße  Talks") == _normal_text("STRASSE TALKS").partition(" ")[0]


def _eager_list_findings(article: Article, lines: list[str]) -> list[tuple[str, Hit]]:
    """The list checks as they were: every value located, then tested."""
    locate = _Locator(article.source, lines)
    found: list[tuple[str, Hit]] = []
    start = locate.find_marker("country", "countries")
    for _, name, line, column in locate.items(article.countries, start):
        if not is_known_country(name):
            found.append(("NP031", Hit(f"{name!r} is not a known country name", line, column)))
    seen: dict[str, int | None] = {}
    start = locate.find_marker("read more on")
    for _, tag, line, column in locate.items(article.tags, start):
        key = " ".join(tag.split()).casefold()
        if key and key in seen:
            where = f" (first on line {seen[key]})" if seen[key] is not None else ""
            found.append(("NP041", Hit(f"duplicate tag {tag.strip()!r}{where}", line, column)))
        elif key:
            seen[key] = line
    for _, tag, line, _column in locate.items(article.tags, start):
        match = _stray_pattern().search(tag)
        if match is not None:
            at = lines[line - locate.first].find(tag) if line is not None and tag else -1
            col = at + match.start() + 1 if at >= 0 else None
            message = f"tag {tag!r} has stray white space or bullet characters"
            found.append(("NP042", Hit(message, line, col)))
    if article.headline is not None:
        own = " ".join(article.headline.split()).casefold()
        start = locate.find_marker("also read")
        for _, text, line, column in locate.items(article.also_read, start):
            if " ".join(text.split()).casefold() == own:
                message = "ALSO READ lists the article's own headline"
                found.append(("NP050", Hit(message, line, column)))
    return found


_LIST_LINES = st.sampled_from(
    [
        " date 2025-03-14 Ministers Meet in Geneva",
        "Ministers met in Geneva on Monday.",
        "- Country:",
        "- Countries:",
        "- Switzerland",
        "- Genevaa",
        "-  Geneva ",
        "- • Trade",
        "- geneva",
        "- Geneva",
        "- READ MORE ON:",
        "ALSO READ",
        "Ministers Meet in Geneva",
        "ministers  meet in geneva",
        "MINISTERS MEET IN GENEVA ",
        "- Trade\t",
        "-\u00a0Trade",
        "- Geneva  Talks",
        "- ·Trade",
        "Other Headline",
        "(With inputs from agencies.)",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LIST_LINES, max_size=30))
def test_lazy_list_checks_find_what_the_eager_ones_found(lines: list[str]) -> None:
    text = "\n".join(lines)
    raw = text.split("\n")
    settings_ = RuleSettings(select=("NP031", "NP041", "NP042", "NP050"))
    checker = Checker(settings_, TODAY)
    for article in parse(text, "p.txt"):
        own = raw[article.source.line - 1 : article.source.end_line]
        (checked,) = checker.check(article, own)
        found = [
            (hit.line or article.source.line, hit.column or 0, rule, hit.message)
            for rule, hit in _eager_list_findings(article, own)
        ]
        # A stable sort by place and rule, as `Checker.check` sorts.
        want = sorted(found, key=lambda item: item[:3])
        got = [(f.line, f.column or 0, f.rule, f.message) for f in checked.findings]
        assert got == want


@pytest.mark.parametrize(
    "name", ["credit_back_to_back", "page_headline_repeat_variant", "trending_repeat_variant"]
)
def test_lines_placed_in_extra_on_purpose_are_not_unrecognised(name: str) -> None:
    # An earlier credit line, and the repeated headline printed with other spacing or
    # quotes, go to `extra` by design: NP070 is for lines nothing recognised.
    assert "NP070" not in rule_ids(run(FIXTURES / f"{name}.txt"))


def test_seen_articles_spill_failure_is_an_output_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    from newsparse.errors import OutputError

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    seen = _SeenArticles(budget=1)
    ref = ArticleRef("a.txt", 0, 1, 2, "Headline")
    with pytest.raises(OutputError) as raised:
        seen.find_or_add(seen.key_hash("2025-03-14", "Headline"), ref, True)
    assert str(raised.value) == (
        f"cannot write NP060's temporary file in {tmp_path / 'gone'}: no such file or"
        " directory (set TMPDIR to a roomier place, or --ignore NP060)"
    )


def test_seen_articles_close_removes_the_spill() -> None:
    seen = _SeenArticles(budget=1)
    for n in range(3):
        ref = ArticleRef("a.txt", n, n + 1, n + 1, f"Headline {n}")
        seen.find_or_add(seen.key_hash("2025-03-14", f"Headline {n}"), ref, True)
    spill = seen.spill
    assert spill is not None and not spill.closed
    seen.close()
    assert spill.closed and seen.spill is None


def test_today_is_the_date_in_india_standard_time() -> None:
    def ist_now() -> dt.date:
        return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=5, minutes=30)).date()

    before = ist_now()
    found = {today_in_ist(), Checker().today}
    assert found <= {before, ist_now()}


def test_a_label_cut_off_by_the_end_of_the_dump_is_reported_as_such() -> None:
    # The cut label is no content the parser failed to place: NP070 says the dump
    # stops there, for the article's last line only.
    results = run(FIXTURES / "cutoff_short_label.txt")
    messages = [f.message for checked in results for f in checked.findings if f.rule == "NP070"]
    assert messages == [
        f"dump cut off inside a label, furniture or date line: {cut!r} (kept in extra)"
        for cut in ("ALS", "- RE", "TR")
    ]


def test_findings_on_a_line_two_articles_share_are_located(tmp_path: Path) -> None:
    # `cat` of a dump without a final newline: the next date line ends its last line.
    # The second article's headline, on that shared line, is still found there.
    path = tmp_path / "joined.txt"
    path.write_text(
        " date 2025-01-01 Head\nSummary.\n- Country:\n- Peru\nBody.\nALSO READ\n"
        "Other Title date 2025-01-02 Bad\x07Head\nSummary.\n- Country:\n- Peru\nBody.\n",
        encoding="utf-8",
    )
    results = list(check_articles(read_located(InputFile(str(path))), None, TODAY))
    control = [f for checked in results for f in checked.findings if f.rule == "NP081"]
    assert [(f.line, f.column) for f in control] == [(7, 32)]


def test_every_article_gets_its_lines_across_shared_lines_and_drops(tmp_path: Path) -> None:
    # Thousands of articles, every other one glued to the line before (`cat`): each
    # gets exactly its own text, also where the store drops handed-out lines.
    parts = []
    for number in range(3000):
        date = f" date 2025-01-{number % 28 + 1:02d} Headline {number}\nSummary {number}.\n"
        parts.append(date + f"Body {number}.\nALSO READ\nRelated Title {number}")
        parts.append("" if number % 2 else "\n")
    path = tmp_path / "joined.txt"
    path.write_text("".join(parts), encoding="utf-8")
    located = list(read_located(InputFile(str(path))))
    assert len(located) == 3000
    for number, (article, lines) in enumerate(located):
        assert article.headline == f"Headline {number}"
        text = "\n".join(lines)
        assert text.strip().startswith(f"date 2025-01-{number % 28 + 1:02d} Headline {number}")
        assert text.rstrip().endswith(f"Related Title {number}")
        assert "Headline" not in text.replace(f"Headline {number}", "")
