"""The body of migration 0028: the value lists of the CHECK constraints of the tables that imports
fill by the thousand (staff, classification, yearly_rating, award) written as ``=`` comparisons
joined by OR instead of ``IN (...)``.

Same rule, same NULL handling (a NULL compares to nothing: the CHECK holds, as with IN), faster: SQLite
builds a small temporary b-tree for an IN list of three values or more each time a statement runs,
and an import runs its INSERT once per row. Measured on 10,000 staff rows (SQLite 3.40): 68 ms with
``category IN (...)``, 53 ms with the ORs (issue #19, the import of 10,000 and 100,000 people).

The tables are rebuilt (a CHECK cannot be altered in place) with
:func:`models.store.schema_units.replace_checks`. The unit table keeps its list: a few hundred rows, never
imported in bulk (and migration 0010's text stays the one its tests read). Value lists are written out,
never read from the live enums, as in ``models.store.schema``.
"""
from __future__ import annotations

import re

from sqlite_utils import Database

from models.store.schema_units import replace_checks

LEVELS = "IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')"
IN_LISTS = {
    "staff": ["category IN ('can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong')"],
    "classification": [
        f"level {LEVELS}",
        "reason IN ('moi_tuyen', 'thai_san', 'om_dai_ngay', 'chuyen_cong_tac', 'ly_do_khac')",
    ],
    "yearly_rating": [f"level {LEVELS}"],
    "award": [
        "kind IN ('ldtt', 'cstdcs', 'ttldtt', 'ttldxs', 'cstd_tinh', 'cstd_toan_quoc', 'giay_khen', 'bang_khen', "
        "'co_thi_dua', 'huan_chuong', 'huy_chuong', 'ky_niem_chuong', 'danh_hieu_vinh_du', 'khac')",
        "level IN ('co_so', 'xa', 'huyen', 'tinh', 'bo_nganh', 'chinh_phu', 'nha_nuoc')",
    ],
}
_IN_LIST = re.compile(r"^(\w+) IN \(((?:'[a-z_]+'(?:, )?)+)\)$")
# A value list in a table's SQL, in either form: ``kind IN ('a', 'b')`` or ``(kind = 'a' OR kind = 'b')``.
_LISTED = re.compile(r"\b(\w+) IN \(('[^)]*')\)|\(((\w+) = '[^']*'(?: OR \4 = '[^']*')+)\)")


def as_comparisons(in_list: str) -> str:
    """``"kind IN ('a', 'b')"`` -> ``"(kind = 'a' OR kind = 'b')"``."""
    column, values = _IN_LIST.match(in_list).groups()
    return "(" + " OR ".join(f"{column} = {value}" for value in values.split(", ")) + ")"


def value_lists(sql: str) -> list[tuple[str, list[str]]]:
    """The CHECK value lists in a table's SQL, as (column, values), in either form (tests, checks)."""
    found = []
    for match in _LISTED.finditer(sql):
        column = match.group(1) or match.group(4)
        found.append((column, re.findall(r"'([^']*)'", match.group(2) or match.group(3))))
    return found


def checks_without_in_lists(db: Database) -> None:
    """Migration 0028 (run outside a transaction: each table is rebuilt in its own)."""
    for table, in_lists in IN_LISTS.items():
        replace_checks(db, table, [(text, as_comparisons(text)) for text in in_lists])
