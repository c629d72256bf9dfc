"""Fixtures of the notebook tests: the warehouse under test, and what it must hold, worked out from the trail files.

The warehouse is one ``./trailstream local`` run over the bucket ``lake_fixture.py`` writes, with its job config
(``NotebooksITCase`` does all of it):

    python3 notebooks/tests/lake_fixture.py --out /tmp/lake
    ./trailstream local --input /tmp/lake/bucket --config /tmp/lake/job.yaml --warehouse /tmp/lake/warehouse
    TRAILSTREAM_FIXTURE=/tmp/lake TRAILSTREAM_WAREHOUSE=/tmp/lake/warehouse python3 -m pytest -q notebooks/tests
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent
PROJECT = NOTEBOOKS.parent

sys.path.insert(0, str(NOTEBOOKS))  # `import trailstream`, as a notebook in that folder does

NO_WAREHOUSE = ("TRAILSTREAM_FIXTURE / TRAILSTREAM_WAREHOUSE are not set: see notebooks/tests/conftest.py "
                "(mvn verify runs NotebooksITCase, which sets them)")


@dataclass
class TrailFile:
    key: str
    kind: str  # log, insight or digest, from the key's CloudTrail folder
    integration: str
    account: str
    region: str
    outcome: str  # what the ledger must say, from the integrations' config
    records: list[dict] = field(default_factory=list)

    @property
    def delivered_at(self) -> datetime:
        stamp = self.key.rsplit("_", 2)[-2] if self.kind != "digest" else self.key.rsplit("_", 1)[-1][:16]
        return datetime.strptime(stamp[:13], "%Y%m%dT%H%M").replace(tzinfo=timezone.utc)


@dataclass
class Trail:
    """The fixture bucket read with gzip + json alone, independently of the job."""
    files: list[TrailFile]
    integrations: list[dict]

    def landed(self, kind: str) -> list[dict]:
        """Records of ingested files of ``kind`` (log or insight)."""
        return [dict(r, _integration=f.integration, _key=f.key) for f in self.files
                if f.kind == kind and f.outcome == "ingested" for r in f.records]

    @property
    def events(self) -> list[dict]:
        return self.landed("log")

    @property
    def insights(self) -> list[dict]:
        return self.landed("insight")


def _outcome(kind: str, account: str, integration: dict) -> str:
    if kind == "digest":
        return "recorded"
    if integration.get("status", "active") == "suspended":
        return "skipped_suspended"
    included = integration.get("included_accounts")
    if included is not None and account not in included:
        return "skipped_account"
    return "ingested"


def read_trail(folder: Path) -> Trail:
    config = (folder / "job.yaml").read_text(encoding="utf-8")
    integrations = json.loads(config.split("integrations:", 1)[1])
    by_prefix = {i["prefix"]: i for i in integrations}
    files = []
    for path in sorted((folder / "bucket").rglob("*.json.gz")):
        key = path.relative_to(folder / "bucket").as_posix()
        parts = key.split("/")  # PREFIX/AWSLogs/[o-org/]ACCOUNT/<CloudTrail folder>/REGION/yyyy/mm/dd/<file>
        rest = parts[2:] if not parts[2].startswith("o-") else parts[3:]
        kind = {"CloudTrail": "log", "CloudTrail-Insight": "insight", "CloudTrail-Digest": "digest"}[rest[1]]
        integration = by_prefix[parts[0]]
        with gzip.open(path, "rt", encoding="utf-8") as f:
            document = json.load(f)
        files.append(TrailFile(key, kind, integration["integration_id"], rest[0], rest[2],
                               _outcome(kind, rest[0], integration),
                               document["Records"] if kind != "digest" else []))
    return Trail(files, integrations)


@pytest.fixture(scope="session")
def trail() -> Trail:
    value = os.environ.get("TRAILSTREAM_FIXTURE")
    if not value:
        pytest.skip(NO_WAREHOUSE)
    return read_trail(Path(value))


@pytest.fixture(scope="session")
def warehouse(trail) -> Path:
    """The warehouse of ``TRAILSTREAM_WAREHOUSE``, holding exactly one ``./trailstream local`` run over the fixture."""
    value = os.environ.get("TRAILSTREAM_WAREHOUSE")
    if not value:
        pytest.skip(NO_WAREHOUSE)
    import trailstream as ts

    path = ts.warehouse_path(value)
    assert (path / "catalog.db").is_file(), f"TRAILSTREAM_WAREHOUSE={value}: no catalog.db in {path}"
    ledger_rows = len(ts.arrow("objects", columns=["key"]))
    assert ledger_rows == len(trail.files), (
        f"{path} has {ledger_rows} ledger rows for {len(trail.files)} fixture files: these tests expect one "
        "`./trailstream local` run over the fixture into a fresh warehouse")
    return path


@pytest.fixture(scope="session")
def con(warehouse):
    import trailstream as ts

    return ts.duckdb_connection()


def pytest_configure(config):
    # DuckDB 1.5's .df() calls a pandas 3 API that pandas deprecates (trailstream.py filters it for notebooks).
    config.addinivalue_line("filterwarnings", "ignore:The inplace keyword in DataFrame.drop is deprecated")
