"""CAMEO actor codes to the codebook's country and sector codes.

A CAMEO actor code is a three-letter country or international code followed by
three-letter role codes: ``USAGOV``, ``RUSMIL``, ``AFGGOVAGR`` (a minister of agriculture),
``IGOUNOREFHCR`` (UNHCR), ``NGOUSAHRI`` (a U.S.-based human rights NGO), ``MNCUSA`` (a
multinational company based in the U.S.). ``---`` is no country.

The codebook (CODEBOOK.md section 3) gives international bodies one code and no sector
(``UNO``, ``EUR``, ``IGO``, ``NGO``, ``MNC``, ``IMG``), and national actors their state and
the sector of their first role: the executive and its ministers are ``GOV`` whatever their
field (``AFGGOVAGR`` is AFG GOV), CAMEO's media (``MED``) are the codebook's ``JRN``, its
health (``HLH``) the codebook's ``MED``, its unaligned armed forces, insurgents and
separatists (``UAF``, ``INS``, ``SEP``) are ``REB``, its religions (``CHR``, ``MUS``...)
``REL``, and its labour, education, farming, environment and human-rights groups are
civilians (``CVL``).
"""

from __future__ import annotations

import pycountry

from ..codebook import SECTORS

# CAMEO role code -> codebook sector. Roles that decide no sector map to None and the next
# role is read ("MODREB": a moderate rebel is REB); roles absent here decide nothing.
ROLE_SECTORS: dict[str, str | None] = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "UAF": "REB",
    "OPP": "OPP", "PTY": "PTY", "COP": "COP", "JUD": "JUD", "SPY": "SPY", "LEG": "LEG",
    "ELI": "ELI", "BUS": "BUS", "MED": "JRN", "HLH": "MED", "CVL": "CVL", "PPL": "CVL",
    "REF": "REF", "EDU": "CVL", "LAB": "CVL", "AGR": "CVL", "ENV": "CVL", "HRI": "CVL",
    "REL": "REL", "CHR": "REL", "CTH": "REL", "PRO": "REL", "ORT": "REL", "MUS": "REL",
    "SUN": "REL", "SHI": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "JAN": "REL",
    "SIK": "REL", "ZRO": "REL", "TAO": "REL", "CON": "REL", "DOX": "REL", "ALE": "REL",
    "MOD": None, "RAD": None, "DEV": None, "CRM": None, "UNK": None,
}
INTERNATIONAL_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM"})
# International codes that open a CAMEO code, and what the codebook calls them.
INTERNATIONAL_PREFIXES = {"IGO": "IGO", "NGO": "NGO", "MNC": "MNC", "IMG": "IMG"}
# CAMEO country codes that are not ISO 3166 alpha-3 codes.
COUNTRY_ALIASES = {"KSV": "KOS", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR"}
_NOT_STATES = {"INT", "---", "KKL", "DDR", "SUN", "YUG", "CSK", "EUR", "AFR", "ASA", "MEA",
               "LAM", "NAF", "WST", "SAM", "CAS", "SEA", "SAS", "EAF", "WAF", "BLK",
               "CRB", "EEU", "SCN", "NMR", "ARB", "PGS", "BAL", "CAU", "SAF", "MDT"}


def state_code(code: str) -> str | None:
    """A CAMEO country code as the codebook's state code, or None (regions, blocs, '---')."""
    code = COUNTRY_ALIASES.get(code, code)
    if code in ("KOS", "PSE", "TWN", "HKG", "VAT"):
        return code
    if code in _NOT_STATES or len(code) != 3:
        return None
    return code if pycountry.countries.get(alpha_3=code) is not None else None


def roles(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def sector_of(role_codes: list[str]) -> str | None:
    """The codebook sector of the first role that decides one."""
    for role in role_codes:
        if role in ROLE_SECTORS:
            sector = ROLE_SECTORS[role]
            if sector is not None:
                assert sector in SECTORS, sector
                return sector
    return None


def to_codebook(code: str, default_country: str | None = None) -> tuple[str, str | None] | None:
    """(country, sector) for a CAMEO actor code, or None when it names no country or body.

    ``default_country`` fills codes that name a role only (``ELI`` in a country's file).
    International codes carry no sector; ``IGOUNO...`` is the UN (UNO) and ``IGOEUREEC``
    the European Union (EUR).
    """
    code = code.strip().upper()
    if not code or code == "---":
        return None
    head = code[:3]
    if head in INTERNATIONAL_PREFIXES:
        rest = roles(code[3:])
        if head == "IGO" and rest[:1] == ["UNO"]:
            return ("UNO", None)
        if head == "IGO" and rest[:2] == ["EUR", "EEC"]:
            return ("EUR", None)
        return (INTERNATIONAL_PREFIXES[head], None)
    if head in ROLE_SECTORS and default_country:  # "[ELI]" in a country's file
        return (default_country, sector_of(roles(code)))
    country = state_code(head)
    if country is None:
        return None
    return (country, sector_of(roles(code[3:])))
