"""Companies and people with NER and syntax (issue #16, item 3): one invented sentence or two per
failure a new user met, and per rule of entity_syntax, government, org_aliases, tickers, titles.
"""

from __future__ import annotations

import pytest

from newsfacts.extract import analysis, registry
from newsfacts.extract import org_aliases as oa
from newsfacts.extract import tickers as tk
from newsfacts.extract.entities import add_entities
from newsfacts.extract.entity_syntax import name_sentences, ner_sentences, syntax_sentences
from newsfacts.extract.model import DocumentFacts, Person
from newsfacts.extract.text import sentence_spans


def _facts(body: str) -> DocumentFacts:
    facts = DocumentFacts()
    add_entities(body, facts)
    return facts


def _kinds(body: str) -> dict[str, str]:
    """Company name -> kind."""
    return {c.name: c.kind for c in _facts(body).companies}


def _names(body: str) -> set[str]:
    """Every name and alias of the companies found."""
    return {n for c in _facts(body).companies for n in (c.name, *c.aliases)}


def _person(body: str, name: str) -> Person:
    return next(p for p in _facts(body).people if p.name == name)


def _company_of(body: str, name: str) -> str | None:
    """Display name of the company a person is affiliated with."""
    facts = _facts(body)
    person = next(p for p in facts.people if p.name == name)
    return next((c.name for c in facts.companies if c.key == person.company_key), None)


# --- NER vetoes capitalised words that are not names -----------------------------------------


@pytest.mark.parametrize(
    ("body", "not_a_company"),
    [
        ("Separately, Brenmoor Foods said the offer was too low.", "Separately"),
        ("Eventually the board of Brenmoor Foods agreed to the sale.", "Eventually"),
        ("Estimates from Brenmoor Foods showed sales fell 4%.", "Estimates"),
        ("Worries grew after Brenmoor Foods cut its forecast.", "Worries"),
        ("Finance Minister Jo Bell met Brenmoor Foods executives on Monday.", "Finance"),
        ("Football chief Tom Ash said Brenmoor Foods would sponsor the league.", "Football"),
    ],
)
def test_sentence_openers_and_portfolios_are_not_companies(body: str, not_a_company: str) -> None:
    names = _names(body)
    assert not_a_company not in names
    assert "Brenmoor Foods" in names


def test_a_country_word_and_a_fragment_are_not_companies() -> None:
    body = "US Regulators said on Tuesday that Kestrel Air had broken safety rules."
    names = _names(body)
    assert "Kestrel Air" in names
    assert not names & {"US Regulators", "US", "Regulators"}


def test_a_place_or_nationality_is_never_a_company() -> None:
    kinds = _kinds("Sales in Malta rose 3%, Maltese exporters said, while Brenmoor Foods grew.")
    assert "Malta" not in kinds and "Maltese" not in kinds
    assert kinds.get("Brenmoor Foods") == "company"


def test_a_country_that_acts_is_a_government_not_a_company() -> None:
    kinds = _kinds("Malta said on Monday it would fine Brenmoor Foods for late filings.")
    assert kinds.get("Malta") == "government"


# --- kinds as the gold guidelines decide them --------------------------------------------------


def test_a_party_before_an_elected_members_title_is_a_political_party() -> None:
    assert _kinds("Labour MP Jane Doe asked whether the levy would pass.") == {
        "Labour": "political_party"
    }


def test_a_name_ending_in_party_is_a_political_party() -> None:
    kinds = _kinds("The Ostrian Liberty Party said it would oppose the bank levy.")
    assert kinds.get("Ostrian Liberty Party") == "political_party"


def test_a_competition_is_no_organisation_but_a_club_is_a_company() -> None:
    kinds = _kinds("Halden United beat Corvane Rovers in the Northern Cup final on Saturday.")
    assert kinds.get("Halden United") == "company"
    assert kinds.get("Corvane Rovers") == "company"
    assert not any("Cup" in name for name in kinds)


def test_a_product_is_no_organisation() -> None:
    body = "Brenmoor Electronics said its Zephyr X2 handset would go on sale in June."
    names = _names(body)
    assert "Brenmoor Electronics" in names
    assert not any("Zephyr" in n for n in names)


def test_regulators_and_courts_are_government_and_outlets_media() -> None:
    body = (
        "The Federal Trade Commission sued Brenmoor Foods on Monday, the Daily Ledger reported. "
        "The Danish government said it would not intervene."
    )
    kinds = _kinds(body)
    assert kinds.get("Federal Trade Commission") == "government"
    assert kinds.get("Danish government") == "government"
    assert kinds.get("Daily Ledger") == "media"


