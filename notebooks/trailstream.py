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

``duckdb_connection()`` makes each table a DuckDB view: read by DuckDB's own ``iceberg`` extension (PyPI's
``duckdb-extension-iceberg``, lazily, with pruning) when the table is in a local warehouse, else scanned with
PyIceberg into Arrow (any catalog, any FileIO).

The catalog name must be the one the job wrote with (``catalog.name``, default ``trailstream``): a SQL catalog
keeps the tables of every catalog name in one database and shows only its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import urlparse
from urllib.request import url2pathname

import glob
import site
import warnings

import duckdb
import pyarrow as pa
from pyiceberg.catalog import Catalog, load_catalog
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.table import Table

CATALOG_NAME = os.environ.get("TRAILSTREAM_CATALOG_NAME", "trailstream")
NAMESPACE = os.environ.get("TRAILSTREAM_NAMESPACE", "cloudtrail")
DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "warehouse"

# DuckDB 1.5's .df() calls a pandas 3 API that pandas deprecates; the warning says nothing to an analyst.
warnings.filterwarnings("ignore", message="The inplace keyword in DataFrame.drop is deprecated")

__all__ = ["CATALOG_NAME", "NAMESPACE", "BACKFILL_SQL", "REPLAYABLE_OUTCOMES", "catalog", "table", "arrow",
           "duckdb_connection", "load_iceberg_extension", "backfill_candidates", "warehouse_path", "plot_style"]


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


def load_iceberg_extension(con: duckdb.DuckDBPyConnection) -> bool:
    """Loads DuckDB's ``avro`` and ``iceberg`` extensions from their PyPI packages; False when they are missing."""
    paths = []
    for name in ("avro", "iceberg"):
        found = [p for root in site.getsitepackages() + [site.getusersitepackages()]
                 for p in glob.glob(f"{root}/duckdb_extension_{name}/extensions/v{duckdb.__version__}/*.duckdb_extension")]
        if not found:
            return False
        paths.append(found[0])
    for path in paths:
        con.execute(f"LOAD '{path}'")
    return True


def _local_metadata(tbl: Table) -> str | None:
    location = tbl.metadata_location
    if location.startswith("file:"):
        return url2pathname(urlparse(location).path)
    return location if location.startswith("/") else None


def duckdb_connection(tables: Iterable[str] | None = None, *, row_filters: Mapping[str, str] | None = None,
                      cat: Catalog | None = None, connection: duckdb.DuckDBPyConnection | None = None,
                      reader: str = "auto") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection where each table of the namespace (or only ``tables``) is a view of the same name.

    ``reader``: ``"iceberg"`` reads with DuckDB's iceberg extension (``iceberg_scan`` of the table's current
    metadata file: lazy, prunes files; local warehouses), ``"arrow"`` scans with PyIceberg into Arrow first (any
    catalog; reads the whole table into memory unless ``row_filters={"events": "event_time >= '2026-11-26T00:00:00+00:00'"}``
    prunes it), ``"auto"`` the first where it works. A table with a row filter is always read through PyIceberg.
    Timestamps are shown in UTC.
    """
    if reader not in ("auto", "iceberg", "arrow"):
        raise ValueError(f"reader {reader!r}: auto, iceberg or arrow")
    cat = cat or catalog()
    names = list(tables) if tables is not None else sorted(ident[-1] for ident in cat.list_tables(NAMESPACE))
    con = connection or duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    filters = row_filters or {}
    extension = reader != "arrow" and load_iceberg_extension(con)
    if reader == "iceberg" and not extension:
        raise RuntimeError("DuckDB's iceberg extension is not installed: pip install -r notebooks/requirements.txt")
    for name in names:
        view = name.split(".")[-1]
        tbl = table(name, cat)
        metadata = _local_metadata(tbl) if extension and name not in filters else None
        if reader == "iceberg" and metadata is None and name not in filters:
            raise RuntimeError(f"{name}: its metadata ({tbl.metadata_location}) is not in a local warehouse")
        if metadata is not None:
            con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM iceberg_scan('{metadata}')")
        else:
            con.register(view, arrow(name, row_filter=filters.get(name), cat=cat))
    return con


def plot_style() -> None:
    """One look for the notebooks' pictures: readable sizes, light grid, no top and right frame."""
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "figure.figsize": (11, 4.2), "figure.dpi": 110, "axes.grid": True, "grid.alpha": 0.3,
        "axes.spines.top": False, "axes.spines.right": False, "axes.titleweight": "bold",
        "axes.titlesize": 12, "axes.labelsize": 10, "legend.frameon": False, "legend.fontsize": 9,
        "xtick.labelsize": 9, "ytick.labelsize": 9, "figure.autolayout": True,
    })


#: Ledger outcomes a backfill replays: the cause is outside the file and can be fixed (integration resumed,
#: licence renewed, account included, the integration added, the object restored, S3 reachable again).
#: ``partial`` is never replayed (the records it kept would land twice); ``corrupt`` and ``not_cloudtrail``
#: would fail again; ``ingested`` and ``recorded`` are done. Same list as the CLI's ``trailstream backfill``.
REPLAYABLE_OUTCOMES = ("skipped_suspended", "skipped_disconnected", "skipped_deleted", "skipped_licence",
                       "skipped_account", "skipped_organization", "unrouted", "missing", "fetch_failed",
                       "access_denied")

#: Backfill candidates, the one definition (docs/tables.md, notebooks, ``trailstream backfill``), kept in one file
#: next to this module, ``backfill_candidates.sql``: every object (scheme, bucket, key) whose latest ledger row, by
#: ``processed_at``, with ``duplicate`` rows left out (a duplicate only says the object was notified again), has a
#: replayable outcome; of rows processed at the same instant a non-replayable one counts as the latest (an object
#: that may have been ingested is never replayed). Portable SQL (DuckDB, Trino, Spark, Flink batch).
BACKFILL_SQL = (Path(__file__).resolve().parent / "backfill_candidates.sql").read_text(encoding="utf-8").strip()


def backfill_candidates(con: duckdb.DuckDBPyConnection, integration_id: str | None = None) -> duckdb.DuckDBPyRelation:
    """:data:`BACKFILL_SQL` over the ``objects`` view of ``con`` (see :func:`duckdb_connection`), of one integration
    (that of the object's latest row) or all, ordered by integration, outcome and time."""
    return con.sql(f"""
        SELECT integration_id, outcome, reason, scheme || '://' || bucket || '/' || key AS object, * EXCLUDE
               (integration_id, outcome, reason)
        FROM ({BACKFILL_SQL}) AS candidates
        WHERE $integration::VARCHAR IS NULL OR integration_id = $integration
        ORDER BY integration_id, outcome, processed_at, object
    """, params={"integration": integration_id})
