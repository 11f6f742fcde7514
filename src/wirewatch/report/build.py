"""A story's records turned into a report: sentences built from event clusters, quotes,
claims and comparison rows, each citing the articles that state it.

Nothing here knows a particular story: sentences come from the records' codes and a verb
phrase per PLOVER type (``VERBS``); names of states and organisations from ``query.names``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..query.findings import iso
from ..query.names import code_name
from ..query.stories import StoryDetail
from ..records import Actor, Article, Claim, Comparison, DateRange, Event, EventCluster, Quote
from .model import Difference, Line, Report, Source

__all__ = ["DIFFER", "HAPPENED_MAX", "VERBS", "build_report"]

#: How many event clusters "What happened" tells, the best-supported first.
HAPPENED_MAX = 5
#: Comparison statuses shown under "Where sources differ".
DIFFER = ("contradict", "compare with care")

#: Past-tense verb phrase per PLOVER type: (with a target "{target}", without one).
VERBS: dict[str, tuple[str, str]] = {
    "AGREE": ("agreed with {target}", "agreed"),
    "CONSULT": ("met or consulted with {target}", "held consultations"),
    "SUPPORT": ("expressed support for {target}", "expressed support"),
    "CONCEDE": ("made a concession to {target}", "made a concession"),
    "COOPERATE": ("cooperated with {target}", "cooperated"),
    "AID": ("gave aid to {target}", "gave aid"),
    "RETREAT": ("pulled back from {target}", "pulled back"),
    "REQUEST": ("made a request to {target}", "made a request"),
    "ACCUSE": ("accused {target}", "made an accusation"),
    "REJECT": ("rejected {target}", "rejected a proposal"),
    "THREATEN": ("threatened {target}", "made a threat"),
    "PROTEST": ("protested against {target}", "protested"),
    "SANCTION": ("imposed sanctions on {target}", "imposed sanctions"),
    "MOBILIZE": ("mobilised forces against {target}", "mobilised forces"),
    "COERCE": ("took coercive action against {target}", "took coercive action"),
    "ASSAULT": ("attacked {target}", "used force"),
}

_SPACE = re.compile(r"\s+")


class _Cites:
    """Source numbers by article id, in the story's order."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.number = {a.id: n for n, a in enumerate(articles, 1)}

    def of(self, article_ids: Iterable[str]) -> tuple[int, ...]:
        return tuple(sorted({self.number[i] for i in article_ids if i in self.number}))


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _published(article: Article) -> str:
    pub = article.published
    if pub.point is not None:
        return pub.point.isoformat()
    if pub.start is None and pub.end is None:
        return "date unknown"
    return f"{iso(pub.start) or '…'} to {iso(pub.end) or '…'} ({pub.source})"


def _published_order(article: Article) -> tuple[bool, dt.date, str]:
    day = article.published.start
    return (day is None, day or dt.date.min, article.id)


def _sources(articles: Sequence[Article]) -> tuple[Source, ...]:
    return tuple(
        Source(n, a.id, a.outlet, a.title, _published(a), a.url, a.source)
        for n, a in enumerate(articles, 1)
    )


# --- events -----------------------------------------------------------------------------------


def _actor_phrase(code: str | None, actors: Sequence[Actor | None]) -> str | None:
    """ "South Korea (GOV)": the code's name and the sector most reports give; an uncoded actor
    is named by the words of its first report."""
    present = [a for a in actors if a is not None]
    if not present:
        return None
    sectors = Counter(a.sector for a in present if a.sector)
    sector = min(sectors, key=lambda s: (-sectors[s], s)) if sectors else None
    name = code_name(code) if code else present[0].text
    return f"{name} ({sector})" if sector else name


def _when(date: DateRange | None) -> str:
    """How a sentence opens on a date; a date taken from the article only bounds the event."""
    if date is None or (date.start is None and date.end is None):
        return "On a date the sources do not give"
    if date.point is not None:
        return f"By {date.point}" if date.basis == "article" else f"On {date.point}"
    if date.start is not None and date.end is not None:
        return f"Between {date.start} and {date.end}"
    return f"On or after {date.start}" if date.start else f"By {date.end}"


