"""The GDELT 2.0 event table: one tab-separated row per event cluster, in GDELT's 61 columns.

One row is one event cluster (``link.clusters``): the same event (PLOVER type, source and
target codes, compatible dates) as reported by every article of a story. Only events stated as
having happened are clustered, so negated, hypothetical and planned events are left out: GDELT
has no column for an event's mode. Values are ours where wirewatch knows them and empty where
it does not (tone, geography beyond a place name, ethnic and religious codes).

How the columns are filled (see README "Exports and reports"):

- ``GLOBALEVENTID``: the first 63 bits of sha256 of the cluster id, a positive integer that is
  the same on every export of the same store. A cluster's id is that of its first report, so it
  changes only when a later ingest adds an earlier report of the same event.
- ``SQLDATE`` (GDELT's Day), ``MonthYear``, ``Year``, ``FractionDate``: the cluster's
  best-supported date. GDELT has no ranges: a date known to the day is that day; a range gives
  its first day (its last when only that is known); an undated event has these empty.
  ``FractionDate`` is the year plus the share of it gone by at the start of that day.
- ``Actor1Code``: CAMEO style, state code and sector (``RUSGOV``; embassies and diplomats,
  ``DIP``, are exported as ``GOV``); an organisation keeps wirewatch's code (``NATO``, ``UN``).
  ``Actor1CountryCode`` for states, ``Actor1Type1Code`` the sector. The sector is the one most
  of the cluster's reports give. ``Actor1Name`` the state's or organisation's name in capitals,
  for an uncoded actor the words of the first report.
- ``IsRootEvent``: 1 when a report states the event in its article's first paragraph (the
  lead, where GDELT's rule looks too), else 0.
- ``EventCode``/``EventBaseCode``/``EventRootCode``: the CAMEO code most reports give; a bare
  root ("11") is exported as CAMEO's "not specified" code ("110").
- ``QuadClass``, ``GoldsteinScale``: those of a report with that code.
- ``NumMentions``: reports (sentences), ``NumSources``: outlets, ``NumArticles``: articles.
- ``Actor1Geo_*``: an actor's first-level region (``USA`` + ``US-NE``): a US state as GDELT's
  type 2 with ``Actor1Geo_ADM1Code`` ``USNE``; another country's region as type 5 with its
  name.
- ``ActionGeo_FullName``: the place a report names for the event ("in Seoul"); the GDELT
  country codes of places are FIPS 10-4, which wirewatch does not hold, so they stay empty.
- ``DATEADDED``: when the first of the cluster's articles was ingested (UTC,
  YYYYMMDDHHMMSS), else the export time.
- ``SOURCEURL``: the URL of the first report (earliest published article), else its file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

import pycountry

from ..extract.actors.kb import subdivisions
from ..query.names import code_name, is_state
from ..records import Actor, DateRange, EventCluster
from ..store import Store
from .clusters import Report, clustered_stories, ingest_times

__all__ = ["GDELT_COLUMNS", "gdelt_row", "global_event_id", "write_gdelt"]

#: The 61 columns of the GDELT 2.0 event table, in order (GDELT event codebook 2.0).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

#: wirewatch sectors exported under another CAMEO type code.
SECTOR_AS = {"DIP": "GOV"}

_WHITESPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def global_event_id(cluster_id: str) -> int:
    """A stable positive 63-bit integer for a cluster id."""
    digest = hashlib.sha256(cluster_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _day(date: DateRange | None) -> dt.date | None:
    """The one day GDELT can hold: the day itself, else the range's first (or last) day."""
    if date is None:
        return None
    return date.start or date.end


