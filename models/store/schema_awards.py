"""The bodies of the award register's migrations (registered in ``models.store.schema``): 0025, the
register of every award a person or a collective received (``award``); 0026, the rules saying who is due
for the next award (``due_rule``) with the shipped defaults.

Never edit one once applied: add a migration. Value lists are written out, as in ``models.store.schema``.
"""
from __future__ import annotations


from sqlite_utils import Database

_KINDS = ("'ldtt', 'cstdcs', 'ttldtt', 'ttldxs', 'cstd_tinh', 'cstd_toan_quoc', 'giay_khen', 'bang_khen', "
          "'co_thi_dua', 'huan_chuong', 'huy_chuong', 'ky_niem_chuong', 'danh_hieu_vinh_du', 'khac'")
_LEVELS = "'co_so', 'xa', 'huyen', 'tinh', 'bo_nganh', 'chinh_phu', 'nha_nuoc'"
_RATINGS = "'xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'"


def create_award_table(db: Database) -> None:
    # One award to one person (staff_id) or one collective (unit_id). ``form`` is the award as written
    # ("Huân chương Lao động hạng Ba"), ``kind`` what it is for counting. A yearly title written when its
    # list was approved keeps the approval (``approval_id``): reopening the list removes it.
    db.execute(
        f"""
        CREATE TABLE award (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
            unit_id INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
            form TEXT NOT NULL CHECK (length(trim(form)) > 0),
            form_folded TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ({_LEVELS})),
            authority TEXT NOT NULL DEFAULT '',
            decision_number TEXT NOT NULL DEFAULT '',
            decision_date TEXT CHECK (decision_date IS NULL OR date(decision_date, '+0 days') IS decision_date),
            reason TEXT NOT NULL DEFAULT '',
            amount INTEGER NOT NULL DEFAULT 0 CHECK (amount BETWEEN 0 AND 100000000000),
            approval_id INTEGER REFERENCES award_approval(id) ON DELETE RESTRICT,
            CHECK ((staff_id IS NULL) <> (unit_id IS NULL))
        ) STRICT
        """
    )
    # Each index ends with the rowid, so (x, year) gives a search the awards' (year, id) without reading
    # the rows (see models.awards.register.search_awards); award_year walks the register newest first.
    db.execute("CREATE INDEX award_staff ON award(staff_id, year)")
    db.execute("CREATE INDEX award_unit ON award(unit_id, year)")
    db.execute("CREATE INDEX award_year ON award(year)")
    db.execute("CREATE INDEX award_kind ON award(kind, level, year)")
    db.execute("CREATE INDEX award_form ON award(form_folded, year)")
    db.execute("CREATE INDEX award_decision ON award(decision_number, year)")
    db.execute("CREATE INDEX award_approval_rows ON award(approval_id) WHERE approval_id IS NOT NULL")


# The shipped rules (see models.awards.due for what each field means and docs/law.md for the sources).
# (code, name, subject, target kind, target level, counted, count, counted level, after kind, source, to check)
DEFAULT_RULES = [
    ("cstd_tinh", "Chiến sĩ thi đua cấp tỉnh (thành phố)", "staff", "cstd_tinh", "tinh", "award:cstdcs", 3, None, None,
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 22 (chọn trong số cá nhân có 03 lần liên tục đạt Chiến sĩ thi "
     "đua cơ sở; còn cần sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh)", 1),
    ("cstd_toan_quoc", "Chiến sĩ thi đua toàn quốc", "staff", "cstd_toan_quoc", "nha_nuoc", "award:cstd_tinh", 2, None,
     None, "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 21 (chọn trong số cá nhân có 02 lần liên tục được tặng "
     "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh; lawnet.vn)", 0),
    ("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh (thành phố)", "staff", "bang_khen", "tinh", "rating", 2,
     "xuat_sac", None, "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 74 (02 năm liên tục hoàn thành xuất sắc nhiệm "
     "vụ, trong thời gian đó có 02 sáng kiến được công nhận)", 1),
    ("bang_khen_ttg", "Bằng khen của Thủ tướng Chính phủ", "staff", "bang_khen", "chinh_phu", "rating", 5, "xuat_sac",
     "bang_khen:tinh", "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 71 (đã được tặng Bằng khen cấp bộ, ban, ngành, "
     "tỉnh, 05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ)", 1),
    ("giay_khen_huyen", "Giấy khen của Chủ tịch UBND cấp huyện (xã)", "staff", "giay_khen", "huyen", "rating", 2, "tot",
     None, "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 75; Nghị định 98/2023/NĐ-CP (02 năm liên tục hoàn thành "
     "tốt nhiệm vụ)", 1),
    ("bang_khen_tinh_tap_the", "Bằng khen của Chủ tịch UBND tỉnh cho tập thể", "unit", "bang_khen", "tinh",
     "award:ttldxs", 2, None, None, "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 74 (tập thể 02 năm liên tục hoàn "
     "thành xuất sắc nhiệm vụ)", 1),
]


def create_due_rules(db: Database) -> None:
    # A rule: ``subject`` (staff or unit) is due for ``target_kind`` at ``target_level`` when the last
    # ``count`` years up to the year considered each hold ``counted``: an award of a kind ("award:cstdcs") or
    # a yearly rating at ``counted_level`` or better ("rating"); with ``after`` ("bang_khen:tinh"), only the
    # years after the last such award count. ``to_check`` marks a rule whose source was not read in full.
    db.execute(
        f"""
        CREATE TABLE due_rule (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            subject TEXT NOT NULL CHECK (subject IN ('staff', 'unit')),
            target_kind TEXT NOT NULL CHECK (target_kind IN ({_KINDS})),
            target_level TEXT NOT NULL CHECK (target_level IN ({_LEVELS})),
            counted TEXT NOT NULL CHECK (counted = 'rating' OR counted LIKE 'award:%'),
            count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 30),
            counted_level TEXT CHECK (counted_level IS NULL OR counted_level IN ({_RATINGS})),
            after TEXT,
            source TEXT NOT NULL DEFAULT '',
            to_check INTEGER NOT NULL DEFAULT 1 CHECK (to_check IN (0, 1)),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            position INTEGER NOT NULL DEFAULT 0,
            CHECK ((counted = 'rating') = (counted_level IS NOT NULL))
        ) STRICT
        """
    )
    db.conn.executemany(
        "INSERT INTO due_rule (code, name, subject, target_kind, target_level, counted, count, counted_level, after, "
        "source, to_check, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*rule, i) for i, rule in enumerate(DEFAULT_RULES)],
    )


__all__ = ["DEFAULT_RULES", "create_award_table", "create_due_rules"]
