"""Attribution patterns: where a body attributes a statement, as candidate claims with spans.

Consumes the body, its sentence spans and mention index; produces CandidateClaim records (speaker,
cue, content span, evidence span). One small function per pattern family; find_candidates runs
them all and drops a cue already used by an earlier pattern.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsfacts.extract.claim_speakers import (
    Speaker,
    sentence_subject,
    speaker_ending_at,
    speaker_starting_at,
    with_text,
)
from newsfacts.extract.event_context import MentionIndex

# Reporting verbs, lower case only: "States" in "the United States" is no cue.
CUE_VERBS = (
    r"said|says|say|told|tells|confirmed|confirms|warned|warns|denied|denies|believed|believes|"
    r"stressed|stresses|claimed|claims|announced|announces|stated|noted|explained|explains|"
    r"added|adds|argued|argues|insisted|insists|reported|reports|revealed|reveals|suggested|"
    r"suggests|suggest|highlighted|highlights|acknowledged|acknowledges|admitted|admits|"
    r"emphasi[sz]ed|emphasi[sz]es|dismissed|dismisses|predicted|predicts|expects|estimated|"
    r"estimates|indicated|indicates|commented|wrote|writes|tweeted|posted|maintained|maintains|"
    r"clarified|asserted|pointed\s+out|disclosed|conceded|rejected|downplayed|concluded|"
    r"was\s+quoted(?:\s+as\s+saying)?|is\s+quoted(?:\s+as\s+saying)?|"
    # Cognitive verbs: a stated belief or judgement is attributed like speech.
    r"thinks?|thought|feels|felt|agreed|agrees|knows|knew|fears|feared|doubts|doubted|"
    r"hopes|hoped|expected|anticipates|anticipated|believe|think|expect|conclude"
)
# Participles reporting what the sentence's subject said: "..., saying that", "a letter stating".
_PARTICIPLE = re.compile(
    r"(?:,\s*(?:(?:later|also|then|while|before|after)\s+)?|\b(?:letter|statement|memo|e-?mail|"
    r"note|post|message|release|filing)(?:\s+(?:to|from|on)\s+[^,;]{1,50}?)?\s*,?\s+)(?P<cue>saying|stating|adding|noting|explaining|"
    r"arguing|warning|claiming|insisting|revealing|announcing|confirming|telling|writing)\b"
)
# A second predicate of the sentence's subject: "Foo releases X, announces Y", "... and said".
_COORDINATED_CUE = re.compile(r"(?:,|\s+and|,\s+and|\s+but)\s+(?:\w+ly\s+)?$")
# The lookahead lets the engine skip, cheaply, positions where no cue can start.
_CUE = re.compile(rf"\b(?=[a-z])(?:{CUE_VERBS})\b")
_CUE_START = re.compile(rf"^\s*,?\s*(?P<cue>{CUE_VERBS})\s+")
_CUE_BEFORE_QUOTE = re.compile(rf"(?P<cue>{CUE_VERBS})(?:\s+[\w.'’-]+){{0,3}}\s*[:,]?\s*$")
_QUOTE = re.compile(r"“([^“”]{2,}?)”|\"([^\"\n]{2,}?)\"")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<src>[^,;]+?)(?=[,;]|\.?[\"'”’]?\s*$)")
_REPORTED_BY = re.compile(
    r"\b(?:as\s+)?(?:\w+ly\s+)?(?P<cue>reported|stated|noted|estimated)\s+by\s+(?P<src>[^,;]+?)"
    r"(?=[,;]|\.?\s*$)"
)
_TOOK_TO = re.compile(r"\b(?P<cue>took\s+to\s+(?:the\s+)?[^,.;]{1,60}?)\s+to\s+(?=\w)")
_WHICH_CUE = re.compile(rf",\s*which\s+(?P<rest>.{{1,60}}?)\b(?P<cue>{CUE_VERBS})\b\s*[.,;]?\s*$")
_THAT = re.compile(r"\bthat\s+")
_CITING = re.compile(r"^\W*(?:[\w ]{0,25}?),\s*citing\s+")
# Objects skipped between "told"/"to" and the content: "told Reuters", "told the news agency".
_TOLD_OBJECT = re.compile(
    r"^\s+(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w&.'’-]*|news|agency|reporters|journalists|analysts|"
    r"investors|me|us|him|her|them|press|newspaper)\s+){1,4}?"
)


@dataclass(frozen=True)
class CandidateClaim:
    start: int  # evidence
    end: int
    speaker: Speaker
    cue: str
    cue_start: int
    content_start: int
    content_end: int
    is_quote: bool
    via_key: str | None = (
        None  # outlet found by the pattern itself ("..., the paper reported, citing")
    )
    continuation: bool = False  # a bare follow-up quote that inherits the previous speaker
    confidence: float = 0.8


def find_candidates(
    body: str, spans: list[tuple[int, int]], index: MentionIndex
) -> list[CandidateClaim]:
    """Every attribution of the body, quotes first, in text order, one claim per cue."""
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(body)]
    found = list(quote_claims(body, spans, quotes, index))
    gated = [(rule, _sentences_with(gate, body, spans)) for rule, gate in _SENTENCE_RULES]
    speech = _cues_by_sentence(body, spans)
    for i, (start, end) in enumerate(spans):
        for rule, sentences in gated:
            if i in sentences:
                found.extend(rule(body, start, end, index))
        if i in speech:
            found.extend(reported_speech_claims(body, start, end, index, quotes, speech[i]))
    found.extend(nested_claims(body, quotes, found))
    kept: list[CandidateClaim] = []
    for c in found:
        if c.speaker.end <= c.speaker.start or c.content_end - c.content_start < 3:
            continue
        if any(abs(k.cue_start - c.cue_start) < 3 for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.cue_start))


def _sentences_with(gate: re.Pattern[str], body: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the sentences where a gate pattern matches: one scan of the whole body, so
    the rules run only where they can fire."""
    starts = [s for s, _ in spans]
    return {max(0, bisect.bisect_right(starts, m.start()) - 1) for m in gate.finditer(body)}


