"""Country names, aliases and adjectives -> ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import runpy
import subprocess
import sys
import unicodedata
from typing import Any

import pytest
import regex

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


# The tables as they were built before `newsparse._iso3166` existed: straight from
# pycountry, keyed by the `regex`-based `_key`. The generated module must give the same
# answers for every name.


def _pycountry_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.translate(countries._APOSTROPHES))
    text = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    text = regex.sub(r"\s+", " ", text.replace("&", " and ")).strip(" \t-•*,;:")
    text = text.removeprefix("the ")
    return regex.sub(r"^st\.?\s+", "saint ", text)


def _pycountry_tables(pycountry: Any) -> tuple[dict[str, str], dict[str, str]]:
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attribute in ("official_name", "name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                keys[_pycountry_key(value)] = code
        names[code] = str(getattr(country, "common_name", None) or country.name)
    for table in (ALIASES, DEMONYMS):
        for name, code in table.items():
            keys[_pycountry_key(name)] = code
    names.update({"GB": "United Kingdom", "XK": "Kosovo", "TR": "Turkey", "CD": "DR Congo"})
    names.update({"RU": "Russia", "PS": "Palestine", "CG": "Republic of the Congo"})
    return keys, names


def _pycountry_mention_names(pycountry: Any) -> dict[str, str | None]:
    forms: dict[str, str | None] = {}

    def add(name: str, code: str | None) -> None:
        for variant in {name, countries._strip_accents(name)} - countries._PLAIN_WORDS:
            forms.setdefault(variant, code)
            if "'" in variant:
                forms.setdefault(variant.replace("'", "’"), code)

    for table in (ALIASES, DEMONYMS):
        for name, code in table.items():
            add(name, code)
    for name, code in DEMONYMS.items():
        if not name.endswith(countries._NO_PLURAL):
            add(name + "s", code)
    for name in countries.NOT_COUNTRIES:
        add(name, None)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value and "(" not in value:
                add(str(value).removeprefix("the "), str(country.alpha_2))
    return forms


def test_tables_equal_the_ones_built_from_pycountry() -> None:
    pycountry = pytest.importorskip("pycountry")
    keys, names = _pycountry_tables(pycountry)
    assert list(countries._tables()[0].items()) == list(keys.items())
    assert list(countries._tables()[1].items()) == list(names.items())
    assert list(mention_names().items()) == list(_pycountry_mention_names(pycountry).items())


def test_every_name_gets_the_answer_it_got_from_pycountry() -> None:
    pycountry = pytest.importorskip("pycountry")
    keys, names = _pycountry_tables(pycountry)
    demonyms = {_pycountry_key(name) for name in DEMONYMS}
    spellings = [
        str(value)
        for country in pycountry.countries
        for attribute in ("name", "official_name", "common_name", "alpha_2", "alpha_3")
        if (value := getattr(country, attribute, None))
    ]
    spellings += [*ALIASES, *DEMONYMS, *countries.NOT_COUNTRIES, *mention_names()]
    spellings += [name.upper() for name in spellings] + [name.lower() for name in spellings]
    for name in spellings:
        code = keys.get(_pycountry_key(name))
        assert country_code(name) == code, name
        assert countries.is_known_country(name) == (
            code is not None and _pycountry_key(name) not in demonyms
        ), name
    for code in [*names, "ZZ", "XX", "EU"]:
        assert country_name(code) == names.get(code), code


def test_generated_module_is_up_to_date() -> None:
    pytest.importorskip("pycountry")
    render = runpy.run_path(str(ROOT / "tools" / "gen_iso3166.py"))["render"]
    expected = render()
    actual = (ROOT / "src" / "newsparse" / "_iso3166.py").read_text(encoding="utf-8")
    assert actual == expected, "stale: run python tools/gen_iso3166.py"
    assert len(_iso3166.COUNTRIES) >= 249


def test_key_folds_exactly_as_the_regex_based_key_did() -> None:
    spaces = [chr(c) for c in range(0x3001) if regex.match(r"\s", chr(c))]  # U+3000 is last
    others = ["\x1c", "\x1d", "\x1e", "\x1f", "\u200b", "\ufeff", ".", "-", ""]
    for char in spaces + others:
        for text in (
            f"St{char}Lucia",
            f"st.{char}{char}kitts",
            f"{char}The{char}Gambia{char}",
            f"United{char}{char}States & Canada{char}",
            f"Côte{char}d’Ivoire",
        ):
            assert countries._key(text) == _pycountry_key(text), repr(text)
