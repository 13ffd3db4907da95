"""Client-side search: companies and people in, one `search.js` out (the entries as data and a
small matcher), loaded by a <script> tag so it works from a page opened from disk, where a
fetch() of a JSON file would be refused.

Results are built with textContent, never innerHTML: names are data.
"""

from __future__ import annotations

import json

from newsfacts.report.data import Row
from newsfacts.report.markup import company_href, document_href

# Results listed for one query.
MAX_RESULTS = 25

SCRIPT = """
(function () {
  var box = document.getElementById('search');
  var list = document.getElementById('search-results');
  if (!box || !list) return;
  var entries = window.NEWSFACTS_SEARCH || [];
  var keys = entries.map(function (e) { return (e.n + ' ' + e.a).toLowerCase(); });
  function show() {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    list.textContent = '';
    if (!words.length) return;
    var shown = 0;
    for (var i = 0; i < entries.length && shown < %(max)d; i++) {
      if (!words.every(function (w) { return keys[i].indexOf(w) >= 0; })) continue;
      var e = entries[i], li = document.createElement('li');
      var a = document.createElement(e.u ? 'a' : 'span');
      if (e.u) a.href = e.u;
      a.textContent = e.n;
      var kind = document.createElement('span');
      kind.className = 'meta';
      kind.textContent = ' ' + e.k;
      li.appendChild(a); li.appendChild(kind); list.appendChild(li); shown++;
    }
    if (!shown) { var li = document.createElement('li'); li.className = 'empty';
      li.textContent = 'No company or person matches.'; list.appendChild(li); }
  }
  box.addEventListener('input', show);
  show();
})();
"""


def entries(
    companies: list[Row], people: list[Row], person_docs: dict[str, str], pages: set[str]
) -> list[dict[str, str]]:
    """Search entries: n(ame), a(liases), k(ind) and u(rl) relative to the site root.

    pages: doc_ids that have a document page (people without a company link to one).
    """
    names = {c["company_id"]: c["name"] for c in companies}
    out = [
        {
            "n": c["name"],
            "a": " ".join(c["aliases"] or []),
            "k": c["kind"] or "organisation",
            "u": company_href(c["company_id"]),
        }
        for c in companies
    ]
    for p in people:
        employer = names.get(p["company_id"])
        kind = "person" + (f", {p['title']}" if p["title"] else "")
        kind += f" at {employer}" if employer else ""
        doc = person_docs.get(p["person_id"])
        if employer:
            url = company_href(p["company_id"]) + f"#p-{p['person_id']}"
        else:
            url = document_href(doc) if doc in pages else ""
        out.append({"n": p["name"], "a": " ".join(p["aliases"] or []), "k": kind, "u": url})
    return out


def script(items: list[dict[str, str]]) -> str:
    """The whole search.js: the entries and the matcher."""
    data = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    # "</" never appears raw in the data, so it cannot close a script element if inlined.
    data = data.replace("</", "<\\/")
    return f"window.NEWSFACTS_SEARCH={data};\n" + SCRIPT % {"max": MAX_RESULTS}