def _cues_by_sentence(body: str, spans: list[tuple[int, int]]) -> dict[int, list[re.Match[str]]]:
    """Cue matches per sentence index, from one scan of the whole body.

    Sentences end before whitespace, so a cue inside a sentence is matched the same by this scan
    as by a scan of the sentence alone. Only a cue running on into the next sentence ("pointed
    out" across a line break) differs; then each sentence holding a cue is scanned on its own.
    """
    starts = [s for s, _ in spans]
    by_sentence: dict[int, list[re.Match[str]]] = {}
    for m in _CUE.finditer(body):
        by_sentence.setdefault(max(0, bisect.bisect_right(starts, m.start()) - 1), []).append(m)
    if any(i >= len(spans) or cues[-1].end() > spans[i][1] for i, cues in by_sentence.items()):
        return {i: list(_CUE.finditer(body, *spans[i])) for i in by_sentence if i < len(spans)}
    return by_sentence


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding pos (or the nearest before it)."""
    i = max(0, bisect.bisect_right([s for s, _ in spans], pos) - 1)
    return spans[i] if spans else (0, pos)


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, closing punctuation and dangling commas at both ends of a span."""
    while start < end and (body[start].isspace() or body[start] in ",;:"):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ".,;:!?"):
        end -= 1
    return start, end


