"""Rule tests for extract/actors: one or more per rule, on hand-built Docs where the parse is
the point and on the real pipeline for realistic sentences. Sentences are our own."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from wirewatch.errors import UsageError
from wirewatch.extract.actors import find_mentions, load_gazetteer
from wirewatch.extract.actors.gazetteer import tokens
from wirewatch.extract.mentions import MentionIndex
from wirewatch.records import Actor


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from wirewatch.nlp import load

    return load()


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return load_gazetteer()


def make_doc(rows: list[tuple[str, int, str, str]], ents: list[str] | None = None) -> Doc:
    """A parsed Doc from (word, head index, dep, pos) rows; ``ents`` in IOB form."""
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in (".", ",", "'s") for i in range(len(words))
    ]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        ents=ents,
    )


def mentions(nlp, gaz, text: str) -> list[Actor]:  # type: ignore[no-untyped-def]
    return find_mentions(nlp(text), gaz)


def by_text(found: list[Actor], text: str) -> Actor:
    match = [m for m in found if m.text == text]
    assert match, f"no mention {text!r} in {[m.text for m in found]}"
    return match[0]


# -- names: countries, demonyms, capitals, organisations ---------------------------------------


def test_country_name_covers_the_phrase_it_modifies(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("South", 1, "compound", "PROPN"),
            ("Korea", 4, "poss", "PROPN"),
            ("'s", 1, "case", "PART"),
            ("foreign", 4, "amod", "ADJ"),
            ("ministry", 5, "nsubj", "NOUN"),
            ("protested", 5, "ROOT", "VERB"),
            (".", 5, "punct", "PUNCT"),
        ]
    )
    (m,) = find_mentions(doc, gaz)
    assert (m.code, m.sector, m.text, m.rule) == (
        "KOR",
        "GOV",
        "South Korea's foreign ministry",
        "actors.country.v1",
    )
    assert MentionIndex([m]).for_token(doc[4]) == m


def test_country_names_and_short_forms(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Vietnam and the United States signed a deal with Britain.")
    assert [m.code for m in found] == ["VNM", "USA", "GBR"]
    assert all(m.rule == "actors.country.v1" for m in found)


def test_demonym_codes_an_actor_head_but_not_an_object(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("The", 2, "det", "DET"),
            ("Russian", 2, "amod", "ADJ"),
            ("ambassador", 3, "nsubj", "NOUN"),
            ("waved", 3, "ROOT", "VERB"),
            ("a", 6, "det", "DET"),
            ("Russian", 6, "amod", "ADJ"),
            ("flag", 3, "dobj", "NOUN"),
            (".", 3, "punct", "PUNCT"),
        ]
    )
    (m,) = find_mentions(doc, gaz)
    assert (m.text, m.code, m.sector, m.rule) == (
        "The Russian ambassador",
        "RUS",
        "DIP",
        "actors.demonym.v1",
    )


def test_demonyms_listed_and_derived(gaz) -> None:  # type: ignore[no-untyped-def]
    def code(surface: str) -> str | None:
        match = gaz.match(list(tokens(surface)), 0)
        return match[1].code if match else None

    assert code("North Korean") == "PRK"
    assert code("Chinese") == "CHN"
    assert code("Nigerian") == "NGA"  # derived from pycountry's "Nigeria"
    assert code("Ukrainian") == "UKR"
    assert code("SOUTH KOREA") == "KOR"  # folded match of a long name
    assert code("turkey") is None and code("us") is None  # ordinary words never match


def test_capital_stands_for_government_unless_a_place(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Tokyo protested after the Chinese embassy in Tokyo held a rally.")
    first, embassy, place = found
    assert (first.text, first.code, first.sector, first.rule) == (
        "Tokyo",
        "JPN",
        "GOV",
        "actors.capital.v1",
    )
    assert (embassy.code, embassy.sector) == ("CHN", "DIP")
    assert (place.code, place.sector, place.rule) == ("JPN", None, "actors.place.v1")


def test_seat_of_government(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "The Kremlin rejected the offer, and the White House said nothing.")
    assert [(m.text, m.code, m.sector) for m in found] == [
        ("The Kremlin", "RUS", "GOV"),
        ("the White House", "USA", "GOV"),
    ]


def test_organisations(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "The U.N. Security Council met as Nato and the IMF waited.")
    assert [(m.text, m.code, m.sector) for m in found] == [
        ("The U.N. Security Council", "UN", "IGO"),
        ("Nato", "NATO", "IGO"),
        ("the IMF", "IMF", "IGO"),
    ]


def test_generic_head_takes_the_code_of_its_of_phrase(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Leaders of the EU's member states will gather in Lisbon.")
    assert (found[0].text, found[0].code) == ("Leaders of the EU", "EU")
    found = mentions(nlp, gaz, "The foreign minister of Japan arrived on Tuesday.")
    assert (found[0].code, found[0].sector) == ("JPN", "GOV")


# -- sectors and generic actors ----------------------------------------------------------------


def test_sector_words(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian troops shelled the town while French police detained protesters and "
        "Iran's spy agency blamed Israeli lawmakers."
    )
    got = [(m.text, m.code, m.sector) for m in mentions(nlp, gaz, text)]
    assert ("Ukrainian troops", "UKR", "MIL") in got
    assert ("French police", "FRA", "COP") in got
    assert ("protesters", None, "CVL") in got
    assert ("Iran's spy agency", "IRN", "SPY") in got
    assert ("Israeli lawmakers", "ISR", "LEG") in got


def test_generic_actor_without_country(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("Police", 1, "nsubj", "NOUN"),
            ("arrested", 1, "ROOT", "VERB"),
            ("rebels", 1, "dobj", "NOUN"),
            (".", 1, "punct", "PUNCT"),
        ]
    )
    found = find_mentions(doc, gaz)
    assert [(m.text, m.code, m.sector, m.rule) for m in found] == [
        ("Police", None, "COP", "actors.generic.v1"),
        ("rebels", None, "REB", "actors.generic.v1"),
    ]


def test_modifier_of_a_non_actor_is_no_actor(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "They discussed military cooperation and the Russian language.")
    assert found == []


# -- people ------------------------------------------------------------------------------------


def test_person_role_from_premodifiers(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Indian ambassador Ravi Kumar met reporters in Delhi on Monday.")
    m = found[0]
    assert (m.text, m.code, m.sector, m.name, m.role, m.rule) == (
        "Indian ambassador Ravi Kumar",
        "IND",
        "DIP",
        "Ravi Kumar",
        "ambassador",
        "actors.person.role.v1",
    )


def test_person_role_after_possessive_country(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Poland's deputy foreign minister Jan Nowak called in the Belarusian envoy."
    m = mentions(nlp, gaz, text)[0]
    assert (m.code, m.sector, m.name, m.role) == (
        "POL",
        "GOV",
        "Jan Nowak",
        "deputy foreign minister",
    )


def test_person_role_by_apposition(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Lin Qiuyan, a Chinese foreign ministry spokeswoman, told reporters talks would go on."
    m = mentions(nlp, gaz, text)[0]
    assert (m.text, m.code, m.sector, m.role, m.rule) == (
        "Lin Qiuyan",
        "CHN",
        "GOV",
        "foreign ministry spokeswoman",
        "actors.person.appos.v1",
    )


def test_dictionary_person_and_name_variants(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Erdogan spoke to Kim Jong-un and then to Zelenskiy.")
    got = [(m.text, m.code, m.sector, m.rule) for m in found]
    assert got == [
        ("Erdogan", "TUR", "GOV", "actors.person.dict.v1"),
        ("Kim Jong-un", "PRK", "GOV", "actors.person.dict.v1"),
        ("Zelenskiy", "UKR", "GOV", "actors.person.dict.v1"),
    ]


def test_person_entity_vetoes_a_country_inside_it(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("Michael", 1, "compound", "PROPN"),
            ("Jordan", 2, "nsubj", "PROPN"),
            ("smiled", 2, "ROOT", "VERB"),
        ],
        ents=["B-PERSON", "I-PERSON", "O"],
    )
    (m,) = find_mentions(doc, gaz)
    assert (m.text, m.code, m.rule) == ("Michael Jordan", None, "actors.person.v1")


# -- carried within the article ----------------------------------------------------------------


def test_surname_takes_the_latest_full_name(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "North Korean leader Kim Jong Un inspected a missile base. "
        "South Korean unification minister Kim Young-ho said on Tuesday that talks were needed. "
        "Kim said Seoul was ready."
    )
    last_kim = [m for m in mentions(nlp, gaz, text) if m.text == "Kim"][-1]
    assert (last_kim.code, last_kim.name, last_kim.rule) == (
        "KOR",
        "Kim Young-ho",
        "actors.carry.surname.v1",
    )


def test_surname_of_a_person_named_with_role(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Indian ambassador Ravi Kumar met the minister on Monday. "
        "Kumar told reporters the meeting went well."
    )
    m = by_text(mentions(nlp, gaz, text), "Kumar")
    assert (m.code, m.sector, m.role, m.rule) == (
        "IND",
        "DIP",
        "ambassador",
        "actors.carry.surname.v1",
    )


def test_pronoun_subject_takes_latest_subject_person(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Japanese envoy Akira Sato arrived in Manila on Sunday. He said the visit was routine."
    m = by_text(mentions(nlp, gaz, text), "He")
    assert (m.code, m.sector, m.name, m.rule) == ("JPN", "DIP", "Akira Sato", "actors.pronoun.v1")


def test_pronoun_without_antecedent_is_no_mention(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    assert mentions(nlp, gaz, "He said the visit was routine.") == []


def test_definite_description_takes_latest_same_head(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil's foreign ministry condemned the attack, and Argentine troops crossed the river. "
        "The ministry said it would respond."
    )
    m = by_text(mentions(nlp, gaz, text), "The ministry")
    assert (m.code, m.sector, m.rule) == ("BRA", "GOV", "actors.carry.definite.v1")


def test_the_alliance_is_nato_when_named_before(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "NATO met in Brussels on Monday. The alliance said it would send more jets."
    m = by_text(mentions(nlp, gaz, text), "The alliance")
    assert (m.code, m.rule) == ("NATO", "actors.carry.definite.v1")
    alone = by_text(mentions(nlp, gaz, "The alliance said it would wait."), "The alliance")
    assert alone.code is None


def test_mentions_are_ordered_and_disjoint(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chinese President Xi Jinping met South Korea's defence minister in Beijing, where "
        "Russian forces and the European Union were discussed. He said Seoul would decide."
    )
    found = mentions(nlp, gaz, text)
    assert found, "expected mentions"
    for a, b in pairwise(found):
        assert a.end <= b.start
    assert all(text[m.start : m.end] == m.text for m in found)


# -- user file ---------------------------------------------------------------------------------


def test_user_yaml_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - {name: Acme Dynamics, aliases: [Acme], code: USA, sector: BUS}\n"
        "  - {name: Mark Rutte, aliases: [Rutte], code: NLD, sector: GOV, role: prime minister}\n",
        "utf-8",
    )
    gaz = load_gazetteer(str(path))
    acme = gaz.match(["Acme"], 0)
    assert acme is not None and (acme[1].code, acme[1].sector) == ("USA", "BUS")
    rutte = gaz.match(["Rutte"], 0)
    assert rutte is not None
    assert (rutte[1].code, rutte[1].kind, rutte[1].role) == ("NLD", "person", "prime minister")
    assert load_gazetteer().match(["Rutte"], 0)[1].code == "NATO"  # type: ignore[index]


def test_user_csv(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,code,sector,role\nOrlan Veskov,Veskov,BLR,GOV,interior minister\n",
        "utf-8",
    )
    found = find_mentions(nlp("Veskov denied the report."), load_gazetteer(str(path)))
    assert [(m.text, m.code, m.role) for m in found] == [("Veskov", "BLR", "interior minister")]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.yaml", "actors: [\n", "not valid YAML"),
        ("shape.yaml", "name: Acme\n", "expected a list of actors"),
        ("sector.yaml", "- {name: Acme, sector: XYZ}\n", "unknown sector 'XYZ'"),
        ("code.yaml", "- {name: Acme, code: kor}\n", "bad code 'kor'"),
        ("noname.yaml", "- {code: KOR}\n", "actor 1 has no name"),
        ("nohead.csv", "title,code\nAcme,USA\n", "needs a header row with a 'name' column"),
    ],
)
def test_bad_user_file(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(UsageError) as err:
        load_gazetteer(str(path))
    message = str(err.value)
    assert message.startswith(str(path)) and reason in message and "\n" not in message


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read actor file"):
        load_gazetteer(str(tmp_path / "absent.yaml"))


# -- the owner of what was said ----------------------------------------------------------------


def test_demonym_on_a_speech_noun_names_who_said_it(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("Santiago", 1, "nsubj", "PROPN"),
            ("rejected", 1, "ROOT", "VERB"),
            ("Peruvian", 3, "amod", "ADJ"),
            ("demands", 1, "dobj", "NOUN"),
            ("and", 3, "cc", "CCONJ"),
            ("a", 7, "det", "DET"),
            ("Peruvian", 7, "amod", "ADJ"),
            ("flag", 3, "conj", "NOUN"),
            (".", 1, "punct", "PUNCT"),
        ]
    )
    found = find_mentions(doc, gaz)
    assert [(m.text, m.code, m.rule) for m in found] == [
        ("Santiago", "CHL", "actors.capital.v1"),
        ("Peruvian", "PER", "actors.demonym.v1"),  # the demands, not the flag
    ]
    assert (doc[2].idx, doc[2].idx + len("Peruvian")) == (found[1].start, found[1].end)
    assert {"assertion", "demand", "proposal"} <= gaz.speech_nouns


def test_speech_owners_on_the_real_parse(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Ottawa dismissed the Indian allegations while the Indian flag flew over the building."
    found = mentions(nlp, gaz, text)
    assert [(m.text, m.code) for m in found] == [("Ottawa", "CAN"), ("Indian", "IND")]
    assert found[1].start == text.index("Indian")  # the first "Indian", on "allegations"
    found = mentions(nlp, gaz, "Tokyo rejected Seoul's proposal and Canberra's offer.")
    assert [(m.text, m.code) for m in found] == [
        ("Tokyo", "JPN"),
        ("Seoul", "KOR"),
        ("Canberra", "AUS"),
    ]


# -- pronouns ----------------------------------------------------------------------------------


def test_pronoun_takes_the_person_owning_the_governing_subject(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "German Chancellor Olaf Scholz arrived in Rome on Monday. "
        "Macron's office said he would travel to Berlin."
    )
    m = by_text(mentions(nlp, gaz, text), "he")
    assert (m.code, m.sector, m.rule) == ("FRA", "GOV", "actors.pronoun.v1")


def test_pronoun_after_an_unnamed_person_subject_is_no_mention(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Foreign Minister Anna Berg met Kenyan envoys. Her aide said she would return."
    assert [m.text for m in mentions(nlp, gaz, text) if m.text == "she"] == []


def test_she_takes_the_latest_subject_person(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Chilean envoy Paula Rojas landed in Lima on Sunday. She said the visit was routine."
    m = by_text(mentions(nlp, gaz, text), "She")
    assert (m.code, m.sector, m.name) == ("CHL", "DIP", "Paula Rojas")


@pytest.mark.parametrize(
    ("text", "pronoun", "code"),
    [
        ("The Kenyan government said it would appeal the ruling.", "it", "KEN"),
        ("Kenya met Uganda's envoy on Friday. It said the talks had failed.", "It", "KEN"),
        ("Kenyan officials met the Ugandan envoy. They said the talks went well.", "They", "KEN"),
        ("The United States said it would respond.", "it", "USA"),
    ],
)
def test_it_and_they_take_the_one_subject_of_their_number(nlp, gaz, text, pronoun, code) -> None:  # type: ignore[no-untyped-def]
    m = by_text(mentions(nlp, gaz, text), pronoun)
    assert (m.code, m.rule) == (code, "actors.pronoun.v1")


@pytest.mark.parametrize(
    "text",
    [
        "Kenya protested and Uganda objected. It said the talks had failed.",  # two candidates
        "Kenya protested on Monday. It is unclear whether the talks will resume.",  # expletive
        "Police arrested the men. They said the raid was lawful.",  # no coded antecedent
    ],
)
def test_it_and_they_without_one_candidate_are_no_mention(nlp, gaz, text) -> None:  # type: ignore[no-untyped-def]
    assert [m for m in mentions(nlp, gaz, text) if m.rule == "actors.pronoun.v1"] == []


# -- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("NAIROBI (Reuters) - Kenya protested.", [(0, 4)]),
        ("LIMA, Peru, May 2 (AP) — Troops crossed.", [(0, 9)]),
        ("The vote went ahead.\nKYIV, Ukraine — Troops crossed.", [(6, 9)]),
        ("Kenya protested - loudly.", []),  # no word in capitals
        ("NAIROBI said on Monday - nothing.", []),  # a verb before the dash
        ("The NAIROBI office - closed.", []),  # not at the start of a line
    ],
)
def test_dateline_spans(text: str, spans: list[tuple[int, int]]) -> None:
    from wirewatch.extract.actors.dateline import dateline_spans

    doc = spacy.blank("en")(text)
    for tok in doc:  # the blank pipeline has no tags: a verb is told by its form here
        tok.pos_ = "VERB" if tok.lower_ in ("said", "protested", "crossed") else "X"
    assert dateline_spans(doc) == spans


def test_dateline_place_is_a_place_and_its_credit_no_actor(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "NAIROBI (Reuters) - Kenya's police said they arrested six men.")
    got = [(m.text, m.code, m.sector, m.rule) for m in found]
    assert got[0] == ("NAIROBI", "KEN", None, "actors.place.v1")
    assert all(m.text != "Reuters" for m in found)
    assert ("Kenya's police", "KEN", "COP", "actors.country.v1") in got


def test_dateline_name_stays_out_of_the_phrase_after_it(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "WASHINGTON - U.S. President Donald Trump signed the order."
    found = mentions(nlp, gaz, text)
    assert [(m.text, m.code, m.rule) for m in found][:2] == [
        ("WASHINGTON", "USA", "actors.place.v1"),
        ("U.S. President Donald Trump", "USA", "actors.person.role.v1"),
    ]


# -- parties, definite descriptions, former states ---------------------------------------------


def test_party_is_pty_only_when_named_or_qualified(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "All parties welcomed the deal and both sides signed it. "
        "The ruling party, the Labour Party and a third party objected."
    )
    got = {m.text: m.sector for m in mentions(nlp, gaz, text)}
    assert got["All parties"] is None and got["both sides"] is None
    assert got["a third party"] is None
    assert got["The ruling party"] == "PTY" and got["the Labour Party"] == "PTY"


def test_definite_description_prefers_the_most_mentioned(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Peruvian embassy issued a statement. The Peruvian embassy posted a notice. "
        "The Chilean embassy complained. The embassy refused to comment."
    )
    m = by_text(mentions(nlp, gaz, text), "The embassy")
    assert (m.code, m.sector, m.rule) == ("PER", "DIP", "actors.carry.definite.v1")
    tie = (
        "The Chilean embassy issued a statement. The Peruvian embassy posted a notice. "
        "The embassy refused to comment."
    )
    assert by_text(mentions(nlp, gaz, tie), "The embassy").code == "PER"  # latest on a tie


def test_former_states(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "The Soviet Union and Yugoslavia protested while East Germany and the USSR waited."
    assert [m.code for m in mentions(nlp, gaz, text)] == ["SUN", "YUG", "DDR", "SUN"]
    assert gaz.match(["Czechoslovakia"], 0)[1].code == "CSK"  # type: ignore[index]
    assert gaz.match(["Soviet"], 0)[1].code == "SUN"  # type: ignore[index]
    assert gaz.is_state("SUN")
    assert gaz.match(["East", "Timor"], 0)[1].code == "TLS"  # type: ignore[index]


# -- titles and junk persons -------------------------------------------------------------------


def test_title_makes_an_untagged_name_a_person(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("President", 1, "compound", "PROPN"),
            ("Tinubu", 2, "nsubj", "PROPN"),
            ("met", 2, "ROOT", "VERB"),
            ("cleric", 4, "compound", "NOUN"),
            ("Adeyemi", 2, "dobj", "PROPN"),
            (".", 2, "punct", "PUNCT"),
        ],
        ents=["O", "B-GPE", "O", "O", "O", "O"],
    )
    got = [(m.text, m.name, m.role, m.sector, m.rule) for m in find_mentions(doc, gaz)]
    assert got == [
        ("President Tinubu", "Tinubu", "President", "GOV", "actors.person.role.v1"),
        ("cleric Adeyemi", "Adeyemi", "cleric", "REL", "actors.person.role.v1"),
    ]


def test_title_before_an_organisation_is_no_person(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("General", 1, "compound", "PROPN"),
            ("Dynamics", 2, "nsubj", "PROPN"),
            ("grew", 2, "ROOT", "VERB"),
        ],
        ents=["B-ORG", "I-ORG", "O"],
    )
    assert all(m.rule != "actors.person.role.v1" for m in find_mentions(doc, gaz))


def test_title_role_gives_way_to_an_apposition(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Sheikh Rahal Nasim, the Lebanese ambassador, met reporters."
    m = by_text(mentions(nlp, gaz, text), "Sheikh Rahal Nasim")
    assert (m.code, m.sector, m.rule) == ("LBN", "DIP", "actors.person.appos.v1")


def test_name_in_another_script_is_no_person(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("Crowds", 1, "nsubj", "NOUN"),
            ("sang", 1, "ROOT", "VERB"),
            ("Победа", 1, "dobj", "PROPN"),
            ("loudly", 1, "advmod", "ADV"),
        ],
        ents=["O", "O", "B-PERSON", "O"],
    )
    assert [m.text for m in find_mentions(doc, gaz)] == ["Crowds"]


def test_lone_name_in_a_place_slot_is_no_person(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("Troops", 1, "nsubj", "NOUN"),
            ("entered", 1, "ROOT", "VERB"),
            ("the", 3, "det", "DET"),
            ("town", 1, "dobj", "NOUN"),
            ("of", 3, "prep", "ADP"),
            ("Velmora", 4, "pobj", "PROPN"),
            (".", 1, "punct", "PUNCT"),
        ],
        ents=["O", "O", "O", "O", "O", "B-PERSON", "O"],
    )
    assert [m.text for m in find_mentions(doc, gaz)] == ["Troops"]


# -- places, hyphenated names, plural demonyms, carried states ----------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "code", "sector"),
    [
        ("Mumbai Police arrested three smugglers on Monday.", "Mumbai Police", "IND", "COP"),
        ("A Munich court fined the carmaker.", "A Munich court", "DEU", "JUD"),
        ("The Gujarat government banned the rally.", "The Gujarat government", "IND", "GOV"),
    ],
)
def test_city_or_region_gives_its_state_to_a_phrase(nlp, gaz, text, phrase, code, sector) -> None:  # type: ignore[no-untyped-def]
    m = by_text(mentions(nlp, gaz, text), phrase)
    assert (m.code, m.sector, m.rule) == (code, sector, "actors.local.v1")


def test_city_alone_is_a_coded_place(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    m = by_text(mentions(nlp, gaz, "Rockets hit Aleppo overnight."), "Aleppo")
    assert (m.code, m.sector, m.rule) == ("SYR", None, "actors.place.v1")


def test_place_after_in_codes_local_bodies_only(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Police in Karachi detained two men on Friday.")
    m = found[0]
    assert (m.text, m.code, m.sector) == ("Police in Karachi", "PAK", "COP")
    troops = mentions(nlp, gaz, "Troops in Lebanon held their positions.")[0]
    assert troops.text == "Troops" and troops.code is None


def test_in_phrase_on_a_hand_built_doc(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(
        [
            ("A", 1, "det", "DET"),
            ("court", 4, "nsubj", "NOUN"),
            ("in", 1, "prep", "ADP"),
            ("Lyon", 2, "pobj", "PROPN"),
            ("ruled", 4, "ROOT", "VERB"),
            (".", 4, "punct", "PUNCT"),
        ]
    )
    (m,) = find_mentions(doc, gaz)
    assert (m.text, m.code, m.sector, m.rule) == (
        "A court in Lyon",
        "FRA",
        "JUD",
        "actors.local.v1",
    )


@pytest.mark.parametrize(
    ("text", "phrase", "code", "sector"),
    [
        ("The U.S.-led coalition bombed the bridge.", "The U.S.-led coalition", "USA", None),
        ("A Saudi-led strike hit the port.", "A Saudi-led strike", "SAU", None),
        ("An Iran-backed militia shelled the base.", "An Iran-backed militia", None, "REB"),
        ("A London-based charity sent food.", "A London-based charity", "GBR", "NGO"),
    ],
)
def test_hyphenated_names(nlp, gaz, text, phrase, code, sector) -> None:  # type: ignore[no-untyped-def]
    m = by_text(mentions(nlp, gaz, text), phrase)
    assert (m.code, m.sector) == (code, sector)


def test_a_name_before_a_hyphen_is_matched_without_it(gaz) -> None:  # type: ignore[no-untyped-def]
    hit = gaz.match(["Iran", "-", "backed", "militia"], 0)
    assert hit is not None and hit[0] == 1


def test_plural_demonym_for_people_is_civilian(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Thousands of Nigerians and two Kuwaiti nationals fled the city.")
    assert (by_text(found, "Nigerians").code, by_text(found, "Nigerians").sector) == ("NGA", "CVL")
    nationals = by_text(found, "Kuwaiti nationals")
    assert (nationals.code, nationals.sector) == ("KWT", "CVL")
    side = by_text(mentions(nlp, gaz, "The Russians rejected the offer."), "The Russians")
    assert (side.code, side.sector) == ("RUS", None)


def test_derived_demonyms_get_plurals(gaz) -> None:  # type: ignore[no-untyped-def]
    for word, code in (("Kenyans", "KEN"), ("Iraqis", "IRQ"), ("Cypriots", "CYP")):
        entry = gaz.exact[tokens(word)]
        assert (entry.code, entry.kind) == (code, "demonym")
    assert tokens("Chineses") not in gaz.exact


def test_uncoded_police_take_the_one_state_named_before(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Protests spread across Bolivia on Sunday. Police arrested forty people."
    m = by_text(mentions(nlp, gaz, text), "Police")
    assert (m.code, m.sector, m.rule) == ("BOL", "COP", "actors.carry.state.v1")


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Peru held talks. Police arrested forty people.",  # two states
        "Police arrested forty people as Brazil condemned the raid.",  # named after
        "Mali asked for help. Foreign forces arrived on Monday.",  # outsiders
        "Egypt protested. On Monday, Zantari forces crossed the border.",  # another name
    ],
)
def test_no_state_carried_when_unclear(nlp, gaz, text) -> None:  # type: ignore[no-untyped-def]
    carried = [m for m in mentions(nlp, gaz, text) if m.rule == "actors.carry.state.v1"]
    assert carried == []


def test_listed_organisations_and_leaders(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, gaz, "Boko Haram fighters attacked a village, Buhari said.")
    fighters = by_text(found, "Boko Haram fighters")
    assert (fighters.code, fighters.sector) == ("NGA", "REB")  # an armed group: its base state
    assert (by_text(found, "Buhari").code, by_text(found, "Buhari").sector) == ("NGA", "GOV")


def test_an_unnamed_ministry_belongs_to_the_state_the_article_leads_with(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chile has asked Peru's embassy in Santiago to lower a flag. "
        "Moscow said nothing. Officials at the foreign ministry said the request stood."
    )
    found = mentions(nlp, gaz, text)
    ministry = by_text(found, "the foreign ministry")
    assert (ministry.code, ministry.sector) == ("CHL", "GOV")


@pytest.mark.parametrize(
    "text,phrase",
    [
        ("The president urged Kyiv's allies to respond firmly.", "Kyiv's allies"),
        ("The minister met the allies of Ukraine in Brussels.", "the allies"),
        ("Moscow's critics say the vote was rigged.", "Moscow's critics"),
    ],
)
def test_a_possessor_does_not_code_its_allies_or_critics(nlp, gaz, text, phrase):  # type: ignore[no-untyped-def]
    found = [m for m in mentions(nlp, gaz, text) if m.text == phrase]
    assert found and found[0].code is None, found


def test_a_possessor_still_codes_its_own_bodies(nlp, gaz):  # type: ignore[no-untyped-def]
    found = {m.text: m.code for m in mentions(nlp, gaz, "Kyiv's army pushed back.")}
    assert found.get("Kyiv's army") == "UKR", found
