"""Earnings reports in wire style: report lines in, one financial_result per report and period out.

Wire services send short results as a headline and a table of "line item figure vs figure"
lines, one block per period:

    KESTREL FOODS INC <KSTF> 4TH QTR NET
    Shr 42 cts vs 35 cts
    Net 4,210,000 vs 3,480,000
    Revs 61.3 mln vs 55.9 mln
    Year
    Shr 1.60 dlrs vs 1.38 dlrs
    ...

Each period block becomes one Event (type financial_result, status occurred) whose line_items
hold every figure of the block, current and prior, in the one amounts schema (a loss is
negative); the event's own amount is the net figure (else the first line item). The company is
the one the headline (or the first line) names. Each line-item family is one rule, so its
figures can be measured and switched off: events.earnings.net, events.earnings.revenue,
events.earnings.per_share, events.earnings.operating_net, events.earnings.operating_per_share,
events.earnings.dividend, events.earnings.average_shares, events.earnings.pretax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsfacts.extract.amounts import SCALES, currency_table
from newsfacts.extract.model import Event, EventParticipant, LineItem

# Line item labels as wire copy writes them (lower case, spaces collapsed) -> item.
LINE_ITEMS: dict[str, str] = {
    "shr": "per_share",
    "shr profit": "per_share",
    "shr loss": "per_share",
    "primary shr": "per_share",
    "fully diluted shr": "per_share",
    "diluted shr": "per_share",
    "earnings per share": "per_share",
    "eps": "per_share",
    "oper shr": "operating_per_share",
    "oper shr profit": "operating_per_share",
    "oper shr loss": "operating_per_share",
    "net": "net",
    "net profit": "net",
    "net loss": "net",
    "net income": "net",
    "net earnings": "net",
    "profit": "net",
    "loss": "net",
    "oper net": "operating_net",
    "oper net profit": "operating_net",
    "oper net loss": "operating_net",
    "oper profit": "operating_net",
    "oper loss": "operating_net",
    "operating profit": "operating_net",
    "pretax": "pretax",
    "pre-tax": "pretax",
    "pretax net": "pretax",
    "pretax profit": "pretax",
    "pretax loss": "pretax",
    "pre-tax profit": "pretax",
    "revs": "revenue",
    "revenues": "revenue",
    "revenue": "revenue",
    "sales": "revenue",
    "net sales": "revenue",
    "total revenues": "revenue",
    "turnover": "revenue",
    "avg shrs": "average_shares",
    "avg shares": "average_shares",
    "qtly div": "dividend",
    "final div": "dividend",
    "interim div": "dividend",
    "div": "dividend",
    "dividend": "dividend",
}
# The item whose figure is the event's own amount, in order of preference.
HEADLINE_ITEMS = ("net", "operating_net", "revenue", "per_share", "pretax")
# Currency of a report that writes none: wire copy states dollar results without a unit.
DEFAULT_CURRENCY = "USD"

# "Shr 42 cts vs 35 cts", "Net loss: 1.2 mln vs profit 900,000", "Revs 45.6 mln vs 40.1 mln".
_NUMBER = r"(?:\(?[\d.,]*\d[\d.,]*\)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_LINE = re.compile(
    r"^[ \t]*(?P<label>[A-Za-z][A-Za-z .'/-]{0,30}?)[ \t]*:?[ \t]+"
    rf"(?P<current>(?:loss|profit)?[ \t]*{_NUMBER}[^\n]*?)[ \t]+vs\.?[ \t]+"
    rf"(?P<prior>(?:loss|profit)?[ \t]*{_NUMBER}[^\n]*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A period header line: "Year", "4th qtr", "Nine mths", "Qtr ended Dec 31", "Six months".
_PERIOD = re.compile(
    r"^[ \t]*(?P<period>(?:(?:1st|2nd|3rd|4th|first|second|third|fourth)[ \t]+(?:qtr|quarter)"
    r"|(?:three|six|nine|twelve|3|6|9|12)[ \t]+(?:mths|months)|year|yr|fiscal[ \t]+year"
    r"|(?:qtr|quarter)(?:[ \t]+(?:ended|to)[^\n]*)?|[a-z]{3}[ \t]+\d{1,2}[ \t]+(?:qtr|year))\b)"
    r"[^\n]{0,30}$",
    re.IGNORECASE | re.MULTILINE,
)
# The words that end a headline's company name: "KESTREL FOODS INC <KSTF> 4TH QTR NET".
_HEADLINE_TAIL = re.compile(
    r"\s*(?:<[A-Z.]+>|\b(?:1ST|2ND|3RD|4TH|FIRST|SECOND|THIRD|FOURTH|YEAR|YR|QTR|QUARTER|"
    r"THREE|SIX|NINE|TWELVE|HALF|INTERIM|FINAL|NET|LOSS|PROFIT|EARNINGS|RESULTS)\b)"
)
# Number words wire copy writes in figures: "vs profit eight cts".
_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate("zero one two three four five six seven eight nine ten".split())  # noqa: SIM905
}
_FIGURE = re.compile(
    r"(?P<sign>loss|profit)?\s*(?P<open>\()?(?P<number>\d[\d,]*(?:\.\d+)?|\.\d+|"
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten)(?P<pence>p)?\)?\s*"
    r"(?P<scale>mln|bln|billion|million|thousand|mn|bn|m)?(?![A-Za-z])\s*"
    r"(?P<unit>[A-Za-z][A-Za-z ]*)?",
    re.IGNORECASE,
)


@dataclass
class Block:
    """The line items of one period of one report."""

    period: str | None
    start: int
    end: int
    items: list[LineItem] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """One side of a report line: its value (signed) and how it was written."""

    value: float | None
    currency: str | None
    currency_text: str | None
    scale: str | None
    shares: bool = False


def report_lines(text: str) -> list[re.Match[str]]:
    """The "line item figure vs figure" lines of a text whose label is a known line item."""
    return [m for m in _LINE.finditer(text) if _item(m.group("label")) is not None]


def is_earnings_report(text: str) -> bool:
    """Whether a text holds an earnings table (two or more report lines)."""
    return len(report_lines(text)) >= 2


def _item(label: str) -> str | None:
    """The line item of a label: "Shr loss" -> per_share, "Revs" -> revenue."""
    return LINE_ITEMS.get(" ".join(label.lower().split()))


def parse_figure(text: str, default_currency: str | None) -> Figure:
    """ "1.2 mln" -> 1.2e6, "42 cts" -> 0.42 USD, "loss 900,000" -> -9e5, "(1.5) mln" -> -1.5e6."""
    m = _FIGURE.match(text.strip())
    if not m:
        return Figure(None, None, None, None)
    number = m.group("number").lower()
    value = _NUMBER_WORDS.get(number) or float(number.replace(",", ""))
    scale = m.group("scale")
    value *= SCALES.get(scale.lower(), 1.0) if scale else 1.0
    written = (m.group("unit") or "").strip() or (m.group("pence") or "")  # "14.2p": pence
    cur = currency_table().get(written.lower()) if written else None
    if cur is not None:
        value *= cur.factor
    negative = (m.group("sign") or "").lower() == "loss" or bool(m.group("open"))
    shares = written.lower() in ("shrs", "shares")
    currency = cur.code if cur else (None if shares else default_currency)
    if cur is not None and written.lower() in ("cts", "ct", "cents", "cent") and default_currency:
        currency = default_currency  # cents of the report's currency ("Canadian" cents)
    value = float(f"{value:.12g}")  # 16.1 mln is 16100000, not 16100000.000000002
    return Figure(
        -value if negative else value,
        currency,
        written if cur else None,
        scale,
        shares,
    )


def _report_currency(text: str) -> str:
    """The currency a report writes anywhere ("1.60 dlrs", "45.2 mln stg", "All figures in
    Canadian dlrs"), else USD."""
    m = _currency_words().search(text)
    return currency_table()[" ".join(m.group().lower().split())].code if m else DEFAULT_CURRENCY


@lru_cache(maxsize=1)
def _currency_words() -> re.Pattern[str]:
    """Main-unit currency words, longest first ("Canadian dlrs" before "dlrs")."""
    words = [w for w, c in currency_table().items() if c.kind == "word" and c.factor == 1]
    alternation = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w$])(?:{alternation})(?!\w)", re.IGNORECASE)