def quote_claims(
    body: str, spans: list[tuple[int, int]], quotes: list[tuple[int, int]], index: MentionIndex
) -> Iterator[CandidateClaim]:
    """'"We will ...," says Chairman Foo', 'He said: "..."', '"...," the executive told ...'."""
    last: CandidateClaim | None = None
    for q_start, q_end in quotes:
        inner_end = q_end - 1
        s_start, _ = _sentence_of(spans, q_start)
        _, s_end = _sentence_of(spans, max(q_start, q_end - 1))
        if q_end < len(body) and body[q_end : q_end + 1] == ",":
            inner_end = q_end  # '"...", he said': the comma outside the quote marks
        found = _attribution_after(body, q_end, s_end, index, inner_end)
        found = found or _attribution_before(body, s_start, q_start, index)
        content = _trim(body, q_start + 1, q_end - 1)
        if found:
            speaker, cue, cue_start, e_end = found
            last = CandidateClaim(
                s_start, max(s_end, e_end), speaker, cue, cue_start, *content, True
            )
            yield last
        elif (
            last
            and _is_bare_quote(body, s_start, s_end, q_start, q_end)
            and s_start - last.end < 400
        ):
            yield CandidateClaim(
                s_start,
                s_end,
                last.speaker,
                last.cue,
                q_start,
                *content,
                True,
                continuation=True,
                confidence=0.6,
            )


def _is_bare_quote(body: str, s_start: int, s_end: int, q_start: int, q_end: int) -> bool:
    """True when the sentence is nothing but the quote."""
    return not body[s_start:q_start].strip() and len(body[q_end:s_end].strip(" .")) == 0


def _attribution_after(
    body: str, q_end: int, s_end: int, index: MentionIndex, inner_end: int
) -> tuple[Speaker, str, int, int] | None:
    """'," says Foo' or '," Foo said' right after a quote that ends with punctuation."""
    if body[inner_end - 1] not in ",.?!" and body[q_end - 2] not in ",.?!":
        return None
    after = body[q_end:s_end]
    m = _CUE_START.match(after)
    if m:
        speaker = speaker_starting_at(body, q_end + m.end(), s_end, index)
        if speaker:
            return with_text(body, speaker), m.group("cue"), q_end + m.start("cue"), s_end
    m = _CUE.search(after, 0, 80)
    if m and m.start() > 1:
        speaker = speaker_ending_at(body, q_end + m.start(), q_end, index)
        if speaker and not body[q_end : speaker.start].strip(" ,"):
            return with_text(body, speaker), m.group(), q_end + m.start(), s_end
    return None


def _attribution_before(
    body: str, s_start: int, q_start: int, index: MentionIndex
) -> tuple[Speaker, str, int, int] | None:
    """'Foo said: "..."' or 'Foo told the paper, "..."' before the opening quote mark."""
    m = _CUE_BEFORE_QUOTE.search(body, s_start, q_start)
    if not m:
        return None
    speaker = speaker_ending_at(body, m.start("cue"), s_start, index)
    if not speaker:
        return None
    return with_text(body, speaker), m.group("cue"), m.start("cue"), q_start


def according_to_claims(
    body: str, start: int, end: int, index: MentionIndex
) -> Iterator[CandidateClaim]:
    """ "according to a report by research firm Foo", "according to Mr. Bar's statements"."""
    for m in _ACCORDING.finditer(body, start, end):
        speaker = _source_speaker(body, m.start("src"), m.end("src"), index)
        content = _content_around(body, start, end, m.start(), m.end())
        yield CandidateClaim(start, end, speaker, "according to", m.start(), *content, False)


def reported_by_claims(
    body: str, start: int, end: int, index: MentionIndex
) -> Iterator[CandidateClaim]:
    """ "as recently reported by Foo Research", "as estimated by the ministry"."""
    for m in _REPORTED_BY.finditer(body, start, end):
        speaker = _source_speaker(body, m.start("src"), m.end("src"), index)
        content = _content_around(body, start, end, m.start(), m.end())
        cue = f"{m.group('cue')} by"
        yield CandidateClaim(start, end, speaker, cue, m.start("cue"), *content, False)


