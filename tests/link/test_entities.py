"""link.entities: one entity per real actor across articles.

Unit tests build Actor lists by hand, one rule at a time (transliteration, hyphenation,
surnames with and without evidence, one surname for two people, states and their capitals,
sectors as groups, places left out, stable ids). The gold test runs the five shared sample
articles through ``wirewatch.extract_articles`` and checks ``same_entity`` of
``seeds.gold.yaml``: every group of spellings in one entity, no two different people merged.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from tests.conftest import GOLD
from wirewatch import extract_articles
from wirewatch.link.entities import find_entity, merge_entities
from wirewatch.link.names import name_tokens, names_match, roles_agree, slug
from wirewatch.records import Actor, Entity

COUNTRY = "actors.country.v1"
CAPITAL = "actors.capital.v1"
PLACE = "actors.place.v1"
PERSON = "actors.person.role.v1"
SURNAME = "actors.carry.surname.v1"


def actor(
    text: str,
    code: str | None,
    sector: str | None = None,
    *,
    name: str | None = None,
    role: str | None = None,
    rule: str = COUNTRY,
    at: int = 0,
) -> Actor:
    return Actor(code, sector, text, at, at + len(text), name, role, rule)


def person(text: str, name: str, code: str | None, role: str | None, at: int = 0) -> Actor:
    rule = PERSON if len(name.split()) > 1 else SURNAME
    return actor(text, code, "GOV", name=name, role=role, rule=rule, at=at)


def entity_of(entities: Sequence[Entity], text: str) -> Entity:
    """The entity with a mention written ``text``."""
    [found] = [e for e in entities if any(m.text == text for m in e.mentions)]
    return found


def people(entities: Sequence[Entity]) -> list[Entity]:
    return [e for e in entities if e.kind == "person"]


# --- people -----------------------------------------------------------------------------------


def test_transliterations_of_one_name_are_one_person() -> None:
    found = [
        ("a", [person("Russian envoy Georgy Zinoview", "Georgy Zinoview", "RUS", "envoy")]),
        ("b", [person("Ambassador Georgiy Zinoviev", "Georgiy Zinoviev", "RUS", "Ambassador")]),
        ("c", [person("Georgy Zinoviev", "Georgy Zinoviev", "RUS", "ambassador")]),
        ("d", [person("Sergei Lavrov", "Sergei Lavrov", "RUS", "foreign minister")]),
        ("e", [person("Sergey Lavrov", "Sergey Lavrov", "RUS", "minister")]),
    ]
    zinoviev, lavrov = sorted(people(merge_entities(found)), key=lambda e: e.id)
    assert zinoviev.id == "person:georgy-zinoviev"
    assert set(zinoviev.aliases) == {"Georgy Zinoview", "Georgiy Zinoviev", "Georgy Zinoviev"}
    assert {m.article_id for m in zinoviev.mentions} == {"a", "b", "c"}
    assert lavrov.id.startswith("person:serge") and len(lavrov.mentions) == 2


def test_hyphenation_and_case_do_not_make_another_person() -> None:
    found = [
        ("a", [person("President Yoon Suk-Yeol", "Yoon Suk-Yeol", "KOR", "President")]),
        ("b", [person("Yoon Suk Yeol", "Yoon Suk Yeol", "KOR", "president")]),
        ("c", [person("leader Kim Jong-Un", "Kim Jong-Un", "PRK", "leader")]),
        ("d", [person("Kim Jong Un", "Kim Jong Un", "PRK", "dictator")]),
        ("e", [person("KIM JONG UN", "KIM JONG UN", "PRK", None)]),
    ]
    yoon, kim = sorted(people(merge_entities(found)), key=lambda e: e.id, reverse=True)
    assert set(yoon.aliases) == {"Yoon Suk-Yeol", "Yoon Suk Yeol"}
    assert kim.id == "person:kim-jong-un" and set(kim.aliases) == {"Kim Jong-Un", "Kim Jong Un"}
    assert len(kim.mentions) == 3


def test_a_surname_joins_the_full_name_its_own_article_gives() -> None:
    found = [
        (
            "a",
            [
                person("Russian President Vladimir Putin", "Vladimir Putin", "RUS", "President", 0),
                person("President Putin", "Putin", "RUS", "President", 80),
            ],
        )
    ]
    [putin] = people(merge_entities(found))
    assert putin.name == "Vladimir Putin" and set(putin.aliases) == {"Vladimir Putin", "Putin"}


def test_a_surname_joins_the_only_such_person_in_the_corpus_when_code_agrees() -> None:
    found = [
        ("a", [person("Georgy Zinoviev", "Georgy Zinoviev", "RUS", "ambassador")]),
        ("b", [person("the envoy Zinoviev", "Zinoviev", "RUS", None)]),
    ]
    [zinoviev] = people(merge_entities(found))
    assert set(zinoviev.aliases) == {"Georgy Zinoviev", "Zinoviev"}


def test_a_surname_without_evidence_stays_apart() -> None:
    found = [
        ("a", [person("Georgy Zinoviev", "Georgy Zinoviev", "RUS", "ambassador")]),
        ("b", [actor("Zinoviev", None, name="Zinoviev", rule=PERSON)]),  # no code, no role
        ("c", [person("Smith", "Smith", "USA", "senator")]),
        ("d", [person("John Smith", "John Smith", "GBR", "minister")]),  # another country
    ]
    merged = people(merge_entities(found))
    assert len(merged) == 4
    assert entity_of(merged, "Zinoviev") is not entity_of(merged, "Georgy Zinoviev")


def test_one_surname_two_people_stay_apart() -> None:
    found = [
        ("a", [person("Kim Jong Un", "Kim Jong Un", "PRK", "leader")]),
        ("b", [person("Kim Jong Il", "Kim Jong Il", "PRK", "leader")]),
        (
            "c",
            [
                person("vice minister Kim Hong-kyun", "Kim Hong-kyun", "KOR", "vice minister", 0),
                person("Kim", "Kim Hong-kyun", "KOR", "vice minister", 90),  # carried by extract
                person("Kim", "Kim", "KOR", None, 150),  # the article's own full name: joins
            ],
        ),
        ("d", [person("Kim", "Kim", "KOR", "minister")]),  # three Kims known: no evidence
    ]
    merged = merge_entities(found)
    ids = sorted(e.id for e in people(merged))
    assert ids == ["person:kim", "person:kim-hong-kyun", "person:kim-jong-il", "person:kim-jong-un"]
    hong = next(e for e in merged if e.id == "person:kim-hong-kyun")
    assert len(hong.mentions) == 3 and {m.article_id for m in hong.mentions} == {"c"}


def test_lowercase_particles_belong_to_the_surname() -> None:
    found = [
        ("a", [person("Ursula von der Leyen", "Ursula von der Leyen", "EU", "president")]),
        ("b", [person("von der Leyen", "von der Leyen", "EU", "president")]),
        ("c", [person("Bashar al-Assad", "Bashar al-Assad", "SYR", "president")]),
        ("d", [person("Assad", "Assad", "SYR", "president")]),
    ]
    assert len(people(merge_entities(found))) == 2


def test_pronouns_support_the_person_but_are_no_alias() -> None:
    found = [
        (
            "a",
            [
                person("Yoon Suk Yeol", "Yoon Suk Yeol", "KOR", "president", 0),
                actor("he", "KOR", "GOV", name="Yoon Suk Yeol", rule="actors.pronoun.v1", at=40),
                actor("US", "USA", rule=COUNTRY, at=60),
            ],
        )
    ]
    merged = merge_entities(found)
    yoon = entity_of(merged, "he")
    assert yoon.aliases == ("Yoon Suk Yeol",) and len(yoon.mentions) == 2
    assert entity_of(merged, "US").aliases == ("US",)


# --- states, groups, organisations ------------------------------------------------------------


def test_a_state_its_capital_and_its_seat_are_one_entity() -> None:
    found = [
        (
            "a",
            [
                actor("Seoul", "KOR", "GOV", rule=CAPITAL, at=0),
                actor("Russia", "RUS", at=10),
                actor("the foreign ministry", "KOR", "GOV", rule="actors.demonym.v1", at=30),
            ],
        ),
        (
            "b",
            [
                actor("South Korea", "KOR", at=0),
                actor("Moscow", "RUS", "GOV", rule=CAPITAL, at=20),
                actor("the Kremlin", "RUS", "GOV", rule=CAPITAL, at=40),
            ],
        ),
    ]
    merged = merge_entities(found)
    assert [e.id for e in merged] == ["state:KOR", "state:RUS"]
    kor, rus = merged
    assert kor.name == "South Korea" and kor.kind == "state" and kor.sector is None
    # "the foreign ministry" names no state: it counts as a mention, but is no alias
    assert set(kor.aliases) == {"Seoul", "South Korea"} and len(kor.mentions) == 3
    assert set(rus.aliases) == {"Russia", "Moscow", "the Kremlin"} and rus.name == "Russia"


def test_other_sectors_of_a_state_are_groups_and_organisations_keep_their_code() -> None:
    found = [
        (
            "a",
            [
                actor("South Korean troops", "KOR", "MIL", at=0),
                actor("the Russian embassy", "RUS", "DIP", at=30),
                actor("U.N.", "UN", "IGO", rule="actors.org.v1", at=60),
                actor("South Korea", "KOR", at=70),
            ],
        ),
        (
            "b",
            [actor("South Korea's army", "KOR", "MIL"), actor("UN Security Council", "UN", "IGO")],
        ),
    ]
    merged = {e.id: e for e in merge_entities(found)}
    assert set(merged) == {"group:KOR.MIL", "group:RUS.DIP", "org:UN", "state:KOR"}
    assert merged["group:KOR.MIL"].kind == "group" and merged["group:KOR.MIL"].sector == "MIL"
    assert set(merged["group:KOR.MIL"].aliases) == {"South Korean troops", "South Korea's army"}
    assert merged["org:UN"].name == "United Nations" and merged["org:UN"].kind == "org"
    assert len(merged["state:KOR"].mentions) == 1


def test_places_and_uncoded_mentions_are_no_actors() -> None:
    found = [
        (
            "a",
            [
                actor("central Seoul", "KOR", rule=PLACE, at=0),
                actor("Kursk", "RUS", rule=PLACE, at=20),
                actor("observers", None, rule="actors.generic.v1", at=40),
                actor("Reuters", None, "MED", rule="actors.org.v1", at=60),
                actor("Seoul", "KOR", "GOV", rule=CAPITAL, at=80),
            ],
        )
    ]
    [kor] = merge_entities(found)
    assert kor.id == "state:KOR" and [m.text for m in kor.mentions] == ["Seoul"]


# --- ids, order, provenance -------------------------------------------------------------------


def _corpus() -> list[tuple[str, list[Actor]]]:
    return [
        ("a", [person("Georgy Zinoviev", "Georgy Zinoviev", "RUS", "ambassador", 0)]),
        ("b", [actor("Moscow", "RUS", "GOV", rule=CAPITAL, at=5), actor("Russia", "RUS", at=20)]),
        ("c", [person("Zinoviev", "Zinoviev", "RUS", "ambassador", 3)]),
        ("d", [person("Kim", "Kim", "KOR", None, 0)]),
        ("e", [person("Kim", "Kim", "PRK", None, 0)]),
    ]


def test_ids_are_stable_and_unique_whatever_the_article_order() -> None:
    first = merge_entities(_corpus())
    again = merge_entities(_corpus())
    shuffled = merge_entities(list(reversed(_corpus())))
    assert first == again
    assert [e.id for e in first] == [e.id for e in shuffled]
    assert {e.id: len(e.mentions) for e in first} == {e.id: len(e.mentions) for e in shuffled}
    ids = [e.id for e in first]
    assert len(ids) == len(set(ids))
    assert {"person:kim", "person:kim.PRK"} <= set(ids)  # two unrelated Kims: two ids


def test_sorted_by_mentions_then_id_with_each_alias_backed_by_mentions() -> None:
    merged = merge_entities(_corpus())
    assert [e.id for e in merged][:2] == ["person:georgy-zinoviev", "state:RUS"]
    keys = [(-len(e.mentions), e.id) for e in merged]
    assert keys == sorted(keys)
    for e in merged:
        for alias in e.aliases:
            assert any(alias in m.text for m in e.mentions), (e.id, alias)
    zinoviev = merged[0]
    assert [(m.article_id, m.start, m.end) for m in zinoviev.mentions] == [
        ("a", 0, 15),
        ("c", 3, 11),
    ]


# --- name matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Georgy Zinoview", "Georgiy Zinoviev", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Alexei Navalny", "Aleksey Navalny", True),
        ("Kim Jong-Un", "Kim Jong Un", True),
        ("Lee Jae-myung", "Lee Jaemyung", True),
        ("G. Zinoviev", "Georgy Zinoviev", True),
        ("Georgy Zinoviev", "Georgy Mikhailovich Zinoviev", True),
        ("Kim Jong Un", "Kim Hong-kyun", False),
        ("Kim Jong Un", "Kim Jong Il", False),
        ("Kim Jong Un", "Kim Yo Jong", False),
        ("Lee Jae-myung", "Lee Jae-yong", False),
        ("Olena Zelenska", "Volodymyr Zelensky", False),
        ("Mark Rutte", "Mark Carney", False),
    ],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(name_tokens(a), name_tokens(b)) is same
    assert names_match(name_tokens(b), name_tokens(a)) is same


def test_roles_and_slugs() -> None:
    assert roles_agree("first vice foreign minister", "foreign minister")
    assert roles_agree("leader", "dictator") and roles_agree(None, "envoy")
    assert not roles_agree("senator", "president")
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"


def test_find_entity_reads_spellings_the_corpus_does_not_use() -> None:
    found = [
        ("a", [person("Kim Jong Un", "Kim Jong Un", "PRK", "leader")]),
        ("b", [person("Kim Hong-kyun", "Kim Hong-kyun", "KOR", "minister")]),
        ("c", [actor("the Kremlin", "RUS", "GOV", rule=CAPITAL)]),
    ]
    merged = merge_entities(found)
    assert find_entity(merged, "Kim Jong-Un") is entity_of(merged, "Kim Jong Un")
    assert find_entity(merged, "The Kremlin") is entity_of(merged, "the Kremlin")
    assert find_entity(merged, "Kim") is None  # two Kims
    assert find_entity(merged, "Kim Jong Il") is None


# --- the shared sample ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_entities(seeds_dir: Path) -> list[Entity]:
    results = extract_articles(sorted(seeds_dir.glob("*.txt")))
    assert len(results) == 5
    return merge_entities((x.article_id, x.mentions) for _, x in results)


def _gold_groups() -> list[list[str]]:
    return [list(g) for g in yaml.safe_load(GOLD.read_text("utf-8"))["same_entity"]]


def _entities_for(entities: Sequence[Entity], spelling: str) -> set[str]:
    """Ids of the entities with ``spelling`` as an alias; else the one ``find_entity`` gives
    (the spelling stands only in text the cleaner removed, such as a photo caption)."""
    key = spelling.casefold()
    ids = {e.id for e in entities if key in (a.casefold() for a in e.aliases)}
    if not ids and (e := find_entity(entities, spelling)) is not None:
        ids = {e.id}
    return ids


def test_gold_same_entity_groups_are_one_entity_each(seed_entities: list[Entity]) -> None:
    failures = []
    chosen: list[str] = []
    for group in _gold_groups():
        ids = set().union(*(_entities_for(seed_entities, s) for s in group))
        missing = [s for s in group if not _entities_for(seed_entities, s)]
        if len(ids) != 1 or missing:
            failures.append((group, sorted(ids), missing))
        chosen.extend(ids)
    assert not failures
    assert len(chosen) == len(set(chosen)), "two gold groups landed in one entity"


def test_no_two_different_people_of_the_sample_are_merged(seed_entities: list[Entity]) -> None:
    distinct = ["Kim Jong Un", "Kim Hong-kyun", "Yoon Suk Yeol", "Georgy Zinoviev"]
    distinct += ["Vladimir Putin", "Mark Rutte", "Jens Stoltenberg", "Dmitry Peskov"]
    ids = {name: _entities_for(seed_entities, name) for name in distinct}
    assert all(len(v) == 1 for v in ids.values()), ids
    for a, b in itertools.combinations(distinct, 2):
        assert ids[a] != ids[b], (a, b)
    kim = next(e for e in seed_entities if e.id == "person:kim-hong-kyun")
    assert {m.text for m in kim.mentions} >= {"Kim"} and "Kim Jong Un" not in kim.aliases


def test_a_known_person_of_the_gazetteer_is_named_in_full() -> None:
    found = [
        ("a", [person("President Trump", "Trump", "USA", "President")]),
        ("b", [person("Donald Trump's", "Donald Trump's", "USA", None)]),
    ]
    [trump] = people(merge_entities(found))
    assert trump.id == "person:donald-trump" and trump.name == "Donald Trump"


def test_a_lone_surname_goes_to_the_one_person_most_articles_name() -> None:
    piotr = person("Piotr Kowalczyk", "Piotr Kowalczyk", "POL", "minister")
    found = [(f"p{i}", [piotr]) for i in range(4)]
    found += [("a", [person("Anna Kowalczyk", "Anna Kowalczyk", "POL", None)])]
    found += [("x", [person("Kowalczyk", "Kowalczyk", "POL", "minister")])]
    merged = {e.id: e for e in people(merge_entities(found))}
    assert set(merged) == {"person:piotr-kowalczyk", "person:anna-kowalczyk"}
    assert len(merged["person:piotr-kowalczyk"].mentions) == 5
    found += [("a2", [person("Anna Kowalczyk", "Anna Kowalczyk", "POL", None)])]
    ids = {e.id for e in merge_entities(found)}
    assert "person:kowalczyk" in ids  # 4 articles against 2: no one stands out


def test_one_short_name_does_not_chain_two_people() -> None:
    found = [
        ("a", [person("George W. Bush", "George W. Bush", "USA", "president")]),
        ("b", [person("George Bush", "George Bush", "USA", "president")]),
        ("c", [person("George H. W. Bush", "George H. W. Bush", "USA", "president")]),
    ]
    assert len(people(merge_entities(found))) == 2


def test_the_gazetteer_names_a_lone_surname_only_where_the_corpus_has_no_other() -> None:
    found = [
        ("a", [person("Ivanka Trump", "Ivanka Trump", "USA", None)]),
        ("b", [person("Trump", "Trump", "USA", "president")]),
    ]
    assert "person:donald-trump" not in {e.id for e in merge_entities(found)}
