"""Fixtures of the notebook tests: the warehouse under test, and what it must hold, worked out from the samples."""

from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent
PROJECT = NOTEBOOKS.parent
SAMPLES = PROJECT / "src" / "main" / "resources" / "samples"

sys.path.insert(0, str(NOTEBOOKS))  # `import trailstream`, as a notebook in that folder does

NO_WAREHOUSE = ("TRAILSTREAM_WAREHOUSE is not set: run `./trailstream local --warehouse DIR` and then "
                "`TRAILSTREAM_WAREHOUSE=DIR python3 -m pytest notebooks/tests` (mvn verify does both)")


@dataclass
class SampleFile:
    key: str
    kind: str  # log, insight or digest, from the key's CloudTrail folder
    account: str
    region: str
    records: list[dict] = field(default_factory=list)


@dataclass
class Samples:
    """The bundled sample bucket read with gzip + json alone, independently of the job."""
    files: list[SampleFile]

    @property
    def events(self) -> list[dict]:
        """Records of log files that are not Insights: the rows of ``events``."""
        return [r for f in self.files if f.kind == "log" for r in f.records
                if r.get("eventType") != "AwsCloudTrailInsight"]

    @property
    def insights(self) -> list[dict]:
        return [r for f in self.files for r in f.records if r.get("eventType") == "AwsCloudTrailInsight"]

    def source_key(self, event_id: str) -> str:
        return next(f.key for f in self.files for r in f.records if r.get("eventID") == event_id)


def _kind(folder: str) -> str:
    return {"CloudTrail": "log", "CloudTrail-Insight": "insight", "CloudTrail-Digest": "digest"}[folder]


def read_samples() -> Samples:
    manifest = (SAMPLES / "MANIFEST").read_text().splitlines()
    # Sidecars (KEY.s3meta.json) hold a digest's S3 metadata: they are not objects of the bucket.
    keys = [line.strip() for line in manifest
            if line.strip() and not line.startswith("#") and not line.strip().endswith(".s3meta.json")]
    files = []
    for key in keys:
        parts = key.split("/")  # AWSLogs/<account>/<CloudTrail folder>/<region>/<yyyy>/<mm>/<dd>/<file>
        with gzip.open(SAMPLES / key, "rt", encoding="utf-8") as f:
            document = json.load(f)
        kind = _kind(parts[2])
        records = document["Records"] if kind != "digest" else []
        files.append(SampleFile(key, kind, parts[1], parts[3], records))
    return Samples(files)


@pytest.fixture(scope="session")
def samples() -> Samples:
    return read_samples()


@pytest.fixture(scope="session")
def warehouse(samples) -> Path:
    """The warehouse of ``TRAILSTREAM_WAREHOUSE``, holding exactly one ``./trailstream local`` run over the samples."""
    value = os.environ.get("TRAILSTREAM_WAREHOUSE")
    if not value:
        pytest.skip(NO_WAREHOUSE)
    import trailstream as ts

    path = ts.warehouse_path(value)
    assert (path / "catalog.db").is_file(), f"TRAILSTREAM_WAREHOUSE={value}: no catalog.db in {path}"
    ledger_rows = len(ts.arrow("objects", columns=["key"]))
    assert ledger_rows == len(samples.files), (
        f"{path} has {ledger_rows} ledger rows for {len(samples.files)} sample files: these tests expect one "
        "`./trailstream local` run over the bundled samples into a fresh warehouse")
    return path


@pytest.fixture(scope="session")
def con(warehouse):
    import trailstream as ts

    return ts.duckdb_connection()