def line_item(m: re.Match[str], default_currency: str) -> LineItem:
    """The LineItem of one report line: both figures in the amounts schema."""
    item = _item(m.group("label")) or "other"
    loss_label = "loss" in m.group("label").lower()
    current = parse_figure(m.group("current"), default_currency)
    prior = parse_figure(m.group("prior"), default_currency)
    value = current.value
    if loss_label and value is not None and not m.group("current").lower().startswith("profit"):
        value = -abs(value)  # "Net loss 1.2 mln vs ..."
    prior_value = prior.value
    if loss_label and prior_value is not None and not m.group("prior").lower().startswith("profit"):
        prior_value = -abs(prior_value)
    shares = item == "average_shares" or current.shares
    return LineItem(
        item=item,
        amount=value,
        prior_amount=prior_value,
        currency=None if shares else current.currency,
        currency_text=current.currency_text,
        unit="shares" if shares else "money",
        scale=current.scale,
        start=m.start("label"),
        end=m.end(),
        rule=f"events.earnings.{item}",
    )


def blocks(text: str) -> list[Block]:
    """The period blocks of the report lines of a text: lines before any period header belong
    to the headline's period ("4TH QTR NET")."""
    currency = _report_currency(text)
    period = headline_period(text)
    out: list[Block] = []
    lines = report_lines(text)
    headers = [p for p in _PERIOD.finditer(text) if not _LINE.match(p.group())]
    for m in lines:
        before = [h for h in headers if h.end() <= m.start()]
        label = before[-1].group("period") if before else period
        if not out or out[-1].period != label or (before and before[-1].start() > out[-1].end):
            out.append(Block(label, m.start(), m.end()))
        item = line_item(m, currency)
        if all(i.item != item.item for i in out[-1].items):  # one figure per item and period
            out[-1].items.append(item)
        out[-1].end = m.end()
    return out


