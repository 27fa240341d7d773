"""The bodies of the quarterly classification migrations of issue 14 (registered in
``models.store.schema``): 0017, the shapes Nghị định 335/2025/NĐ-CP needs (a cap counted over
another level, a score out of 100, a rule set that scores); 0018, the city's rule sets checked
against their texts (see docs/law.md, "Xếp loại hằng quý").

Kept apart so that ``models.store.schema`` stays small; never edit one once applied: add a migration.
Value lists are written out (never read from the live enums).
"""
from __future__ import annotations

from sqlite_utils import Database

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
