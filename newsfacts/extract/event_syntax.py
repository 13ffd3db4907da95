"""Events from the dependency tree: a parsed body, its mentions and dates in, Event records out.

Consumes a spaCy Doc of the body plus the document's MentionIndex (company and person mentions,
timexes); produces Events. For each predicate of newsfacts.extract.event_lexicon the frame rule of
its family (event_frames) decides the type and the parties from the syntactic arguments, passives
and nominalisations included; event_status reads the status from modality, negation and framing;
the figure comes from the trigger's own clause in the one amounts schema (amounts); the date from
the same clause first, then the same sentence. A noun absorbed by the predicate it depends on
("an offer to buy", "withdrew its bid") is no second event; a statement about several agents
("X and Y cut jobs") gives one event per agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.amounts import Amount, find_amounts, prior_of
from newsfacts.extract.event_args import Args, Resolver, arguments
from newsfacts.extract.event_context import MentionIndex, timex_bounds
from newsfacts.extract.event_frames import Frame, frame_of
from newsfacts.extract.event_gates import blocked, failed_deal
from newsfacts.extract.event_implicit import story_target, with_implicit_target
from newsfacts.extract.event_lexicon import Predicate, find_predicates
from newsfacts.extract.event_places import find_places
from newsfacts.extract.event_status import status_of
from newsfacts.extract.event_words import word_set
from newsfacts.extract.model import Event, EventParticipant, Timex
from newsfacts.extract.text import doc_text

# Types whose figure is the money involved (price, sum, fine, damages), else a stake percentage.
_MONEY_TYPES = word_set("event_syntax.money_types")
# Types whose figure is the first one in the clause (a level preferred over a change).
_FIRST_FIGURE_TYPES = frozenset({"financial_result", "partnership", "other"})
# Types that carry no figure.
_NO_FIGURE_TYPES = word_set("event_syntax.no_figure_types")
# Relations by which a noun predicate hands its event to the predicate it depends on or that
# depends on it: "an offer to buy" (acl), "talks on a merger" (prep), "withdrew its bid" (dobj).
_ABSORBING = word_set("event_syntax.absorbing")
# Prepositions by which a noun is part of its head's event: "talks on a merger", "withdrew
# from the auction", "plans for a takeover" (not "since its launch", "after the sale").
_ABSORBING_PREPS = word_set("event_syntax.absorbing_preps")
# Most events one statement about several agents is split into.
MAX_DISTRIBUTED = 4


@dataclass
class Candidate:
    """A predicate with its frame, before status, figure and date are attached."""

    pred: Predicate
    args: Args
    frame: Frame


def syntax_events(
    doc: Doc, index: MentionIndex, published: date | None = None, parsed: list[Span] | None = None
) -> list[Event]:
    """Every event the predicates of a parsed body state, in text order (only those inside
    `parsed` when the body was parsed in part)."""
    resolver = Resolver(doc, index)
    candidates = []
    for pred in find_predicates(doc):
        if parsed is not None and not any(s.start <= pred.token.i < s.end for s in parsed):
            continue
        args = arguments(pred.token)
        frame = frame_of(pred, args, resolver)
        failed = failed_deal(pred, frame) if frame is not None else None
        if frame is not None and failed is not None:
            frame = _cancelled(frame, failed, resolver)
        if frame is not None and blocked(pred, args, frame, resolver) is None:
            candidates.append(Candidate(pred, args, frame))
    target = story_target([c.frame for c in candidates], resolver)
    for c in candidates:
        c.frame = with_implicit_target(c.frame, target)
    events: list[Event] = []
    for cand in _without_absorbed(candidates):
        status = (
            status_of(cand.frame.anchor, "deal_cancelled")
            if cand.frame.event_type == "deal_cancelled" and cand.frame.rule.endswith(".failed")
            else status_of(
                cand.pred.token, cand.frame.event_type, cand.frame.default_status, cand.frame.anchor
            )
        )
        if status is None:
            continue
        events.extend(_build(cand, status, index, published))
    return events


def _cancelled(frame: Frame, verb: Token, r: Resolver) -> Frame:
    """A deal frame turned into its cancellation, stated by `verb`; with no agent of its own,
    the agent is the party that withdrew: "it pulled its planned share sale" -> it."""
    agents = frame.agents or tuple(r.keys(arguments(verb).subj))
    return replace(
        frame,
        event_type="deal_cancelled",
        rule=f"{frame.rule}.failed",
        anchor=verb,
        agents=agents,
        targets=tuple(k for k in frame.targets if k not in agents),
    )


def _without_absorbed(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a noun whose event another predicate of the same phrase states: "a deal to buy X"
    keeps "buy", "withdrew its takeover offer" keeps "withdrew", "takeover bid" keeps "bid"."""
    by_token = {c.pred.token.i: c for c in candidates}
    kept = []
    for c in candidates:
        t = c.pred.token
        if t.pos_ in ("NOUN", "PROPN") and (
            _absorbed_by_head(t, by_token) or _absorbed_by_child(t, by_token)
        ):
            continue
        if t.pos_ in ("VERB", "AUX") and _same_event_above(c, by_token):
            continue
        kept.append(c)
    return kept


