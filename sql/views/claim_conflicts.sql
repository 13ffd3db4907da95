-- one row per (kind, a_id, b_id, company_id): a statement or event and its denial by a party to it (or a deal and its cancellation, or two speakers' incompatible counts), on the same proposition
CREATE OR REPLACE VIEW claim_conflicts AS
WITH proposition AS (
    SELECT
        canonical_event_id AS event_id, event_type AS topic, company_id AS main_company,
        coalesce(counterparty_ids, []) AS counterparties, location, status
    FROM canonical_events
),
positions AS (  -- a statement takes the proposition (type, main company, other side, place) of the event it states
    SELECT
        'claim' AS kind, c.canonical_claim_id AS id, e.event_id, e.topic, e.main_company,
        e.counterparties, e.location, e.status, c.stance AS position, c.speaker_company_id AS speaker_company,
        c.scope, [c.speaker] AS speakers, c.first_seen, c.last_seen, c.doc_ids, c.story_id, c.evidence
    FROM canonical_claims c
    LEFT JOIN proposition e ON e.event_id = c.canonical_event_id  -- no event stated: NULLs
    UNION ALL
    SELECT
        'event', x.canonical_event_id, x.canonical_event_id, e.topic, e.main_company,
        e.counterparties, e.location, x.status, x.status, NULL, x.scope, x.speakers, x.first_seen,
        x.last_seen, x.doc_ids, x.story_id, x.evidence
    FROM canonical_events x
    JOIN proposition e ON e.event_id = x.canonical_event_id
),
sides AS (  -- a denial: the stance or status of newsfacts.vocab.DENIALS (tests/test_vocab.py checks)
    SELECT *, position IN ('deny', 'denied') AS denies FROM positions
),
parties AS (  -- the sides whose main company is known: denials and cancellations compare it
    SELECT * FROM sides WHERE main_company IS NOT NULL
),
sentences AS (  -- every report's evidence sentence, to keep a sentence from facing itself
    SELECT 'claim' AS kind, k.canonical_claim_id AS id, c.doc_id, c.start_char
    FROM claim_clusters k JOIN claims c USING (claim_id)
    UNION ALL
    SELECT 'event', k.canonical_event_id, e.doc_id, e.start_char
    FROM event_clusters k JOIN events e USING (event_id)
),
denials AS (  -- one position and its denial by a party to it, on the same proposition
    SELECT a.kind, a.id AS a_id, b.id AS b_id, a.main_company AS company_id, 'denial' AS basis
    FROM parties a
    JOIN parties b
        ON a.kind = b.kind
        AND a.topic = b.topic
        AND NOT a.denies
        AND b.denies
        -- a denial ("no plans to", "not in talks") answers a plan or a rumour, not a thing done
        AND a.status IN ('planned', 'speculated')
        -- within one article only a rumour and its denial: a company's own plan beside its "no
        -- plans outside Japan" narrows the plan, it does not contradict it
        AND (a.status = 'speculated' OR a.doc_ids <> b.doc_ids)
        AND a.main_company = b.main_company  -- the same company in the same role (the main one)
        AND a.event_id <> b.event_id  -- never two reports of one canonical claim or event
        -- results and catch-all events are no plans a party can deny ("rejected calls for a
        -- windfall tax" beside a dividend forecast); a launch denied for one product says
        -- nothing of another ("no plans to sell the adapter outside Japan" beside the console's
        -- launch), and products are not told apart
        AND a.topic NOT IN ('financial_result', 'other', 'product_launch')
        -- a denial answers a report of its own story; across stories the "same" plan is too
        -- often another one, so there both product lines must be known (and the pair is an
        -- update when they differ: a phone plan, later "no plans" for cars)
        AND (a.story_id = b.story_id OR (a.scope IS NOT NULL AND b.scope IS NOT NULL))
        AND (len(a.counterparties) = 0 OR len(b.counterparties) = 0
             OR list_has_any(a.counterparties, b.counterparties))
        AND (a.location IS NULL OR b.location IS NULL OR a.location = b.location)
        -- a statement denies only when the party whose act it is speaks: a target rejecting an
        -- offer is not the bidder denying its bid
        AND (b.kind = 'event' OR b.speaker_company = b.main_company)
),
collapses AS (  -- a planned or talked-about deal and its cancellation: always an update
    SELECT a.kind, a.id AS a_id, b.id AS b_id, a.main_company AS company_id, 'cancellation' AS basis
    FROM parties a
    JOIN parties b
        ON a.kind = 'event'
        AND b.kind = 'event'
        AND b.topic = 'deal_cancelled'
        AND a.topic IN ('acquisition', 'investment', 'partnership', 'ipo', 'market_entry')
        AND a.position IN ('planned', 'speculated')
        AND b.position = 'occurred'
        -- both name the other side, and the two parties are the same two
        AND len(a.counterparties) > 0
        AND (b.main_company = a.main_company OR list_contains(a.counterparties, b.main_company))
        AND list_has_any(b.counterparties, list_append(a.counterparties, a.main_company))
),
triggers AS (  -- every word or phrase the reports of a canonical event were found by
    SELECT DISTINCT k.canonical_event_id AS event_id, lower(x.trigger) AS trigger
    FROM event_clusters k JOIN events x USING (event_id)
),
namings AS (  -- a statement of a rumoured or planned event, and a party to it denying it by name
    -- ("Brenmoor may be linked to Tollan", analysts said; Tollan said it "is not linked to
    -- Brenmoor in any way"): the denial states no event of its own but repeats a word the event
    -- was reported by, in the same story, and the one denying is not the one rumouring
    SELECT a.kind, a.id AS a_id, b.id AS b_id, b.speaker_company AS company_id, 'named denial' AS basis
    FROM sides b
    JOIN sides a
        ON a.kind = 'claim'
        AND b.kind = 'claim'
        AND b.denies
        AND b.event_id IS NULL
        AND NOT a.denies
        AND a.status IN ('planned', 'speculated')
        AND a.story_id = b.story_id
        AND (b.speaker_company = a.main_company OR list_contains(a.counterparties, b.speaker_company))
        AND a.speaker_company IS DISTINCT FROM b.speaker_company
    JOIN canonical_claims c ON c.canonical_claim_id = b.id
    WHERE EXISTS (
        SELECT 1 FROM triggers t
        WHERE t.event_id = a.event_id
            AND regexp_matches(lower(c.content), '\b' || regexp_escape(t.trigger) || '\b')
    )
),
figures AS (  -- the first count of firms, jobs or staff a statement gives ("more than 3,000
    -- businesses", "only 30 to 40 top firms", "dozens of companies"), with where it was said
    SELECT
        c.canonical_claim_id AS id, c.story_id, coalesce(c.speaker_key, lower(c.speaker)) AS speaker,
        coalesce(c.speaker_company_id, c.company_ids[1]) AS company_id, c.first_seen, x.doc_id, x.start_char,
        regexp_extract(
            lower(c.content),
            '\b(\d[\d,]*|dozens|hundreds|thousands)\s+(?:of\s+)?(?:[a-z-]+\s+)?'
            || '(firms|companies|businesses|jobs|posts|workers|staff|employees)\b'
        ) AS figure
    FROM canonical_claims c
    JOIN claims x ON x.claim_id = c.anchor_claim_id
),
counts AS (  -- the figure as a number (a vague plural as a typical value) and what it counts
    SELECT
        *,
        CASE split_part(figure, ' ', 1)
            WHEN 'dozens' THEN 24 WHEN 'hundreds' THEN 200 WHEN 'thousands' THEN 2000
            ELSE try_cast(replace(split_part(figure, ' ', 1), ',', '') AS DOUBLE)
        END AS n,
        CASE
            WHEN regexp_matches(figure, '(firms|companies|businesses)$') THEN 'companies'
            WHEN regexp_matches(figure, '(jobs|posts)$') THEN 'jobs'
            ELSE 'staff'
        END AS counted
    FROM figures
    WHERE figure <> ''
),
disputes AS (  -- two speakers of one story counting the same thing, one count at least
    -- FIGURE_RATIO times the other ("3,000 firms to be reviewed" against "only 30 to 40 top
    -- firms"); one row per two speakers and thing counted: the two statements nearest each
    -- other (a speaker repeating a figure holds one position, not several)
    SELECT 'claim' AS kind, a.id AS a_id, b.id AS b_id, coalesce(a.company_id, b.company_id) AS company_id,
        'figures' AS basis
    FROM counts a
    JOIN counts b
        ON a.story_id = b.story_id
        AND a.counted = b.counted
        AND a.speaker <> b.speaker
        -- side a is the earlier statement (undated ones by document and place)
        AND (coalesce(a.first_seen, DATE '0001-01-01'), a.doc_id, a.start_char)
            < (coalesce(b.first_seen, DATE '0001-01-01'), b.doc_id, b.start_char)
        -- FIGURE_RATIO = 3: counts further apart than rounding or a range ("30 to 40")
        AND greatest(a.n, b.n) >= 3 * least(a.n, b.n)
    QUALIFY row_number() OVER (
        PARTITION BY a.story_id, a.counted, least(a.speaker, b.speaker), greatest(a.speaker, b.speaker)
        ORDER BY a.doc_id <> b.doc_id, abs(a.start_char - b.start_char), a.id, b.id
    ) = 1
),
candidates AS (
    SELECT * FROM denials
    UNION ALL
    SELECT * FROM collapses
    UNION ALL
    SELECT * FROM namings
    UNION ALL
    SELECT * FROM disputes
),
pairs AS (
    SELECT
        k.kind,
        k.company_id,
        a.topic,
        CASE WHEN a.scope IS NOT NULL AND b.scope IS NOT NULL THEN a.scope = b.scope END AS scopes_match,
        CASE
            WHEN k.basis = 'cancellation' THEN 'update'
            WHEN a.scope IS NULL OR b.scope IS NULL OR a.scope = b.scope THEN 'contradiction'
            WHEN a.story_id IS DISTINCT FROM b.story_id THEN 'update'
            ELSE 'related'
        END AS relation,
        k.basis,
        a.id AS a_id, a.position AS a_position, a.speakers AS a_speakers, a.scope AS a_scope,
        a.location AS a_location, a.first_seen AS a_first_seen, a.last_seen AS a_last_seen,
        a.doc_ids AS a_doc_ids, a.story_id AS a_story_id, a.evidence AS a_evidence,
        b.id AS b_id, b.position AS b_position, b.speakers AS b_speakers, b.scope AS b_scope,
        b.location AS b_location, b.first_seen AS b_first_seen, b.last_seen AS b_last_seen,
        b.doc_ids AS b_doc_ids, b.story_id AS b_story_id, b.evidence AS b_evidence
    FROM candidates k
    JOIN sides a ON a.kind = k.kind AND a.id = k.a_id
    JOIN sides b ON b.kind = k.kind AND b.id = k.b_id
    WHERE NOT EXISTS (  -- no sentence against itself (one sentence read as a plan and its denial)
        SELECT 1 FROM sentences sa JOIN sentences sb USING (kind, doc_id, start_char)
        WHERE sa.kind = k.kind AND sa.id = k.a_id AND sb.id = k.b_id
    )
),
names AS (  -- the companies view sorts after this file, so names come from the table
    SELECT company_id, mode(name) AS name FROM document_companies GROUP BY company_id
)
SELECT p.kind, p.company_id, c.name AS company_name, p.* EXCLUDE (kind, company_id)
FROM pairs p
LEFT JOIN names c USING (company_id);
COMMENT ON VIEW claim_conflicts IS 'Disagreements: a canonical statement (or event) affirming something (side a: any stance or status but a denial) and one denying the same kind of event about the same company and place (side b), with both sides'' speakers, dates, documents, story and product scope. Also a party denying by name a rumoured event another speaker states, and two speakers of one story giving counts of the same thing far apart (basis says which). relation: contradiction when the scopes match (or one is unknown), update when they differ and the denial comes from another story (a later statement about another product line), related when they differ within one story.';
COMMENT ON COLUMN claim_conflicts.kind IS 'What the two sides are: claim or event (statements against statements, events against events).';
COMMENT ON COLUMN claim_conflicts.company_id IS 'A company both sides are about (companies.company_id); a pair about two shared companies gives two rows; NULL only for a dispute over a figure that names no company.';
COMMENT ON COLUMN claim_conflicts.company_name IS 'Name of that company.';
COMMENT ON COLUMN claim_conflicts.topic IS 'Event type both sides concern (event_types).';
COMMENT ON COLUMN claim_conflicts.scopes_match IS 'Whether both sides concern the same product line; NULL when either scope is unknown.';
COMMENT ON COLUMN claim_conflicts.relation IS 'How the two sides relate: contradiction (same scope, or one unknown), update (different scopes, the denial from another story) or related (different scopes, one story).';
COMMENT ON COLUMN claim_conflicts.basis IS 'Why the two sides conflict, one of denial, cancellation, named denial or figures: denial (a party denies the plan or rumour of side a), cancellation (the deal of side a called off), named denial (a party denies by name the rumoured event side a states, stating no event itself), figures (two speakers of one story give counts of the same thing at least three times apart).';
COMMENT ON COLUMN claim_conflicts.a_id IS 'Id of the affirming side (any stance or status but a denial): canonical_claim_id or canonical_event_id.';
COMMENT ON COLUMN claim_conflicts.a_position IS 'Stance (statements) or status (events) of the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.a_speakers IS 'Who stated the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.a_scope IS 'Product line of the affirming side (any stance or status but a denial); NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.a_location IS 'Place of the affirming side (any stance or status but a denial) (ISO 3166 alpha-2 code or region); NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.a_first_seen IS 'Earliest date the affirming side (any stance or status but a denial) was stated or reported.';
COMMENT ON COLUMN claim_conflicts.a_last_seen IS 'Latest date the affirming side (any stance or status but a denial) was stated or reported.';
COMMENT ON COLUMN claim_conflicts.a_doc_ids IS 'Canonical documents reporting the affirming side (any stance or status but a denial), sorted.';
COMMENT ON COLUMN claim_conflicts.a_story_id IS 'Story of the earliest report of the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.a_evidence IS 'Evidence sentence of the earliest report of the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.b_id IS 'Id of the denying side: canonical_claim_id or canonical_event_id.';
COMMENT ON COLUMN claim_conflicts.b_position IS 'Stance (statements) or status (events) of the denying side.';
COMMENT ON COLUMN claim_conflicts.b_speakers IS 'Who stated the denying side.';
COMMENT ON COLUMN claim_conflicts.b_scope IS 'Product line of the denying side; NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.b_location IS 'Place of the denying side (ISO 3166 alpha-2 code or region); NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.b_first_seen IS 'Earliest date the denying side was stated or reported.';
COMMENT ON COLUMN claim_conflicts.b_last_seen IS 'Latest date the denying side was stated or reported.';
COMMENT ON COLUMN claim_conflicts.b_doc_ids IS 'Canonical documents reporting the denying side, sorted.';
COMMENT ON COLUMN claim_conflicts.b_story_id IS 'Story of the earliest report of the denying side.';
COMMENT ON COLUMN claim_conflicts.b_evidence IS 'Evidence sentence of the earliest report of the denying side.';
