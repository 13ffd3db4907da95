"""Trigger rules of the event taxonomy: one small function per event type, one registry.

Consumes a sentence's text; produces (event_type, start, end) trigger spans. Each rule is a regular
expression plus, where a word is ambiguous, a check on what follows it ("enter the US market" is an
entry, "entered into an agreement" is not). Offsets are relative to the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsfacts.extract.event_places import find_places
from newsfacts.extract.first_chars import with_first_char_check

_FLAGS = re.IGNORECASE
# Words that make an object a market: "the smartphone market", "the US", "overseas".
_MARKET_OBJECT = re.compile(r"\bmarkets?\b|\boverseas\b|\babroad\b|\binternational", _FLAGS)
_DEAL_WORDS = re.compile(
    r"\b(?:deal|agreement|merger|negotiations|talks|contract|partnership|pact|tie-up|bid|"
    r"takeover|offer)s?\b",
    _FLAGS,
)
# Nouns that make "buy"/"acquire" a corporate acquisition rather than shopping.
_BUSINESS_OBJECT = re.compile(
    r"\b(?:stake|company|firm|business|unit|division|startup|start-up|maker|rival|operator|"
    r"brand|subsidiary|assets|chain|group|shares)\b",
    _FLAGS,
)
# A preposition right before a place: "in the US", "into Spain", "to the UK".
_INTO = re.compile(r"\b(?:in|into|to)\s+(?:the\s+)?$", _FLAGS)
# How far after a trigger its object is looked for, in characters.
_OBJECT_WINDOW = 60


@dataclass(frozen=True)
class TriggerRule:
    """A trigger pattern of one event type, with an optional check of its context."""

    event_type: str
    pattern: re.Pattern[str]
    check: Callable[[str, re.Match[str]], bool] | None = None


def _after(sentence: str, m: re.Match[str]) -> str:
    """The text right after a trigger, up to the object window or the next clause break."""
    tail = sentence[m.end() : m.end() + _OBJECT_WINDOW]
    return re.split(r"[;:]|,\s|\s(?:but|while|which|after|before)\s", tail, maxsplit=1)[0]


def _has_market_object(sentence: str, m: re.Match[str]) -> bool:
    """True when a market or a place follows: "enter the US market", "expanded into Europe"."""
    tail = _after(sentence, m)
    return bool(_MARKET_OBJECT.search(tail) or find_places(tail))


def _has_place_after(sentence: str, m: re.Match[str]) -> bool:
    """True when "in/into <place>" follows: "launched its phones in Spain"."""
    tail = _after(sentence, m)
    return any(_INTO.search(tail[:s]) for s, _, _ in find_places(tail))


def _no_place_after(sentence: str, m: re.Match[str]) -> bool:
    """True when a launch is of a product, not into a country."""
    return not _has_place_after(sentence, m) and not _has_market_object(sentence, m)


def _has_deal_nearby(sentence: str, m: re.Match[str]) -> bool:
    """True when a deal word sits within a few words before or after the trigger."""
    before = sentence[max(0, m.start() - 70) : m.start()]
    return bool(_DEAL_WORDS.search(before) or _DEAL_WORDS.search(_after(sentence, m)))


def _not_deal(sentence: str, m: re.Match[str]) -> bool:
    """True when a pull-out is from a market, not from a deal."""
    return _has_market_object(sentence, m) and not _DEAL_WORDS.search(_after(sentence, m))


def _business_object(sentence: str, m: re.Match[str]) -> bool:
    """True when "buy"/"acquire" has a business object and is not a passive of an unnamed thing."""
    tail = _after(sentence, m)
    if re.match(r"\s*by\b", tail):
        return bool(re.search(r"\b[A-Z][\w&.-]+", sentence[: m.start()]))
    return bool(_BUSINESS_OBJECT.search(tail) or re.match(r"\s+(?:the\s+)?[A-Z]", tail))


def market_entry_triggers() -> list[TriggerRule]:
    """ "to enter the Japanese market", "expanded into Latin America", "a foray into Peru"."""
    verbs = re.compile(
        r"\b(?:enter(?:s|ed|ing)?|entry\s+(?:in)?to|expan(?:d|ds|ded|ding|sion)\s+(?:(?:its|their)\s+"
        r"presence\s+)?(?:in)?to|forays?\s+into|step(?:s|ped|ping)?\s+into|arrival\s+in|"
        r"debut(?:s|ed)?\s+in|kick(?:s|ed)?\s+off\s+(?:its|their)\s+operations\s+in|"
        r"start(?:s|ed)?\s+selling\s+(?:\w+\s+){0,3}in|break\s+into|move(?:s|d)?\s+into)\b",
        _FLAGS,
    )
    carry = re.compile(
        r"\b(?:bring(?:s|ing)?|brought|launch(?:es|ed|ing)?|roll(?:s|ed|ing)?\s+out|"
        r"release(?:s|d)?|introduc(?:e|es|ed|ing))\b",
        _FLAGS,
    )
    return [
        TriggerRule("market_entry", verbs, _has_market_object),
        TriggerRule("market_entry", carry, _has_place_after),
    ]


def market_exit_triggers() -> list[TriggerRule]:
    """ "to exit the Brazilian market", "withdrew from Russia", "pull out of the EU market"."""
    verbs = re.compile(
        r"\b(?:exit(?:s|ed|ing)?|withdr(?:aw|aws|awing|ew|awn)\s+from|pull(?:s|ed|ing)?\s+out\s+of|"
        r"retreat(?:s|ed)?\s+from|quit(?:s|ting)?|leav(?:e|es|ing)|left)\b",
        _FLAGS,
    )
    return [TriggerRule("market_exit", verbs, _not_deal)]


def product_launch_triggers() -> list[TriggerRule]:
    """ "unveiled a new tablet", "launched its new flagship", "will release a new model"."""
    verbs = re.compile(
        r"\b(?:launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|release(?:s|d)?|roll(?:s|ed|ing)?\s+out|"
        r"(?:introduc(?:e|es|ed|ing)|announc(?:e|es|ed))\s+(?:a|an|the|its|their)\s+new|debut(?:s|ed)?)\b",
        _FLAGS,
    )
    return [TriggerRule("product_launch", verbs, _no_place_after)]


def partnership_triggers() -> list[TriggerRule]:
    """ "tied up with a telecom group", "a collaboration between A and B", "teamed up with"."""
    words = re.compile(
        r"\b(?:partner(?:s|ed|ing)?\s+with|partnerships?|tie(?:d|s)?\s+up\s+with|tie-ups?|"
        r"team(?:s|ed)?\s+up\s+with|collaborat(?:e|es|ed|ing|ion)|alliances?|joint\s+venture|"
        r"sign(?:s|ed)?\s+(?:a|an)\s+(?:deal|agreement|pact)\s+with)\b",
        _FLAGS,
    )
    return [TriggerRule("partnership", words)]


def deal_cancelled_triggers() -> list[TriggerRule]:
    """ "the buyer called off the deal", "the talks collapsed in May", "scrapped the merger"."""
    verbs = re.compile(
        r"\b(?:cancel(?:s|led|ed|ling|ing)?|scrap(?:s|ped)?|call(?:s|ed)?\s+off|collaps(?:e|es|ed)|"
        r"fell\s+through|pull(?:s|ed|ing)?\s+out\s+of|walk(?:s|ed)?\s+away\s+from|"
        r"terminat(?:e|es|ed)|abandon(?:s|ed)?|scupper(?:s|ed)?|scarper(?:s|ed)?)\b",
        _FLAGS,
    )
    return [TriggerRule("deal_cancelled", verbs, _has_deal_nearby)]


def acquisition_triggers() -> list[TriggerRule]:
    """ "agreed to acquire Foo Corp", "the takeover of Bar", "bought a 20 percent stake"."""
    nouns = re.compile(r"\b(?:acquisitions?|takeovers?|mergers?|merge(?:s|d)?\s+with)\b", _FLAGS)
    verbs = re.compile(
        r"\b(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed)|take\s+over)\b",
        _FLAGS,
    )
    return [
        TriggerRule("acquisition", nouns),
        TriggerRule("acquisition", verbs, _business_object),
    ]


def investment_triggers() -> list[TriggerRule]:
    """ "invested $50 million in", "a Series B funding round", "took a stake in"."""
    words = re.compile(
        r"\b(?:invest(?:s|ed|ing|ment|ments)?\s+in|funding\s+round|(?:series\s+[a-f]\s+)?round\s+of"
        r"\s+funding|raise(?:s|d)?\s+(?:\$|€|£)|stake\s+in|venture\s+capital)\b",
        _FLAGS,
    )
    return [TriggerRule("investment", words)]


def ipo_triggers() -> list[TriggerRule]:
    """ "its initial public offering", "plans to go public", "an IPO in Hong Kong"."""
    words = re.compile(
        r"\b(?:IPO|initial\s+public\s+offering|go(?:es|ing)?\s+public|went\s+public|"
        r"stock\s+market\s+(?:listing|debut)|listing\s+on)\b",
        _FLAGS,
    )
    return [TriggerRule("ipo", words)]


def financial_result_triggers() -> list[TriggerRule]:
    """ "the third largest handset maker", "12.5 percent market share", "shipments rose"."""
    strong = re.compile(
        r"\b(?:market\s+share|shipments?|shipped|revenues?|net\s+(?:income|profit|loss)|"
        r"operating\s+(?:income|profit)|earnings|quarterly\s+results|turnover|"
        r"(?:first|second|third|fourth|fifth|largest|biggest|top)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:vendor|maker|seller|brand|player|manufacturer)s?|ranked)\b",
        _FLAGS,
    )
    weak = re.compile(r"\b(?:sales|sold|profits?|growth|losses)\b", _FLAGS)
    return [
        TriggerRule("financial_result", strong, _not_description),
        TriggerRule("financial_result", weak, _has_figure_in_sentence),
    ]


def _not_description(sentence: str, m: re.Match[str]) -> bool:
    """False for an apposition describing a company: "one of the largest phone makers"."""
    return not re.search(r"\bone\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", sentence[: m.start()])


def _has_figure_in_sentence(sentence: str, m: re.Match[str]) -> bool:
    """True when the sentence states a number with a unit near the trigger."""
    from newsfacts.extract.event_figures import find_figures

    return any(abs(f.start - m.start()) < 80 for f in find_figures(sentence))


def regulatory_action_triggers() -> list[TriggerRule]:
    """ "banned exports to the supplier", "blocked the merger", "fined the bank $2 million"."""
    words = re.compile(
        r"\b(?:ban(?:s|ned|ning)?|sanction(?:s|ed)?|block(?:s|ed|ing)?|fined|fines?\s+of|"
        r"blacklist(?:s|ed)?|entity\s+list|antitrust|licen[cs]es?\s+(?:to|for)|"
        r"revok(?:e|es|ed)|approv(?:e|es|ed|al)\s+(?:of|for))\b",
        _FLAGS,
    )
    return [TriggerRule("regulatory_action", words)]


def lawsuit_triggers() -> list[TriggerRule]:
    """ "sued Samsung over patents", "filed a lawsuit", "a court ruled"."""
    words = re.compile(
        r"\b(?:sue(?:s|d)?|suing|lawsuits?|class\s+action|court|litigation|patent\s+infringement|"
        r"file(?:s|d)?\s+a\s+complaint)\b",
        _FLAGS,
    )
    return [TriggerRule("lawsuit", words)]


def leadership_change_triggers() -> list[TriggerRule]:
    """ "appointed chief executive", "will step down as CEO", "resigned from the board"."""
    words = re.compile(
        r"\b(?:appoint(?:s|ed|ment)|resign(?:s|ed|ation)?|step(?:s|ped|ping)?\s+down|"
        r"named\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:CEO|chief|chairman|chairwoman|president|head)|"
        r"succeed(?:s|ed)\s+[A-Z]|ousted|left\s+the\s+company|leaves\s+the\s+company|"
        r"depart(?:s|ed|ure)\s+(?:from|of))\b",
        _FLAGS,
    )
    return [TriggerRule("leadership_change", words)]


def layoffs_triggers() -> list[TriggerRule]:
    """ "laid off 1,200 workers", "announced job cuts", "plans to cut 500 jobs"."""
    words = re.compile(
        r"\b(?:lay(?:s|ing)?\s+off|laid\s+off|layoffs?|job\s+cuts|cut(?:s|ting)?\s+(?:about\s+)?"
        r"[\d,]+\s+jobs|redundanc(?:y|ies)|workforce\s+reduction|slash(?:es|ed)?\s+(?:[\d,]+\s+)?jobs)\b",
        _FLAGS,
    )
    return [TriggerRule("layoffs", words)]


def trigger_rules() -> list[TriggerRule]:
    """Every trigger rule, in priority order: earlier rules win overlapping spans."""
    families = (
        deal_cancelled_triggers,
        market_exit_triggers,
        market_entry_triggers,
        ipo_triggers,
        partnership_triggers,
        acquisition_triggers,
        investment_triggers,
        financial_result_triggers,
        regulatory_action_triggers,
        lawsuit_triggers,
        leadership_change_triggers,
        layoffs_triggers,
        product_launch_triggers,
    )
    return [rule for family in families for rule in family()]


def _lowered(source: str) -> str:
    """A case-insensitive pattern's source for lower-cased text: literal capitals lowered.

    Matching lower-cased text without re.IGNORECASE is several times faster in Python's engine;
    escapes such as \\S or \\W keep their case.
    """
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), source)


_RULES = trigger_rules()
# The rules compiled for lower-cased text (same offsets when lowering keeps the length).
_LOWER_RULES = [re.compile(_lowered(r.pattern.pattern)) for r in _RULES]
# One pass over a sentence that tells whether any rule can match: most sentences have no trigger.
_ANY_TRIGGER = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in _RULES), _FLAGS)
_ANY_LOWER = with_first_char_check(
    re.compile(r"\b(?=[a-z])(?:" + "|".join(f"(?:{p.pattern})" for p in _LOWER_RULES) + ")")
)


def find_triggers(sentence: str) -> list[tuple[str, int, int]]:
    """(event_type, start, end) of every trigger in a sentence, overlaps resolved by priority."""
    lowered = sentence.lower()
    if len(lowered) == len(sentence):
        text, patterns, any_trigger = lowered, _LOWER_RULES, _ANY_LOWER
    else:  # a few characters change length when lowered ("İ"): keep offsets exact
        text, patterns, any_trigger = sentence, [r.pattern for r in _RULES], _ANY_TRIGGER
    if not any_trigger.search(text):
        return []
    taken: list[tuple[int, int]] = []
    found = []
    for rule, pattern in zip(_RULES, patterns, strict=True):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if rule.check is None or rule.check(sentence, m):
                taken.append((m.start(), m.end()))
                found.append((rule.event_type, m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])
