"""Rule sets for the yearly emulation titles ("Quy định xét danh hiệu thi đua"): data the user edits.

A rule set applies from its year until the year of the next one. It holds every number and choice
the titles depend on (``models.yearend.titles`` has no number of its own): the level each classified
quarter must reach, the months since recruitment, the discipline that bars a person or a
collective, the initiative condition and the cap of Chiến sĩ thi đua cơ sở with its scope and
ranking, the shares of the collective titles, and the bonuses as multiples of the base salary
(with whether someone earning two linked titles is paid only the higher bonus).

Shares are percentages held as :class:`~decimal.Decimal` and compared exactly (``Fraction``):
15% of 20 is exactly 3, and 50% of 10 is not "more than 50%".

The shipped sets (docs/law.md): from 2017, Luật Thi đua, Khen thưởng and Nghị định 91/2017/NĐ-CP
(Lao động tiên tiến from the quarters, one recognised initiative, the base salary of 31/12); from
2024 and 2025, Luật Thi đua, khen thưởng 06/2022/QH15 with Nghị định 98/2023/NĐ-CP and 152/2025/NĐ-CP
(the year-end rating, at least one of a list of achievements, maternity leave counted as worked, the
base salary of the decision date). Each carries its legal source; the values that could not be
confirmed are named in ``to_check`` ("cần kiểm tra theo quy định của thành phố").
"""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from sqlite_utils import Database

from models.common.codes import (
    Achievement, BonusBaseDay, CapBase, DisciplineForm, HeadLevel, TitleCapScope, TitleCode, TitleJudging, TitleRank,
    label,
)
from models.common.errors import DomainError, NotFound, ValidationError
from models.common.text import clean
from models.store.records import save_record, taken_by_another

DEFAULT_BONUS = {TitleCode.LDTT: Decimal("0.3"), TitleCode.CSTDCS: Decimal("1.0"),
                 TitleCode.TTLDTT: Decimal("0.8"), TitleCode.TTLDXS: Decimal("1.5")}
BONUS_ROUNDING = 10_000  # bonuses are rounded up to the nearest 10,000 đ
# The higher titles and the title each requires: a Chiến sĩ thi đua cơ sở is a Lao động tiên tiến,
# a Tập thể lao động xuất sắc a Tập thể lao động tiên tiến.
REQUIRES = {TitleCode.CSTDCS: TitleCode.LDTT, TitleCode.TTLDXS: TitleCode.TTLDTT}
_PERCENT_FIELDS = ("cstdcs_cap_percent", "ttldtt_percent", "ttldxs_completed_percent", "ttldxs_ldtt_percent")
_PERCENT_LABELS = {
    "cstdcs_cap_percent": "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở",
    "ttldtt_percent": "Tỷ lệ Lao động tiên tiến của Tập thể lao động tiên tiến",
    "ttldxs_completed_percent": "Tỷ lệ hoàn thành nhiệm vụ của Tập thể lao động xuất sắc",
    "ttldxs_ldtt_percent": "Tỷ lệ Lao động tiên tiến của Tập thể lao động xuất sắc",
}


