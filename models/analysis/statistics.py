"""The council's statistics of a year and across years: awards and titles by unit and kind, criticism by
reason, the quarterly classification levels against the caps, bonus totals; and the charts drawn from them
(:class:`Chart`: plain numbers, drawn by reportlab in the PDF and by QPainter in the window, the same data).

Computed with a handful of grouped queries: a year of a 400,000-award register in well under a second.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

from models.common.award_codes import AwardKind
from models.common.codes import KIND_ORDER, CapScope, Level, ListKind, ReviewReason, UnitKind, label
from models.common.errors import DomainError
from models.common.text import sort_key

SHORT = {AwardKind.LDTT: "LĐTT", AwardKind.CSTDCS: "CSTĐCS", AwardKind.TTLDTT: "TTLĐTT", AwardKind.TTLDXS: "TTLĐXS",
         AwardKind.CSTD_TINH: "CSTĐ tỉnh", AwardKind.CSTD_TOAN_QUOC: "CSTĐ toàn quốc", AwardKind.GIAY_KHEN: "Giấy khen",
         AwardKind.BANG_KHEN: "Bằng khen", AwardKind.CO_THI_DUA: "Cờ thi đua", AwardKind.HUAN_CHUONG: "Huân chương",
         AwardKind.HUY_CHUONG: "Huy chương", AwardKind.KY_NIEM_CHUONG: "Kỷ niệm chương",
         AwardKind.DANH_HIEU_VINH_DU: "Danh hiệu vinh dự", AwardKind.KHAC: "Khác"}
BONUS_COLUMN = "Tiền thưởng (đồng)"  # the heading of a table's bonus column
CAP_SERIES = "Tỷ lệ theo giới hạn"  # the share the first cap limits, drawn against its line
LEVEL_SHORT = {Level.XUAT_SAC: "Xuất sắc", Level.TOT: "Tốt", Level.HOAN_THANH: "Hoàn thành",
               Level.KHONG_HOAN_THANH: "Không hoàn thành"}


@dataclass(frozen=True)
class Chart:
    """What a chart shows: ``kind`` "bar" (grouped bars) or "line"; one value per category in each series.
    ``limit``: a horizontal line (a cap, in the values' unit) with its label."""

    title: str
    kind: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    unit: str = ""  # "%" or "đ" or "" (a count)
    limit: tuple[float, str] | None = None

    @property
    def top(self) -> float:
        values = [v for _name, vs in self.series for v in vs] + ([self.limit[0]] if self.limit else [])
        return max(values, default=0)


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    counts: dict[str, int]  # award kind -> number (the unit's own and its members')
    bonus: int


@dataclass(frozen=True)
class QuarterRow:
    quarter: int
    counts: dict[Level, int]
    classified: int
    caps: tuple[tuple[str, float, float, int], ...]  # (cap text, share found, cap, units over the cap)


@dataclass
class Statistics:
    year: int
    from_year: int
    kinds: list[str] = field(default_factory=list)  # the award kinds present, in AwardKind order
    by_unit: list[UnitRow] = field(default_factory=list)
    by_kind: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # kind -> (people, collectives, bonus)
    by_year: dict[int, Counter] = field(default_factory=dict)  # year -> kind -> count
    bonus_by_year: dict[int, int] = field(default_factory=dict)
    criticism: dict[str, int] = field(default_factory=dict)  # reason label -> collectives criticised
    criticism_by_year: dict[int, int] = field(default_factory=dict)
    quarters: list[QuarterRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p + c for p, c, _b in self.by_kind.values())

    @property
    def bonus(self) -> int:
        return sum(b for _p, _c, b in self.by_kind.values())

    @property
    def years(self) -> list[int]:
        return list(range(self.from_year, self.year + 1))

    def charts(self) -> list[Chart]:
        """The charts of the screen and of the PDF, in their order."""
        kinds = self.kinds or [str(AwardKind.LDTT)]
        charts = [
            Chart(f"Khen thưởng năm {self.year} theo hình thức", "bar", tuple(SHORT[AwardKind(k)] for k in kinds),
                  (("Cá nhân", tuple(float(self.by_kind.get(k, (0, 0, 0))[0]) for k in kinds)),
                   ("Tập thể", tuple(float(self.by_kind.get(k, (0, 0, 0))[1]) for k in kinds)))),
        ]
        if len(self.years) > 1:
            # No award in those years: one line at zero, a chart with no line at all cannot be drawn.
            main = [k for k in kinds if any(self.by_year[y][k] for y in self.years)][:5] or kinds[:1]
            charts.append(Chart(f"Khen thưởng {self.from_year}-{self.year} theo năm", "line",
                                tuple(str(y) for y in self.years),
                                tuple((SHORT[AwardKind(k)], tuple(float(self.by_year[y][k]) for y in self.years))
                                      for k in main)))
            charts.append(Chart(f"Tổng tiền thưởng {self.from_year}-{self.year} (triệu đồng)", "bar",
                                tuple(str(y) for y in self.years),
                                (("Tiền thưởng", tuple(round(self.bonus_by_year.get(y, 0) / 1e6, 1) for y in self.years)),)))
        if self.quarters:
            first_cap = next((q.caps[0] for q in self.quarters if q.caps), None)
            series = [(LEVEL_SHORT[level], tuple(_share(q.counts[level], q.classified) for q in self.quarters))
                      for level in Level]
            if first_cap:  # the share the first cap limits (leaders rated excellent), against the cap
                series.append((CAP_SERIES, tuple(round(100 * q.caps[0][1], 1) if q.caps else 0.0
                                                  for q in self.quarters)))
            charts.append(Chart(f"Xếp loại quý năm {self.year} (% số người được xếp loại)", "bar",
                                tuple(f"Quý {q.quarter}" for q in self.quarters), tuple(series), "%",
                                (round(first_cap[2] * 100, 1), first_cap[0]) if first_cap else None))
        if self.criticism:
            reasons = sorted(self.criticism, key=lambda r: -self.criticism[r])
            charts.append(Chart(f"Tập thể bị phê bình năm {self.year} theo lý do", "bar",
                                tuple(reasons), (("Số tập thể", tuple(float(self.criticism[r]) for r in reasons)),)))
        return charts


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _unit_at(db: Database, year: int):
    """staff id -> their unit id on 31/12 of ``year``."""
    history: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for staff_id, unit_id, start in db.execute("SELECT staff_id, unit_id, start_date FROM staff_unit ORDER BY "
                                               "staff_id, start_date"):
        history[staff_id].append((start, unit_id))
    end = f"{year}-12-31"

    def unit_of(staff_id: int) -> int | None:
        rows = history.get(staff_id)
        if not rows:
            return None
        i = bisect.bisect_right([r[0] for r in rows], end) if len(rows) > 1 else (1 if rows[0][0] <= end else 0)
        return rows[i - 1][1] if i else rows[0][1]

    return unit_of


def _criticism(db: Database, years: list[int], as_of: dt.date) -> tuple[dict[int, Counter], dict[int, int]]:
    """Reason label -> collectives criticised, by the campaigns' year; what prints (approved or draft)."""
    from models.yearend.review import printable_list  # the review's lists: imported when statistics need them

    reasons = [label(r) for r in ReviewReason]
    by_reason: dict[int, Counter] = defaultdict(Counter)
    totals: dict[int, int] = defaultdict(int)
    for campaign_id, year in db.execute(f"SELECT id, year FROM campaign WHERE year BETWEEN {years[0]} AND "
                                        f"{years[-1]}").fetchall():
        try:
            printed = printable_list(db, campaign_id, ListKind.CRITICISM, as_of)
        except DomainError:
            continue
        for e in printed.entries:
            totals[year] += 1
            for r in reasons:
                if r in e.text:
                    by_reason[year][r] += 1
    return by_reason, totals


def _quarters(db: Database, year: int) -> list[QuarterRow]:
    from models.quarters.rules import rule_set_for

    rows = db.execute("SELECT c.quarter, c.unit_id, s.is_leader, c.level, count(*) FROM classification c JOIN staff s "
                      "ON s.id = c.staff_id WHERE c.year = ? AND c.level IS NOT NULL "
                      "GROUP BY c.quarter, c.unit_id, s.is_leader, c.level", [year]).fetchall()
    found = []
    for quarter in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == quarter]
        counts = Counter()
        for _q, _u, _lead, level, n in mine:
            counts[Level(level)] += n
        try:
            caps = rule_set_for(db, year, quarter).caps
        except DomainError:
            caps = ()
        cap_rows = []
        for cap in caps:
            scope = [r for r in mine if cap.scope != CapScope.LEADERS or r[2]]
            total = sum(r[4] for r in scope)
            hit = sum(r[4] for r in scope if r[3] == cap.level)
            per_unit: dict[int, list[int]] = defaultdict(lambda: [0, 0])
            for _q, unit_id, _lead, level, n in scope:
                per_unit[unit_id][1] += n
                if level == cap.level:
                    per_unit[unit_id][0] += n
            over = sum(1 for h, t in per_unit.values() if t and h / t > cap.max_share + 1e-9)
            cap_rows.append((cap.text, hit / total if total else 0.0, cap.max_share, over))
        found.append(QuarterRow(quarter, counts, sum(counts.values()), tuple(cap_rows)))
    return found


