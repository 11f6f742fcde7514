"""Names joined by a hyphen to a participle: "the U.S.-led coalition", "an Iran-backed militia",
"a Seoul-based think tank".

What the name gives the phrase depends on the participle (``hyphen_links`` in the YAML): "led"
makes the phrase the named actor's doing even when its head is no actor word ("a Saudi-led
strike" is Saudi Arabia's); "based", "owned" give the code ("a London-based rights group" is
coded GBR with the sector its own words give); "backed", "supported" name a third party, which
gives no code: an Iran-backed militia is not Iran's own force, so it stays uncoded (REB) rather
than be coded as Iran's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .hits import Hit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .gazetteer import Gazetteer

HYPHENS = frozenset({"-", "‐", "‑"})


def hyphen_links(
    words: Sequence[str], hits: Sequence[Hit], gaz: Gazetteer
) -> tuple[list[Hit], dict[int, str]]:
    """``hits`` with the names written in one token with their participle ("U.S.-led", which
    the tokenizer keeps whole), in text order; and the start of each name followed by a
    hyphen and a listed participle -> what it lets the name give (``acts``, ``code``, ``none``).
    ``words`` are the Doc's token texts."""
    links: dict[int, str] = {}
    if not gaz.hyphen_links:
        return list(hits), links
    for hit in hits:
        if hit.end + 1 < len(words) and words[hit.end] in HYPHENS:
            link = gaz.hyphen_links.get(words[hit.end + 1].lower())
            if link is not None:
                links[hit.start] = link
    taken = {i for hit in hits for i in range(hit.start, hit.end)}
    joined = [h for h in _joined(words, gaz, links) if h.start not in taken]
    return sorted([*hits, *joined], key=lambda h: h.start), links


def _joined(words: Sequence[str], gaz: Gazetteer, links: dict[int, str]) -> list[Hit]:
    """Tokens such as "U.S.-led", "U.N.-backed": a one-word name, a hyphen, a participle."""
    out: list[Hit] = []
    for i, word in enumerate(words):
        if "-" not in word:
            continue
        name, _, participle = word.rpartition("-")
        link = gaz.hyphen_links.get(participle.lower()) if name else None
        match = gaz.match([name], 0) if link is not None else None
        if link is not None and match is not None:
            out.append(Hit(i, i + 1, match[1]))
            links[i] = link
    return out