@dataclass(frozen=True)
class TitleRules:
    """One rule set. Defaults are the 2018 regime."""

    name: str
    from_year: int
    # Lao động tiên tiến: every classified quarter of the year at least ``required_level``, with
    # at least ``min_classified_quarters`` classified (a quarter "không đánh giá", maternity
    # leave included, is neither counted nor held against the person).
    required_level: HeadLevel = HeadLevel.TOT
    min_classified_quarters: int = 1
    min_months: int = 10  # since recruitment, on 31/12 of the year (maternity leave counts as work)
    leavers_qualify: bool = False  # people who left before 31/12 are considered (else noted, not proposed)
    individual_discipline: DisciplineForm = DisciplineForm.KHIEN_TRACH  # this form or worse bars a person
    collective_discipline: DisciplineForm = DisciplineForm.CANH_CAO  # a member with this or worse bars a unit
    # Chiến sĩ thi đua cơ sở: Lao động tiên tiến, author of an initiative recognised at the cơ sở
    # in a campaign of the year, within the cap (a share of those who earned Lao động tiên tiến,
    # rounded down) counted per unit or district-wide, ranked by ``ranking`` then by name.
    # Chiến sĩ thi đua cơ sở needs at least one of ``achievements`` (none listed: Lao động tiên
    # tiến within the cap is enough); the 2018 set lists only the recognised initiative.
    achievements: tuple[Achievement, ...] = (Achievement.SANG_KIEN,)
    cstdcs_cap_percent: Decimal = Decimal(15)
    cap_scope: TitleCapScope = TitleCapScope.PER_UNIT
    ranking: tuple[TitleRank, ...] = (TitleRank.EXCELLENT_QUARTERS, TitleRank.COUNCIL_ORDER)
    # Tập thể lao động tiên tiến: strictly more than ``ttldtt_percent`` of members Lao động tiên tiến.
    ttldtt_percent: Decimal = Decimal(50)
    # Tập thể lao động xuất sắc: at least these shares of members completed their tasks (no
    # quarter at Không hoàn thành nhiệm vụ) and earned Lao động tiên tiến, and at least this many
    # Chiến sĩ thi đua cơ sở.
    ttldxs_completed_percent: Decimal = Decimal(100)
    ttldxs_ldtt_percent: Decimal = Decimal(70)
    ttldxs_min_cstdcs: int = 1
    bonus: dict[TitleCode, Decimal] = field(default_factory=lambda: dict(DEFAULT_BONUS))  # x base salary
    # Someone on the lists of a higher title and of the title it requires (``REQUIRES``) is paid
    # only the higher of the two bonuses (Nghị định 91/2017/NĐ-CP, Điều 66 khoản 2 điểm c: for
    # the same achievement at the same time, only the highest bonus; to be checked in the text).
    highest_bonus_only: bool = True
    note: str = ""
    id: int | None = None
    # The shapes of Luật Thi đua, khen thưởng 2022 (migration 0015; the defaults are the 2018 ones).
    judging: TitleJudging = TitleJudging.QUARTERS  # Lao động tiên tiến from the quarters or the yearly rating
    cap_base: CapBase = CapBase.LDTT  # the denominator of the Chiến sĩ thi đua cơ sở share
    maternity_counts: bool = False  # a quarter "không đánh giá" for maternity leave counts as worked at the level
    bonus_base_day: BonusBaseDay = BonusBaseDay.YEAR_END  # the day whose base salary the bonuses use
    source: str = ""  # the legal texts the values come from, shown in the settings
    to_check: tuple[str, ...] = ()  # fields whose value could not be confirmed ("cần kiểm tra ...")

    @property
    def initiative_required(self) -> bool:
        return Achievement.SANG_KIEN in self.achievements

    @property
    def by_rating(self) -> bool:
        return self.judging == TitleJudging.YEARLY_RATING

    def cap(self, base: int) -> int:
        """How many may be Chiến sĩ thi đua cơ sở: the share of ``base`` (those who earned Lao động
        tiên tiến, or everyone considered, by ``cap_base``), rounded down."""
        return math.floor(Fraction(self.cstdcs_cap_percent) * base / 100)

    def base_day(self, year: int, decided_on: dt.date | None) -> dt.date:
        """The day whose base salary pays ``year``'s bonuses: 31/12 of the year, or under
        "decision date" the decision's date (a draft: the day its figures are taken), 31/12 when
        none is known."""
        if self.bonus_base_day == BonusBaseDay.DECISION_DATE and decided_on is not None:
            return decided_on
        return dt.date(year, 12, 31)

    def bonus_amount(self, title: TitleCode, base_salary: int | None) -> int:
        """The title's bonus in đồng: multiple x base salary, rounded up to the nearest 10,000 đ
        (0 when no base salary is known)."""
        if not base_salary:
            return 0
        exact = Fraction(self.bonus.get(title, Decimal(0))) * base_salary
        return math.ceil(exact / BONUS_ROUNDING) * BONUS_ROUNDING


def percent_text(value: Decimal | Fraction | float) -> str:
    """A percentage as printed: 15 -> "15%", 66.666 -> "66,7%", 12.5 -> "12,5%"."""
    text = f"{float(value):.1f}".rstrip("0").rstrip(".").replace(".", ",")  # display only: a float is exact enough
    return f"{text}%"


def share_of(part: int, whole: int) -> Fraction:
    """``part`` of ``whole`` as an exact percentage (0 when ``whole`` is 0)."""
    return Fraction(100 * part, whole) if whole else Fraction(0)


def _decimal(value: object) -> Decimal | None:
    try:
        result = Decimal(str(value).strip().replace(",", ".")) if not isinstance(value, Decimal) else value
    except ArithmeticError:
        return None
    return result if result.is_finite() else None


def normalised(r: TitleRules) -> TitleRules:
    """Clean text; percentages and multiples as Decimals (text such as "12,5" is accepted)."""
    changes = {f: _decimal(getattr(r, f)) for f in _PERCENT_FIELDS}
    bonus = {t: _decimal(r.bonus.get(t, Decimal(0))) for t in TitleCode}
    return replace(r, name=clean(r.name), note=(r.note or "").strip(), ranking=tuple(r.ranking), bonus=bonus,
                   achievements=tuple(r.achievements), source=(r.source or "").strip(), to_check=tuple(r.to_check),
                   **changes)


