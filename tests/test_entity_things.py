"""Names that are not organisations (newsfacts.extract.entity_things and the syntax rules beside
it): indices, a firm's products, facilities, sentence-opening words, glued descriptors, names cut
at "and", constituencies and people in appositions. Every text is invented."""

from __future__ import annotations

import pytest

from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts


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
