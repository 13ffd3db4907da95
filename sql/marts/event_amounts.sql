-- one row per (event_id, item): every figure of a wire earnings report ("Net 1.2 mln vs 900,000"), current and prior, in the amounts schema
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS event_amounts (
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    item VARCHAR NOT NULL,
    amount DOUBLE,
    prior_amount DOUBLE,
    currency VARCHAR,
    currency_text VARCHAR,
    unit VARCHAR NOT NULL,
    scale VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    rule VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE event_amounts IS 'The line items of an earnings report event (events.rule = events.earnings.report): one per figure, current and previous period.';
COMMENT ON COLUMN event_amounts.event_id IS 'Event (events.event_id) of the report period.';
COMMENT ON COLUMN event_amounts.doc_id IS 'Document of the event.';
COMMENT ON COLUMN event_amounts.item IS 'Line item: net, operating_net, pretax, revenue, per_share, operating_per_share, dividend or average_shares.';
COMMENT ON COLUMN event_amounts.amount IS 'This period''s figure scaled to units; a loss is negative ("Net loss 1.1 mln" -> -1100000).';
COMMENT ON COLUMN event_amounts.prior_amount IS 'The previous period''s figure (after "vs"), scaled and signed alike.';
COMMENT ON COLUMN event_amounts.currency IS 'ISO 4217 code; a report that writes none is in US dollars (wire convention).';
COMMENT ON COLUMN event_amounts.currency_text IS 'The currency as written on the line (cts, dlrs, p, yen...), else null.';
COMMENT ON COLUMN event_amounts.unit IS 'money, or shares for average shares outstanding.';
COMMENT ON COLUMN event_amounts.scale IS 'The scale word as written: mln, bln, billion...';
COMMENT ON COLUMN event_amounts.start_char IS 'Start of the report line in documents.body.';
COMMENT ON COLUMN event_amounts.end_char IS 'End of the report line in documents.body.';
COMMENT ON COLUMN event_amounts.rule IS 'The line-item rule: events.earnings.<item>.';
COMMENT ON COLUMN event_amounts.extractor_version IS 'Version of the extraction rules.';