def compute_statistics(db: Database, year: int, from_year: int | None = None, as_of: dt.date | None = None
                       ) -> Statistics:
    """The statistics of ``year`` and, with ``from_year``, of every year from it to ``year``."""
    from_year = year if from_year is None else from_year
    if from_year > year:
        raise DomainError(f"Năm bắt đầu {from_year} sau năm thống kê {year}")
    stats = Statistics(year, from_year)
    unit_of = _unit_at(db, year)
    units = {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT id, code, name, kind FROM unit")}
    per_unit: dict[int, Counter] = defaultdict(Counter)
    bonus_of: dict[int, int] = defaultdict(int)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for staff_id, unit_id, kind, amount in db.execute(
            "SELECT staff_id, unit_id, kind, amount FROM award WHERE year = ?", [year]):
        owner = unit_id if unit_id is not None else unit_of(staff_id)
        per_unit[owner][kind] += 1
        bonus_of[owner] += amount
        counts = by_kind[kind]
        counts[0 if unit_id is None else 1] += 1
        counts[2] += amount
    stats.kinds = [str(k) for k in AwardKind if str(k) in by_kind]
    stats.by_kind = {k: tuple(by_kind[k]) for k in stats.kinds}

    def unit_order(unit_id):
        code, name, kind = units.get(unit_id, ("", "(không rõ đơn vị)", "khac"))
        return KIND_ORDER.get(UnitKind(kind), 99), sort_key(name)

    stats.by_unit = [UnitRow(units.get(u, ("", "(không rõ đơn vị)"))[0], units.get(u, ("", "(không rõ đơn vị)"))[1],
                             dict(per_unit[u]), bonus_of[u]) for u in sorted(per_unit, key=unit_order)]
    stats.by_year = {y: Counter() for y in stats.years}
    for y, kind, n, amount in db.execute("SELECT year, kind, count(*), sum(amount) FROM award WHERE year BETWEEN ? AND ? "
                                         "GROUP BY year, kind", [from_year, year]):
        stats.by_year[y][kind] = n
        stats.bonus_by_year[y] = stats.bonus_by_year.get(y, 0) + amount
    by_reason, totals = _criticism(db, stats.years, as_of or dt.date.today())
    stats.criticism = dict(by_reason.get(year, {}))
    stats.criticism_by_year = {y: totals.get(y, 0) for y in stats.years}
    stats.quarters = _quarters(db, year)
    return stats


SHEETS = {"theo đơn vị": "Theo đơn vị", "theo hình thức": "Theo hình thức", "theo năm": "Theo năm",
          "theo lý do": "Phê bình", "giới hạn tỷ lệ": "Xếp loại quý"}


def sheet_name(heading: str) -> str:
    """The workbook sheet of a table: "Theo đơn vị", "Theo hình thức", "Theo năm", "Phê bình", "Xếp loại quý"."""
    return next(name for part, name in SHEETS.items() if part in heading)


def tables(stats: Statistics) -> list[tuple[str, list[str], list[list]]]:
    """(heading, column headings, rows) of every table: what the PDF prints and the workbook holds."""
    kinds = stats.kinds
    found = [(f"Khen thưởng năm {stats.year} theo đơn vị và hình thức",
              ["Đơn vị", *[SHORT[AwardKind(k)] for k in kinds], "Tổng số", BONUS_COLUMN],
              [[u.name, *[u.counts.get(k, 0) for k in kinds], sum(u.counts.values()), u.bonus] for u in stats.by_unit]
              + [["Tổng cộng", *[sum(stats.by_kind[k][:2]) for k in kinds], stats.total, stats.bonus]]),
             (f"Khen thưởng năm {stats.year} theo hình thức", ["Hình thức", "Cá nhân", "Tập thể", BONUS_COLUMN],
              [[SHORT[AwardKind(k)], *stats.by_kind[k]] for k in kinds]),
             ]
    if len(stats.years) > 1:
        all_kinds = [str(k) for k in AwardKind if any(stats.by_year[y][str(k)] for y in stats.years)]
        found.append((f"Khen thưởng {stats.from_year}-{stats.year} theo năm",
                      ["Năm", *[SHORT[AwardKind(k)] for k in all_kinds], BONUS_COLUMN, "Tập thể bị phê bình"],
                      [[y, *[stats.by_year[y][k] for k in all_kinds], stats.bonus_by_year.get(y, 0),
                        stats.criticism_by_year.get(y, 0)] for y in stats.years]))
    found.append((f"Tập thể bị phê bình năm {stats.year} theo lý do", ["Lý do", "Số tập thể"],
                  [[reason, n] for reason, n in sorted(stats.criticism.items(), key=lambda x: -x[1])]))
    quarter_rows = []
    for q in stats.quarters:
        caps = "; ".join(f"{text}: {share * 100:.1f}% (giới hạn {cap * 100:g}%), {over} đơn vị vượt"
                         for text, share, cap, over in q.caps)
        quarter_rows.append([f"Quý {q.quarter}", q.classified, *[q.counts[level] for level in Level], caps])
    found.append((f"Xếp loại quý năm {stats.year} và giới hạn tỷ lệ",
                  ["Quý", "Được xếp loại", *[label(level) for level in Level], "Giới hạn tỷ lệ"], quarter_rows))
    return found
