"""Control of a company changing hands is its acquisition (issue #17 recall), on invented
sentences: "took control of X" (the subject buys), "gave control of X to Y" (Y buys), and the
readings that are no deal: control of a thing that is no company, a generic "any firm"."""

from __future__ import annotations

import claims_events_support as support
from claims_events_support import of_type

events_of = support.events_among_invented
roles = support.roles


def test_taking_control_of_a_company_is_buying_it() -> None:
    body = "Brenmoor Foods took control of Tollan Dairies in March after a long fight."
    (event,) = of_type(events_of(body), "acquisition")
    assert event.company_key == "brenmoor foods"
    assert roles(event) == [("brenmoor foods", "agent"), ("tollan dairies", "target")]
    assert event.status == "occurred"


def test_control_given_to_a_company_makes_it_the_buyer() -> None:
    body = "The rescue deal gave control of Tollan Dairies to Halvard Bank last year."
    (event,) = of_type(events_of(body), "acquisition")
    assert event.company_key == "halvard bank"
    assert ("tollan dairies", "target") in roles(event)


def test_control_of_a_thing_or_by_any_firm_is_no_deal() -> None:
    body = (
        "Tollan Dairies says shoppers like taking control of their own orders. "
        "Brenmoor Foods will fight any firm that tries to take control of its assets."
    )
    assert not of_type(events_of(body), "acquisition")
