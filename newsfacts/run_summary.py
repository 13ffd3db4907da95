"""The run summary a flow run publishes as a Prefect markdown artifact: counts per stage, the
trust verdict, where the Data Docs are and the command that writes the report."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

# Artifact key: the Prefect UI groups every run's summary under it (lowercase, digits, dashes).
ARTIFACT_KEY = "newsfacts-run-summary"
# Verdict per run status: whether the published warehouse can be trusted after this run.
VERDICTS = {
    "success": "trusted: every expectation passed and the warehouse was published",
    "failed_validation": "not published: validation failed, the previous warehouse stays",
    "failed": "not published: the run failed, the previous warehouse stays",
    "interrupted": "not published: the run was stopped, the previous warehouse stays",
}


def verdict(status: str, counts: dict) -> str:
    """One line: can the published data be trusted after this run, and why."""
    if status == "success" and "skipped" in counts.get("validate", {}):
        return "trusted: no new input; the published warehouse passed validation before"
    return VERDICTS.get(status, f"not published: {status}")


def stage_rows(counts: dict, seconds: dict) -> list[str]:
    """Markdown table rows: stage, seconds, counts (JSON, minus the Data Docs path)."""
    rows = ["| stage | seconds | counts |", "|---|---|---|"]
    for stage, values in counts.items():
        shown = {k: v for k, v in values.items() if k != "data_docs"}
        text = json.dumps(shown, ensure_ascii=False).replace("|", "\\|")
        rows.append(f"| {stage} | {seconds.get(stage, '')} | `{text}` |")
    return rows


def markdown(
    run_id: str, status: str, message: str, warehouse: Path, counts: dict, seconds: dict
) -> str:
    """The artifact's markdown."""
    docs = counts.get("validate", {}).get("data_docs")
    report = f"newsfacts report --warehouse {shlex.quote(str(warehouse))}"
    lines = [
        f"# newsfacts run {run_id}: {status}",
        "",
        f"**Verdict:** {verdict(status, counts)}.",
        "",
        message.replace("\n", " "),
        "",
        f"**Warehouse:** `{warehouse}`",
        "",
        f"**Data Docs:** `{docs}`" if docs else "**Data Docs:** none written by this run",
        "",
        f"**Report:** `{report}` writes the report site.",
        "",
        *stage_rows(counts, seconds),
    ]
    return "\n".join(lines) + "\n"


def publish(
    run_id: str, status: str, message: str, warehouse: Path, counts: dict, seconds: dict
) -> None:
    """Attach the summary to the current flow run as a markdown artifact."""
    # lazy: Prefect loads only inside a flow run
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(
        markdown=markdown(run_id, status, message, warehouse, counts, seconds),
        key=ARTIFACT_KEY,
        description=f"newsfacts run {run_id}: {status}",
    )
