"""Exact and near-duplicate detection with MinHash signatures of word 5-grams."""

from __future__ import annotations

import pytest

from wirewatch.clean.dedup import (
    DuplicateIndex,
    normalise,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
    signatures,
)

PERM = 128
THRESHOLD = 0.8

FERRY = """\
The regional transport board on Thursday approved a new ferry route linking the old harbour \
with the island of Marren, ending two years of arguments over cost and noise.

Boats will run every forty minutes from six in the morning until eleven at night, the board \
said, with a reduced timetable on Sundays and public holidays during the winter months.

The operator chosen for the contract, a family-owned company from the northern coast, has \
promised to use two hybrid vessels that can sail on battery power inside the harbour walls.

Residents of the waterfront had objected to the plan at three public meetings last year, \
saying that early departures would wake families and that queues of cars would block the \
narrow streets near the pier.

In response the board dropped a proposal for a car deck and agreed to build a covered bicycle \
shelter and a waiting room next to the ticket office instead.

A single crossing will cost four euros for adults and half that for children and pensioners, \
while islanders will be able to buy a monthly pass for a fixed price.

Shopkeepers on Marren welcomed the decision, saying the island had lost visitors since the old \
service stopped in the spring of last year after its only boat failed an inspection.

The first sailing is planned for the middle of June, provided that repairs to the floating \
pontoon are finished on time, a spokeswoman for the board said.
"""

SYNDICATED = (
    "Coastal Daily | Local news you can trust\nSubscribe for 1 euro a month\n\n"
    + FERRY.replace("arguments", "disputes").replace("family-owned company", "family-owned firm")
    + "\nShare this article: Facebook | X | Email\n(c) Coastal Daily Media Group\n"
)
assert SYNDICATED.count("disputes") == 1 and SYNDICATED.count("family-owned firm") == 1

SAME_TOPIC = """\
Marren islanders will get their ferry back this summer. After a long row about money and \
engine noise, transport officials voted on Thursday to let a private operator sail between the \
island and the old harbour.

Under the plan, two boats with hybrid engines will make the crossing several times an hour \
for most of the day. There will be no room for cars, a concession to people living along the \
waterfront who feared traffic jams near the pier.

Adult tickets are to cost four euros. Children and older passengers pay less, and residents \
can buy a pass valid for a month.

Business owners on the island said they had struggled since the previous boat was taken out \
of service after failing its safety check. Officials hope the first passengers can travel in \
June, once work on the pontoon is done.
"""


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    expected = "moscows fullscale invasion again"
    assert normalise("  Moscow’s  FULL-scale\n\ninvasion, “again”! ") == expected
    assert normalise("Moscow's full–scale invasion again") == expected


def test_shingles_are_word_five_grams() -> None:
    assert shingles("One two, three four five six.") == [
        b"one two three four five",
        b"two three four five six",
    ]


def test_short_texts_use_their_words() -> None:
    assert shingles("Breaking: Seoul") == [b"breaking", b"seoul"]
    assert shingles("") == []


def _index(*articles: tuple[str, str]) -> DuplicateIndex:
    index = DuplicateIndex(THRESHOLD, PERM)
    for key, text in articles:
        index.add(key, signature(text, PERM))
    return index


def test_exact_copy_is_found_with_similarity_one() -> None:
    index = _index(("ferry", FERRY))
    copy = FERRY.upper().replace(",", " ,")
    assert index.find(signature(copy, PERM)) == ("ferry", 1.0)


def test_exact_copy_of_a_very_short_text_is_found() -> None:
    index = _index(("short", "Ceasefire agreed."), ("other", "Talks collapse"))
    assert index.find(signature("ceasefire   AGREED", PERM)) == ("short", 1.0)


def test_syndicated_copy_with_other_boilerplate_is_found() -> None:
    index = _index(("ferry", FERRY), ("other", SAME_TOPIC))
    found = index.find(signature(SYNDICATED, PERM))
    assert found is not None
    key, similarity = found
    assert key == "ferry"
    assert THRESHOLD <= similarity < 1.0


def test_two_articles_on_the_same_topic_are_not_duplicates() -> None:
    index = _index(("ferry", FERRY))
    assert index.find(signature(SAME_TOPIC, PERM)) is None
    assert signature(FERRY, PERM).jaccard(signature(SAME_TOPIC, PERM)) < 0.1


def test_best_match_wins_and_ties_go_to_the_earliest() -> None:
    index = _index(("syndicated", SYNDICATED), ("original", FERRY), ("again", FERRY))
    assert index.find(signature(FERRY, PERM)) == ("original", 1.0)


def test_empty_text_is_a_copy_of_nothing() -> None:
    index = _index(("blank", ""), ("ferry", FERRY))
    assert "blank" not in index
    assert index.find(signature("  ...  ", PERM)) is None


def test_adding_a_key_twice_is_harmless() -> None:
    index = _index(("ferry", FERRY), ("ferry", FERRY))
    assert len(index) == 1


def test_signature_bytes_round_trip() -> None:
    sig = signature(FERRY, PERM)
    data = signature_bytes(sig)
    assert len(data) == PERM * 8
    again = signature_from_bytes(data, PERM)
    assert again == sig
    assert signature_bytes(again) == data
    assert again.jaccard(signature(SYNDICATED, PERM)) == sig.jaccard(signature(SYNDICATED, PERM))


def test_signatures_are_stable_values() -> None:
    """Stored signatures must compare with new ones: same text, same bytes, in any process.

    If this pinned value changes, the signature format changed: bump SIGNATURE_VERSION.
    """
    assert signature_bytes(signature(FERRY, PERM)) == signature_bytes(signatures([FERRY], PERM)[0])
    pinned = "1c7aa12f000000005567163e000000002acaf61900000000ac3e3f6100000000"
    assert signature_bytes(signature("Victory will be ours, the banner said.", 4)).hex() == pinned


def test_signature_from_bytes_of_the_wrong_size() -> None:
    with pytest.raises(ValueError, match="minhash_perm"):
        signature_from_bytes(signature_bytes(signature(FERRY, 64)), PERM)


def test_seeding_from_stored_bytes() -> None:
    stored = [
        ("ferry", signature_bytes(signature(FERRY, PERM))),
        ("other", signature_bytes(signature(SAME_TOPIC, PERM))),
    ]
    index = DuplicateIndex(THRESHOLD, PERM)
    index.seed(stored)
    assert len(index) == 2
    found = index.find(signature(SYNDICATED, PERM))
    assert found is not None and found[0] == "ferry"
    assert index.find(signature(SAME_TOPIC, PERM)) == ("other", 1.0)


def test_signatures_of_another_size_are_refused() -> None:
    index = _index(("ferry", FERRY))
    with pytest.raises(ValueError, match="permutations"):
        index.find(signature(FERRY, 64))


@pytest.mark.parametrize("threshold", [0.0, -0.5, 1.5])
def test_threshold_must_be_a_similarity(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        DuplicateIndex(threshold, PERM)