def _date_fields(day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {}
    year_days = 366 if dt.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    fraction = day.year + (day.timetuple().tm_yday - 1) / year_days
    return {
        "SQLDATE": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": str(day.year),
        "FractionDate": f"{fraction:.4f}",
    }


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _actor_fields(n: int, code: str | None, actors: Sequence[Actor | None]) -> dict[str, str]:
    """``Actor{n}*`` columns for an actor code and the actors the reports give for it."""
    present = [a for a in actors if a is not None]
    if not present:
        return {}
    sector = _most_common(a.sector for a in present)
    cameo_type = SECTOR_AS.get(sector, sector) if sector else ""
    fields = {f"Actor{n}Type1Code": cameo_type}
    if code:
        state = is_state(code)
        fields[f"Actor{n}Code"] = code + cameo_type if state else code
        fields[f"Actor{n}Name"] = code_name(code).upper()
        fields[f"Actor{n}CountryCode"] = code if state else ""
    else:
        fields[f"Actor{n}Name"] = present[0].text.upper()
    return fields | _region_fields(n, _most_common(a.region for a in present))


def _region_fields(n: int, region: str | None) -> dict[str, str]:
    """``Actor{n}Geo_*`` for an actor's first-level region (ISO 3166-2). A US state is GDELT's
    geo type 2 (US state) with its ADM1 code (``USNE``: FIPS "US" and the postal code) and
    country ``US``; another country's region is type 5 (world state) with its name only, as
    its FIPS 10-4 codes are not held."""
    if not region:
        return {}
    sub = subdivisions().get(region)
    if sub is None:
        return {}
    country = pycountry.countries.get(alpha_2=sub.country_code)
    full = f"{sub.name}, {country.name if country else sub.country_code}"
    if sub.country_code == "US":
        state = region.split("-", 1)[1]
        return {
            f"Actor{n}Geo_Type": "2",
            f"Actor{n}Geo_FullName": full,
            f"Actor{n}Geo_CountryCode": "US",
            f"Actor{n}Geo_ADM1Code": f"US{state}",
        }
    return {f"Actor{n}Geo_Type": "5", f"Actor{n}Geo_FullName": full}


def _event_code(cameo: str) -> str:
    """CAMEO's full code: a bare two-digit root becomes its "not specified" code (11 -> 110)."""
    return cameo + "0" if len(cameo) == 2 else cameo


def _in_lead(report: Report) -> bool:
    paragraphs = report.article.paragraphs
    lead_end = paragraphs[0].end if paragraphs else 0
    return report.event.sentence_start < max(lead_end, 1)


def _event_fields(reports: Sequence[Report]) -> dict[str, str]:
    """Codes, QuadClass and Goldstein from the CAMEO code most reports give (finer first)."""
    counts = Counter(r.event.cameo for r in reports)
    cameo = min(counts, key=lambda c: (-counts[c], -len(c), c))
    event = next(r.event for r in reports if r.event.cameo == cameo)
    code = _event_code(cameo)
    return {
        "IsRootEvent": "1" if any(_in_lead(r) for r in reports) else "0",
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": str(event.quad_class),
        "GoldsteinScale": str(float(event.goldstein)),
    }


def gdelt_row(
    cluster: EventCluster, reports: Sequence[Report], added: dt.datetime
) -> tuple[str, ...]:
    """The cluster as a GDELT row: one string per column of ``GDELT_COLUMNS``, "" for none.

    ``reports`` are the cluster's reports with the first-published one first; ``added`` is
    the ``DATEADDED`` time (UTC).
    """
    first = reports[0]
    fields: dict[str, str] = {
        "GLOBALEVENTID": str(global_event_id(cluster.id)),
        **_date_fields(_day(cluster.date)),
        **_actor_fields(1, cluster.source_code, [r.event.source for r in reports]),
        **_actor_fields(2, cluster.target_code, [r.event.target for r in reports]),
        **_event_fields(reports),
        "NumMentions": str(len(reports)),
        "NumSources": str(cluster.num_sources),
        "NumArticles": str(cluster.num_articles),
        "ActionGeo_FullName": _most_common(r.event.location for r in reports) or "",
        "DATEADDED": added.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": first.article.url or first.article.source,
    }
    return tuple(fields.get(c, "").translate(_WHITESPACE) for c in GDELT_COLUMNS)


def write_gdelt(store: Store, out: TextIO, header: bool = False) -> int:
    """Write every event cluster of the store to ``out`` as GDELT 2.0 rows (tab-separated, no
    quoting, like GDELT's files); ``header`` adds a first line with the column names. Returns
    the rows written.

    Raises:
        StoreError: the store cannot be read.
    """
    added = ingest_times(store)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    rows = 0
    for found in clustered_stories(store):
        for cluster in found.clusters:
            reports = found.reports(cluster)
            times = [added[r.article.id] for r in reports if r.article.id in added]
            out.write("\t".join(gdelt_row(cluster, reports, min(times, default=now))) + "\n")
            rows += 1
    return rows
