"""Language detection of articles and paragraphs (lingua, low-accuracy mode)."""

from __future__ import annotations

import pytest

from wirewatch.clean.language import MAX_CHARS, detect, detect_paragraphs

SENTENCES = {
    "en": "The harbour authority expects the new ferry route to open before the end of the "
    "summer, although the contract has not yet been signed.",
    "fr": "La mairie a annoncé jeudi que la piscine municipale resterait fermée tout l'hiver "
    "pour des travaux de rénovation.",
    "de": "Nach dem Unwetter blieben mehrere Dörfer im Süden des Landes zwei Tage lang ohne "
    "Strom und ohne Telefonverbindung.",
    "ru": "Жители соседних домов рассказали, что шум на стройке не прекращается даже по ночам, "
    "и пожаловались в городскую администрацию.",
    "ar": "أعلنت وزارة الصحة أن حملة التطعيم الجديدة ستبدأ الأسبوع المقبل في جميع المدارس.",
    "ko": "정부는 다음 달부터 농촌 지역의 버스 노선을 늘리고 요금을 낮추겠다고 밝혔다.",
    "es": "Los vecinos del barrio llevan meses pidiendo que el ayuntamiento arregle el alumbrado "
    "de la plaza principal.",
    "uk": "Кілька свідків розповіли, що пожежа почалася на складі за крамницею.",
}

MIXED = (
    "Above the gate the embassy hung a long red, white and blue banner with the words "
    "«Победа будет за нами», a slogan that officials in the capital described as provocative "
    "and asked the diplomats to take down before the weekend."
)


@pytest.mark.parametrize(("code", "text"), sorted(SENTENCES.items()))
def test_detects_a_sentence(code: str, text: str) -> None:
    assert detect(text) == code


def test_paragraphs_come_back_in_order() -> None:
    codes = sorted(SENTENCES)
    assert detect_paragraphs([SENTENCES[c] for c in codes]) == codes


def test_english_with_an_inline_russian_quotation_is_english() -> None:
    assert detect(MIXED) == "en"
    assert detect_paragraphs([MIXED]) == ["en"]


def test_a_line_of_arabic_is_arabic() -> None:
    assert detect_paragraphs(["قالت الوزارة إن على السفارة إزالة اللافتة فورا"]) == ["ar"]


@pytest.mark.parametrize(
    "text", ["", "   ", "Seoul", "By Staff", "12:30 — 24.02.2026", "© 2026 !!"]
)
def test_too_little_text_has_no_language(text: str) -> None:
    assert detect(text) is None


def test_short_paragraphs_are_none_among_others() -> None:
    texts = ["Advertisement", SENTENCES["de"], "", "Photo: AFP", SENTENCES["fr"]]
    assert detect_paragraphs(texts) == [None, "de", None, None, "fr"]


def test_empty_batch() -> None:
    assert detect_paragraphs([]) == []


def test_long_article_is_judged_by_its_opening() -> None:
    english = (SENTENCES["en"] + " ") * (MAX_CHARS // len(SENTENCES["en"]) + 1)
    russian_tail = (SENTENCES["ru"] + " ") * 50
    assert detect(english + russian_tail) == "en"
