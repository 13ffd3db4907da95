"""Names that are not organisations (newsfacts.extract.entity_things and the syntax rules beside
it): indices, a firm's products, facilities, sentence-opening words, glued descriptors, names cut
at "and", constituencies and people in appositions. Every text is invented."""

from __future__ import annotations

import pytest

from newsfacts.extract import entity_things as et
from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts
from newsfacts.extract.names import Doc, make_doc


def _facts(body: str) -> DocumentFacts:
    facts = DocumentFacts()
    add_entities(body, facts)
    return facts


def _names(body: str) -> set[str]:
    return {c.name for c in _facts(body).companies}


@pytest.mark.parametrize(
    ("body", "index"),
    [
        ("Shares in Corvane rose while the Ostrava Composite index of leading shares fell 2%.",
         "Ostrava Composite"),
        ("Brenmoor Foods lifted the Halvard 250 by 1.2% on Monday, traders said.", "Halvard"),
    ],
)  # fmt: skip
def test_a_market_index_is_no_organisation(body: str, index: str) -> None:
    assert index not in _names(body)


def test_a_year_after_a_name_is_no_index_size() -> None:
    body = "Tollan Dairies said profits rose. Brenmoor Foods bought Tollan Dairies in 2003."
    assert "Tollan Dairies" in _names(body)


def test_a_named_product_after_a_firms_possessive_is_no_organisation() -> None:
    body = (
        "Kestrel Software said the Lumora Hub would ship in May. Analysts praised "
        "Kestrel Software's Lumora Hub, which links televisions to home computers."
    )
    assert "Lumora Hub" not in _names(body)


def test_a_named_unit_after_a_firms_possessive_stays() -> None:
    body = "Corvane said Corvane's Halvard Securities investment arm would hire 40 traders."
    assert "Halvard Securities" in _names(body)


@pytest.mark.parametrize(
    "body",
    [
        "Work began on the Brakstone Valley Power Plant, owned by Tollan Energy, last year.",
        "Tourists queued at the Statue of Peace before Halden Air flew them home.",
    ],
)
def test_facilities_are_no_organisations(body: str) -> None:
    names = _names(body)
    assert not any(n.endswith("Plant") or n.startswith("Statue") for n in names)


def test_an_ordinary_word_opening_a_sentence_is_no_name() -> None:
    body = (
        "Regulators are wary of shipping firms owned abroad. Shipping is one of three sectors "
        "covered by the new rules, Corvane Lines said."
    )
    assert "Shipping" not in _names(body)


def test_a_state_owner_is_no_organisation() -> None:
    body = "State-owned Halvard Oil bought the refinery for $2bn."
    names = _names(body)
    assert "State" not in names


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Miners Brakstone Resources and Tollan Metals raised iron ore prices by 20%.",
         "Brakstone Resources"),
        ("Buyers named so far include parcels-owner Halden Post and Corvane Capital.",
         "Halden Post"),
    ],
)  # fmt: skip
def test_a_glued_descriptor_is_cut_off_the_name(body: str, name: str) -> None:
    names = _names(body)
    assert name in names
    assert not any(n.startswith(("Miners", "parcels")) for n in names)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ('"Demand is weak," said Ana Reyes, chief economist at Fact and Figure Research in Rome.',
         "Fact and Figure Research"),
        ("Ian Moss, director general of Music and Leisure Retailers Association, said sales fell.",
         "Music and Leisure Retailers Association"),
    ],
)  # fmt: skip
def test_ordinary_words_around_and_make_one_name(body: str, name: str) -> None:
    facts = _facts(body)
    assert name in {c.name for c in facts.companies}
    person = facts.people[0]
    org = {c.key: c.name for c in facts.companies}.get(person.company_key or "")
    assert org == name


def test_two_firms_joined_by_and_stay_two() -> None:
    body = "Brakstone Mining and Ulvik Steel agreed to merge, Brakstone Mining said on Monday."
    names = _names(body)
    assert "Brakstone Mining and Ulvik Steel" not in names


def test_a_place_before_a_members_title_is_a_seat_not_a_party() -> None:
    body = "Jo Hale, the Leeds Central MP, said Corvane Motors should keep the plant open."
    facts = _facts(body)
    assert "Leeds Central" not in {c.name for c in facts.companies}
    assert facts.people and facts.people[0].company_key is None


