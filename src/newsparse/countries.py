"""Country names: is a string a country, and which one?

`lookup_country("Turkey")` and `lookup_country("Türkiye")` both give `"Türkiye"`; a name
that is no country gives None. The index holds every ISO 3166 country known to
pycountry (its `name`, `official_name`, `common_name`, the alpha-2 and alpha-3 codes,
and the historic names of ISO 3166-3), plus the names news sites actually write
(`U.S.`, `UK`, `Russia`, `Ivory Coast`, `Burma`, ...). Matching ignores case, a leading
`the`, curly versus straight apostrophes and repeated white space.

The canonical name returned is pycountry's `common_name` when it has one, else its
`name` (`"Russian Federation"` for Russia), so that spellings can be grouped.
This module is shared: `validate` uses `is_known_country`, tagging may use
`lookup_country` to normalise country names.
"""

from __future__ import annotations

import functools

import pycountry

#: Names written in news that pycountry does not know, mapped to an alpha-2 code.
NEWS_NAMES: dict[str, str] = {
    "Turkey": "TR",
    "Russia": "RU",
    "US": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "USA": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "South Korea": "KR",
    "Korea": "KR",
    "North Korea": "KP",
    "Iran": "IR",
    "Syria": "SY",
    "Vietnam": "VN",
    "Laos": "LA",
    "Taiwan": "TW",
    "Palestine": "PS",
    "Palestinian Territories": "PS",
    "Gaza": "PS",
    "West Bank": "PS",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Brunei": "BN",
    "Micronesia": "FM",
    "Macedonia": "MK",
    "North Macedonia": "MK",
    "Burma": "MM",
    "Swaziland": "SZ",
    "Eswatini": "SZ",
    "Cape Verde": "CV",
    "Cabo Verde": "CV",
    "East Timor": "TL",
    "Timor-Leste": "TL",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Côte d'Ivoire": "CI",
    "Czech Republic": "CZ",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Holy See": "VA",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Republic of Congo": "CG",
    "Republic of the Congo": "CG",
    "Congo-Brazzaville": "CG",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Macao": "MO",
    "Netherlands": "NL",
    "Holland": "NL",
    "Gambia": "GM",
    "Bahamas": "BS",
    "Philippines": "PH",
    "St Lucia": "LC",
    "St Kitts and Nevis": "KN",
    "St Vincent and the Grenadines": "VC",
    "Sao Tome and Principe": "ST",
    "Curacao": "CW",
    "Reunion": "RE",
    "Kyrgyzstan": "KG",
    "Falklands": "FK",
    "Falkland Islands": "FK",
}

#: Not in ISO 3166-1 but widely treated as a country in news.
EXTRA_COUNTRIES: tuple[str, ...] = ("Kosovo",)


def _key(name: str) -> str:
    text = " ".join(name.replace("’", "'").replace("‘", "'").split()).casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


def _display(country: object) -> str:
    common = getattr(country, "common_name", None)
    return str(common or country.name)  # type: ignore[attr-defined]


@functools.cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        display = _display(country)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index[_key(value)] = display
    # Codes only in capitals: `IN` or `US`, never the words `in` or `us`.
    for country in pycountry.countries:
        display = _display(country)
        index["code:" + country.alpha_2] = display
        index["code:" + country.alpha_3] = display
    for historic in pycountry.historic_countries:
        index.setdefault(_key(historic.name), historic.name)
    for name, code in NEWS_NAMES.items():
        found = pycountry.countries.get(alpha_2=code)
        if found is not None:
            # All-capital short forms (`US`, `UAE`) match only in capitals, like codes.
            key = "code:" + name if name.isupper() and name.isalpha() else _key(name)
            index[key] = _display(found)
    for name in EXTRA_COUNTRIES:
        index[_key(name)] = name
    return index


def lookup_country(name: str) -> str | None:
    """The canonical name of the country `name` names, or None if it names none."""
    text = name.strip()
    if not text:
        return None
    index = _index()
    if text.isupper() and text.isalpha():
        found = index.get("code:" + text)
        if found is not None:
            return found
    return index.get(_key(text))


def is_known_country(name: str) -> bool:
    """True if `name` is a country name (any common spelling), False otherwise."""
    return lookup_country(name) is not None
