"""The bodies of the quarterly classification migrations: 0003 (the classification, its rule sets
and locks), 0009 (the yearly rating) and those of issue 14 (registered in
``models.store.schema``): 0017, the shapes Nghị định 335/2025/NĐ-CP needs (a cap counted over
another level, a score out of 100, a rule set that scores); 0018, the city's rule sets checked
against their texts (see docs/law.md, "Xếp loại hằng quý").

Kept apart so that ``models.store.schema`` stays small; never edit one once applied: add a migration.
Value lists are written out (never read from the live enums).
"""
from __future__ import annotations

from sqlite_utils import Database

from models.store.schema import _date_check

TO_CHECK = "cần kiểm tra theo quy định của thành phố"


def add_scores_and_level_caps(db: Database) -> None:
    # A cap whose denominator is the count of another level ("xuất sắc at most 20% of those rated
    # tốt", Nghị định 335/2025/NĐ-CP); NULL: the people classified in the cap's scope, as before.
    db.execute("ALTER TABLE rule_cap ADD COLUMN of_level TEXT CHECK (of_level IS NULL OR of_level IN "
               "('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'))")
    # The score out of 100 a person's level was given from (optional: the 2018 rules have none).
    db.execute("ALTER TABLE classification ADD COLUMN score REAL CHECK (score IS NULL OR score BETWEEN 0 AND 100)")
    # Whether the rule set scores people (the entry screen then shows the score column).
    db.execute("ALTER TABLE rule_set ADD COLUMN scored INTEGER NOT NULL DEFAULT 0 CHECK (scored IN (0, 1))")


SHIPPED_2024 = "Quyết định 20/2024/QĐ-UBND"
NOTE_2024 = (
    "Quyết định 20/2024/QĐ-UBND ngày 02/05/2024 của UBND Thành phố Hồ Chí Minh, hiệu lực từ 12/05/2024 "
    "(nên áp dụng từ quý 2/2024): chi thu nhập tăng thêm từ mức Hoàn thành tốt nhiệm vụ trở lên; Hoàn "
    "thành xuất sắc hưởng mức tối đa, Hoàn thành tốt tối đa 80% (Điều 12). Không còn giới hạn 50% lãnh "
    f"đạo, quản lý xếp loại Hoàn thành xuất sắc. Hệ số tăng thêm tối đa và quý bắt đầu: {TO_CHECK}."
)
NAME_335 = "Nghị định 335/2025/NĐ-CP (công chức, từ 01/01/2026)"
NOTE_335 = (
    "Nghị định 335/2025/NĐ-CP của Chính phủ, hiệu lực từ 01/01/2026: công chức được theo dõi, đánh giá "
    "theo thang điểm 100 hằng tháng hoặc quý (tiêu chí chung 30 điểm, kết quả thực hiện nhiệm vụ 70 điểm); "
    "từ 90 điểm: Hoàn thành xuất sắc, 70 đến dưới 90: Hoàn thành tốt, 50 đến dưới 70: Hoàn thành nhiệm vụ; "
    "số Hoàn thành xuất sắc không quá 20% số được xếp loại Hoàn thành tốt trong cùng cơ quan, đơn vị. "
    f"Tỷ lệ chi và hệ số tăng thêm chép từ Quyết định 20/2024/QĐ-UBND: {TO_CHECK}."
)


def city_rule_sets_2024_2026(db: Database) -> None:
    """Quyết định 20/2024 without the leaders' cap (only when the shipped set is still as shipped),
    and the Nghị định 335/2025 set from Q1/2026 (unless the user already has a set starting then)."""
    row = db.execute("SELECT id FROM rule_set WHERE name = ? AND from_year = 2024 AND from_quarter = 2",
                     [SHIPPED_2024]).fetchone()
    if row is not None:
        (rule_set_id,) = row
        caps = db.execute("SELECT scope, level, max_share, severity FROM rule_cap WHERE rule_set_id = ?",
                          [rule_set_id]).fetchall()
        if caps == [("leaders", "xuat_sac", 0.5, "warn")]:
            db.execute("DELETE FROM rule_cap WHERE rule_set_id = ?", [rule_set_id])
            db.execute("UPDATE rule_set SET note = ? WHERE id = ?", [NOTE_2024, rule_set_id])
    if db.execute("SELECT 1 FROM rule_set WHERE from_year = 2026 AND from_quarter = 1").fetchone() is not None:
        return
    cursor = db.execute(
        "INSERT INTO rule_set (name, from_year, from_quarter, share_xuat_sac, share_tot, share_hoan_thanh, "
        "share_khong_hoan_thanh, deadline_day, note, scored) VALUES (?, 2026, 1, 1.0, 0.8, 0.0, 0.0, 5, ?, 1)",
        [NAME_335, NOTE_335],
    )
    db.execute("INSERT INTO rule_coefficient (rule_set_id, from_year, max_coefficient) VALUES (?, 2026, 1.8)",
               [cursor.lastrowid])
    db.execute("INSERT INTO rule_cap (rule_set_id, position, scope, level, max_share, severity, of_level) "
               "VALUES (?, 0, 'all', 'xuat_sac', 0.2, 'warn', 'tot')", [cursor.lastrowid])

