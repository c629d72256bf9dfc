"""The backfill candidates of a warehouse by the one definition, for BackfillCandidatesITCase.

Runs ``ts.BACKFILL_SQL`` (``notebooks/backfill_candidates.sql``, through the notebook helper) in DuckDB over the
``objects`` table of the warehouse and writes the candidates as JSON.

    python src/test/python/backfill_candidates.py WAREHOUSE OUT.json
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "notebooks"))

import trailstream as ts  # noqa: E402


def main(warehouse: str, out: str) -> None:
    con = ts.duckdb_connection(["objects"], cat=ts.catalog(warehouse))
    rows = con.sql(f"""
        SELECT integration_id, outcome, scheme, bucket, key, epoch_us(processed_at) AS processed_at_us
        FROM ({ts.BACKFILL_SQL}) AS candidates
    """).fetchall()
    names = ("integration_id", "outcome", "scheme", "bucket", "key", "processed_at_us")
    Path(out).write_text(json.dumps([dict(zip(names, r)) for r in rows]), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