def _same_event_above(c: Candidate, by_token: dict[int, Candidate]) -> bool:
    """A verb that states again the event of the verb it completes: "agreed to pay $12m to
    settle the lawsuit" (settle under pay), "appointed X, replacing Y", "voted to cut X's
    stake" - one event, kept on the upper verb."""
    t = c.pred.token
    if t.dep_ not in ("xcomp", "advcl") or t.head.i not in by_token:
        return False
    return by_token[t.head.i].frame.event_type == c.frame.event_type


def _absorbed_by_head(t: Token, by_token: dict[int, Candidate]) -> bool:
    """A noun whose head (or the verb its preposition hangs on) is another predicate."""
    head = t.head
    if t.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ not in _ABSORBING_PREPS:
            return False  # "downloaded since its launch in 2003": a time, not the same event
        head = head.head
    return t.dep_ in _ABSORBING and head.i in by_token and head.i != t.i


def _absorbed_by_child(t: Token, by_token: dict[int, Candidate]) -> bool:
    """A deal noun whose purpose clause is a predicate: "an offer to buy", "talks to merge";
    talks or plans about an acquisition predicate: "talks on a merger"."""
    for child in t.children:
        if _purpose_predicate(child, by_token):
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "over", "about", "for", "to"):
            about = [g for g in child.children if g.i in by_token and g.dep_ in ("pobj", "pcomp")]
            if any(by_token[g.i].frame.event_type == "acquisition" for g in about):
                return c_is_talks(t)
    return False


def _purpose_predicate(child: Token, by_token: dict[int, Candidate]) -> bool:
    """An infinitive clause of a noun that is itself a predicate: "to buy" in "an offer to buy"."""
    if child.dep_ not in ("acl", "relcl") or child.i not in by_token:
        return False
    return child.pos_ in ("VERB", "AUX") and any(g.lower_ == "to" for g in child.children)


def c_is_talks(t: Token) -> bool:
    """ "talks on a merger", "negotiations over the sale": the talk is the event's status."""
    return t.lower_ in ("talks", "negotiations", "discussions", "plans", "plan")


def _build(
    cand: Candidate, status: str, index: MentionIndex, published: date | None
) -> list[Event]:
    """The Event(s) of one candidate: one per agent when the statement is distributive."""
    frame, pred = cand.frame, cand.pred
    sent = pred.token.sent
    clause = clause_tokens(pred.token)
    amount = choose_amount(frame.event_type, sent, clause, pred)
    prior = (
        prior_of(amount, find_amounts(sent.text, sent.start_char), sent.text, sent.start_char)
        if amount
        else None
    )
    timex = event_date(pred, clause, index.timexes, sent)
    value = timex.value if timex else None
    date_start, date_end, granularity = timex_bounds(value)
    if status == "occurred" and published and date_start and date_start > published.isoformat():
        status = "planned"
    agent_sets = (
        [(a,) for a in frame.agents[:MAX_DISTRIBUTED]]
        if _distributes(frame, pred, clause)
        else [frame.agents]
    )
    events = []
    for agents in agent_sets:
        participants = _participants(agents, frame)
        main = _main_company(frame, agents)
        events.append(
            Event(
                start=sent.start_char,
                end=sent.end_char,
                event_type=frame.event_type,
                status=status,  # type: ignore[arg-type]
                trigger=pred.text,
                trigger_start=pred.start,
                trigger_end=pred.end,
                company_key=main,
                participants=participants,
                location=frame.place
                or _clause_place(clause)
                or _host_place(clause, pred)
                or _market_before(frame, pred),
                date_value=value,
                date_start=date_start,
                date_end=date_end,
                date_granularity=granularity,
                amount=amount.value if amount else None,
                unit=amount.unit if amount else None,
                confidence=0.8 if main else 0.6,
                currency=amount.currency if amount else None,
                currency_text=amount.currency_text if amount else None,
                scale=amount.scale if amount else None,
                prior_amount=prior.value if prior else None,
                rule=frame.rule,
            )
        )
    return events


# Types whose statement about several companies is about each of them (guidelines ruling 7).
_EACH_TYPES = frozenset({"financial_result", "rating_change", "layoffs"})
_EACH_WORDS = frozenset({"all", "both", "each", "respectively"})