def _source_speaker(body: str, s: int, e: int, index: MentionIndex) -> Speaker:
    """The source inside an "according to" phrase: a person, else the last organisation."""
    people = index.people_in(s, e)
    if people:
        p = people[-1]
        return Speaker(p.start, p.end, p.text, person_key=p.person_key)
    orgs = index.companies_in(s, e)
    if orgs:
        o = orgs[-1]
        return Speaker(o.start, o.end, body[o.start : o.end], company_key=o.company_key)
    caps = list(re.finditer(r"(?:[A-Z][\w&.'’-]*\s+)*[A-Z][\w&.'’-]*", body[s:e]))
    named = [c for c in caps if c.start() > 0 or c.group() not in ("The", "A", "An")]
    if named:
        c = named[-1]
        return Speaker(s + c.start(), s + c.end(), c.group())
    s2, e2 = _trim(body, s, e)
    return Speaker(s2, e2, body[s2:e2])


def _content_around(body: str, start: int, end: int, a_start: int, a_end: int) -> tuple[int, int]:
    """Content of a sentence minus its attribution phrase: after it if it leads, else before."""
    if not body[start:a_start].strip(" ,") or re.fullmatch(
        r"\W*(?:But|And|Yet|So)\W*", body[start:a_start]
    ):
        return _trim(body, a_end, end)
    return _trim(body, start, a_start)


def took_to_claims(
    body: str, start: int, end: int, index: MentionIndex
) -> Iterator[CandidateClaim]:
    """ "Foo took to Weibo to address the rumours", "took to Twitter to deny"."""
    for m in _TOOK_TO.finditer(body, start, end):
        speaker = speaker_ending_at(body, m.start(), start, index)
        if speaker:
            content = _trim(body, m.end(), end)
            cue = re.sub(r"\s+", " ", m.group("cue"))
            yield CandidateClaim(
                start, end, with_text(body, speaker), cue, m.start(), *content, False
            )


def which_cue_claims(
    body: str, start: int, end: int, index: MentionIndex
) -> Iterator[CandidateClaim]:
    """ "reports of a tie-up between A and B, which A subsequently denied"."""
    m = _WHICH_CUE.search(body, start, end)
    if not m:
        return
    speaker = speaker_ending_at(body, m.start("cue"), m.start("rest"), index)
    if not speaker:
        return
    head = body[start : m.start()]
    lead = list(re.finditer(r"\b(?:of|about|on|over)\s+", head[-120:]))
    c_start = m.start() - len(head[-120:]) + lead[-1].end() if lead else start
    content = _trim(body, c_start, m.start())
    yield CandidateClaim(
        start, end, with_text(body, speaker), m.group("cue"), m.start("cue"), *content, False
    )


def reported_speech_claims(
    body: str,
    start: int,
    end: int,
    index: MentionIndex,
    quotes: list[tuple[int, int]],
    cues: list[re.Match[str]],
) -> Iterator[CandidateClaim]:
    """ "Foo told the paper that ...", "the heads of A, B and C all warned that", "..., X said".

    `cues` are the cue matches of the sentence body[start:end], in text order.
    """
    for m in cues:
        if any(qs < m.start() < qe for qs, qe in quotes):
            continue
        speaker = speaker_ending_at(body, m.start(), start, index) or _coordinated_subject(
            body, start, m.start(), index
        )
        if not speaker:
            continue
        speaker = with_text(body, speaker)
        inverted = _inverted(body, start, end, speaker, m, index)
        if inverted:
            yield inverted
            continue
        c_start = _content_start(body, m.end(), end, m.group())
        content = _trim(body, c_start, end)
        yield CandidateClaim(start, end, speaker, m.group(), m.start(), *content, False)


def _content_start(body: str, cue_end: int, end: int, cue: str) -> int:
    """Where reported content starts: after "that" if near, else after the object of "told"."""
    that = _THAT.search(body, cue_end, min(end, cue_end + 90))
    if that and not re.search(r"[.;]", body[cue_end : that.start()]):
        return that.end()
    if cue in ("told", "tells"):
        obj = _TOLD_OBJECT.match(body[cue_end:end])
        if obj:
            return cue_end + obj.end()
    return cue_end


