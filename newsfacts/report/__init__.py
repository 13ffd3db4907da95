"""Report: the published warehouse in, a static offline site out (index, one page per company
and per canonical document with a fact), plus Great Expectations' Data Docs made offline.

Modules: data and documents (reads from the views), trust (the verdict banner), markup
(escaping, tables, page shell), highlight (marks from offsets), svg (charts), search (the
client-side index), parts/index_page/company_page/document_page (pages), site (writes it all),
data_docs (Data Docs without CDNs).
"""

from newsfacts.report.data import table_counts
from newsfacts.report.markup import NOT_AVAILABLE, STATUS_COLORS
from newsfacts.report.site import data_docs_index, write_report, write_site

__all__ = [
    "NOT_AVAILABLE",
    "STATUS_COLORS",
    "data_docs_index",
    "table_counts",
    "write_report",
    "write_site",
]
