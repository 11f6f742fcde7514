"""How wirewatch codes an actor phrase, and why: what ``wirewatch actor`` prints.

Each phrase is put as the subject of a one-sentence article ("PHRASE said on Tuesday ...")
dated ``on``, after the ``context`` text when one is given (a dateline such as "WASHINGTON (AP)
-" or a sentence naming the article's country), and run through the extract stage as any
article is. The mention covering the phrase is its coding; the view adds the knowledge-base
entry behind it (file, source, dated roles) and the article country it could take from
context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..clean.dedup import normalise
from ..extract.actors import load_gazetteer
from ..extract.actors.kb import KbEntry
from ..extract.actors.resolve import article_setting
from ..extract.stage import iter_extractions
from ..records import Actor, Article, PublishedDate
from ..settings import Options

#: The sentence a phrase is the subject of.
FRAME = "{phrase} said on Tuesday that the talks would continue."
_DASHES = ("-", "–", "—", "--")


@dataclass(frozen=True, slots=True)
class PhraseCoding:
    """One phrase as coded, with the article it was read from."""

    phrase: str
    on: dt.date | None
    text: str
    actor: Actor | None
    entry: KbEntry | None
    country: str | None
    """The country the article is about, which an uncoded institution takes."""
    why: str | None
    """How that country was known: ``dateline``, ``outlet`` or ``named``."""


def _text(phrase: str, context: str | None) -> tuple[str, int]:
    sentence = FRAME.format(phrase=phrase[:1].upper() + phrase[1:])
    if not context:
        return sentence, 0
    lead = context.strip()
    joiner = " " if lead.endswith(_DASHES) else "\n\n"
    return lead + joiner + sentence, len(lead) + len(joiner)


def _covering(mentions: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The phrase's own mention: of those overlapping ``[start, end)``, the one starting first
    (not a name inside its "of" or "for" phrase), the longest on ties; the rule
    ``benchmarks/actors_eval.py`` reads the phrase sets by."""
    overlapping = [m for m in mentions if min(end, m.end) - max(start, m.start) > 0]
    return min(overlapping, key=lambda m: (max(m.start, start), -(m.end - m.start)), default=None)


def code_phrases(
    phrases: Sequence[str], options: Options, on: dt.date | None = None, context: str | None = None
) -> list[PhraseCoding]:
    """Each phrase coded as the subject of a one-sentence article (see the module docstring).

    Raises:
        UsageError: the spaCy pipeline or a user actor file cannot be loaded.
    """
    published = PublishedDate(on, on, "metadata") if on else PublishedDate.unknown()
    placed = [_text(p.strip(), context) for p in phrases]
    articles = [
        Article(
            id=normalise(text)[:16] or f"phrase-{n}",
            source=f"phrase {n + 1}",
            text=text,
            published=published,
            language="en",
        )
        for n, (text, _) in enumerate(placed)
    ]
    gaz = load_gazetteer(options.actors)
    out = []
    for phrase, (text, offset), (_, found, _failure) in zip(
        phrases, placed, iter_extractions(articles, options), strict=True
    ):
        actor = _covering(found.mentions, offset, offset + len(phrase.strip()))
        setting = article_setting(found.mentions, gaz, on, _dateline(found.mentions, offset))
        entry = gaz.kb.get(actor.id) if actor is not None and actor.id else None
        out.append(PhraseCoding(phrase, on, text, actor, entry, setting.country, setting.why))
    return out


def _dateline(mentions: Sequence[Actor], offset: int) -> str | None:
    """The code of a place named in the context before the phrase's sentence."""
    return next((m.code for m in mentions if m.end <= offset and m.code), None)


def phrase_view(coding: PhraseCoding) -> dict[str, Any]:
    """``{phrase, date, text, mention, knowledge_base, article_country}`` as JSON prints it."""
    actor = coding.actor
    mention = None
    if actor is not None:
        mention = {
            "code": actor.code,
            "sector": actor.sector,
            "text": actor.text,
            "name": actor.name,
            "role": actor.role,
            "id": actor.id,
            "region": actor.region,
            "basis": actor.basis,
            "rule": actor.rule,
        }
    entry = coding.entry
    kb = None
    if entry is not None:
        kb = {
            "id": entry.id,
            "name": entry.name,
            "aliases": list(entry.aliases),
            "country": entry.country,
            "sector": entry.sector,
            "region": entry.region,
            "file": entry.file,
            "source": entry.source,
            "roles": [
                {
                    "role": r.role,
                    "sector": r.sector,
                    "from": r.start.isoformat() if r.start else None,
                    "to": r.end.isoformat() if r.end else None,
                    "country": r.country,
                    "region": r.region,
                }
                for r in entry.roles
            ],
        }
    return {
        "phrase": coding.phrase,
        "date": coding.on.isoformat() if coding.on else None,
        "text": coding.text,
        "mention": mention,
        "knowledge_base": kb,
        "article_country": {"code": coding.country, "why": coding.why},
    }