def test_a_government_named_by_its_country_adjective() -> None:
    body = "The Maltese government said it would sell its stake in Brenmoor Foods."
    assert _kinds(body).get("Maltese government") == "government"


def test_a_news_outlets_website_is_named_with_it() -> None:
    body = "Jo Bell told the Halden Post website that Brenmoor Foods would appeal."
    assert _kinds(body).get("Halden Post website") == "media"


# --- aliases and abbreviations merge --------------------------------------------------------


def test_an_abbreviation_defined_in_the_text_is_an_alias() -> None:
    body = (
        "The Halden Markets Authority (HMA) fined Brenmoor Foods on Monday. "
        "The HMA said the fine was the largest it had imposed."
    )
    companies = _facts(body).companies
    authority = [c for c in companies if "HMA" in (c.name, *c.aliases)]
    assert len(authority) == 1 and authority[0].name == "Halden Markets Authority"


def test_an_agency_acronym_is_not_split_and_merges_with_its_name() -> None:
    body = (
        "The Ostrava Bonds and Futures Commission opened an inquiry into Brenmoor Foods. "
        "The OBFC declined to comment."
    )
    companies = _facts(body).companies
    agency = [c for c in companies if "OBFC" in (c.name, *c.aliases)]
    assert len(agency) == 1 and agency[0].name == "Ostrava Bonds and Futures Commission"
    assert agency[0].kind == "government"
    assert not {c.name for c in companies} & {"Ostrava Bonds", "Futures Commission"}


def test_initials_written_without_brackets_merge() -> None:
    body = (
        "The Halden Stock Exchange rejected the offer from Corvane. "
        "Shares in the HSE rose 5% after the statement."
    )
    exchange = [c for c in _facts(body).companies if "HSE" in (c.name, *c.aliases)]
    assert len(exchange) == 1 and exchange[0].name == "Halden Stock Exchange"


def test_legal_form_and_the_variants_are_one_company() -> None:
    body = (
        "Tollan Dairies plc reported a loss. The Tollan Dairies board met on Friday, "
        "and Tollan Dairies said it would cut 200 jobs."
    )
    companies = [c for c in _facts(body).companies if c.key == "tollan dairies"]
    assert len(companies) == 1 and companies[0].name == "Tollan Dairies"


def test_a_first_word_short_form_merges_with_the_full_name() -> None:
    body = "Marlow & Keane agreed to buy the insurer. Marlow said the deal would close in May."
    companies = _facts(body).companies
    assert [c.name for c in companies] == ["Marlow & Keane"]
    assert "Marlow" in companies[0].aliases


def test_pure_initialism_helpers() -> None:
    assert oa.abbreviates("HMA", "Halden Markets Authority")
    assert oa.abbreviates("FDB", "Food and Drug Board")
    assert oa.abbreviates("Nato", "North Atlantic Treaty Organisation")
    assert not oa.abbreviates("HMA", "Halden Trade Authority")
    assert oa.acronym_pairs(["Halden Trade Board", "HTB", "Corvane"]) == [
        ("HTB", "Halden Trade Board")
    ]


# --- ticker markup --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Shares in Kestrel Air (NYSE: KSA) rose 5% on Monday.",
        "Kestrel Air <KSA.N> said on Monday that fares would rise.",
    ],
)
def test_ticker_markup_links_to_its_company_and_is_not_a_name(body: str) -> None:
    facts = _facts(body)
    assert [c.name for c in facts.companies] == ["Kestrel Air"]
    ticker = [m for m in facts.company_mentions if m.how == "ticker"]
    assert len(ticker) == 1 and ticker[0].company_key == "kestrel air"
    assert ticker[0].text == "KSA" or ticker[0].text == "KSA.N"


def test_find_tickers_spans() -> None:
    found = tk.find_tickers("Halden Corp (Nasdaq: HALD) and Corvane <CRV.L> fell; U.S. rose.")
    assert [(t.symbol, t.start) for t in found] == [("HALD", 12), ("CRV.L", 39)]