def _distributes(frame: Frame, pred: Predicate, clause: list[Token]) -> bool:
    """Whether a statement about several agents is one event per agent: "Fitch and Moody's
    upgraded X", "A, B and C have all announced investments", "A and B were the likely
    bidders"; "A, B and C unveiled the chip" is one joint event."""
    if not frame.distributive or len(frame.agents) < 2:
        return False
    if frame.event_type in _EACH_TYPES or pred.token.tag_ in ("NNS", "NNPS"):
        return True
    return any(t.lower_ in _EACH_WORDS for t in clause)


def _main_company(frame: Frame, agents: tuple[str, ...]) -> str | None:
    """The agent; for a rating change the rated organisation (guidelines ruling 6)."""
    if frame.event_type == "rating_change":
        return frame.targets[0] if frame.targets else None
    return agents[0] if agents else None


def _participants(agents: tuple[str, ...], frame: Frame) -> tuple[EventParticipant, ...]:
    """Agent, target, partner and regulator participants, each company once per role."""
    out: list[EventParticipant] = []
    seen: set[str] = set()
    for role, keys in (
        ("agent", agents),
        ("target", frame.targets),
        ("partner", frame.partners),
        ("regulator", frame.regulators),
    ):
        for key in keys:
            if key in seen:
                continue
            seen.add(key)
            out.append(EventParticipant(key, role))  # type: ignore[arg-type]
    return tuple(out)


# Relations of clauses that have their own predicate: their words are not the trigger's clause.
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis"})


def clause_head(token: Token) -> Token:
    """The verb whose clause holds a trigger: the trigger itself, or the verb a noun trigger
    depends on ("made a bid" -> made)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def clause_tokens(token: Token) -> list[Token]:
    """The words of a trigger's own clause (for a participle, of the noun phrase it modifies:
    "with only 45 units sold")."""
    if (
        token.dep_ == "acl"
        and token.tag_ in ("VBN", "VBG")
        and token.head.pos_ in ("NOUN", "PROPN")
    ):
        return _own_clause(token.head, token)
    return _own_clause(clause_head(token), token)


def _own_clause(head: Token, token: Token) -> list[Token]:
    """The words of a trigger's own clause: the subtree of its clause head without the clauses
    that have their own subject ("while rival Tollan's fell 2%")."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for child in t.children:
            if (
                child.dep_ in _OWN_CLAUSES
                and _has_subject(child)
                and child.i != token.i
                and not _contains(child, token)
            ):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in token.children)


def _contains(ancestor: Token, token: Token) -> bool:
    return ancestor.left_edge.i <= token.i <= ancestor.right_edge.i and (
        ancestor.i == token.i or ancestor in token.ancestors
    )


def _in_clause(start: int, clause: list[Token]) -> bool:
    """Whether a character offset falls on a word of the clause."""
    return any(t.idx <= start < t.idx + len(t.text) for t in clause)


def choose_amount(
    event_type: str, sent: Span, clause: list[Token], pred: Predicate
) -> Amount | None:
    """The event's headline figure from its own clause (GUIDELINES section 4): the price, sum,
    fine or damages; the jobs cut; a result's first figure, a level over a change."""
    if event_type in _NO_FIGURE_TYPES:
        return None
    every = [a for a in find_amounts(sent.text, sent.start_char) if not a.converted]
    debt = _debt_purpose(clause_head(pred.token), pred.token)
    found = [a for a in every if _in_clause(a.start, clause) and not _in_clause(a.start, debt)]
    if not found and event_type in _MONEY_TYPES:
        # "..., valuing the company at $35bn", "..., targeting a valuation of $100bn": a
        # participle adjunct the parser hung elsewhere in the sentence, no other clause's
        adjuncts = _subjectless_adjuncts(sent, pred.token)
        found = [a for a in every if _in_clause(a.start, adjuncts) and a.unit == "money"]
    if not found and event_type in _MONEY_TYPES:
        # "paying £328m to buy Y", "raised £1bn to fund the bid": the sum a purpose clause is for
        purpose = _purpose_noun(clause_head(pred.token))
        found = [a for a in every if _in_clause(a.start, purpose) and a.unit == "money"]
    found = [a for a in found if a.lead not in ("from", "vs", "versus", "against")] or found
    if not found:
        return None
    if event_type == "layoffs":
        return next((a for a in found if a.unit == "jobs"), None)
    if event_type in _MONEY_TYPES:
        money = [a for a in found if a.unit == "money"]
        whole = [a for a in money if not a.per_share]
        if whole or money:
            return (whole or money)[0]
        return (
            next((a for a in found if a.unit == "percent"), None)
            if event_type in ("investment", "acquisition", "regulatory_action")
            else None
        )
    after = [a for a in found if a.start >= pred.start] or found
    levels = [a for a in after if a.unit != "percent" and a.lead != "by"]
    return levels[0] if levels and event_type == "financial_result" else after[0]