def _headline(text: str) -> str | None:
    """The first line of a report when it reads as a wire headline (ALL CAPS)."""
    first = text.strip().split("\n", 1)[0].strip()
    letters = [c for c in first if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.9 * len(letters):
        return None
    return first


def headline_company(text: str) -> str | None:
    """The company a report's headline (its first line) names: "KESTREL FOODS INC <KSTF> 4TH
    QTR NET" -> "KESTREL FOODS INC"; a first line with a ticker in any case also names it."""
    first = _headline(text)
    if first is None:
        line = text.strip().split("\n", 1)[0]
        ticker = re.match(r"^(?P<name>[^<\n]{2,80}?)\s*<[A-Z.]+>", line)
        return ticker.group("name").strip() if ticker else None
    tail = _HEADLINE_TAIL.search(first)
    name = first[: tail.start()] if tail else first
    return name.strip(" ,.-") or None


def headline_period(text: str) -> str | None:
    """The period a headline names for the lines before any period header: "4TH QTR", "YEAR
    TO MARCH 31"."""
    first = _headline(text)
    if first is None:
        return None
    tail = _HEADLINE_TAIL.search(first)
    rest = first[tail.start() :] if tail else ""
    rest = re.sub(r"<[A-Z.]+>|\b(?:NET|LOSS|PROFIT|EARNINGS|RESULTS)\b", " ", rest)
    return " ".join(rest.split()) or None


def period_events(text: str, company_key: str | None) -> list[Event]:
    """One financial_result Event per period block, with every line item on it."""
    events = []
    for block in blocks(text):
        items = {i.item: i for i in block.items}
        main = next((items[k] for k in HEADLINE_ITEMS if k in items), block.items[0])
        events.append(
            Event(
                start=block.start,
                end=block.end,
                event_type="financial_result",
                status="occurred",
                trigger=text[main.start : main.end],
                trigger_start=main.start,
                trigger_end=main.end,
                company_key=company_key,
                participants=(EventParticipant(company_key, "agent"),) if company_key else (),
                amount=main.amount,
                unit=main.unit,
                currency=main.currency,
                currency_text=main.currency_text,
                scale=main.scale,
                prior_amount=main.prior_amount,
                rule="events.earnings.report",
                line_items=tuple(block.items),
                confidence=0.9,
            )
        )
    return events
