"""Prefect wiring of the stages in newsfacts.stages: the pipeline flow and one task per stage."""

import os

# No network at run time: Prefect and GX telemetry off before either is imported.
for _name, _value in {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_UI_ENABLED": os.environ.get("PREFECT_SERVER_UI_ENABLED", "true"),
    # The temporary API Prefect starts when PREFECT_API_URL is unset needs ~12 s on an idle
    # 2-core machine; Prefect's 20 s default fails a scheduled run on a busy one.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}.items():
    os.environ.setdefault(_name, _value)
