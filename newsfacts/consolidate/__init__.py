"""Consolidate: canonical documents and their facts in; stories, canonical claims and events out.

Stories group documents reporting the same happening (shared companies, similar words, close in
time). Within a story, reports of one statement by one speaker share a canonical_claim_id and
reports of one event share a canonical_event_id. Every id is a hash of the cluster's earliest
member, so re-running over the same input gives the same ids.

Modules, all pure but batches (which reads and writes through newsfacts.warehouse.consolidation):
- records: the typed records read from the warehouse (ReportDoc, ClaimReport, EventReport) and
  the rows written back (StoryRow ... CanonicalEventRow);
- thresholds: every threshold and weight the rules below decide with;
- shared: union-find and grouping (also dedup's), cluster anchors, words;
- stories: story clustering (TF-IDF, blocking, links) and stories rows;
- scope: the product line a statement or event concerns;
- events, claims: event clusters and claim clusters within a story;
- links: which canonical event a canonical claim states, companies and dates of reports;
- rows: claim_clusters, event_clusters, canonical_claims and canonical_events rows;
- batches: the stage's entry point, consolidate_warehouse, in batches of whole stories.
"""
