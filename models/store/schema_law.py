"""The bodies of the migrations that bring the law of the year being worked (registered in
``models.store.schema``): 0014, the base salaries through 2024 with their decrees; 0015, the rule
shapes of Luật Thi đua, khen thưởng 2022 (yearly rating, a list of achievements for Chiến sĩ thi
đua cơ sở, the share's denominator, maternity leave, the day of the base salary, the legal source and
the values to check) and the table of a person's achievements; 0016, the rule sets from 2024 and 2025.

Never edit one once applied: add a migration. Values are written out here (never read from the live
enums or constants), so that a migration does the same whatever a later version ships. Sources:
docs/law.md.
"""
from __future__ import annotations

import json

from sqlite_utils import Database

# (start, amount, decree) as shipped by migration 0014.
_BASE_SALARIES = (
    ("2017-07-01", 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    ("2018-07-01", 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    ("2019-07-01", 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    ("2023-07-01", 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    ("2024-07-01", 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


def base_salaries_through_2024(db: Database) -> None:
    """Migration 0014. Without a stored list the program reads its shipped one (which now runs to
    2024); a list the user saved keeps every value it holds (theirs wins on a day both name) and
    gains the shipped values of the other days, and the decree of the shipped value it matches."""
    row = db.execute("SELECT value FROM setting WHERE key = 'base_salaries'").fetchone()
    if row is None:
        return
    stored = {entry[0]: [entry[0], int(entry[1]), entry[2] if len(entry) > 2 else ""] for entry in json.loads(row[0])}
    for start, amount, decree in _BASE_SALARIES:
        mine = stored.get(start)
        if mine is None:
            stored[start] = [start, amount, decree]
        elif mine[1] == amount and not mine[2]:
            mine[2] = decree
    value = json.dumps([stored[k] for k in sorted(stored)], ensure_ascii=False)
    db.execute("UPDATE setting SET value = ? WHERE key = 'base_salaries'", [value])


def title_rule_shapes(db: Database) -> None:
    """Migration 0015. Every existing rule set keeps its results: it reads the quarters, asks for a
    recognised initiative when it did (``initiative_required``), counts its share among those who
    earned Lao động tiên tiến, leaves out people on maternity leave all year, and pays on the base
    salary of 31/12 of the year."""
    columns = [
        "judging TEXT NOT NULL DEFAULT 'judge_quarters' CHECK (judging IN ('judge_quarters', 'judge_yearly_rating'))",
        "achievements TEXT NOT NULL DEFAULT '[\"ach_sang_kien\"]' CHECK (json_valid(achievements))",
        "cap_base TEXT NOT NULL DEFAULT 'cap_of_ldtt' CHECK (cap_base IN ('cap_of_ldtt', 'cap_of_members'))",
        "maternity_counts INTEGER NOT NULL DEFAULT 0 CHECK (maternity_counts IN (0, 1))",
        "bonus_base_day TEXT NOT NULL DEFAULT 'base_year_end' "
        "CHECK (bonus_base_day IN ('base_year_end', 'base_decision_date'))",
        "source TEXT NOT NULL DEFAULT ''",
        "to_check TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(to_check))",
    ]
    for column in columns:
        db.execute(f"ALTER TABLE title_rule_set ADD COLUMN {column}")
    db.execute("UPDATE title_rule_set SET achievements = '[]' WHERE initiative_required = 0")
    # A person's achievement of a year that can make them Chiến sĩ thi đua cơ sở, besides the
    # initiatives of the campaigns: an accepted research work applied in the unit, a work solution
    # recognised by the competent authority.
    db.execute(
        """
        CREATE TABLE staff_achievement (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            kind TEXT NOT NULL CHECK (kind IN ('ach_de_tai', 'ach_giai_phap')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            reference TEXT NOT NULL DEFAULT '',
            UNIQUE (staff_id, year, kind, title)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX staff_achievement_year ON staff_achievement(year)")


_CHECK = "cần kiểm tra theo quy định của thành phố"
_COMMON_SOURCE = (
    "Luật Thi đua, khen thưởng 06/2022/QH15 (hiệu lực 01/01/2024) và {decree}. "
    "Lao động tiên tiến: hoàn thành tốt nhiệm vụ trở lên (xếp loại cuối năm). "
    "Chiến sĩ thi đua cơ sở: đạt Lao động tiên tiến và có ít nhất một thành tích: sáng kiến được công nhận; đề tài, "
    "đề án, công trình khoa học đã nghiệm thu và áp dụng; giải pháp được cấp có thẩm quyền công nhận. "
    "Thời gian nghỉ thai sản được tính là thời gian công tác để xét danh hiệu. "
    "Tiền thưởng: LĐTT 0,3; CSTĐCS 1,0; TTLĐTT 0,8; TTLĐXS 1,5 lần mức lương cơ sở có hiệu lực vào ngày ban hành "
    "quyết định khen thưởng. "
    f"Tỷ lệ Chiến sĩ thi đua cơ sở (15% số người đạt Lao động tiên tiến) và thời gian công tác tối thiểu (10 tháng): "
    f"{_CHECK}. Số điều, khoản theo các nguồn thứ cấp: cần đối chiếu văn bản gốc."
)
_TO_CHECK = json.dumps(["cstdcs_cap_percent", "cap_base", "min_months"])
_NOTE = ("Điều, khoản theo các nguồn thứ cấp; văn bản gốc chưa đối chiếu được trong phần mềm. Các giá trị đánh dấu "
         f"“{_CHECK}” hãy sửa theo quy định của thành phố.")


def title_rules_2024_and_2025(db: Database) -> None:
    """Migration 0016: the rule sets from 2024 (Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định
    98/2023/NĐ-CP) and from 2025 (Nghị định 152/2025/NĐ-CP), beside the 2018 one. A year the user
    already gave a rule set of their own keeps it."""
    sets = [
        ("Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP", 2024, "Nghị định 98/2023/NĐ-CP"),
        ("Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP", 2025, "Nghị định 152/2025/NĐ-CP"),
    ]
    for name, year, decree in sets:
        db.execute(
            "INSERT OR IGNORE INTO title_rule_set (name, from_year, required_level, min_classified_quarters, min_months, "
            "leavers_qualify, individual_discipline, collective_discipline, initiative_required, cstdcs_cap_percent, "
            "cap_scope, ranking, ttldtt_percent, ttldxs_completed_percent, ttldxs_ldtt_percent, ttldxs_min_cstdcs, "
            "bonus_ldtt, bonus_cstdcs, bonus_ttldtt, bonus_ttldxs, note, highest_bonus_only, judging, achievements, "
            "cap_base, maternity_counts, bonus_base_day, source, to_check) "
            "VALUES (?, ?, 'tot', 1, 10, 0, 'khien_trach', 'canh_cao', 1, 15, 'cap_per_unit', "
            "'[\"rank_yearly_rating\", \"rank_council_order\"]', 50, 100, 70, 1, 0.3, 1.0, 0.8, 1.5, ?, 1, "
            "'judge_yearly_rating', '[\"ach_sang_kien\", \"ach_de_tai\", \"ach_giai_phap\"]', 'cap_of_ldtt', 1, "
            "'base_decision_date', ?, ?)",
            [name, year, _NOTE, _COMMON_SOURCE.format(decree=decree), _TO_CHECK],
        )
    db.execute("UPDATE title_rule_set SET source = ? WHERE from_year = 2017 AND source = ''",
               ["Luật Thi đua, Khen thưởng 2003 (sửa đổi, bổ sung 2013); Nghị định 91/2017/NĐ-CP (tỷ lệ 15% Chiến sĩ "
                "thi đua cơ sở: Điều 9; chỉ nhận mức thưởng cao nhất: Điều 66 khoản 2 điểm c), theo các nguồn thứ "
                "cấp."])
