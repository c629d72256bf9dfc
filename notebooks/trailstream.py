"""Read trailstream's Iceberg tables from a notebook: the catalog, one table, or DuckDB over all of them.

    import trailstream as ts
    con = ts.duckdb_connection()             # every table of the namespace as a DuckDB view
    con.sql("select event_name, count(*) from events group by 1").df()

Where the tables are (first match wins):
  * ``catalog(uri=..., warehouse=..., **properties)`` or ``TRAILSTREAM_CATALOG_URI``: any catalog PyIceberg
    knows by its URI (``http(s)://`` = REST, ``sqlite://`` / ``postgresql+psycopg2://`` = SQL), merged with
    the ``trailstream`` entry of ``~/.pyiceberg.yaml`` / ``PYICEBERG_CATALOG__TRAILSTREAM__*`` when present;
  * otherwise the local warehouse that ``./trailstream local --warehouse DIR`` writes: ``warehouse=`` argument,
    else ``TRAILSTREAM_WAREHOUSE``, else ``../warehouse`` next to this folder (the repository's ``./warehouse``),
    read through its JDBC catalog on SQLite at ``DIR/catalog.db``.

The catalog name must be the one the job wrote with (``catalog.name``, default ``trailstream``): a SQL catalog
keeps the tables of every catalog name in one database and shows only its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import urlparse
from urllib.request import url2pathname

import duckdb
import pyarrow as pa
from pyiceberg.catalog import Catalog, load_catalog
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.table import Table

CATALOG_NAME = os.environ.get("TRAILSTREAM_CATALOG_NAME", "trailstream")
NAMESPACE = os.environ.get("TRAILSTREAM_NAMESPACE", "cloudtrail")
DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "warehouse"

__all__ = ["CATALOG_NAME", "NAMESPACE", "BACKFILL_SQL", "catalog", "table", "arrow", "duckdb_connection",
           "backfill_candidates", "warehouse_path"]


def warehouse_path(warehouse: str | os.PathLike | None = None) -> Path:
    """The local warehouse folder: ``warehouse``, else ``TRAILSTREAM_WAREHOUSE``, else the repository's ``./warehouse``."""
    value = warehouse if warehouse is not None else os.environ.get("TRAILSTREAM_WAREHOUSE") or DEFAULT_WAREHOUSE
    text = os.fspath(value)
    if "://" in text:
        parsed = urlparse(text)
        if parsed.scheme != "file":
            raise ValueError(
                f"warehouse {text!r} is not a local folder: pass the catalog's uri too "
                "(catalog(uri=..., warehouse=...) or TRAILSTREAM_CATALOG_URI)")
        text = url2pathname(parsed.path)
    return Path(text).expanduser().resolve()


def catalog(warehouse: str | os.PathLike | None = None, *, uri: str | None = None, **properties: str) -> Catalog:
    """The PyIceberg catalog holding trailstream's tables (see the module doc for where it is looked for)."""
    uri = uri or os.environ.get("TRAILSTREAM_CATALOG_URI")
    if uri:
        props = dict(properties, uri=uri)
        if warehouse is not None:
            props["warehouse"] = os.fspath(warehouse)
        return load_catalog(CATALOG_NAME, **props)
    folder = warehouse_path(warehouse)
    db = folder / "catalog.db"
    if not db.is_file():
        # SqlCatalog would create an empty database here and show no tables: say what is wrong instead.
        raise FileNotFoundError(
            f"no trailstream catalog at {db}: run `./trailstream local --warehouse {folder}` first, "
            "or point TRAILSTREAM_WAREHOUSE (or TRAILSTREAM_CATALOG_URI) at your catalog")
    return SqlCatalog(CATALOG_NAME, uri=f"sqlite:///{db}", warehouse=folder.as_uri(), **properties)


def _identifier(name: str) -> str:
    return name if "." in name else f"{NAMESPACE}.{name}"


def table(name: str, cat: Catalog | None = None) -> Table:
    """One table, e.g. ``table("events")`` (namespace ``cloudtrail`` unless ``name`` has one)."""
    return (cat or catalog()).load_table(_identifier(name))


def arrow(name: str, row_filter: str | None = None, columns: Iterable[str] | None = None,
          cat: Catalog | None = None) -> pa.Table:
    """A table scanned into Arrow; ``row_filter`` (e.g. ``"event_time >= '2026-11-26T00:00:00+00:00'"``)
    prunes partitions and files before anything is read."""
    scan_args = {}
    if row_filter:
        scan_args["row_filter"] = row_filter
    if columns:
        scan_args["selected_fields"] = tuple(columns)
    return table(name, cat).scan(**scan_args).to_arrow()


def duckdb_connection(tables: Iterable[str] | None = None, *, row_filters: Mapping[str, str] | None = None,
                      cat: Catalog | None = None,
                      connection: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection where each table of the namespace (or only ``tables``) is a view of the same name.

    The tables are scanned with PyIceberg into Arrow and registered (DuckDB's own iceberg extension needs a
    download at run time). That reads each table whole into memory: on a large warehouse pass ``tables`` and
    ``row_filters={"events": "event_time >= '2026-11-26T00:00:00+00:00'"}`` to read only what a notebook needs.
    Timestamps are shown in UTC.
    """
    cat = cat or catalog()
    names = list(tables) if tables is not None else sorted(ident[-1] for ident in cat.list_tables(NAMESPACE))
    con = connection or duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    filters = row_filters or {}
    for name in names:
        data = arrow(name, row_filter=filters.get(name), cat=cat)
        con.register(name.split(".")[-1], data)
    return con


#: Objects a backfill re-sends once the cause is fixed: those whose *latest* ledger row (an object can be notified
#: twice, or re-sent by an earlier backfill) is a ``skipped_*`` outcome (integration suspended, disconnected or
#: deleted, licence, account or Organization out of scope), ``fetch_failed``, ``missing`` or ``partial``.
#: ``$integration`` = NULL means every integration. Outcomes are ``io.trailstream.ledger.LedgerOutcome``.
BACKFILL_SQL = """
with latest as (
    select * from objects
    qualify row_number() over (partition by scheme, bucket, key, version_id order by processed_at desc) = 1
)
select integration_id, outcome, reason, scheme || '://' || bucket || '/' || key as object,
       scheme, bucket, key, version_id, account_id, region, delivery_date, notified_at, processed_at
from latest
where (starts_with(outcome, 'skipped_') or outcome in ('fetch_failed', 'missing', 'partial'))
  and ($integration::varchar is null or integration_id = $integration)
order by integration_id, outcome, processed_at
"""


def backfill_candidates(con: duckdb.DuckDBPyConnection, integration_id: str | None = None) -> duckdb.DuckDBPyRelation:
    """:data:`BACKFILL_SQL` over the ``objects`` view of ``con`` (see :func:`duckdb_connection`)."""
    return con.sql(BACKFILL_SQL, params={"integration": integration_id})