def check_title_rules(r: TitleRules) -> dict[str, str]:
    """What is wrong with ``r`` (normalised), by field; empty when it can be saved."""
    errors = {}
    if not r.name:
        errors["name"] = "Chưa nhập tên quy định"
    if not isinstance(r.from_year, int) or not 2000 <= r.from_year <= 2100:
        errors["from_year"] = f"Năm “{r.from_year}” không hợp lệ (từ 2000 đến 2100)"
    if not isinstance(r.required_level, HeadLevel):
        errors["required_level"] = "Chưa chọn mức xếp loại tối thiểu của các quý"
    if not isinstance(r.min_classified_quarters, int) or not 1 <= r.min_classified_quarters <= 4:
        errors["min_classified_quarters"] = "Số quý được xếp loại tối thiểu phải từ 1 đến 4"
    if not isinstance(r.min_months, int) or not 0 <= r.min_months <= 120:
        errors["min_months"] = "Số tháng công tác tối thiểu phải từ 0 đến 120"
    for name in ("individual_discipline", "collective_discipline"):
        if not isinstance(getattr(r, name), DisciplineForm):
            errors[name] = "Chưa chọn hình thức kỷ luật"
    if not isinstance(r.cap_scope, TitleCapScope):
        errors["cap_scope"] = "Chưa chọn phạm vi tính tỷ lệ Chiến sĩ thi đua cơ sở"
    if not isinstance(r.judging, TitleJudging):
        errors["judging"] = "Chưa chọn căn cứ xét Lao động tiên tiến"
    if not isinstance(r.cap_base, CapBase):
        errors["cap_base"] = "Chưa chọn cách tính tỷ lệ Chiến sĩ thi đua cơ sở"
    if not isinstance(r.bonus_base_day, BonusBaseDay):
        errors["bonus_base_day"] = "Chưa chọn ngày lấy mức lương cơ sở"
    if any(not isinstance(a, Achievement) for a in r.achievements) or len(set(r.achievements)) != len(r.achievements):
        errors["achievements"] = "Mỗi thành tích chỉ chọn một lần"
    if any(not isinstance(k, TitleRank) for k in r.ranking) or len(set(r.ranking)) != len(r.ranking):
        errors["ranking"] = "Mỗi tiêu chí xếp hạng chỉ chọn một lần"
    for name in _PERCENT_FIELDS:
        value = getattr(r, name)
        if value is None or not 0 <= value <= 100:
            errors[name] = f"{_PERCENT_LABELS[name]} phải là số từ 0 đến 100 (%)"
    if not isinstance(r.ttldxs_min_cstdcs, int) or not 0 <= r.ttldxs_min_cstdcs <= 1000:
        errors["ttldxs_min_cstdcs"] = "Số Chiến sĩ thi đua cơ sở tối thiểu của Tập thể lao động xuất sắc phải từ 0"
    wrong = [t for t in TitleCode if r.bonus.get(t) is None or not 0 <= r.bonus[t] <= 100]
    if wrong:
        errors["bonus"] = f"Mức thưởng {label(wrong[0])} phải là số lần lương cơ sở, từ 0 đến 100"
    return errors


_COLUMNS = ("id, name, from_year, required_level, min_classified_quarters, min_months, leavers_qualify, "
            "individual_discipline, collective_discipline, initiative_required, cstdcs_cap_percent, cap_scope, "
            "ranking, ttldtt_percent, ttldxs_completed_percent, ttldxs_ldtt_percent, ttldxs_min_cstdcs, "
            + ", ".join(f"bonus_{t.value}" for t in TitleCode) + ", note, highest_bonus_only, judging, achievements, "
            "cap_base, maternity_counts, bonus_base_day, source, to_check")


def _exact(value: float) -> Decimal:
    # The shortest text that reads back as the stored float: what the user typed (0.3, 12.5).
    exact = Decimal(repr(value))
    return exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact.normalize()


def _from_row(r: dict) -> TitleRules:
    known = {k.value for k in TitleRank}
    return TitleRules(
        id=r["id"], name=r["name"], from_year=r["from_year"], required_level=HeadLevel(r["required_level"]),
        min_classified_quarters=r["min_classified_quarters"], min_months=r["min_months"],
        leavers_qualify=bool(r["leavers_qualify"]), individual_discipline=DisciplineForm(r["individual_discipline"]),
        collective_discipline=DisciplineForm(r["collective_discipline"]),
        achievements=tuple(Achievement(a) for a in json.loads(r["achievements"]) if a in _ACHIEVEMENTS),
        cstdcs_cap_percent=_exact(r["cstdcs_cap_percent"]),
        cap_scope=TitleCapScope(r["cap_scope"]), ranking=tuple(TitleRank(k) for k in json.loads(r["ranking"]) if k in known),
        ttldtt_percent=_exact(r["ttldtt_percent"]), ttldxs_completed_percent=_exact(r["ttldxs_completed_percent"]),
        ttldxs_ldtt_percent=_exact(r["ttldxs_ldtt_percent"]), ttldxs_min_cstdcs=r["ttldxs_min_cstdcs"],
        bonus={t: _exact(r[f"bonus_{t.value}"]) for t in TitleCode}, note=r["note"],
        highest_bonus_only=bool(r["highest_bonus_only"]), judging=TitleJudging(r["judging"]),
        cap_base=CapBase(r["cap_base"]), maternity_counts=bool(r["maternity_counts"]),
        bonus_base_day=BonusBaseDay(r["bonus_base_day"]), source=r["source"], to_check=tuple(json.loads(r["to_check"])),
    )


