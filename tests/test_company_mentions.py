"""Company mentions: names with and without legal forms, possessives, descriptors, kinds."""

from __future__ import annotations

import pytest

from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts
from newsfacts.extract.text import sentence_spans


def _facts(body: str) -> DocumentFacts:
    facts = DocumentFacts()
    add_entities(body, facts)
    return facts


def test_offsets_point_into_the_body() -> None:
    body = "Harlow Motor Co. said Harlow's CEO, Maria Costa, would visit Zhenfeng Auto Ltd. in May."
    facts = _facts(body)
    assert facts.company_mentions
    for m in facts.company_mentions + facts.person_mentions:
        assert body[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Harlow Motor Co. posted a loss. Harlow said demand was weak.", "Harlow Motor"),
        ("Zhenfeng Auto Co. Ltd. will list its shares in Hong Kong.", "Zhenfeng Auto"),
        ("Brookfield Grocers Inc. will close 40 stores.", "Brookfield Grocers"),
    ],
)
def test_legal_form_is_removed_from_the_canonical_name(body: str, name: str) -> None:
    assert name in {c.name for c in _facts(body).companies}


def test_possessive_mention_excludes_the_apostrophe() -> None:
    body = "Norvik announced a new phone. Norvik's shares rose 3 percent."
    texts = [m.text for m in _facts(body).company_mentions]
    assert texts.count("Norvik") == 2


def test_descriptor_resolves_to_the_recent_company() -> None:
    body = (
        "Meridian Telecom announced a new tariff on Monday. "
        "The Oslo-based carrier said prices would fall."
    )
    mentions = [m for m in _facts(body).company_mentions if m.how == "descriptor"]
    assert [(m.text, m.company_key) for m in mentions] == [
        ("The Oslo-based carrier", "meridian telecom")
    ]


@pytest.mark.parametrize(
    ("body", "name", "kind"),
    [
        ("The FCC fined Meridian Telecom on Friday.", "FCC", "government"),
        (
            "Officials at the Commerce Department declined to comment.",
            "Commerce Department",
            "government",
        ),
        ("Norvik confirmed the plan to Reuters on Tuesday.", "Reuters", "media"),
        (
            "Professor Helen Marsh of Kingsford University said so.",
            "Kingsford University",
            "other_org",
        ),
    ],
)
def test_kind_of_organisation(body: str, name: str, kind: str) -> None:
    assert (name, kind) in {(c.name, c.kind) for c in _facts(body).companies}


def test_parent_from_owned_by_phrase() -> None:
    facts = _facts("Talks continued with Pinecrest-owned Lumo Capital, people said.")
    parents = {c.name: c.parent_key for c in facts.companies}
    assert parents["Lumo Capital"] == "pinecrest"


def test_product_after_a_company_name_is_not_a_company_mention() -> None:
    body = "Norvik announced a phone. The Norvik Aurora Pro goes on sale in June."
    texts = [m.text for m in _facts(body).company_mentions]
    assert "Norvik Aurora Pro" not in texts and texts.count("Norvik") == 1


def test_sentence_spans_keep_abbreviations_together() -> None:
    body = "Mr. Lindqvist met Harlow Motor Co. executives. They agreed.\nNext line"
    spans = sentence_spans(body)
    assert [body[s:e] for s, e in spans] == [
        "Mr. Lindqvist met Harlow Motor Co. executives.",
        "They agreed.",
        "Next line",
    ]


def test_a_name_ending_in_an_ampersand_letter_ends_a_sentence() -> None:
    # "B&Q." closes a name, not an initial such as "W. Ross"
    body = "Norvik sold its phones through B&Q. But the deal between them collapsed."
    spans = sentence_spans(body)
    assert [body[s:e] for s, e in spans] == [
        "Norvik sold its phones through B&Q.",
        "But the deal between them collapsed.",
    ]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Tablet shipments fell 9% in the quarter, as recently reported by QTX.", "QTX"),
        ("According to MKR, smartphone sales rose 4 percent last year.", "MKR"),
        ("Panelmark data showed that television sales slowed in March.", "Panelmark"),
        ("Figures from Brandlytic suggest online sales doubled.", "Brandlytic"),
        ("The poll was conducted by VoxGauge for the newspaper.", "VoxGauge"),
        ("According to ZMN Research, prices climbed.", "ZMN Research"),
    ],
)
def test_sources_of_figures_are_organisations(body: str, name: str) -> None:
    assert name in {c.name for c in _facts(body).companies}