def create_quarterly_classification(db: Database) -> None:
    """Migration 0003: the quarterly classification, its rule sets (seeded) and the locks."""
    db.execute("ALTER TABLE staff ADD COLUMN salary_coefficient REAL CHECK (salary_coefficient IS NULL "
               "OR salary_coefficient BETWEEN 0.5 AND 20)")
    # A rule set applies from its quarter until the next rule set's quarter.
    db.execute(
        """
        CREATE TABLE rule_set (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            from_year INTEGER NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
            from_quarter INTEGER NOT NULL CHECK (from_quarter BETWEEN 1 AND 4),
            share_xuat_sac REAL NOT NULL CHECK (share_xuat_sac BETWEEN 0 AND 1),
            share_tot REAL NOT NULL CHECK (share_tot BETWEEN 0 AND 1),
            share_hoan_thanh REAL NOT NULL CHECK (share_hoan_thanh BETWEEN 0 AND 1),
            share_khong_hoan_thanh REAL NOT NULL CHECK (share_khong_hoan_thanh BETWEEN 0 AND 1),
            deadline_day INTEGER NOT NULL CHECK (deadline_day BETWEEN 1 AND 28),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (from_year, from_quarter)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE rule_coefficient (
            rule_set_id INTEGER NOT NULL REFERENCES rule_set(id) ON DELETE CASCADE,
            from_year INTEGER NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
            max_coefficient REAL NOT NULL CHECK (max_coefficient BETWEEN 0 AND 10),
            PRIMARY KEY (rule_set_id, from_year)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE rule_cap (
            id INTEGER PRIMARY KEY,
            rule_set_id INTEGER NOT NULL REFERENCES rule_set(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('leaders', 'all')),
            level TEXT NOT NULL CHECK (level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
            max_share REAL NOT NULL CHECK (max_share BETWEEN 0 AND 1),
            severity TEXT NOT NULL CHECK (severity IN ('warn', 'block'))
        ) STRICT
        """
    )
    # The unit a classification belongs to is the person's unit for that quarter (kept with the row:
    # a later move does not carry old quarters along).
    db.execute(
        f"""
        CREATE TABLE classification (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
            level TEXT CHECK (level IS NULL OR level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
            reason TEXT CHECK (reason IS NULL OR reason IN ('moi_tuyen', 'thai_san', 'om_dai_ngay', 'chuyen_cong_tac', 'ly_do_khac')),
            note TEXT NOT NULL DEFAULT '',
            CHECK ((level IS NULL) <> (reason IS NULL)),
            UNIQUE (staff_id, year, quarter)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX classification_unit_quarter ON classification(unit_id, year, quarter)")
    db.execute("CREATE INDEX classification_quarter ON classification(year, quarter)")
    db.execute(
        f"""
        CREATE TABLE unit_quarter (
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
            submitted_on TEXT {_date_check('submitted_on')},
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            PRIMARY KEY (unit_id, year, quarter)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE unit_quarter_event (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL,
            quarter INTEGER NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
            reason TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    _seed_rule_sets(db)


def _seed_rule_sets(db: Database) -> None:
    """The rule sets known from DOMAIN.md (editable afterwards): 4631 from Q2/2018, its 3728
    amendment from Q3/2019, QĐ 20/2024 from Q2/2024."""
    leaders_cap = ("leaders", "xuat_sac", 0.5, "warn")
    sets = [
        ("Quyết định 4631/QĐ-UBND ngày 19/10/2018", 2018, 2, (1.0, 1.0, 0.0, 0.0),
         [(2018, 0.6), (2019, 1.2), (2020, 1.8)], [leaders_cap]),
        ("Quyết định 3728/QĐ-UBND ngày 03/09/2019 (sửa đổi Quyết định 4631)", 2019, 3, (1.0, 1.0, 0.0, 0.0),
         [(2019, 1.2), (2020, 1.8)], [leaders_cap]),
        ("Quyết định 20/2024/QĐ-UBND", 2024, 2, (1.0, 0.8, 0.0, 0.0), [(2024, 1.8)], [leaders_cap]),
    ]
    for name, year, quarter, shares, coefficients, caps in sets:
        cursor = db.execute(
            "INSERT INTO rule_set (name, from_year, from_quarter, share_xuat_sac, share_tot, share_hoan_thanh, "
            "share_khong_hoan_thanh, deadline_day, note) VALUES (?, ?, ?, ?, ?, ?, ?, 5, ?)",
            [name, year, quarter, *shares,
             "Giá trị theo các nguồn thứ cấp; văn bản gốc chưa đối chiếu được. Hãy kiểm tra và sửa cho đúng."],
        )
        db.conn.executemany(
            "INSERT INTO rule_coefficient (rule_set_id, from_year, max_coefficient) VALUES (?, ?, ?)",
            [(cursor.lastrowid, y, c) for y, c in coefficients],
        )
        db.conn.executemany(
            "INSERT INTO rule_cap (rule_set_id, position, scope, level, max_share, severity) VALUES (?, ?, ?, ?, ?, ?)",
            [(cursor.lastrowid, i, *cap) for i, cap in enumerate(caps)],
        )


def create_yearly_rating(db: Database) -> None:
    """Migration 0009."""
    # A person's year-end quality rating (xếp loại chất lượng cuối năm), one per person and year, on the
    # same four levels as the quarters; the title rule sets of 2024 on judge by it.
    db.execute(
        """
        CREATE TABLE yearly_rating (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            level TEXT NOT NULL CHECK (level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (staff_id, year)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX yearly_rating_year ON yearly_rating(year)")
