"""Writing one record of a table from a dict of its columns: the INSERT and UPDATE statements
every editor's save shares, and the "is this value taken by another record" check."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from models.common.errors import NotFound

if TYPE_CHECKING:
    from sqlite_utils import Database


def insert_sql(table: str, columns: Iterable[str]) -> str:
    """``INSERT INTO table (a, b) VALUES (:a, :b)``."""
    columns = list(columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"


def update_sql(table: str, columns: Iterable[str]) -> str:
    """``UPDATE table SET a = :a, b = :b WHERE id = :id``."""
    return f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in columns if c != 'id')} WHERE id = :id"


def save_record(db: Database, table: str, row: dict, record_id: int | None, missing: str) -> int:
    """Insert ``row`` (``record_id`` None) or write it over record ``record_id``; returns the id.
    :class:`NotFound` with ``missing`` when the record is gone. The caller holds the transaction."""
    if record_id is None:
        return db.execute(insert_sql(table, row), row).lastrowid
    if db.execute(update_sql(table, row), {**row, "id": record_id}).rowcount != 1:
        raise NotFound(missing)
    return record_id


def taken_by_another(db: Database, table: str, values: dict, own_id: int | None) -> bool:
    """Whether a record of ``table`` other than ``own_id`` has these column ``values``."""
    where = " AND ".join(f"{c} = ?" for c in values)
    other = db.execute(f"SELECT id FROM {table} WHERE {where}", list(values.values())).fetchone()
    return other is not None and other[0] != own_id


def with_children(db: Database, sql: str, params: list, child_sql: str) -> list[tuple[dict, list[tuple]]]:
    """Each record ``sql`` selects (by name, with its ``id``) and the rows ``child_sql`` selects for
    it: the child query's first column is the parent's id (left out of the rows), ``{ids}`` stands
    where the list of ids goes; children keep the child query's order."""
    records = list(db.query(sql, params))
    ids = [r["id"] for r in records]
    found: dict[int, list[tuple]] = {}
    if ids:
        for parent, *rest in db.execute(child_sql.format(ids=",".join("?" * len(ids))), ids):
            found.setdefault(parent, []).append(tuple(rest))
    return [(r, found.get(r["id"], [])) for r in records]
