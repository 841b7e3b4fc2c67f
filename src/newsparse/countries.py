"""Country names -> ISO 3166-1 alpha-2 codes.

`country_code(name)` is the one public lookup: it answers for a name as an editor
wrote it in a `- Country:` block (`Turkey`, `Türkiye`, `U.S.`, `South Korea`,
`Ivory Coast`, `Congo-Brazzaville`, ...) and for the adjectives news uses
(`Ukrainian`, `Turkish`, `British`). It returns None for anything it does not know,
which is how `validate` finds unknown country names.

Sources, in order of precedence:

1. `ALIASES` and `DEMONYMS` below: the common names, abbreviations and adjectives of
   news copy, kept by hand;
2. ISO 3166-1 as pycountry has it (the data of Debian's iso-codes): every country's
   `name`, `official_name` and `common_name`, read from `newsparse._iso3166`, a module
   generated from pycountry by `python tools/gen_iso3166.py`. pycountry itself is never
   imported at run time (it is a test dependency, to regenerate and check that module).

Lookups ignore case, accents, curly apostrophes, a leading "the", "&" for "and" and
"St."/"St" for "Saint". Two-letter and three-letter ISO codes are *not* names:
`"IT"` or `"AND"` give None (only the codes news writes as names, such as `US`, `UK`,
`UAE`, `DRC`, are aliases).

Choices worth knowing: a bare `Congo`/`Congolese` means the Democratic Republic of
the Congo (`CD`), as in Reuters copy; `Korea` alone means South Korea (`KR`), while
`Korean` alone is ambiguous and unmapped; `Kosovo` is `XK`, the user-assigned code
the EU and IMF use. England, Scotland, Wales and Northern Ireland are `GB`.

The lookup tables are built once, on first use, in about 3 ms (mostly folding the
names into keys), so commands that never look a country up do not pay for it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from newsparse.text import SPACES

__all__ = ["country_code", "country_name", "mention_names"]

#: Names, abbreviations and spellings news uses that ISO 3166-1 (pycountry) does not know.
ALIASES: dict[str, str] = {
    # Americas
    "United States": "US",
    "United States of America": "US",
    "US": "US",
    "U.S.": "US",
    "U.S": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "St Kitts": "KN",
    "Saint Kitts": "KN",
    "St Kitts and Nevis": "KN",
    "St Vincent": "VC",
    "St Lucia": "LC",
    "Trinidad": "TT",
    # Europe
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "United Kingdom": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Russia": "RU",
    "Moldova": "MD",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Holland": "NL",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Holy See": "VA",
    "Kosovo": "XK",
    # Middle East, Asia, Pacific
    "Turkey": "TR",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Iran": "IR",
    "Syria": "SY",
    "Palestine": "PS",
    "Palestinian Territories": "PS",
    "State of Palestine": "PS",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "Saudi": "SA",
    "KSA": "SA",
    "South Korea": "KR",
    "Republic of Korea": "KR",
    "Korea": "KR",
    "ROK": "KR",
    "North Korea": "KP",
    "DPRK": "KP",
    "China": "CN",
    "PRC": "CN",
    "Mainland China": "CN",
    "Taiwan": "TW",
    "Chinese Taipei": "TW",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Macao": "MO",
    "Vietnam": "VN",
    "Viet Nam": "VN",
    "Laos": "LA",
    "Lao PDR": "LA",
    "Burma": "MM",
    "Brunei": "BN",
    "East Timor": "TL",
    "Micronesia": "FM",
    # Africa
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Congo": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "D.R. Congo": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Congo Kinshasa": "CD",
    "Republic of Congo": "CG",
    "Republic of the Congo": "CG",
    "Congo Republic": "CG",
    "Congo-Brazzaville": "CG",
    "Congo Brazzaville": "CG",
    "Tanzania": "TZ",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Gambia": "GM",
    "Sao Tome": "ST",
    "Sao Tome and Principe": "ST",
}

#: Adjectives and demonyms: "Ukrainian forces", "Turkish contractors".
DEMONYMS: dict[str, str] = {
    "Afghan": "AF",
    "Albanian": "AL",
    "Algerian": "DZ",
    "American": "US",
    "Angolan": "AO",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Armenian": "AM",
    "Australian": "AU",
    "Austrian": "AT",
    "Azerbaijani": "AZ",
    "Azeri": "AZ",
    "Bahraini": "BH",
    "Bangladeshi": "BD",
    "Belarusian": "BY",
    "Belgian": "BE",
    "Beninese": "BJ",
    "Bhutanese": "BT",
    "Bolivian": "BO",
    "Bosnian": "BA",
    "Brazilian": "BR",
    "British": "GB",
    "Bulgarian": "BG",
    "Burkinabe": "BF",
    "Burmese": "MM",
    "Burundian": "BI",
    "Cambodian": "KH",
    "Cameroonian": "CM",
    "Canadian": "CA",
    "Chadian": "TD",
    "Chilean": "CL",
    "Chinese": "CN",
    "Colombian": "CO",
    "Congolese": "CD",
    "Costa Rican": "CR",
    "Croatian": "HR",
    "Cuban": "CU",
    "Cypriot": "CY",
    "Czech": "CZ",
    "Danish": "DK",
    "Djiboutian": "DJ",
    "Dominican": "DO",
    "Dutch": "NL",
    "Ecuadorian": "EC",
    "Egyptian": "EG",
    "Emirati": "AE",
    "Eritrean": "ER",
    "Estonian": "EE",
    "Ethiopian": "ET",
    "Fijian": "FJ",
    "Filipino": "PH",
    "Philippine": "PH",
    "Finnish": "FI",
    "French": "FR",
    "Gabonese": "GA",
    "Gambian": "GM",
    "Georgian": "GE",
    "German": "DE",
    "Ghanaian": "GH",
    "Greek": "GR",
    "Guatemalan": "GT",
    "Guinean": "GN",
    "Guyanese": "GY",
    "Haitian": "HT",
    "Honduran": "HN",
    "Hungarian": "HU",
    "Icelandic": "IS",
    "Indian": "IN",
    "Indonesian": "ID",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Irish": "IE",
    "Israeli": "IL",
    "Italian": "IT",
    "Ivorian": "CI",
    "Jamaican": "JM",
    "Japanese": "JP",
    "Jordanian": "JO",
    "Kazakh": "KZ",
    "Kazakhstani": "KZ",
    "Kenyan": "KE",
    "Kosovar": "XK",
    "Kuwaiti": "KW",
    "Kyrgyz": "KG",
    "Laotian": "LA",
    "Latvian": "LV",
    "Lebanese": "LB",
    "Liberian": "LR",
    "Libyan": "LY",
    "Lithuanian": "LT",
    "Luxembourgish": "LU",
    "Malagasy": "MG",
    "Malawian": "MW",
    "Malaysian": "MY",
    "Maldivian": "MV",
    "Malian": "ML",
    "Maltese": "MT",
    "Mauritanian": "MR",
    "Mauritian": "MU",
    "Mexican": "MX",
    "Moldovan": "MD",
    "Mongolian": "MN",
    "Montenegrin": "ME",
    "Moroccan": "MA",
    "Mozambican": "MZ",
    "Namibian": "NA",
    "Nepalese": "NP",
    "Nepali": "NP",
    "New Zealander": "NZ",
    "Nicaraguan": "NI",
    "Nigerian": "NG",
    "Nigerien": "NE",
    "North Korean": "KP",
    "Norwegian": "NO",
    "Omani": "OM",
    "Pakistani": "PK",
    "Palestinian": "PS",
    "Panamanian": "PA",
    "Paraguayan": "PY",
    "Peruvian": "PE",
    "Polish": "PL",
    "Portuguese": "PT",
    "Qatari": "QA",
    "Romanian": "RO",
    "Russian": "RU",
    "Rwandan": "RW",
    "Salvadoran": "SV",
    "Saudi Arabian": "SA",
    "Senegalese": "SN",
    "Serbian": "RS",
    "Sierra Leonean": "SL",
    "Singaporean": "SG",
    "Slovak": "SK",
    "Slovenian": "SI",
    "Somali": "SO",
    "South African": "ZA",
    "South Korean": "KR",
    "South Sudanese": "SS",
    "Spanish": "ES",
    "Sri Lankan": "LK",
    "Sudanese": "SD",
    "Swedish": "SE",
    "Swiss": "CH",
    "Syrian": "SY",
    "Taiwanese": "TW",
    "Tajik": "TJ",
    "Tanzanian": "TZ",
    "Thai": "TH",
    "Togolese": "TG",
    "Tunisian": "TN",
    "Turkish": "TR",
    "Turkmen": "TM",
    "Ugandan": "UG",
    "Ukrainian": "UA",
    "Uruguayan": "UY",
    "Uzbek": "UZ",
    "Venezuelan": "VE",
    "Vietnamese": "VN",
    "Yemeni": "YE",
    "Zambian": "ZM",
    "Zimbabwean": "ZW",
}

#: Phrases that contain a country name or adjective but are not that country; in
#: running text they are matched (longest first) and then ignored.
NOT_COUNTRIES: tuple[str, ...] = (
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Americas",
    "Indian Ocean",
    "British Columbia",
    "New Mexico",
    "New Mexican",
    "New Jersey",
    "New Guinea",
    "Guinea pig",
    "Korean Peninsula",
    "Turkish Cypriot",
    "Niger Delta",
    "New South Wales",
    "New England",
)

#: Accent-free spellings that are ordinary English words: only the accented one counts.
_PLAIN_WORDS = frozenset({"Reunion"})

_NO_PLURAL = ("ese", "ish", "ss", "ench", "utch", "yz", "gasy", "men")
_SAINT = re.compile(r"^st\.? ")  # after SPACES, a run of spaces is one " "
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _key(name: str) -> str:
    """The lookup key of a name: folded, accents and articles removed."""
    text = _strip_accents(name.translate(_APOSTROPHES)).casefold()
    text = SPACES.sub(" ", text.replace("&", " and ")).strip(" \t-•*,;:")
    text = text.removeprefix("the ")
    return _SAINT.sub("saint ", text)


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(lookup key -> code, code -> display name); built once, on first use."""
    from newsparse._iso3166 import COUNTRIES

    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, name, official_name, common_name in COUNTRIES:
        for value in (official_name, name, common_name):
            if value:
                keys[_key(value)] = code
        names[code] = common_name or name
    for table in (ALIASES, DEMONYMS):
        for name, code in table.items():
            keys[_key(name)] = code
    names.update({"GB": "United Kingdom", "XK": "Kosovo", "TR": "Turkey", "CD": "DR Congo"})
    names.update({"RU": "Russia", "PS": "Palestine", "CG": "Republic of the Congo"})
    return keys, names


