"""Country names, aliases and adjectives -> ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import runpy
import subprocess
import sys

import pytest

from newsparse import _iso3166, countries
from newsparse.countries import ALIASES, DEMONYMS, country_code, country_name, mention_names

from .conftest import ROOT


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # the examples
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("United States", "US"),
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("United States of America", "US"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        # the common names news uses
        ("North Korea", "KP"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Laos", "LA"),
        ("Taiwan", "TW"),
        ("Palestine", "PS"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Congo", "CD"),
        ("DR Congo", "CD"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("Congo-Brazzaville", "CG"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("UAE", "AE"),
        ("Hong Kong", "HK"),
        ("Burma", "MM"),
        ("Kosovo", "XK"),
        # pycountry's own spellings
        ("Korea, Republic of", "KR"),
        ("Russian Federation", "RU"),
        ("Iran, Islamic Republic of", "IR"),
        ("Bolivia, Plurinational State of", "BO"),
        ("India", "IN"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("Oman", "OM"),
        ("Romania", "RO"),
        # adjectives
        ("Ukrainian", "UA"),
        ("Turkish", "TR"),
        ("American", "US"),
        ("British", "GB"),
        ("Chinese", "CN"),
        ("Nigerian", "NG"),
        ("Nigerien", "NE"),
        ("South Korean", "KR"),
    ],
)
def test_known_names(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("  turkey ", "TR"),
        ("TÜRKIYE", "TR"),
        ("the Netherlands", "NL"),
        ("The Gambia", "GM"),
        ("St. Lucia", "LC"),
        ("St Kitts and Nevis", "KN"),
        ("Trinidad & Tobago", "TT"),
        ("Bosnia & Herzegovina", "BA"),
        ("united  states", "US"),
    ],
)
def test_spelling_variants(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["Atlantis", "", "  ", "Europe", "IT", "AND", "FRA", "Korean"])
def test_unknown_names_have_no_code(name: str) -> None:
    assert country_code(name) is None


def test_every_hand_kept_entry_is_a_two_letter_code() -> None:
    for table in (ALIASES, DEMONYMS):
        for name, code in table.items():
            assert len(code) == 2 and code.isupper(), name
            assert country_code(name) == code, name


def test_exact_names_answer_as_the_folded_tables_do() -> None:
    # `_exact_names` is a start-up shortcut in front of `_tables`; it must never
    # change an answer, and `is_known_country` trusts that no exact name is an adjective.
    keys, _ = countries._tables()
    for name, code in countries._exact_names().items():
        assert keys.get(countries._key(name)) == code, name
        assert countries._key(name) not in countries._demonym_keys(), name


def test_country_name() -> None:
    assert country_name("TR") == "Turkey"
    assert country_name("kr") == "South Korea"
    assert country_name("ZZ") is None


def test_mention_names_keep_case_and_mark_blockers() -> None:
    names = mention_names()
    assert names["US"] == "US"
    assert "us" not in names
    assert names["Ukrainians"] == "UA"
    assert names["Latin America"] is None
    assert names["Côte d’Ivoire"] == "CI"
    assert not any("," in name for name in names)


def test_pycountry_is_never_imported() -> None:
    code = (
        "import sys, newsparse.countries as c; "
        "assert c.country_code('Türkiye') == 'TR' and c.country_name('KR') == 'South Korea'; "
        "assert c.is_known_country('Viet Nam') and c.mention_names()['Oman'] == 'OM'; "
        "assert 'pycountry' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_generated_module_is_up_to_date() -> None:
    pytest.importorskip("pycountry")
    render = runpy.run_path(str(ROOT / "tools" / "gen_iso3166.py"))["render"]
    expected = render()
    actual = (ROOT / "src" / "newsparse" / "_iso3166.py").read_text(encoding="utf-8")
    assert actual == expected, "stale: run python tools/gen_iso3166.py"
    assert len(_iso3166.COUNTRIES) >= 249