# --- titles and affiliations from syntax -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "name", "company"),
    [
        (
            "Jane Roe, chief executive of Brenmoor Foods, said sales rose.",
            "Jane Roe",
            "Brenmoor Foods",
        ),
        (
            "Brenmoor Foods chief executive Jane Roe said sales rose.",
            "Jane Roe",
            "Brenmoor Foods",
        ),
        (
            "Brenmoor Foods reported results. Brenmoor's chief executive, Jane Roe, said sales "
            "rose.",
            "Jane Roe",
            "Brenmoor Foods",
        ),
        (
            "Prices will rise, said Peter Hale of Kestrel Research in London.",
            "Peter Hale",
            "Kestrel Research",
        ),
        (
            "Prices will rise, said Peter Hale, a spokesman for anti-virus firm Corvane.",
            "Peter Hale",
            "Corvane",
        ),
        (
            "A close ally of former Brenmoor Foods boss Ivan Orlov has denied the charges.",
            "Ivan Orlov",
            "Brenmoor Foods",
        ),
    ],
)
def test_affiliation_from_apposition_possessive_and_of_phrases(
    body: str, name: str, company: str
) -> None:
    assert _company_of(body, name) == company


def test_a_past_title_keeps_its_company_and_says_former() -> None:
    body = "A close ally of former Brenmoor Foods boss Ivan Orlov has denied the charges."
    assert _person(body, "Ivan Orlov").title == "Former Boss"


def test_a_name_after_ex_hyphen_is_the_organisation_named_elsewhere() -> None:
    body = (
        "Brenmoor Foods shares fell 4% on Monday. Brenmoor blamed the tax claims on the "
        "ambitions of ex-Brenmoor boss Ivan Orlov."
    )
    assert _company_of(body, "Ivan Orlov") == "Brenmoor Foods"


def test_an_office_holder_belongs_to_the_government_of_his_country() -> None:
    body = (
        "The Maltese government said it would sell its stake in Brenmoor Foods. "
        "Maltese Prime Minister Joe Borg said the sale would raise funds."
    )
    assert _company_of(body, "Joe Borg") == "Maltese government"


def test_a_portfolio_before_an_office_title_is_no_country() -> None:
    body = (
        "The Ostrian government will review the rules for games, officials said. "
        '"Young players must be protected," said Culture Secretary Ana Varga after the talks.'
    )
    assert _company_of(body, "Ana Varga") == "Ostrian government"


def test_a_member_of_the_european_parliament_belongs_to_it() -> None:
    body = (
        "The European Parliament voted against the patent rules on Tuesday. "
        "Dutch Liberal MEP Anke Vos said the vote was a warning."
    )
    assert _company_of(body, "Anke Vos") == "European Parliament"


def test_owning_a_company_is_not_an_affiliation() -> None:
    body = "Mr Tom Ash, who owns Halden Hawks, has bid for Corvane United, the club said."
    assert _company_of(body, "Tom Ash") is None


# --- the analysis the component asks for ------------------------------------------------------


def test_name_sentences_gate_skips_sentences_that_cannot_hold_a_name() -> None:
    body = "It fell 5% on the day. Brenmoor said so. Then it rose. Analysts cited Corvane."
    spans = sentence_spans(body)
    assert name_sentences(body, spans) == [1, 3]


def test_ner_runs_on_every_name_sentence_and_the_parse_only_where_syntax_rules_read_it() -> None:
    body = (
        "It fell 5% on the day. Brenmoor said so. Talks stalled. Analysts cited Corvane. "
        "Jo Bell of Brenmoor agreed. The shop in Corvane closed. Norway banned the sale. "
        "Its new game Skyreach sold well."
    )
    spans = sentence_spans(body)
    assert ner_sentences(body, spans) == [1, 2, 3, 4, 5, 6, 7]  # "Talks": NER may veto it
    # a title word, "of" between names, a country beside an authority verb, a product noun
    assert syntax_sentences(body, spans) == [3, 4, 6, 7]


@pytest.mark.parametrize(
    ("body", "not_a_company"),
    [
        ("Separately, Brenmoor Foods opened a shop.", "Separately"),
        ("Eventually the board of Brenmoor Foods met.", "Eventually"),
    ],
)
def test_ner_vetoes_openers_in_sentences_it_reads_without_a_parse(
    body: str, not_a_company: str
) -> None:
    doc = analysis.analyse(body, None, registry.gates())
    assert doc.ner_checked and not doc.parsed
    assert not_a_company not in {c.name for c in registry.extract(body).companies}
    assert "Brenmoor Foods" in {c.name for c in registry.extract(body).companies}


def test_a_known_short_name_and_a_country_prefixed_name_merge() -> None:
    body = (
        "The US Department of Defense signed the contract with Kestrel Air. The Department of "
        "Defense said the aircraft would fly next year, and the Pentagon will pay in June."
    )
    defense = [c for c in _facts(body).companies if c.kind == "government"]
    assert len(defense) == 1
    assert {"Pentagon", "Department of Defense"} <= {defense[0].name, *defense[0].aliases}
