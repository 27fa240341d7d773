"""Rule sets ("Quy định áp dụng") for the quarterly classification: data the user edits.

A rule set applies from its quarter until the quarter of the next one. It says what share of the
extra income each level is paid, the maximum coefficient by year, the caps (warn or block), and
the deadline for units to submit (day N of the first month of the next quarter).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.common.codes import CapScope, HeadLevel, Severity, label
from models.common.errors import DomainError, NotFound, ValidationError
from models.common.text import clean
from models.store.records import save_record, taken_by_another

SHARE_COLUMNS = {
    HeadLevel.XUAT_SAC: "share_xuat_sac",
    HeadLevel.TOT: "share_tot",
    HeadLevel.HOAN_THANH: "share_hoan_thanh",
    HeadLevel.KHONG_HOAN_THANH: "share_khong_hoan_thanh",
}


@dataclass(frozen=True)
class Cap:
    """At most ``max_share`` of the people in ``scope`` (classified that quarter) rated ``level``;
    with ``of_level``, at most ``max_share`` of the number of people in ``scope`` rated ``of_level``
    (Nghị định 335/2025/NĐ-CP: Hoàn thành xuất sắc at most 20% of those rated Hoàn thành tốt)."""

    scope: CapScope
    level: HeadLevel
    max_share: float
    severity: Severity = Severity.WARN
    of_level: HeadLevel | None = None

    @property
    def text(self) -> str:
        who = "lãnh đạo, quản lý" if self.scope == CapScope.LEADERS else "cán bộ của đơn vị"
        if self.of_level is not None:
            return (f"Số {who} xếp loại {label(self.level)} tối đa {percent(self.max_share)} số {who} xếp loại "
                    f"{label(self.of_level)}")
        return f"Tối đa {percent(self.max_share)} {who} xếp loại {label(self.level)}"


@dataclass(frozen=True)
class RuleSet:
    name: str
    from_year: int
    from_quarter: int
    shares: dict[HeadLevel, float]  # share of the extra income paid, by level (0: not paid)
    coefficients: tuple[tuple[int, float], ...]  # (from year, maximum coefficient)
    caps: tuple[Cap, ...] = ()
    deadline_day: int = 5
    note: str = ""
    id: int | None = None
    scored: bool = False  # people are scored out of 100 (Nghị định 335/2025/NĐ-CP): a score column

    @property
    def start(self) -> tuple[int, int]:
        return self.from_year, self.from_quarter

    def max_coefficient(self, year: int) -> float:
        """The maximum coefficient for ``year``: the entry of the latest year not after it."""
        found = [c for y, c in sorted(self.coefficients) if y <= year]
        return found[-1] if found else 0.0

    def paid(self, level: HeadLevel | None) -> bool:
        return level is not None and self.shares.get(level, 0) > 0

    def deadline(self, year: int, quarter: int) -> dt.date:
        """Units submit by day N of the first month of the next quarter."""
        next_year, next_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return dt.date(next_year, 3 * (next_quarter - 1) + 1, self.deadline_day)


def percent(share: float) -> str:
    value = round(share * 100, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"


def check_quarter(year: object, quarter: object) -> dict[str, str]:
    errors = {}
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = f"Năm “{year}” không hợp lệ (từ 2000 đến 2100)"
    if not isinstance(quarter, int) or not 1 <= quarter <= 4:
        errors["quarter"] = f"Quý “{quarter}” không hợp lệ (chỉ có quý 1, 2, 3, 4)"
    return errors


def check_rule_set(rs: RuleSet) -> dict[str, str]:
    errors = check_quarter(rs.from_year, rs.from_quarter)
    errors = {("from_year" if k == "year" else "from_quarter"): v for k, v in errors.items()}
    if not rs.name:
        errors["name"] = "Chưa nhập tên quy định"
    if any(not 0 <= rs.shares.get(level, 0) <= 1 for level in HeadLevel):
        errors["shares"] = "Tỷ lệ chi phải từ 0% đến 100%"
    if not rs.coefficients:
        errors["coefficients"] = "Chưa nhập hệ số tăng thêm tối đa"
    elif any(not 0 <= c <= 10 for _, c in rs.coefficients):
        errors["coefficients"] = "Hệ số tăng thêm tối đa phải từ 0 đến 10"
    elif any(not isinstance(y, int) or not 2000 <= y <= 2100 for y, _ in rs.coefficients):
        errors["coefficients"] = "Năm áp dụng hệ số phải từ 2000 đến 2100"
    elif len({y for y, _ in rs.coefficients}) != len(rs.coefficients):
        errors["coefficients"] = "Mỗi năm chỉ một hệ số tăng thêm tối đa"
    if any(not 0 <= cap.max_share <= 1 for cap in rs.caps):
        errors["caps"] = "Giới hạn phải từ 0% đến 100%"
    elif any(cap.of_level == cap.level for cap in rs.caps):
        errors["caps"] = "Giới hạn tính theo số người của một mức khác: chọn mức khác với mức bị giới hạn"
    if not isinstance(rs.deadline_day, int) or not 1 <= rs.deadline_day <= 28:
        errors["deadline_day"] = "Hạn nộp phải là ngày từ 1 đến 28 của tháng đầu quý sau"
    return errors


def list_rule_sets(db: Database) -> list[RuleSet]:
    """Every rule set, oldest first."""
    rows = list(db.query(
        "SELECT id, name, from_year, from_quarter, share_xuat_sac, share_tot, share_hoan_thanh, "
        "share_khong_hoan_thanh, deadline_day, note, scored FROM rule_set ORDER BY from_year, from_quarter"
    ))
    coefficients: dict[int, list[tuple[int, float]]] = {}
    for rs_id, year, c in db.execute(
        "SELECT rule_set_id, from_year, max_coefficient FROM rule_coefficient ORDER BY from_year"
    ):
        coefficients.setdefault(rs_id, []).append((year, c))
    caps: dict[int, list[Cap]] = {}
    for rs_id, scope, level, share, severity, of_level in db.execute(
        "SELECT rule_set_id, scope, level, max_share, severity, of_level FROM rule_cap ORDER BY rule_set_id, position"
    ):
        caps.setdefault(rs_id, []).append(Cap(CapScope(scope), HeadLevel(level), share, Severity(severity),
                                              HeadLevel(of_level) if of_level else None))
    return [
        RuleSet(
            id=r["id"], name=r["name"], from_year=r["from_year"], from_quarter=r["from_quarter"],
            shares={level: r[column] for level, column in SHARE_COLUMNS.items()}, deadline_day=r["deadline_day"],
            note=r["note"], coefficients=tuple(coefficients.get(r["id"], ())), caps=tuple(caps.get(r["id"], ())),
            scored=bool(r["scored"]),
        )
        for r in rows
    ]


def rule_set_for(db: Database, year: int, quarter: int) -> RuleSet:
    """The rule set in force for the quarter; :class:`DomainError` when none is."""
    problems = check_quarter(year, quarter)
    if problems:
        raise DomainError("; ".join(problems.values()))
    found = [rs for rs in list_rule_sets(db) if rs.start <= (year, quarter)]
    if not found:
        raise DomainError(f"Chưa có quy định áp dụng cho quý {quarter}/{year}")
    return found[-1]


def save_rule_set(db: Database, rs: RuleSet) -> RuleSet:
    """Insert or update a rule set with its coefficients and caps, in one transaction."""
    rs = replace(rs, name=clean(rs.name), note=(rs.note or "").strip())
    errors = check_rule_set(rs)
    if "from_year" not in errors and "from_quarter" not in errors:
        if taken_by_another(db, "rule_set", {"from_year": rs.from_year, "from_quarter": rs.from_quarter}, rs.id):
            errors["from_quarter"] = f"Đã có quy định áp dụng từ quý {rs.from_quarter}/{rs.from_year}"
        else:
            uncovered = _first_uncovered_quarter(db, rs)
            if uncovered:
                errors["from_quarter"] = (
                    f"Đã có kết quả xếp loại quý {uncovered[1]}/{uncovered[0]}; sau khi đổi, quý đó không còn "
                    "quy định nào áp dụng")
    if errors:
        raise ValidationError(errors)
    row = {
        "name": rs.name, "from_year": rs.from_year, "from_quarter": rs.from_quarter,
        **{col: float(rs.shares.get(level, 0)) for level, col in SHARE_COLUMNS.items()},
        "deadline_day": rs.deadline_day, "note": rs.note, "scored": int(bool(rs.scored)),
    }
    with db.atomic():
        rs_id = save_record(db, "rule_set", row, rs.id, "Không tìm thấy quy định")
        if rs.id is not None:
            db.execute("DELETE FROM rule_coefficient WHERE rule_set_id = ?", [rs_id])
            db.execute("DELETE FROM rule_cap WHERE rule_set_id = ?", [rs_id])
        db.conn.executemany(
            "INSERT INTO rule_coefficient (rule_set_id, from_year, max_coefficient) VALUES (?, ?, ?)",
            [(rs_id, y, float(c)) for y, c in rs.coefficients],
        )
        db.conn.executemany(
            "INSERT INTO rule_cap (rule_set_id, position, scope, level, max_share, severity, of_level) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rs_id, i, c.scope.value, c.level.value, float(c.max_share), c.severity.value,
              c.of_level.value if c.of_level else None) for i, c in enumerate(rs.caps)],
        )
    return next(r for r in list_rule_sets(db) if r.id == rs_id)


def _first_uncovered_quarter(db: Database, changed: RuleSet) -> tuple[int, int] | None:
    """The earliest classified quarter that no rule set would cover once ``changed`` is saved."""
    row = db.execute("SELECT year, quarter FROM classification ORDER BY year, quarter LIMIT 1").fetchone()
    if row is None:
        return None
    starts = [r.start for r in list_rule_sets(db) if r.id != changed.id] + [changed.start]
    first = tuple(row)  # (year, quarter)
    return None if any(s <= first for s in starts) else first


def delete_rule_set(db: Database, rule_set_id: int) -> None:
    """Delete a rule set unless a classified quarter depends on it alone."""
    sets = list_rule_sets(db)
    target = next((r for r in sets if r.id == rule_set_id), None)
    if target is None:
        raise NotFound("Không tìm thấy quy định")
    later = [r for r in sets if r.start > target.start]
    earlier = [r for r in sets if r.start < target.start]
    end = later[0].start if later else (9999, 4)
    (used,) = db.execute(
        "SELECT count(*) FROM classification WHERE (year, quarter) >= (?, ?) AND (year, quarter) < (?, ?)",
        [target.from_year, target.from_quarter, *end],
    ).fetchone()
    if used and not earlier:
        raise DomainError(
            f"Không thể xóa: đã có {used} kết quả xếp loại trong thời gian quy định này áp dụng "
            "và không có quy định nào trước đó thay thế"
        )
    with db.atomic():
        db.execute("DELETE FROM rule_set WHERE id = ?", [rule_set_id])


@dataclass(frozen=True)
class BaseSalary:
    start: dt.date
    amount: int  # đồng per month
    decree: str = ""  # the document that set it ("Nghị định 73/2024/NĐ-CP"); empty for a value the user added

    @property
    def stated(self) -> str:
        """"Mức lương cơ sở 2.340.000 đồng theo Nghị định 73/2024/NĐ-CP" (without the decree when unknown)."""
        from models.common.text import money

        return f"Mức lương cơ sở {money(self.amount)} đồng" + (f" theo {self.decree}" if self.decree else "")


# Mức lương cơ sở, shipped (docs/law.md): each value from the first day of the decree that set it. The
# user adds the next ones in the settings.
DEFAULT_BASE_SALARIES = (
    BaseSalary(dt.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    BaseSalary(dt.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    BaseSalary(dt.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    BaseSalary(dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    BaseSalary(dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


def _stored(entry: list) -> BaseSalary:
    # Stored as [start, amount] before migration 0014, [start, amount, decree] since.
    return BaseSalary(dt.date.fromisoformat(entry[0]), int(entry[1]), str(entry[2]) if len(entry) > 2 else "")


def base_salaries(db: Database) -> tuple[BaseSalary, ...]:
    from models.store.settings import get_setting

    stored = get_setting(db, "base_salaries")
    if not stored:
        return DEFAULT_BASE_SALARIES
    return tuple(sorted((_stored(e) for e in stored), key=lambda b: b.start))


def set_base_salaries(db: Database, salaries: list[BaseSalary]) -> None:
    from models.store.settings import set_setting

    if any(b.amount <= 0 for b in salaries):
        raise ValidationError({"base_salaries": "Mức lương cơ sở phải lớn hơn 0"})
    if len({b.start for b in salaries}) != len(salaries):
        raise ValidationError({"base_salaries": "Mỗi ngày áp dụng chỉ một mức lương cơ sở"})
    set_setting(db, "base_salaries", [[b.start.isoformat(), b.amount, clean(b.decree)]
                                      for b in sorted(salaries, key=lambda b: b.start)])


def base_salary_in_force(salaries: tuple[BaseSalary, ...], day: dt.date) -> BaseSalary | None:
    """The base salary in force on ``day`` (the latest starting no later than it)."""
    found = [b for b in salaries if b.start <= day]
    return max(found, key=lambda b: b.start) if found else None


def base_salary_on(salaries: tuple[BaseSalary, ...], day: dt.date) -> int | None:
    found = base_salary_in_force(salaries, day)
    return found.amount if found else None


__all__ = [
    "Cap", "RuleSet", "BaseSalary", "list_rule_sets", "rule_set_for", "save_rule_set", "delete_rule_set",
    "check_quarter", "percent", "base_salaries", "set_base_salaries", "base_salary_on", "base_salary_in_force",
    "DEFAULT_BASE_SALARIES",
]