_ACHIEVEMENTS = {a.value for a in Achievement}


def list_title_rules(db: Database) -> list[TitleRules]:
    """Every rule set, oldest first."""
    return [_from_row(r) for r in db.query(f"SELECT {_COLUMNS} FROM title_rule_set ORDER BY from_year")]


def get_title_rules(db: Database, rules_id: int) -> TitleRules:
    row = next(db.query(f"SELECT {_COLUMNS} FROM title_rule_set WHERE id = ?", [rules_id]), None)
    if row is None:
        raise NotFound("Không tìm thấy quy định xét danh hiệu thi đua")
    return _from_row(row)


def rule_for(db: Database, year: int) -> TitleRules:
    """The rule set in force for ``year``'s titles (the latest starting no later than it);
    :class:`DomainError` when none is."""
    row = next(db.query(f"SELECT {_COLUMNS} FROM title_rule_set WHERE from_year <= ? ORDER BY from_year DESC LIMIT 1",
                        [year]), None)
    if row is None:
        raise DomainError(f"Chưa có quy định xét danh hiệu thi đua áp dụng cho năm {year}")
    return _from_row(row)


def _row(r: TitleRules) -> dict:
    return {
        "name": r.name, "from_year": r.from_year, "required_level": r.required_level.value,
        "min_classified_quarters": r.min_classified_quarters, "min_months": r.min_months,
        "leavers_qualify": int(r.leavers_qualify), "individual_discipline": r.individual_discipline.value,
        "collective_discipline": r.collective_discipline.value,
        "initiative_required": int(r.initiative_required),  # kept in step with ``achievements`` (history readers)
        **{f: float(getattr(r, f)) for f in _PERCENT_FIELDS}, "cap_scope": r.cap_scope.value,
        "ranking": json.dumps([k.value for k in r.ranking]), "ttldxs_min_cstdcs": r.ttldxs_min_cstdcs,
        **{f"bonus_{t.value}": float(r.bonus[t]) for t in TitleCode}, "note": r.note,
        "highest_bonus_only": int(r.highest_bonus_only), "judging": r.judging.value,
        "achievements": json.dumps([a.value for a in r.achievements]), "cap_base": r.cap_base.value,
        "maternity_counts": int(r.maternity_counts), "bonus_base_day": r.bonus_base_day.value, "source": r.source,
        "to_check": json.dumps(list(r.to_check)),
    }


def save_title_rules(db: Database, rules: TitleRules) -> TitleRules:
    """Insert (``id`` None) or update a rule set; refused with the fields at fault."""
    rules = normalised(rules)
    errors = check_title_rules(rules)
    if "from_year" not in errors and taken_by_another(db, "title_rule_set", {"from_year": rules.from_year}, rules.id):
        errors["from_year"] = f"Đã có quy định xét danh hiệu áp dụng từ năm {rules.from_year}"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        new_id = save_record(db, "title_rule_set", _row(rules), rules.id, "Không tìm thấy quy định xét danh hiệu thi đua")
    return get_title_rules(db, new_id)


def delete_title_rules(db: Database, rules_id: int) -> None:
    """Delete a rule set; the last one cannot go (the titles need one)."""
    get_title_rules(db, rules_id)
    (count,) = db.execute("SELECT count(*) FROM title_rule_set").fetchone()
    if count <= 1:
        raise DomainError("Không thể xóa quy định xét danh hiệu duy nhất: hãy sửa quy định này")
    with db.atomic():
        db.execute("DELETE FROM title_rule_set WHERE id = ?", [rules_id])


CHECK_MARK = "cần kiểm tra theo quy định của thành phố"  # beside a value ``to_check`` names

__all__ = [
    "BONUS_ROUNDING", "CHECK_MARK", "DEFAULT_BONUS", "REQUIRES", "TitleRules", "check_title_rules", "delete_title_rules", "get_title_rules",
    "list_title_rules", "normalised", "percent_text", "rule_for", "save_title_rules", "share_of",
]
