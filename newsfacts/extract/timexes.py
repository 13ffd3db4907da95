"""Temporal expressions: a body and its publication date in, TIMEX3-normalised `Timex`es out.

Every rule (see `timex_rules`, `timex_periods`, `timex_relative`, `timex_refs`) scans the text
once with a pattern compiled at import; overlapping candidates are settled longest-first, then
the survivors are normalised left to right so that anaphoric expressions ("the year-earlier
quarter") can use what came before. Relative expressions are resolved against the publication
date only; with no publication date they keep their text and get no value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.extract.model import Timex
from newsfacts.extract.timex_calendar import timex_bounds
from newsfacts.extract.timex_gate import Gate
from newsfacts.extract.timex_periods import period_rules
from newsfacts.extract.timex_refs import reference_rules
from newsfacts.extract.timex_relative import relative_rules
from newsfacts.extract.timex_resolve import Context
from newsfacts.extract.timex_rules import (
    Rule,
    rule_bare_month,
    rule_century,
    rule_day_month,
    rule_decade,
    rule_fiscal_short_year,
    rule_iso_date,
    rule_month_day,
    rule_month_of_relative_year,
    rule_month_relative,
    rule_month_year,
    rule_spelled_year,
    rule_us_numeric_date,
    rule_year,
)

__all__ = ["RULES", "find_timexes", "timex_bounds"]

# Confidence is lowered by this much when a relative value had to be guessed from the tense.
UNRESOLVED_CONFIDENCE_FACTOR = 0.5


def _absolute_rules() -> list[Rule]:
    return [
        rule_iso_date(),
        rule_us_numeric_date(),
        rule_month_day(),
        rule_day_month(),
        rule_month_year(),
        rule_month_of_relative_year(),
        rule_month_relative(),
        rule_bare_month(),
        rule_year(),
        rule_fiscal_short_year(),
        rule_decade(),
        rule_century(),
        rule_spelled_year(),
    ]


# The registry, in priority order: on two candidates with the same span the earlier rule wins.
RULES: list[Rule] = [*period_rules(), *_absolute_rules(), *relative_rules(), *reference_rules()]
RULES.insert(0, RULES.pop(next(i for i, r in enumerate(RULES) if r.name == "set")))
# What the candidate scan runs: each rule's pattern, rejecting impossible first characters early.
_SCAN_PATTERNS = [with_first_char_check(rule.pattern) for rule in RULES]

# A cheap gate: text without any of these characters or stems holds no temporal expression.
_GATE = with_first_char_check(
    re.compile(
        r"\d|day|year|month|week|quarter|half|now|current|recent|previous|past|future|soon|ago|"
        r"night|morning|noon|summer|winter|spring|fall|autumn|century|decade|Jan|Feb|Mar|Apr|May|"
        r"Jun|Jul|Aug|Sep|Oct|Nov|Dec|Christmas|Easter|Thanksgiving|Halloween|lately|formerly|"
        r"shortly|daily|weekly|hourly|annually|nineteen|thousand",
        re.IGNORECASE,
    )
)

# Rules whose value is a comparison point ("a year ago"), not the period the text is about; they
# must not become the antecedent of later anaphora ("the quarter").
_COMPARISON_RULES = frozenset({"ago", "year_earlier"})

_GATE_INDEX = Gate([rule.name for rule in RULES])

Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match


def _candidates(
    text: str, gated: bool = True, skip: frozenset[int] = frozenset()
) -> list[Candidate]:
    """Every rule's matches; with `gated`, each rule scans only the windows around its triggers.
    Rules whose index is in `skip` are switched off."""
    windows = _GATE_INDEX.windows(text) if gated else [[(0, len(text))]] * len(RULES)
    found: list[Candidate] = []
    for index, (rule, pattern) in enumerate(zip(RULES, _SCAN_PATTERNS, strict=True)):
        if index in skip:
            continue
        for lo, hi in windows[index]:
            for m in pattern.finditer(text, lo, hi):
                if m.end() > m.start() and (rule.valid is None or rule.valid(m, text)):
                    start, end = _trim(text, m.start(), m.end())
                    found.append((start, end, index, m))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and commas that optional pattern parts leave at the edges."""
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n,":
        start += 1
    return start, end


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, longest first, then by rule priority."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(cand[1] <= other[0] or cand[0] >= other[1] for other in chosen):
            chosen.append(cand)
    return sorted(chosen)


def _remember(ctx: Context, value: str | None, end: int) -> None:
    """Update the anaphora state with a DATE value just produced."""
    if not value or not value[:4].isdigit():
        return
    if len(value) >= 4 and value[4:5] in ("", "-"):
        ctx.last_year = int(value[:4])
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        ctx.last_quarter = (int(value[:4]), int(value[-1]))
        ctx.last_quarter_end = end
    if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
        ctx.last_month = (int(value[:4]), int(value[5:7]))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        ctx.last_day = dt.date.fromisoformat(value)


def find_timexes(
    body: str, published_date: dt.date | None, enabled: Callable[[str], bool] | None = None
) -> list[Timex]:
    """Return every temporal expression in `body`, normalised against `published_date`.

    Each carries its rule ("timexes.month_year"); a rule for which `enabled` says False is
    switched off before overlaps are settled, so another rule may take its span."""
    if not body or not _GATE.search(body):
        return []
    ctx = Context(text=body, dct=published_date)
    timexes: list[Timex] = []
    skip = frozenset(i for i, r in enumerate(RULES) if enabled and not enabled(rule_name(r)))
    for start, end, index, m in _select(_candidates(body, skip=skip)):
        rule = RULES[index]
        norm = rule.normalize(m, ctx)
        typ = norm.type or rule.type
        if typ == "DATE" and rule.name not in _COMPARISON_RULES:
            _remember(ctx, norm.value, end)
        confidence = rule.confidence * (1.0 if norm.value else UNRESOLVED_CONFIDENCE_FACTOR)
        timexes.append(
            Timex(
                start,
                end,
                body[start:end],
                typ,
                norm.value,
                norm.anchored,
                round(confidence, 3),
                rule=rule_name(rule),
            )
        )
    return timexes


def rule_name(rule: Rule) -> str:
    """The rule column value of a timex rule: "timexes.<rule name>"."""
    return f"timexes.{rule.name}"
