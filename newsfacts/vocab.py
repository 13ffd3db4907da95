"""Vocabularies: the one definition of every closed value set the fact tables store.

The Literal types here are the source; each tuple is read from its Literal, so the two cannot
drift. Everything else derives from this module or is checked against it (tests/test_vocab.py):
the record types of newsfacts/extract/model.py, the `event_types` rows, the value sets of the
Great Expectations suites (`python -m newsfacts.vocab --write-expectations` rewrites them), the
SQL column comments that name values, and the README tables. The meanings are those of
benchmarks/gold/GUIDELINES.md, sections 4, 5 and 7.

What belongs here: a value set stored in a column of a marts table or view. Not here: the
bookkeeping values of ingest and the run log (formats, error stages, run statuses, date
sources, duplicate kinds), which their own stages define, and rule lexicons such as the words
that signal a denial (those live with their rules in newsfacts/extract/).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Literal, get_args

from newsfacts import settings

# --- events -----------------------------------------------------------------------------------
# The event taxonomy, in a stable order (the gold guidelines' order), with the one-line
# description loaded into `event_types`. `other` is used sparingly; national and sector
# statistics are not events.
EVENT_TYPES: dict[str, str] = {
    "market_entry": "A company enters, or expands into, a new country, region or market.",
    "market_exit": "A company leaves or withdraws from a country, region or market.",
    "product_launch": "A company launches, unveils or releases a product or service.",
    "partnership": "Two or more organisations partner, tie up, collaborate or form an alliance.",
    "deal_cancelled": "A deal, agreement or negotiation is cancelled, scrapped or collapses.",
    "acquisition": "A company acquires, buys, takes over or merges with another company.",
    "investment": "An investment, funding round or stake purchase in a company.",
    "ipo": "A company lists its shares: initial public offering, going public, listing.",
    "financial_result": "Sales, shipments, revenue, profit, market share or a ranking is reported.",
    "regulatory_action": "A government or regulator bans, sanctions, blocks, fines or licenses.",
    "investigation": "An authority opens a probe, inquiry, audit or review into a company.",
    "lawsuit": "A lawsuit, court case or legal complaint involving a company.",
    "settlement": "A lawsuit, investigation or dispute is settled, with or without payment.",
    "leadership_change": "An executive is appointed, resigns, steps down or is replaced.",
    "layoffs": "A company cuts jobs: layoffs, job cuts, redundancies.",
    "rating_change": "A credit or analyst rating is raised, lowered or put on watch.",
    "bankruptcy": "A company fails: insolvency, administration, bankruptcy protection, liquidation.",
    "other": "Any other event of interest that fits none of the types above.",
}

# Where an event stands: done; agreed, announced or bid but not done; talked about, rumoured or
# forecast; denied by a party to it.
EventStatus = Literal["occurred", "planned", "speculated", "denied"]
EVENT_STATUSES: tuple[EventStatus, ...] = get_args(EventStatus)

# An organisation's part in an event: the one acting; the one acted on (bought, sued, fined,
# rated); the other side of a partnership or contract; an authority that must approve or acts.
ParticipantRole = Literal["agent", "target", "partner", "regulator"]
PARTICIPANT_ROLES: tuple[ParticipantRole, ...] = get_args(ParticipantRole)

# --- claims -----------------------------------------------------------------------------------
# How a speaker holds what they say: states it; denies or rejects it; uncertain, forecast or
# conditional.
Stance = Literal["assert", "deny", "hedge"]
STANCES: tuple[Stance, ...] = get_args(Stance)

# --- denial: the one definition ---------------------------------------------------------------
# A denial is a statement with stance "deny" or an event with status "denied"; a statement that
# denies an event makes that event denied. Denials never corroborate what they deny: they are
# the b side of claim_conflicts.
DENY_STANCE: Stance = "deny"
DENIED_STATUS: EventStatus = "denied"
DENIALS: frozenset[str] = frozenset({DENY_STANCE, DENIED_STATUS})


def is_denial(value: str | None) -> bool:
    """True for the stance or status that denies ("deny", "denied")."""
    return value in DENIALS


# --- organisations ----------------------------------------------------------------------------
# What an organisation is: a business; a news outlet; an authority (also inter-governmental
# bodies); a political party; unions, associations, charities, universities and the like.
CompanyKind = Literal["company", "media", "government", "political_party", "other_org"]
COMPANY_KINDS: tuple[CompanyKind, ...] = get_args(CompanyKind)

# --- dates ------------------------------------------------------------------------------------
# TIMEX3 expression types.
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TIMEX_TYPES: tuple[TimexType, ...] = get_args(TimexType)

# The calendar unit an event date covers (events.date_granularity); weeks, seasons and decades
# get a date range but no granularity. The gold set also marks week and period; not stored here.
Granularity = Literal["day", "month", "quarter", "half", "year"]
GRANULARITIES: tuple[Granularity, ...] = get_args(Granularity)

# --- amounts ----------------------------------------------------------------------------------
# What a figure counts (GUIDELINES section 4). No column stores it yet: events.unit today mixes
# currency codes and units; the amounts columns replace it with `Facts you can trust II`.
AmountUnit = Literal["money", "percent", "jobs", "shares", "units", "other"]
AMOUNT_UNITS: tuple[AmountUnit, ...] = get_args(AmountUnit)

# --- across documents -------------------------------------------------------------------------
# How a conflicting pair relates: same scope (or one unknown); different scope, later story;
# different scope, same story.
ConflictRelation = Literal["contradiction", "update", "related"]
CONFLICT_RELATIONS: tuple[ConflictRelation, ...] = get_args(ConflictRelation)
# Why two sides conflict (claim_conflicts.basis): a party denies the plan or rumour; the deal
# is called off; a party denies by name a rumoured event another speaker states; two speakers of
# one story count the same thing far apart.
CONFLICT_BASES = ("denial", "cancellation", "named denial", "figures")
# What a conflict or timeline row is about: a canonical statement or a canonical event.
ITEM_KINDS = ("claim", "event")
# How a member joined its claim cluster: the earliest member; same words after normalising;
# a paraphrase sharing most content words.
CLAIM_MATCHES = ("anchor", "exact", "paraphrase")
# How a member joined its event cluster: the earliest member; another report of it.
EVENT_MATCHES = ("anchor", "same_event")
# How a canonical claim is tied to its event: a report states it; inferred from a statement of
# intent about the story's planned event.
EVENT_LINKS = ("stated", "inferred")

# The vocabulary of each (table, column) that stores one. Each column gets one GX value-set
# expectation written from here; its SQL comment, if it names values, names these in this order.
COLUMN_VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("event_types", "event_type"): tuple(EVENT_TYPES),
    ("events", "status"): EVENT_STATUSES,
    ("canonical_events", "status"): EVENT_STATUSES,
    ("events", "date_granularity"): GRANULARITIES,
    ("event_participants", "role"): PARTICIPANT_ROLES,
    ("claims", "stance"): STANCES,
    ("canonical_claims", "stance"): STANCES,
    ("canonical_claims", "event_link"): EVENT_LINKS,
    ("document_companies", "kind"): COMPANY_KINDS,
    ("timexes", "type"): TIMEX_TYPES,
    ("claim_conflicts", "kind"): ITEM_KINDS,
    ("claim_conflicts", "relation"): CONFLICT_RELATIONS,
    ("claim_conflicts", "basis"): CONFLICT_BASES,
    ("company_timeline", "item"): ITEM_KINDS,
    ("claim_clusters", "match"): CLAIM_MATCHES,
    ("claim_clusters", "event_link"): EVENT_LINKS,
    ("event_clusters", "match"): EVENT_MATCHES,
}

IN_SET = "expect_column_values_to_be_in_set"


def value_set_expectation(column: str, values: tuple[str, ...]) -> dict:
    """A GX value-set expectation on a column; a value outside the vocabulary aborts the run."""
    kwargs = {"column": column, "value_set": list(values)}
    return {"type": IN_SET, "kwargs": kwargs, "meta": {"on_failure": "abort"}}


def sync_value_sets(suite: dict) -> list[str]:
    """Make the suite's value sets those of COLUMN_VOCABULARIES, in place; return columns changed.

    A value set is rewritten when it differs and added when the column has none.
    """
    changed = []
    wanted = {c: v for (t, c), v in COLUMN_VOCABULARIES.items() if t == suite["name"]}
    for expectation in suite["expectations"]:
        column = expectation["kwargs"].get("column")
        if expectation["type"] != IN_SET or column not in wanted:
            continue
        values = list(wanted.pop(column))
        if expectation["kwargs"]["value_set"] != values:
            expectation["kwargs"]["value_set"] = values
            changed.append(f"{suite['name']}.{column}")
    for column, values in wanted.items():
        suite["expectations"].append(value_set_expectation(column, values))
        changed.append(f"{suite['name']}.{column}")
    return changed


def write_expectations(directory: Path) -> list[str]:
    """Rewrite the value sets of every suite in `directory` from here; return the columns changed."""
    changed = []
    for path in sorted(directory.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        if found := sync_value_sets(suite):
            path.write_text(json.dumps(suite, indent=2) + "\n", encoding="utf-8")
            changed += found
    return changed


def main(argv: list[str] | None = None) -> None:
    """`python -m newsfacts.vocab --write-expectations`: bring the GX value sets in line."""
    parser = argparse.ArgumentParser(prog="python -m newsfacts.vocab", description=main.__doc__)
    parser.add_argument("--write-expectations", action="store_true", required=True)
    parser.parse_args(argv)
    changed = write_expectations(settings.EXPECTATIONS_DIR)
    print("\n".join(f"rewrote {c}" for c in changed) or "value sets already match")


if __name__ == "__main__":
    main()
