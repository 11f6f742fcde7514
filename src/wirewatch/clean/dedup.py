"""Exact and near-duplicate articles, found with MinHash signatures of word 5-grams.

Wire copy is republished everywhere: the same agency story appears under many outlets with a
different headline, boilerplate lines at the top and bottom, and a word or two changed. Counting
each copy as separate evidence would inflate how widely a claim was reported, so each article is
compared with the ones seen before it and marked as a copy of the most similar one.

A text is normalised (NFKC, lower case, punctuation removed, whitespace collapsed), cut into
overlapping word 5-grams ("shingles"), and summarised in a MinHash signature whose agreement
with another signature estimates the Jaccard similarity of the two shingle sets. A
``MinHashLSH`` index proposes candidates in sub-linear time; each candidate is then checked
with the signatures themselves.

The functions here are pure. The only state is a :class:`DuplicateIndex`, which the caller
creates, passes in and may seed from stored signatures, so the same code runs in one process or
one index per partition.

Signature format (stored in ``Article.minhash``): ``num_perm`` hash values as little-endian
uint64, made with datasketch's ``affine32`` scheme, seed 1 and CRC-32 as the shingle hash. A
change to any of these, or to the normalisation, makes old signatures incomparable, so it must
come with a new :data:`SIGNATURE_VERSION`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = [
    "SHINGLE_WORDS",
    "SIGNATURE_VERSION",
    "DuplicateIndex",
    "normalise",
    "shingles",
    "signature",
    "signature_bytes",
    "signature_from_bytes",
    "signatures",
]

#: Names the signature format; changes whenever signatures stop being comparable with old ones.
SIGNATURE_VERSION = "minhash.word5.affine32.crc32.v1"

#: Words per shingle. Five words are specific enough that two different articles on the same
#: event share few shingles, and short enough that a changed word spoils only five of them.
SHINGLE_WORDS = 5

_SCHEME = "affine32"
_SEED = 1
_PUNCTUATION = re.compile(r"[^\w\s]+|_+")
_LE_UINT64 = np.dtype("<u8")

#: Weights of false positives and false negatives when choosing the LSH bands. Every candidate is
#: verified with its signature, so a false positive costs one comparison while a false negative
#: loses a duplicate: with balanced weights a pair at exactly the 0.8 threshold is proposed only
#: 40% of the time; with these, 95% (99% at 0.85), for 6% of the pairs at 0.5.
_LSH_WEIGHTS = (0.05, 0.95)


def _hash(shingle: bytes) -> int:
    """CRC-32 of a shingle: stable across processes and platforms, and several times faster
    than datasketch's default SHA-1 (datasketch mixes the value before permuting it, so a
    non-cryptographic hash does not bias the estimate)."""
    return zlib.crc32(shingle)


def normalise(text: str) -> str:
    """``text`` in lower case, without punctuation, with single spaces between words.

    Punctuation is removed rather than replaced, so typographic variants that differ between
    outlets ("Moscow's" and "Moscow’s", "full-scale" and "full–scale") come out the same.
    """
    cleaned = _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text).lower())
    return " ".join(cleaned.split())


def shingles(text: str) -> list[bytes]:
    """The word 5-grams of the normalised text, UTF-8 encoded.

    A text of fewer than five words yields its words instead, so that short texts still have a
    signature (and identical short texts the same one). An empty text yields nothing.
    """
    words = normalise(text).split()
    if len(words) < SHINGLE_WORDS:
        return [word.encode() for word in words]
    grams = zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)
    return [gram.encode() for gram in map(" ".join, grams)]


@functools.cache
def _template(num_perm: int) -> MinHash:
    """An empty MinHash whose permutations are copied, never recomputed, for each signature."""
    return MinHash(num_perm=num_perm, seed=_SEED, hashfunc=_hash, scheme=_SCHEME)


def _signed(items: list[bytes], num_perm: int) -> MinHash:
    minhash = _template(num_perm).copy()
    minhash.update_batch(items)
    return minhash


def signature(text: str, num_perm: int) -> MinHash:
    """The MinHash signature of the word 5-gram shingles of ``text``.

    An empty text (no words) gets an empty signature, which :class:`DuplicateIndex` never
    matches.
    """
    return _signed(shingles(text), num_perm)


def signatures(texts: Sequence[str], num_perm: int) -> list[MinHash]:
    """:func:`signature` of each text, in order."""
    return [_signed(shingles(text), num_perm) for text in texts]


def signature_bytes(minhash: MinHash) -> bytes:
    """The hash values of ``minhash`` as little-endian uint64, the stored form."""
    return np.asarray(minhash.hashvalues).astype(_LE_UINT64).tobytes()


def signature_from_bytes(data: bytes, num_perm: int) -> MinHash:
    """The MinHash stored as ``data`` by :func:`signature_bytes`.

    Raises:
        ValueError: ``data`` is not ``num_perm`` uint64 values, or holds values that no
            signature of this format can have.
    """
    if len(data) != num_perm * _LE_UINT64.itemsize:
        raise ValueError(
            f"a MinHash signature of {num_perm} permutations is {num_perm * 8} bytes, got "
            f"{len(data)}; was it made with another minhash_perm setting?"
        )
    values = np.frombuffer(data, dtype=_LE_UINT64)
    template = _template(num_perm)
    return MinHash(
        seed=_SEED,
        hashfunc=_hash,
        hashvalues=values,
        permutations=template.permutations,
        scheme=_SCHEME,
    )


class DuplicateIndex:
    """Signatures of articles seen so far, searchable for exact and near duplicates.

    ``find`` answers with the earlier article most similar to a signature, if it is at least
    ``threshold`` similar; ``add`` then records the new article. Exact copies (same normalised
    text, hence the same signature) are found by a dictionary look-up, with similarity 1.0,
    however short the text; near copies through ``MinHashLSH`` candidates whose estimated
    Jaccard similarity is verified against ``threshold``.
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=_LSH_WEIGHTS)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._exact: dict[bytes, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def add(self, key: str, sig: MinHash) -> None:
        """Record ``sig`` under ``key``. Adding a key again does nothing (re-runs are safe);
        empty signatures are not recorded, since an empty text is a copy of nothing."""
        if key in self._signatures or sig.is_empty():
            return
        self._check(sig)
        self._signatures[key] = sig
        self._order[key] = len(self._order)
        self._exact.setdefault(signature_bytes(sig), key)
        self._lsh.insert(key, sig)

    def find(self, sig: MinHash) -> tuple[str, float] | None:
        """The earlier key most similar to ``sig`` and its estimated Jaccard similarity, or
        ``None`` when none reaches the threshold. Ties go to the key added first."""
        if sig.is_empty():
            return None
        self._check(sig)
        exact = self._exact.get(signature_bytes(sig))
        if exact is not None:
            return exact, 1.0
        best: tuple[str, float] | None = None
        for key in sorted(self._lsh.query(sig), key=self._order.__getitem__):
            similarity = float(sig.jaccard(self._signatures[key]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = key, similarity
        return best

    def seed(self, pairs: Iterable[tuple[str, bytes]]) -> None:
        """Add stored signatures, as ``(key, signature_bytes)`` pairs, in the order given.

        Raises:
            ValueError: a signature of the wrong size (another ``num_perm``).
        """
        for key, data in pairs:
            self.add(key, signature_from_bytes(data, self.num_perm))

    def _check(self, sig: MinHash) -> None:
        if len(sig) != self.num_perm:
            raise ValueError(
                f"signature has {len(sig)} permutations, the index expects {self.num_perm}"
            )
