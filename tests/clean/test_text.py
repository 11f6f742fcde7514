"""Rules of the plain-text cleaner, on pages written for these tests."""

from __future__ import annotations

from wirewatch.clean import clean_document, corpus_block_counts
from wirewatch.clean.text import clean_blocks, split_blocks
from wirewatch.records import Article, RawDocument
from wirewatch.settings import Options

BODY = [
    "The city council of Northport voted on Tuesday to close the old harbour bridge to heavy "
    "lorries after engineers found cracks in two of its supports.",
    "The mayor said the closure would last at least six months while the county looks for money "
    "to repair the structure, which was built in 1961.",
    "Haulage firms warned that the detour would add forty minutes to every delivery and asked the "
    "council to reconsider the decision at its next meeting.",
]


def _clean(text: str) -> Article:
    result = clean_document(RawDocument("page.txt", "text", text), Options())
    assert isinstance(result, Article), result
    return result


def _reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def test_header_navigation_and_title_byline() -> None:
    page = "\n\n".join(
        [
            "Home » Local » Transport",
            "Skip to content",
            "Bridge shut to lorries after cracks found",
            "By Maria Olsen and Tom Reyes | March 4, 2025 10:12 AM",
            *BODY,
        ]
    )
    article = _clean(page)
    assert article.text.startswith("The city council of Northport")
    assert article.title == "Bridge shut to lorries after cracks found"
    assert article.authors == ("Maria Olsen", "Tom Reyes")
    assert article.published.source == "byline" and str(article.published.start) == "2025-03-04"
    reasons = _reasons(article)
    assert reasons["Skip to content"] == "navigation"
    assert reasons["Home » Local » Transport"] == "navigation"


def test_donation_appeal_in_second_person_is_dropped() -> None:
    appeal = (
        "We rely on readers like you. Your donation keeps our reporters in the field and our "
        "journalism free for everyone, without paywalls. If you can, support us today with a gift "
        "of any size; it only takes a minute and it makes all the difference to us."
    )
    article = _clean("\n\n".join([BODY[0], appeal, *BODY[1:]]))
    assert "Your donation" not in article.text
    assert _reasons(article)[appeal] == "donation-appeal"


def test_quoted_first_person_speech_stays() -> None:
    quote = (
        '"We will not let our town be cut in two, and we ask the county to help us find the money '
        'quickly," the mayor told reporters outside the town hall on Tuesday.'
    )
    article = _clean("\n\n".join([BODY[0], quote, *BODY[1:]]))
    assert quote in article.text


def test_photo_caption_with_credit_dropped_inside_body() -> None:
    caption = (
        "Lorries queue at the entrance of the harbour bridge in Northport ( Photo: Jan Berg/EPA )"
    )
    article = _clean("\n\n".join([BODY[0], caption, *BODY[1:]]))
    assert caption not in article.text
    assert _reasons(article)[caption] == "caption"


def test_related_marker_cuts_the_tail_and_teasers_above_it() -> None:
    teaser_head = "‘A long wait’ – 4 things to know about the bridge repairs"
    teaser = (
        "Engineers have been inspecting the region's bridges since a similar crack closed a road "
        "crossing in the valley last spring, and more closures may follow this year."
    )
    tail = [
        "Read more",
        "Council approves new bus lanes.",
        "Leave a comment",
        "© 2025 Northport Daily",
    ]
    article = _clean("\n\n".join([*BODY, teaser_head, teaser, *tail]))
    assert article.text.endswith("next meeting.")
    reasons = _reasons(article)
    assert reasons[teaser_head] == "related" and reasons[teaser] == "related"
    assert reasons["Leave a comment"] in ("comments", "after-body")


def test_subheading_inside_body_is_kept() -> None:
    article = _clean("\n\n".join([BODY[0], "Traffic concerns", *BODY[1:]]))
    assert "Traffic concerns" in article.text


def test_one_line_ad_in_other_script_dropped_inline_quote_kept() -> None:
    quoted = (
        "Protesters carried a banner reading «Мы против закрытия» as the council met, according "
        "to local reporters who were at the meeting on Tuesday evening."
    )
    lines = "\n".join([BODY[0], "إعلان ممول", quoted, BODY[1]])
    article = _clean(lines)
    assert "إعلان" not in article.text
    assert "Мы против закрытия" in article.text


def test_lines_repeated_in_page_and_across_batch_are_dropped() -> None:
    form = "* indicates required"
    page = "\n\n".join([*BODY, form, "Send", form])
    assert form not in _clean(page).text
    blocks = split_blocks("\n\n".join(["Northport Daily — your town, your news", *BODY]))
    counts = {"northport daily your town your news": 3}
    result = clean_blocks(blocks, corpus_counts=counts, zones=False)
    assert [r.reason for r in result.removed] == ["repeated"]


def test_corpus_counts_count_documents_not_lines() -> None:
    docs = [
        RawDocument(f"p{i}.txt", "text", "Menu line\n\nMenu line\n\n" + BODY[0]) for i in range(2)
    ]
    assert corpus_block_counts(docs)["menu line"] == 2


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The city council of Northport voted on Tuesday to close the old harbour\n"
        "bridge to heavy lorries after engineers found cracks in two of its\n"
        "supports, officials said on Wednesday."
    )
    blocks = split_blocks(wrapped)
    assert len(blocks) == 1 and "harbour bridge" in blocks[0].text


def test_page_of_only_boilerplate_is_rejected() -> None:
    result = clean_document(
        RawDocument("junk.txt", "text", "Subscribe\n\nSkip to content\n\nAll rights reserved"),
        Options(),
    )
    assert not isinstance(result, Article)
    assert "no article text" in result.reason


def test_page_in_another_language_keeps_its_body() -> None:
    body = [
        "Le conseil municipal de Port-Nord a voté mardi la fermeture du vieux pont du port aux "
        "poids lourds après la découverte de fissures dans deux de ses piliers.",
        "Selon le maire, la fermeture durera au moins six mois, le temps que le département "
        "trouve les fonds nécessaires pour réparer l'ouvrage construit en 1961.",
    ]
    title = "Le pont du port fermé aux poids lourds"
    page = "\n\n".join(["Accueil » Région » Transports", title, *body, "Partager"])
    article = _clean(page)
    assert article.text == "\n\n".join(body)
    assert article.title == title
    assert article.language == "fr"
