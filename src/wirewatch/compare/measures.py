"""Measured quantities the claim finder left out ("the 15-meter-long banner").

``extract.claims`` reads "15-metre banner" but not a number whose unit carries a dimension
adjective ("15-meter-long", "300-km-wide"). This scanner reads those forms from the text with the
claim finder's own unit table (``extract/lexicons/claims.yaml``), so that a measure two outlets
give can still be compared. It yields ``Claim`` records with rule ``compare.measure.v1`` and
never a second claim where the extract stage already found one.
"""

from __future__ import annotations

import re
from functools import cache

from ..extract import lexicons as extract_lexicons
from ..records import Claim
from .statements import Item

RULE = "compare.measure.v1"

_DIMENSIONS = r"long|high|tall|wide|deep|thick|wide|across"
_STOP = {"of", "in", "on", "at", "and", "or", "the", "a", "an", "to", "for", "from", "with"}


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    units: dict[str, str] = {
        str(k).lower(): str(v) for k, v in extract_lexicons.load("claims.yaml")["units"].items()
    }
    words = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True) if u.isalpha())
    pattern = re.compile(
        rf"\b(?P<num>\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|\d+(?:\.\d+)?)[-\s](?P<unit>{words})"
        rf"(?:-(?:{_DIMENSIONS}))?\s+(?P<what>(?:[\w’'-]+\s+){{0,2}}?[\w’'-]+)",
        re.IGNORECASE,
    )
    return pattern, units


def find_measures(item: Item) -> list[Claim]:
    """Measures with a unit in the article that no extracted claim covers."""
    pattern, units = _pattern()
    taken = [(c.start, c.end) for c in item.extraction.claims]
    found = []
    text = item.article.text
    for m in pattern.finditer(text):
        if any(start < m.end("unit") and m.start("num") < end for start, end in taken):
            continue
        what = _noun(m.group("what"))
        if not what:
            continue
        s_start, s_end = item.sentence_at(m.start())
        found.append(
            Claim(
                value=float(m.group("num").replace(",", "")),
                unit=units[m.group("unit").lower()],
                what=what,
                claimant=None,
                date=None,
                text=text[m.start("num") : m.end("unit")],
                start=m.start("num"),
                end=m.end("unit"),
                sentence=text[s_start:s_end],
                sentence_start=s_start,
                sentence_end=s_end,
                rule=RULE,
            )
        )
    return found


def _noun(words: str) -> str:
    """The measured thing: the words up to the first function word ("banner" in "banner of")."""
    kept = []
    for word in words.split():
        if word.lower() in _STOP:
            break
        kept.append(word)
    return " ".join(kept)
