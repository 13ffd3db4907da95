"""Edited versions (issue #18, part 5): one article in two versions, a sentence or paragraph
edited, added or cut, is one canonical document; different articles are not. Invented texts."""

from __future__ import annotations

import polars as pl

from newsfacts import dedup, settings
from newsfacts.dedup import edited_version, find_duplicates, jaccard, shingles

LEDE = (
    "Norland Telecom will cut the price of its home broadband packages from next month after "
    "losing customers to smaller rivals for a third quarter in a row."
)
PARAGRAPHS = [
    LEDE,
    "The company said the cheapest package would fall to 18 pounds a month, down from 24 "
    "pounds, and that customers on older contracts would be moved to the new prices without "
    'having to ask. Chief executive Mara Ellison said the change was overdue. "We listened to '
    'people who told us we had become too expensive," she said.',
    "Analysts at Fenwick Research said the cut would cost Norland about 40 million pounds a "
    "year in lost revenue but could slow the flow of customers to regional providers, which "
    "have laid fibre in dozens of towns over the past two years. Norland has about 3.1 million "
    "broadband customers, according to its last annual report.",
    "Shares in the company fell 3% in morning trading before recovering most of the loss by "
    "the close. The industry regulator has been reviewing how providers raise prices in the "
    "middle of contracts and is expected to publish its findings in the spring.",
    "Norland also confirmed that it would close two of its call centres, in Dunmore and "
    "Kellsbridge, by the end of the year, moving the work to a larger site near the capital. "
    "The union representing call centre staff said it would seek talks about the 300 jobs.",
]
ARTICLE = "\n\n".join(PARAGRAPHS)
ADDED_SENTENCE = (
    "Some customers have written to the company to complain that the new prices do not apply "
    "to their bundled television packages."
)
NEW_PARAGRAPH = (
    "Consumer groups welcomed the move but said that many households were still paying far "
    "more than they needed to, and urged customers to compare offers when their contracts end "
    "rather than waiting for their provider to lower the price."
)


def with_paragraph(index: int, text: str, article: list[str] = PARAGRAPHS) -> str:
    """The article with paragraph `index` replaced by `text`."""
    return "\n\n".join(text if i == index else p for i, p in enumerate(article))


def flags(*bodies: str) -> dict[str, tuple[str | None, str | None]]:
    """doc_id -> (duplicate_of, duplicate_kind) of the bodies, ingested in this order."""
    docs = pl.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(bodies))],
            "content_hash": [str(hash(b)) for b in bodies],
            "published_date": pl.Series([None] * len(bodies), dtype=pl.Date),
            "ingest_order": list(range(len(bodies))),
            "body": list(bodies),
        }
    )
    out = find_duplicates(docs)
    return {d: (of, kind) for d, of, kind, _ in out.iter_rows()}


def test_added_sentence_and_cut_sentences_are_one_article() -> None:
    """The failure of the issue: a sentence added in one version, two cut in the other."""
    second = PARAGRAPHS[1].replace("she said.", f"she said. {ADDED_SENTENCE}")
    last = "Norland also confirmed that it would close two of its call centres."
    version = "\n\n".join([*PARAGRAPHS[:1], second, *PARAGRAPHS[2:4], last])
    assert jaccard(shingles(ARTICLE), shingles(version)) < settings.NEAR_DUP_THRESHOLD
    assert flags(ARTICLE, version)["d1"] == ("d0", "edited")


def test_edited_paragraph_is_one_article() -> None:
    version = with_paragraph(4, NEW_PARAGRAPH)
    assert jaccard(shingles(ARTICLE), shingles(version)) < settings.NEAR_DUP_THRESHOLD
    assert flags(ARTICLE, version)["d1"] == ("d0", "edited")


def test_edited_sentence_is_one_article() -> None:
    article = "\n\n".join(PARAGRAPHS[1:4])
    version = article.replace(
        "Shares in the company fell 3% in morning trading before recovering most of the loss by "
        "the close.",
        "Investors shrugged off the announcement and the shares ended the day little changed.",
    )
    assert jaccard(shingles(article), shingles(version)) < settings.NEAR_DUP_THRESHOLD
    assert flags(article, version)["d1"] == ("d0", "edited")


def test_three_word_edits_in_a_short_article_are_one_article() -> None:
    short = " ".join(PARAGRAPHS[:2])  # about 75 words: three edits move Jaccard below 0.8
    words = short.split(" ")
    for at, word in ((5, "lower"), (30, "older"), (60, "overdue,")):
        words[at] = word
    version = " ".join(words)
    assert jaccard(shingles(short), shingles(version)) < settings.NEAR_DUP_THRESHOLD
    assert flags(short, version)["d1"] == ("d0", "edited")