@functools.cache
def _exact_names() -> dict[str, str]:
    """Names spelled exactly as ISO or `ALIASES` write them -> code.

    Most `Country:` lines are one of these. This table takes ~0.05 ms to build, and
    `_tables()`, which folds every key, ~2.5 ms: the whole run of a one-file
    `validate` or `export` (issue 6: start-up). tests/test_countries.py checks that
    it answers as `_tables()` does for every name in it.
    """
    from newsparse._iso3166 import COUNTRIES

    exact = {value: code for code, *values in COUNTRIES for value in values if value}
    exact.update(ALIASES)
    return exact


@functools.lru_cache(maxsize=4096)  # the same few hundred names recur in every dump
def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name, alias or adjective, else None.

    >>> country_code("Türkiye"), country_code("U.S."), country_code("Atlantis")
    ('TR', 'US', None)
    """
    code = _exact_names().get(name)
    if code is not None:
        return code
    keys, _ = _tables()
    return keys.get(_key(name))


def country_name(code: str) -> str | None:
    """A short English name for a code (`TR` -> `Turkey`), for tables; None if unknown."""
    _, names = _tables()
    return names.get(code.upper())


def _is_mention_form(name: str) -> bool:
    # ISO's inverted forms ("Korea, Republic of", "Congo, The Democratic ...")
    # and parenthesised ones never occur in running text.
    return "," not in name and "(" not in name


@functools.cache
def mention_names() -> dict[str, str | None]:
    """Every spelling to look for in running text -> its code (None: not a country).

    Case is kept (running text capitalises names; `US` must not match "us"); both
    accented and plain, straight and curly apostrophe spellings are included.
    """
    from newsparse._iso3166 import COUNTRIES

    forms: dict[str, str | None] = {}

    def add(name: str, code: str | None) -> None:
        for variant in {name, _strip_accents(name)} - _PLAIN_WORDS:
            forms.setdefault(variant, code)
            if "'" in variant:
                forms.setdefault(variant.replace("'", "’"), code)

    for table in (ALIASES, DEMONYMS):
        for name, code in table.items():
            add(name, code)
    for name, code in DEMONYMS.items():
        if not name.endswith(_NO_PLURAL):
            add(name + "s", code)  # "Ukrainians", "Iraqis"
    for name in NOT_COUNTRIES:
        add(name, None)
    for code, name, official_name, common_name in COUNTRIES:
        for value in (name, common_name, official_name):
            if value and _is_mention_form(value):
                add(value.removeprefix("the "), code)
    return forms


@functools.cache
def _demonym_keys() -> frozenset[str]:
    return frozenset(_key(name) for name in DEMONYMS)


def is_known_country(name: str) -> bool:
    """A country *name* (any common spelling, not an adjective): what `Country:` lists."""
    if name in _exact_names():
        return True  # no exact name is an adjective (tests/test_countries.py)
    return country_code(name) is not None and _key(name) not in _demonym_keys()
