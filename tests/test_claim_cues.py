"""Cue matches from one scan of the body are those a scan of each sentence alone finds."""

from __future__ import annotations

import pytest

from newsfacts.extract.claim_patterns import _CUE, _cues_by_sentence
from newsfacts.extract.text import sentence_spans


def _per_sentence(body: str) -> dict[int, list[tuple[int, int]]]:
    spans = sentence_spans(body)
    scans = {i: [m.span() for m in _CUE.finditer(body, s, e)] for i, (s, e) in enumerate(spans)}
    return {i: found for i, found in scans.items() if found}


@pytest.mark.parametrize(
    "body",
    [
        "Acme said on Monday it would cut jobs. Analysts warned that sales fell.\nHe added more.",
        "The chief executive pointed\nout that margins fell. Others say so.",  # cue across lines
        "Shares rose. The company was quoted\nas saying it expects growth.",
        "No cue here at all.",
    ],
)
def test_body_scan_matches_sentence_scans(body: str) -> None:
    got = {
        i: [m.span() for m in cues]
        for i, cues in _cues_by_sentence(body, sentence_spans(body)).items()
    }
    assert {i: found for i, found in got.items() if found} == _per_sentence(body)