def test_article_updated_in_three_places_is_a_new_report() -> None:
    """An update that rewrites a sentence in three places reports new facts: not a duplicate,
    though most of its words are the first version's."""
    update = (
        ARTICLE.replace(
            "Chief executive Mara Ellison said the change was overdue.",
            "Chief executive Mara Ellison, speaking on Monday, admitted that rivals had forced "
            "the company's hand.",
        )
        .replace(
            "Norland has about 3.1 million broadband customers, according to its last annual "
            "report.",
            "Two of those regional providers said on Monday that they would match the new "
            "prices within a fortnight.",
        )
        .replace(
            "The union representing call centre staff said it would seek talks about the 300 jobs.",
            "The union representing call centre staff has called a ballot on strike action over "
            "the 300 jobs.",
        )
    )
    measures = dedup.version_measures(*dedup.shingle_sequences([ARTICLE, update]))
    assert measures.shared_a >= settings.EDITED_MIN_SHARED
    assert measures.passages_a == 3 and not measures.edited_version
    assert flags(ARTICLE, update)["d1"] == (None, None)


def test_different_articles_sharing_background_are_not_merged() -> None:
    """A follow-up with its own news and the same two background paragraphs."""
    follow_up = "\n\n".join(
        [
            "Norland Telecom said on Thursday that it had won back 20,000 customers in the "
            "first month of its lower broadband prices, more than it had expected.",
            "The figures, published alongside a trading update, showed fewer customers leaving "
            "in every region except the north-east, where a rival has just finished laying "
            "fibre. Finance director Tom Aske said the company would not cut prices again "
            "this year and that the cost of the cut was in line with its guidance.",
            PARAGRAPHS[2],
            PARAGRAPHS[3],
        ]
    )
    assert not edited_version(ARTICLE, follow_up)
    assert flags(ARTICLE, follow_up)["d1"] == (None, None)


def test_reports_from_one_template_with_new_figures_are_not_merged() -> None:
    """Daily reports written to one template differ in every sentence: many passages."""
    day = (
        "The Harbour index rose {a} points to {b} on {day}, led by gains in {sector}. "
        "Trading volumes were {vol} than the average of the past month, dealers said. "
        "The currency {fx} against the dollar to {rate} as investors {mood} the outlook. "
        "Bond yields {bond} after the central bank said it would {bank} rates. "
        "Among single stocks, {stock} shares moved the most, {move} after results. "
    )
    monday = day.format(
        a="12.3", b="4,812.1", day="Monday", sector="mining stocks", vol="higher",
        fx="rose", rate="1.24", mood="weighed", bond="fell", bank="hold", stock="Kestrel",
        move="up 6%",
    )  # fmt: skip
    tuesday = day.format(
        a="8.1", b="4,820.2", day="Tuesday", sector="bank shares", vol="lower",
        fx="slipped", rate="1.22", mood="reconsidered", bond="rose", bank="review",
        stock="Ardent", move="down 4%",
    )  # fmt: skip
    assert not edited_version(monday * 2, tuesday * 2)


def test_short_documents_are_judged_by_jaccard_alone() -> None:
    """Below EDITED_MIN_WORDS there is too little text to call a difference an edit."""
    a = "Norland Telecom will cut its broadband prices next month, the company said today."
    b = "Norland Telecom will cut its broadband prices next year, the company said on Monday."
    assert dedup.version_measures(*dedup.shingle_sequences([a, b])) is None
    assert flags(a, b)["d1"] == (None, None)


def test_a_chain_through_an_edited_version_is_labelled_edited() -> None:
    """d1 is a near copy of d0; d2 an edited version of d1: both point at d0 with their kind."""
    near = ARTICLE.replace("18 pounds", "19 pounds")
    edited = with_paragraph(4, NEW_PARAGRAPH, near.split("\n\n"))
    got = flags(ARTICLE, near, edited)
    assert got["d1"] == ("d0", "near") and got["d2"] == ("d0", "edited")


def test_shared_words_uncover_only_the_edited_words() -> None:
    """One replaced word uncovers that word alone; the passage count ignores word edits."""
    words = ARTICLE.split()
    edited = " ".join(["priced" if i == 40 else w for i, w in enumerate(words)])
    a, b = dedup.shingle_sequences([ARTICLE, edited])
    shared = dedup.shared_words(a, dedup.np.unique(b))
    assert (~shared).sum() == 1 and dedup.edited_passages(shared) == 0