def _day_label(date: DateRange | None) -> str:
    if date is None or (date.start is None and date.end is None):
        return "undated"
    if date.point is not None:
        return f"by {date.point}" if date.basis == "article" else str(date.point)
    return f"{iso(date.start) or '…'} to {iso(date.end) or '…'}"


def _outlets(n_articles: int, n_sources: int) -> str:
    articles = "1 article" if n_articles == 1 else f"{n_articles} articles"
    outlets = "1 outlet" if n_sources == 1 else f"{n_sources} outlets"
    return f"{articles} from {outlets}"


class _Events:
    """The clusters of a story with their reports' events, for sentences and the timeline."""

    def __init__(self, detail: StoryDetail, cites: _Cites) -> None:
        self.items = {a.id: (a, x) for a, x in detail.items}
        self.clusters = detail.clusters
        self.cites = cites

    def reports(self, cluster: EventCluster) -> list[tuple[Article, int]]:
        """(article, event index), the earliest published article first."""
        refs = [(self.items[r.article_id][0], r.idx) for r in cluster.reports]
        return sorted(refs, key=lambda r: (_published_order(r[0]), r[1]))

    def events(self, cluster: EventCluster) -> list[Event]:
        return [self.items[a.id][1].events[i] for a, i in self.reports(cluster)]

    def clause(self, cluster: EventCluster) -> str:
        """ "South Korea (GOV) made a request to Russia (DIP)": who did what to whom."""
        events = self.events(cluster)
        source = _actor_phrase(cluster.source_code, [e.source for e in events]) or "Someone"
        target = _actor_phrase(cluster.target_code, [e.target for e in events])
        with_target, alone = VERBS.get(cluster.type, (cluster.type + " {target}", cluster.type))
        return f"{source} {with_target.format(target=target) if target else alone}"

    def in_lead(self, cluster: EventCluster) -> bool:
        """Some report states the event in its article's first paragraph."""
        for article, idx in self.reports(cluster):
            lead_end = article.paragraphs[0].end if article.paragraphs else 1
            if self.items[article.id][1].events[idx].sentence_start < lead_end:
                return True
        return False

    def happened(self, cluster: EventCluster) -> Line:
        """A "what happened" sentence: when, who did what to whom, how widely reported."""
        cites = self.cites.of(a.id for a, _ in self.reports(cluster))
        reported = _outlets(cluster.num_articles, cluster.num_sources)
        return Line(
            f"{_when(cluster.date)}, {self.clause(cluster)}. Reported in {reported}.", cites
        )

    def timeline(self, cluster: EventCluster) -> Line:
        """A timeline entry: the date, the event, and the first report's sentence."""
        reports = self.reports(cluster)
        cites = self.cites.of(a.id for a, _ in reports)
        first = self.events(cluster)[0]
        text = f"{cluster.type}: {self.clause(cluster)}"
        return Line(text, cites, _day_label(cluster.date), _one_line(first.sentence))


def _best_supported(events: _Events) -> list[EventCluster]:
    """The ``HAPPENED_MAX`` clusters reported by the most outlets, then articles, then reports,
    then those stated in an article's lead, then dated ones; kept in timeline order."""
    ranked = sorted(
        events.clusters,
        key=lambda c: (
            -c.num_sources,
            -c.num_articles,
            -len(c.reports),
            not events.in_lead(c),
            c.date is None,
        ),
    )
    keep = {c.id for c in ranked[:HAPPENED_MAX]}
    return [c for c in events.clusters if c.id in keep]


# --- quotes and numbers -----------------------------------------------------------------------


def _actor_label(actor: Actor) -> str:
    """ "Georgy Zinoviev (RUS.DIP, ambassador)": the name or words, the code and the role."""
    name = actor.name or actor.text
    code = ".".join(x for x in (actor.code, actor.sector) if x)
    details = [x for x in (code, actor.role) if x]
    return f"{name} ({', '.join(details)})" if details else name


