"""Reader of the REIGN leader list (``reign/leaderlist_3_21.csv``, Bell 2016).

One row per effective leader of a state, 1945 to March 2021: ``stateabb`` and ``ccode``
(Correlates of War state codes), ``leader`` (often the surname alone: "Erdogan",
"G.W. Bush"), start day, month and year, end month and year (empty: in office when the
list was made). REIGN follows the effective leader: the prime minister of a parliamentary
state, the president of a presidential one. The end day is not given: a term ends the day
its successor's begins when that falls in the end month, else on the first of the month.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

# Correlates of War state numbers -> ISO 3166-1 alpha-3, for the states that exist since
# 1990 (Czechoslovakia, the two Yemens before 1990 and East Germany are left out).
COW_TO_ISO3 = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO",
    53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX",
    80: "BLZ", 90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL",
    150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR", 205: "IRL", 210: "NLD",
    211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO", 223: "LIE", 225: "CHE", 230: "ESP",
    232: "AND", 235: "PRT", 255: "DEU", 260: "DEU", 290: "POL", 305: "AUT", 310: "HUN",
    316: "CZE", 317: "SVK", 325: "ITA", 331: "SMR", 338: "MLT", 339: "ALB", 341: "MNE",
    343: "MKD", 344: "HRV", 345: "SRB", 346: "BIH", 347: "KOS", 349: "SVN", 350: "GRC",
    352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU", 365: "RUS", 366: "EST", 367: "LVA",
    368: "LTU", 369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN",
    380: "SWE", 385: "NOR", 390: "DNK", 395: "ISL", 402: "CPV", 403: "STP", 404: "GNB",
    411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN", 434: "BEN", 435: "MRT", 436: "NER",
    437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE", 452: "GHA", 461: "TGO",
    471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 484: "COG", 490: "COD",
    500: "UGA", 501: "KEN", 510: "TZA", 516: "BDI", 517: "RWA", 520: "SOM", 522: "DJI",
    530: "ETH", 531: "ERI", 540: "AGO", 541: "MOZ", 551: "ZMB", 552: "ZWE", 553: "MWI",
    560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ", 580: "MDG", 581: "COM",
    590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY", 625: "SDN",
    626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR", 660: "LBN",
    663: "JOR", 666: "ISR", 670: "SAU", 679: "YEM", 690: "KWT", 692: "BHR", 694: "QAT",
    696: "ARE", 698: "OMN", 700: "AFG", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB",
    705: "KAZ", 710: "CHN", 712: "MNG", 731: "PRK", 732: "KOR", 740: "JPN", 750: "IND",
    760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR", 780: "LKA", 781: "MDV", 790: "NPL",
    800: "THA", 811: "KHM", 812: "LAO", 816: "VNM", 820: "MYS", 830: "SGP", 835: "BRN",
    840: "PHL", 850: "IDN", 860: "TLS", 900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT",
    940: "SLB", 946: "KIR", 947: "TUV", 950: "FJI", 955: "TON", 970: "NRU", 983: "MHL",
    986: "PLW", 987: "FSM", 990: "WSM",
}


@dataclass(frozen=True)
class Leader:
    iso3: str
    name: str  # as REIGN writes it, "(acting)" and the like removed
    start: str
    end: str | None  # None: in office when the list was made
    acting: bool
    line: int


def _day(d: str, m: str, y: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d) if d else 1).isoformat()
    except ValueError:
        return None


def read_leaders(path: Path) -> list[Leader]:
    """Leaders of the states COW_TO_ISO3 knows, in (state, start) order, with end days."""
    raw = []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for lineno, row in enumerate(csv.DictReader(handle), 2):
            try:
                ccode = int(row["ccode"])
            except (TypeError, ValueError):
                continue
            iso3 = COW_TO_ISO3.get(ccode)
            start = _day(row["sdate"], row["smonth"], row["syear"])
            if iso3 is None or start is None:
                continue
            if ccode == 260 and start >= "1990-10-03":
                continue
            end_month = (row.get("emonth") or "").strip(), (row.get("eyear") or "").strip()
            name = " ".join(row["leader"].split())
            acting = "(acting)" in name.lower() or "(interim)" in name.lower()
            for tag in ("(acting)", "(Acting)", "(interim)", "(Interim)"):
                name = name.replace(tag, "").strip()
            raw.append((iso3, start, end_month, name, acting, lineno))
    raw.sort(key=lambda r: (r[0], r[1], r[5]))
    out = []
    for i, (iso3, start, (em, ey), name, acting, lineno) in enumerate(raw):
        end = None
        if ey:
            nxt = raw[i + 1] if i + 1 < len(raw) and raw[i + 1][0] == iso3 else None
            month_start = _day("1", em or "1", ey)
            if nxt is not None and month_start and nxt[1][:7] == month_start[:7]:
                end = nxt[1]
            else:
                end = month_start
            if end is not None and end <= start:
                end = nxt[1] if nxt is not None and nxt[1] > start else None
                if end is None:
                    continue
        out.append(Leader(iso3, name, start, end, acting, lineno))
    return out
