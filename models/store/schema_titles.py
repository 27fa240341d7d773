"""The bodies of the title migrations (registered in ``models.store.schema``): 0007, the rule sets for
the yearly emulation titles and the council's order of priority among a year's people; 0008, the
rule sets' "highest bonus only" setting.

Kept apart so that ``models.store.schema`` stays small; never edit one once applied: add a migration.
Value lists are written out (never read from the live enums), as in ``models.store.schema``.
"""
from __future__ import annotations

from sqlite_utils import Database


def _percent(column: str) -> str:
    return f"{column} REAL NOT NULL CHECK ({column} BETWEEN 0 AND 100)"


def create_title_tables(db: Database) -> None:
    # A rule set applies from its year until the next rule set's year. Shares are percentages
    # (exact decimals as the user typed them), bonuses multiples of the base salary.
    db.execute(
        f"""
        CREATE TABLE title_rule_set (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            from_year INTEGER NOT NULL UNIQUE CHECK (from_year BETWEEN 2000 AND 2100),
            required_level TEXT NOT NULL CHECK (required_level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
            min_classified_quarters INTEGER NOT NULL CHECK (min_classified_quarters BETWEEN 1 AND 4),
            min_months INTEGER NOT NULL CHECK (min_months BETWEEN 0 AND 120),
            leavers_qualify INTEGER NOT NULL CHECK (leavers_qualify IN (0, 1)),
            individual_discipline TEXT NOT NULL CHECK (individual_discipline IN ('khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec')),
            collective_discipline TEXT NOT NULL CHECK (collective_discipline IN ('khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec')),
            initiative_required INTEGER NOT NULL CHECK (initiative_required IN (0, 1)),
            {_percent('cstdcs_cap_percent')},
            cap_scope TEXT NOT NULL CHECK (cap_scope IN ('cap_per_unit', 'cap_district')),
            ranking TEXT NOT NULL CHECK (json_valid(ranking)),
            {_percent('ttldtt_percent')},
            {_percent('ttldxs_completed_percent')},
            {_percent('ttldxs_ldtt_percent')},
            ttldxs_min_cstdcs INTEGER NOT NULL CHECK (ttldxs_min_cstdcs BETWEEN 0 AND 1000),
            bonus_ldtt REAL NOT NULL CHECK (bonus_ldtt BETWEEN 0 AND 100),
            bonus_cstdcs REAL NOT NULL CHECK (bonus_cstdcs BETWEEN 0 AND 100),
            bonus_ttldtt REAL NOT NULL CHECK (bonus_ttldtt BETWEEN 0 AND 100),
            bonus_ttldxs REAL NOT NULL CHECK (bonus_ttldxs BETWEEN 0 AND 100),
            note TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    # The council's order among a year's people (1 first), used to rank those eligible for a
    # capped title after the number of excellent quarters.
    db.execute(
        """
        CREATE TABLE title_priority (
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            priority INTEGER NOT NULL CHECK (priority >= 1),
            PRIMARY KEY (year, staff_id),
            UNIQUE (year, priority)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX title_priority_staff ON title_priority(staff_id)")
    _seed(db)


def _seed(db: Database) -> None:
    """The regime in force in 2018 (Luật Thi đua, Khen thưởng; Nghị định 91/2017/NĐ-CP), editable."""
    db.execute(
        "INSERT INTO title_rule_set (name, from_year, required_level, min_classified_quarters, min_months, "
        "leavers_qualify, individual_discipline, collective_discipline, initiative_required, cstdcs_cap_percent, "
        "cap_scope, ranking, ttldtt_percent, ttldxs_completed_percent, ttldxs_ldtt_percent, ttldxs_min_cstdcs, "
        "bonus_ldtt, bonus_cstdcs, bonus_ttldtt, bonus_ttldxs, note) "
        "VALUES (?, 2017, 'tot', 1, 10, 0, 'khien_trach', 'canh_cao', 1, 15, 'cap_per_unit', "
        "'[\"rank_excellent_quarters\", \"rank_council_order\"]', 50, 100, 70, 1, 0.3, 1.0, 0.8, 1.5, ?)",
        ["Luật Thi đua, Khen thưởng; Nghị định 91/2017/NĐ-CP",
         "Giá trị theo các nguồn thứ cấp; văn bản gốc chưa đối chiếu được. Hãy kiểm tra và sửa cho đúng."],
    )


def add_highest_bonus_only(db: Database) -> None:
    """Migration 0008: whether a person or unit earning two titles at once (Lao động tiên tiến and
    Chiến sĩ thi đua cơ sở; the two collective titles) is paid only the higher bonus (Nghị định
    91/2017/NĐ-CP, Điều 66 khoản 2 điểm c, per secondary sources). On in every existing rule set."""
    db.execute("ALTER TABLE title_rule_set ADD COLUMN highest_bonus_only INTEGER NOT NULL DEFAULT 1 "
               "CHECK (highest_bonus_only IN (0, 1))")