@pytest.mark.parametrize(
    "body",
    [
        "According to Hartley, the deal is off.",
        "According to US officials, exports fell.",
        "According to analysts, margins narrowed.",
        "Sales rose, according to Maria Costa.",
    ],
)
def test_surnames_and_places_after_according_to_are_not_organisations(body: str) -> None:
    assert _facts(body).companies == []


def test_a_portfolio_before_a_minister_or_secretary_is_no_organisation() -> None:
    # GUIDELINES section 2: "Ostrian finance minister Lena Ruud" names a role, not a body.
    facts = _facts("Trade Minister Ann Lee met Norvik Chairman Ole Berg on Monday.")
    kinds = {c.name: c.kind for c in facts.companies}
    assert kinds == {"Norvik": "company"}


def test_a_name_before_an_elected_members_title_is_a_party() -> None:
    facts = _facts("Green MP Jane Doe asked whether the levy would pass.")
    assert {c.name: c.kind for c in facts.companies} == {"Green": "political_party"}
    assert [(p.name, p.title) for p in facts.people] == [("Jane Doe", "MP")]


def test_known_short_form_after_the_full_name_is_the_same_company() -> None:
    """Full name first, short form after: one company, though the short form is a known name."""
    body = (
        "Toyota Tsusho Logistics has withdrawn its offer for Kellan Freight. "
        "Toyota said on Friday that the price was too high."
    )
    facts = _facts(body)
    keys = {m.text: m.company_key for m in facts.company_mentions}
    assert keys["Toyota"] == keys["Toyota Tsusho Logistics"]
    assert "Toyota" not in {c.name for c in facts.companies}


def test_known_name_before_its_named_unit_stays_apart() -> None:
    """A known parent named first and a unit named later are two companies."""
    body = (
        "Toyota said its sales rose 4% in May. "
        "Its trading arm, Toyota Tsusho Logistics, will open an office in Lagos."
    )
    names = {c.name for c in _facts(body).companies}
    assert {"Toyota", "Toyota Tsusho Logistics"} <= names


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "The mill was sold to a consortium that included Taras Melnik, the president's "
            "son-in-law, for $800m.",
            "Taras Melnik",
        ),
        (
            "The mill was sold to a consortium that included Rinat Sabirov, the president's "
            "son-in-law, for $800m.",
            "Rinat Sabirov",
        ),
        (
            "The deal will need the approval of major shareholders John Magnier and TJ Dolan, "
            "who own 28.9% of the club.",
            "TJ Dolan",
        ),
    ],
)
def test_a_name_beside_a_person_is_no_company(body: str, name: str) -> None:
    """Person-shaped names the NER model reads as organisations here: an apposition naming a
    person or a coordination with a person's name says they are people."""
    facts = _facts(body)
    assert name not in {c.name for c in facts.companies}
    assert name in {p.name for p in facts.people}


def test_a_name_opening_or_ending_with_a_product_is_a_product() -> None:
    """What NER calls an organisation but opens or ends with a product the text writes beside a
    product noun ("the Zapbox handheld console") is a product: "Zapbox Advance SP", "World of
    Zapbox"; an organisation head word keeps a name ("Zapbox Labs")."""
    from types import SimpleNamespace

    from newsfacts.extract.entity_context import names_a_product as _names_a_product

    ner = SimpleNamespace(products=frozenset({"Zapbox"}))
    assert _names_a_product(ner, "Zapbox Advance SP")
    assert _names_a_product(ner, "World of Zapbox")
    assert not _names_a_product(ner, "Zapbox Labs")
    assert not _names_a_product(ner, "Halden Foods")


def test_a_paper_sharing_its_title_is_named_in_full() -> None:
    """ "The Daily and Sunday Herald": the first paper is the Daily Herald, not "Daily"."""
    body = "The Daily and Sunday Herald are axing 90 journalist jobs, the Herald Group said."
    names = {c.name for c in _facts(body).companies}
    assert "Daily" not in names
    assert {"Daily Herald", "Sunday Herald"} <= names