def test_a_persons_role_in_an_apposition_makes_no_organisation() -> None:
    body = "Dana Whitlow, the head of chip maker Corvane Devices, backed the plan on Monday."
    names = _names(body)
    assert "Dana Whitlow" not in names
    assert "Corvane Devices" in names


def test_a_lower_case_head_after_a_name_is_one_more_surface() -> None:
    body = "A year after Corvane bought the Tollan bank, Tollan posted record profits."
    tollan = next(c for c in _facts(body).companies if c.name == "Tollan")
    assert "Tollan bank" in tollan.aliases


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Dr Ada Lunn of the Urban Policy Research Group said fares would rise.",
         "Urban Policy Research Group"),
        ("The Freight Studies Group said rail traffic fell, while Halvard Rail said it rose.",
         "Freight Studies Group"),
    ],
)  # fmt: skip
def test_a_research_group_is_an_other_organisation(body: str, name: str) -> None:
    kinds = {c.name: c.kind for c in _facts(body).companies}
    assert kinds.get(name) == "other_org"


def test_a_business_group_stays_a_company() -> None:
    body = "Brenmoor Holdings Group said profits rose 4% in the year to March."
    kinds = {c.name: c.kind for c in _facts(body).companies}
    assert kinds.get("Brenmoor Holdings Group") == "company"


def test_the_title_of_a_directive_is_no_organisation() -> None:
    body = (
        "Ministers want changes to the Directive on the Taxation of Digital Royalties, which "
        "Corvane Media opposes, before the vote."
    )
    names = _names(body)
    assert not any("Taxation" in n for n in names)


# --- each rule alone, on segments marked as a cue rule would mark them ------------------------


def _doc(body: str, orgs: dict[str, str]) -> Doc:
    """A Doc whose segments named in `orgs` are organisations found by the given rule."""
    doc = make_doc(body)
    for seg in doc.segments:
        if seg.text in orgs:
            seg.role, seg.how = "org", orgs[seg.text]
    return doc


def _role(doc: Doc, text: str) -> str | None:
    return next((s.role for s in doc.segments if s.text == text), None)


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("The Ostrava Composite index fell 2% on Monday.", "Ostrava Composite", "common"),
        ("Traders sold the Halvard 250 early on Monday.", "Halvard", "common"),
        ("Analysts said Halvard 2004 results were weak.", "Halvard", "org"),
    ],
)
def test_market_indices_rule(body: str, name: str, role: str) -> None:
    doc = _doc(body, {name: "ner_org"})
    et.market_indices(doc)
    assert _role(doc, name) == role


@pytest.mark.parametrize(
    ("body", "role"),
    [
        ("Analysts praised Kestrel's Lumora Hub, which links televisions.", "product"),
        ("Analysts praised Kestrel's Lumora Hub internet division on Monday.", "org"),
    ],
)
def test_firms_products_rule(body: str, role: str) -> None:
    doc = _doc(body, {"Kestrel": "gazetteer", "Lumora Hub": "ner_org"})
    et.firms_products(doc)
    assert _role(doc, "Lumora Hub") == role


def test_sentence_opening_words_rule() -> None:
    body = "Ports face new rules on shipping. Shipping is one of three sectors named."
    doc = _doc(body, {"Shipping": "ner_org", "Ports": "ner_org"})
    et.sentence_opening_words(doc)
    assert _role(doc, "Shipping") == "common"
    assert _role(doc, "Ports") == "org"  # never written in lower case here


def test_descriptor_openers_rule() -> None:
    doc = make_doc("Miners Brakstone Resources and Tollan Metals raised prices.")
    et.descriptor_openers(doc)
    assert _role(doc, "Brakstone Resources") == "org"
    assert _role(doc, "Miners Brakstone Resources") is None


@pytest.mark.parametrize(
    ("body", "joined"),
    [
        ("He is chief economist at Fact and Figure Research in Rome.", True),
        ("He is chief economist at Brakstone and Ulvik in Rome.", False),
    ],
)
def test_ordinary_word_pairs_rule(body: str, joined: bool) -> None:
    doc = _doc(body, {"Fact": "affiliation_cue", "Brakstone": "affiliation_cue"})
    et.ordinary_word_pairs(doc)
    assert (_role(doc, "Fact and Figure Research") == "org") is joined


def test_titles_of_things_rule() -> None:
    body = "Ministers want changes to the Directive on the Taxation of Royalties this year."
    doc = _doc(body, {"Taxation of Royalties": "ner_org"})
    et.titles_of_things(doc)
    assert _role(doc, "Taxation of Royalties") == "common"
