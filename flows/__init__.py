"""Prefect flows: thin wiring of the stages in newsfacts.stages, one flow per stage plus the pipeline."""

import os

# No network at run time: Prefect and GX telemetry off before either is imported.
for _name, _value in {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_UI_ENABLED": os.environ.get("PREFECT_SERVER_UI_ENABLED", "true"),
}.items():
    os.environ.setdefault(_name, _value)