def _inverted(
    body: str, start: int, end: int, speaker: Speaker, m: re.Match[str], index: MentionIndex
) -> CandidateClaim | None:
    """ "Content ..., Foo reported Monday, citing its CEO Bar." The content precedes the speaker."""
    before = body[start : speaker.start].rstrip()
    tail = body[m.end() : end]
    if not before.endswith(",") or len(before) < 15:
        return None
    citing = _CITING.match(tail)
    if not citing and len(tail.strip(" .")) > 25:
        return None
    content = _trim(body, start, start + len(before) - 1)
    if citing:
        source = speaker_starting_at(body, m.end() + citing.end(), end, index)
        if source:
            via = speaker.company_key
            return CandidateClaim(
                start,
                end,
                with_text(body, source),
                f"{m.group()}, citing",
                m.start(),
                *content,
                False,
                via_key=via,
            )
    return CandidateClaim(start, end, speaker, m.group(), m.start(), *content, False)


def _coordinated_subject(body: str, start: int, cue: int, index: MentionIndex) -> Speaker | None:
    """ "Foo releases a kit, announces an update": the cue's subject opens the sentence."""
    if not _COORDINATED_CUE.search(body, max(start, cue - 12), cue):
        return None
    return sentence_subject(body, start, cue, index)


def participle_claims(
    body: str, start: int, end: int, index: MentionIndex
) -> Iterator[CandidateClaim]:
    """ "Foo unveiled the tablet, saying that ...", "resigned in a letter stating, ..."."""
    for m in _PARTICIPLE.finditer(body, start, end):
        speaker = sentence_subject(body, start, m.start(), index)
        if not speaker:
            continue
        c_start = _content_start(body, m.end(), end, m.group("cue"))
        content = _trim(body, c_start, end)
        cue = m.group("cue")
        yield CandidateClaim(
            start, end, with_text(body, speaker), cue, m.start("cue"), *content, False
        )


# A first-person cue inside a quote: '"... I have always said that ..."', '"We believe ..."'.
_FIRST_PERSON_CUE = re.compile(
    rf"\b(?P<who>I|[Ww]e)(?:\s+(?:have|had|always|also|still|really|do|did)){{0,3}}\s+"
    rf"(?P<cue>{CUE_VERBS})\b"
)


def nested_claims(
    body: str, quotes: list[tuple[int, int]], found: list[CandidateClaim]
) -> Iterator[CandidateClaim]:
    """Statements reported inside a quote by its own speaker: "I conclude that ...", "we said"."""
    for q_start, q_end in quotes:
        quote = _outer_claim(found, q_start, q_end)
        if quote is None:
            continue
        for m in _FIRST_PERSON_CUE.finditer(body, q_start + 1, q_end - 1):
            outer = quote.speaker
            speaker = Speaker(
                m.start("who"),
                m.end("who"),
                m.group("who"),
                person_key=outer.person_key,
                company_key=outer.company_key,
            )
            c_start = _content_start(body, m.end("cue"), q_end - 1, m.group("cue"))
            content = _trim(body, c_start, q_end - 1)
            yield CandidateClaim(
                quote.start, quote.end, speaker, m.group("cue"), m.start("cue"), *content, True
            )


def _outer_claim(found: list[CandidateClaim], q_start: int, q_end: int) -> CandidateClaim | None:
    """The claim whose content holds a quote and whose cue lies outside it."""
    for c in found:
        inside = c.content_start <= q_start + 1 and q_end - 1 <= c.content_end + 1
        if inside and not q_start <= c.cue_start < q_end and not c.continuation:
            return c
    return None


# Sentence rules in the order they run, each with a cheap pattern that must occur for it to fire.
_SENTENCE_RULES = (
    (according_to_claims, re.compile(r"[Aa]ccording\s+to")),
    (reported_by_claims, re.compile(r"(?:reported|stated|noted|estimated)\s+by")),
    # "\btook\s+to\b" written to open with a literal, so the engine jumps between occurrences of
    # "took"; the lookbehind keeps the word boundary.
    (took_to_claims, re.compile(r"took(?<=\btook)\s+to\b")),
    (which_cue_claims, re.compile(r",\s*which\b")),
    (participle_claims, _PARTICIPLE),
)