def _speaker(quote: Quote) -> str:
    if quote.speaker is not None:
        return _actor_label(quote.speaker)
    return quote.speaker_text or ""


def _merged(keyed: Iterable[tuple[tuple[object, ...], Line]]) -> tuple[Line, ...]:
    """Lines with the same key told once, citing every article that states them."""
    merged: dict[tuple[object, ...], Line] = {}
    for key, line in keyed:
        known = merged.get(key)
        if known is None:
            merged[key] = line
        else:
            cites = tuple(sorted(set(known.cites) | set(line.cites)))
            merged[key] = Line(known.text, cites, known.label, known.quote)
    return tuple(merged.values())


def _quotes(detail: StoryDetail, cites: _Cites) -> tuple[Line, ...]:
    def keyed() -> Iterable[tuple[tuple[object, ...], Line]]:
        for article, found in detail.items:
            for q in found.quotes:
                if q.speaker is None and not q.speaker_text:
                    continue  # "who said what": a quotation nobody is said to have said is left out
                words = _one_line(q.text)
                key = (_speaker(q), words.casefold())
                yield key, Line("", cites.of([article.id]), _speaker(q), words)

    return _merged(keyed())


def _claim_text(claim: Claim) -> str:
    who = _actor_label(claim.claimant) if claim.claimant else "no claimant named"
    when = ""
    if claim.date is not None and (claim.date.start or claim.date.end):
        when = f", {_day_label(claim.date)}"
    return f"{_one_line(claim.what) or 'count'} — claimed by {who}{when}"


def _numbers(detail: StoryDetail, cites: _Cites) -> tuple[Line, ...]:
    def keyed() -> Iterable[tuple[tuple[object, ...], Line]]:
        for article, found in detail.items:
            for c in found.claims:
                text = _claim_text(c)
                key = (c.value, c.unit, text.casefold())
                yield (
                    key,
                    Line(text, cites.of([article.id]), _one_line(c.text), _one_line(c.sentence)),
                )

    return _merged(keyed())


# --- comparison -------------------------------------------------------------------------------


def _difference(row: Comparison, cites: _Cites) -> Difference:
    sides = []
    for st in row.statements:
        details = [x for x in (st.claimant, _day_label(st.when) if st.when else None) if x]
        text = f"({', '.join(details)})" if details else ""
        sides.append(Line(text, cites.of([st.article_id]), st.value, _one_line(st.sentence)))
    return Difference(row.slot, row.status, row.note, tuple(sides))


def _compared(rows: Sequence[Comparison]) -> str:
    if not rows:
        return "No points were compared: the sources state nothing the comparison can match."
    counts: Counter[str] = Counter(r.status for r in rows)
    differ = sum(counts[s] for s in DIFFER)
    told = ", ".join(f"{counts[s]} {s}" for s in sorted(counts))
    return f"{differ} of {len(rows)} compared points differ ({told})."


def build_report(detail: StoryDetail) -> Report:
    """The report of one story (see ``model.Report``)."""
    articles = [a for a, _ in detail.items]
    cites = _Cites(articles)
    events = _Events(detail, cites)
    story = detail.story
    span = f"{iso(story.start) or '?'} to {iso(story.end) or '?'}"
    outlets = len({a.outlet or a.id for a in articles})
    return Report(
        story_id=story.id,
        title=story.title or story.id,
        summary=f"{_outlets(len(articles), outlets)}, {span}",
        happened=tuple(events.happened(c) for c in _best_supported(events)),
        timeline=tuple(events.timeline(c) for c in detail.clusters),
        quotes=_quotes(detail, cites),
        numbers=_numbers(detail, cites),
        differences=tuple(_difference(r, cites) for r in detail.comparisons if r.status in DIFFER),
        compared=_compared(detail.comparisons),
        sources=_sources(articles),
    )
