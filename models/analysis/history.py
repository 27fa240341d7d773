"""A person's and a unit's history, year by year: every award and title of the register, beside the
quarterly levels, the yearly rating and the discipline (a person), or the members' levels per quarter,
their discipline and the approved criticism lists naming the unit (a unit)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

from models.awards.register import Award, awards_of_staff, awards_of_unit
from models.common.codes import DisciplineForm, Level, label
from models.common.text import money

LEVEL_SHORT = {Level.XUAT_SAC: "Xuất sắc", Level.TOT: "Tốt", Level.HOAN_THANH: "Hoàn thành",
               Level.KHONG_HOAN_THANH: "Không hoàn thành"}


@dataclass
class YearLine:
    """One year of a history."""

    year: int
    awards: list[Award] = field(default_factory=list)
    quarters: dict[int, str] = field(default_factory=dict)  # quarter -> what it says ("Tốt", "5 XS, 3 T")
    rating: str = ""  # the person's yearly rating
    discipline: list[str] = field(default_factory=list)
    criticism: list[str] = field(default_factory=list)  # the unit's approved criticism lists

    @property
    def awards_text(self) -> str:
        return "; ".join(a.form + (f" ({a.decision_number})" if a.decision_number else "") for a in self.awards)

    @property
    def bonus(self) -> int:
        return sum(a.amount for a in self.awards)

    @property
    def bonus_text(self) -> str:
        return f"{money(self.bonus)} đ" if self.bonus else ""

    def quarter_text(self, quarter: int) -> str:
        return self.quarters.get(quarter, "")


def _lines(years) -> dict[int, YearLine]:
    return {y: YearLine(y) for y in sorted(years, reverse=True)}


def person_history(db: Database, staff_id: int) -> list[YearLine]:
    """Every year with something to show for ``staff_id``, newest first."""
    awards = awards_of_staff(db, staff_id)
    quarters = db.execute("SELECT year, quarter, level, reason FROM classification WHERE staff_id = ?",
                          [staff_id]).fetchall()
    ratings = db.execute("SELECT year, level FROM yearly_rating WHERE staff_id = ?", [staff_id]).fetchall()
    discipline = db.execute("SELECT effective_year, form, decision_number FROM discipline WHERE staff_id = ?",
                            [staff_id]).fetchall()
    lines = _lines({a.year for a in awards} | {q[0] for q in quarters} | {r[0] for r in ratings}
                   | {d[0] for d in discipline})
    for a in awards:
        lines[a.year].awards.append(a)
    for year, quarter, level, reason in quarters:
        lines[year].quarters[quarter] = LEVEL_SHORT[Level(level)] if level else "Không đánh giá"
    for year, level in ratings:
        lines[year].rating = label(Level(level))
    for year, form, number in discipline:
        lines[year].discipline.append(f"{label(DisciplineForm(form))} ({number})")
    return list(lines.values())


_LETTERS = {Level.XUAT_SAC: "XS", Level.TOT: "T", Level.HOAN_THANH: "HT", Level.KHONG_HOAN_THANH: "K"}


def unit_history(db: Database, unit_id: int) -> list[YearLine]:
    """Every year with something to show for the unit ``unit_id``, newest first: its own awards, its
    members' levels per quarter ("12 XS, 30 T, 2 HT"), their discipline, the criticism lists naming it."""
    from models.yearend.lists import PrintableList  # the approved lists' snapshots

    awards = awards_of_unit(db, unit_id)
    levels = db.execute("SELECT year, quarter, level, count(*) FROM classification WHERE unit_id = ? AND level IS NOT "
                        "NULL GROUP BY year, quarter, level", [unit_id]).fetchall()
    discipline = db.execute(
        "SELECT d.effective_year, d.form, s.full_name FROM discipline d JOIN staff s ON s.id = d.staff_id "
        "WHERE (SELECT su.unit_id FROM staff_unit su WHERE su.staff_id = d.staff_id AND su.start_date <= "
        "d.decision_date ORDER BY su.start_date DESC LIMIT 1) = ?", [unit_id]).fetchall()
    criticism = []
    for campaign_year, number, snapshot in db.execute(
            "SELECT c.year, a.decision_number, a.snapshot FROM award_approval a JOIN campaign c ON c.id = a.campaign_id "
            "WHERE a.list_kind = 'criticism' AND a.reopened_at IS NULL"):
        try:
            printed = PrintableList.from_json(snapshot)
        except (ValueError, TypeError, KeyError):
            continue
        for e in printed.entries:
            if str(e.subject) == "unit" and e.subject_id == unit_id:
                criticism.append((campaign_year, f"{e.text} (Quyết định số {number})"))
    lines = _lines({a.year for a in awards} | {r[0] for r in levels} | {d[0] for d in discipline}
                   | {c[0] for c in criticism})
    for a in awards:
        lines[a.year].awards.append(a)
    counts: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for year, quarter, level, count in levels:
        counts[(year, quarter)][Level(level)] = count
    for (year, quarter), c in counts.items():
        lines[year].quarters[quarter] = ", ".join(f"{c[level]} {_LETTERS[level]}" for level in Level if c[level])
    for year, form, name in discipline:
        lines[year].discipline.append(f"{name}: {label(DisciplineForm(form))}")
    for year, text in criticism:
        lines[year].criticism.append(text)
    return list(lines.values())