def _debt_purpose(verb: Token, trigger: Token) -> list[Token]:
    """The words of a purpose clause that pays a debt, whose figure is the debt and not the
    event's: "[was sold] to pay off a $27bn tax bill", "auctioned to settle $3bn of debts"."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ not in ("xcomp", "advcl") or _contains(child, trigger):
            continue
        if child.lemma_.lower() in _DEBT_VERBS and any(g.lower_ == "to" for g in child.children):
            out.extend(child.subtree)
    return out


# Verbs of a purpose clause that pays a debt: "to pay off", "to settle", "to repay".
_DEBT_VERBS = word_set("event_syntax.debt_verbs")


def _purpose_noun(verb: Token) -> list[Token]:
    """The words of the noun an infinitive purpose clause modifies, without the clause: "£328m"
    in "paying £328m to buy Y"."""
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return []
    inner = {t.i for t in verb.subtree}
    if verb.dep_ == "acl":
        return [t for t in verb.head.subtree if t.i not in inner]
    if verb.dep_ in ("xcomp", "advcl"):  # "paying [£328m] [to buy Y]": the payer's object
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        return [t for o in objects for t in o.subtree if t.i not in inner]
    return []


def _subjectless_adjuncts(sent: Span, trigger: Token) -> list[Token]:
    """Words of the sentence's participle adjuncts without a subject of their own ("valuing
    the company at $35bn"), outside the trigger's own clause."""
    out: list[Token] = []
    for t in sent:
        if (
            t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and not _has_subject(t)
            and not _contains(t, trigger)
        ):
            out.extend(t.subtree)
    return out


def event_date(
    pred: Predicate, clause: list[Token], timexes: list[Timex], sent: Span
) -> Timex | None:
    """The date of an event: a calendar date in its own clause, else in its sentence, nearest
    to the trigger; "now"-like values and a date that qualifies another noun are no event dates."""
    body = doc_text(sent.doc)
    in_sentence = [
        t
        for t in timexes
        if sent.start_char <= t.start and t.end <= sent.end_char and _calendar(t, body, pred.start)
    ]
    if not in_sentence:
        return None
    own = [t for t in in_sentence if _in_clause(t.start, clause)]
    pool = own or in_sentence
    return min(pool, key=lambda t: _gap(t, pred) + (0 if own else _clause_penalty(body, t, pred)))


def _calendar(t: Timex, body: str, trigger_start: int) -> bool:
    """A DATE/TIME with a calendar value, not a possessive qualifying another noun."""
    if t.type not in ("DATE", "TIME") or (t.value and not t.value[:1].isdigit()):
        return False
    if body[t.end : t.end + 2] in ("'s", "’s"):
        between = body[t.end + 2 : trigger_start]
        return 0 <= trigger_start - t.end <= 40 and not re.search(r"[,;:]", between)
    return True


def _gap(t: Timex, pred: Predicate) -> int:
    return pred.start - t.end if t.end <= pred.start else max(0, t.start - pred.end)


def _clause_penalty(body: str, t: Timex, pred: Predicate) -> int:
    between = body[t.end : pred.start] if t.end <= pred.start else body[pred.end : t.start]
    return 50 if re.search(r"[;:]|,\s|\s(?:but|while|although|whereas|and)\s", between) else 0


def _market_before(frame: Frame, pred: Predicate) -> str | None:
    """ "entering the market" right after sentences naming a country: that country."""
    if frame.event_type not in ("market_entry", "market_exit"):
        return None
    tail = doc_text(pred.token.doc)[pred.end : pred.end + 20]
    if not re.match(r"\s+the\s+market\b", tail):
        return None
    doc = pred.token.doc
    sent = pred.token.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    earlier = doc[start : sent.start]
    if sent.start > 0 and start > 0:
        earlier = doc[doc[start - 1].sent.start : sent.start]
    found = find_places(earlier.text)
    return found[-1][2] if found else None


def _host_place(clause: list[Token], pred: Predicate) -> str | None:
    """The place of the clause a subjectless participle clause hangs on: "the top vendor in
    India, leading the market with 30% market share" is a result in India."""
    head = clause_head(pred.token)
    if head.tag_ not in ("VBG", "VBN") or head.dep_ not in ("acl", "advcl"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return None
    host = clause_head(head.head)
    inner = {t.i for t in head.subtree}
    return _clause_place([t for t in _own_clause(host, host) if t.i not in inner])


def _clause_place(clause: list[Token]) -> str | None:
    """A country or region named in the clause, if any."""
    if not clause:
        return None
    doc = clause[0].doc
    text = doc[clause[0].i : clause[-1].i + 1].text
    found = find_places(text)
    return found[0][2] if found else None
