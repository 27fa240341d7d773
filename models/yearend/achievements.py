"""What can make a person Chiến sĩ thi đua cơ sở besides Lao động tiên tiến: the achievements a
title rule set names (``TitleRules.achievements``; one is enough).

- **A recognised initiative**: read from the campaigns' initiatives by :func:`recognised_initiatives`,
  the one place that says where a recognised initiative comes from (so that it can be pointed
  elsewhere, e.g. at the campaign lists, without touching the titles).
- **An accepted research work applied in the unit**, **a work solution recognised by the competent
  authority**: entered per person and year (table ``staff_achievement``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from models.campaigns.recognitions import recognised_initiatives as campaign_recognitions

from models.common.codes import Achievement, label
from models.common.errors import NotFound, ValidationError
from models.common.text import clean

ENTERED = (Achievement.DE_TAI, Achievement.GIAI_PHAP)  # the kinds entered per person (not from the campaigns)
# How the why / why-not sentences and the list name an achievement of each kind.
PHRASES = {
    Achievement.DE_TAI: "đề tài, đề án, công trình khoa học “{}” đã nghiệm thu và áp dụng tại đơn vị",
    Achievement.GIAI_PHAP: "giải pháp công tác “{}” được cấp có thẩm quyền công nhận",
}


@dataclass(frozen=True)
class StaffAchievement:
    staff_id: int
    year: int
    kind: Achievement
    title: str
    reference: str = ""  # the decision or minutes that recognised it
    id: int | None = None

    @property
    def phrase(self) -> str:
        return PHRASES[self.kind].format(self.title)


def recognised_initiatives(db: Database, year: int) -> dict[int, list[tuple[str, bool]]]:
    """staff id -> (title, recognised) of the initiatives they authored in ``year``'s campaigns, in
    registration order (recognised: the initiative's flag, kept in step with its recognition records,
    whenever decided: the titles of a year are considered early the next year), then those recognised
    outside any campaign by a decision of ``year`` (models.campaigns.recognitions.recognised_initiatives)."""
    found: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for staff_id, title, recognised in db.execute(
        "SELECT a.staff_id, i.title, i.recognised FROM initiative_author a JOIN initiative i ON i.id = a.initiative_id "
        "JOIN campaign c ON c.id = i.campaign_id WHERE c.year = ? ORDER BY i.registered_on, i.id", [year]
    ):
        found[staff_id].append((title, bool(recognised)))
    for staff_id, items in campaign_recognitions(db, year).items():
        found[staff_id] += [(item.title, True) for item in items if item.recognition.initiative_id is None]
    return found


def achievements_of_year(db: Database, year: int) -> dict[int, list[StaffAchievement]]:
    """staff id -> the achievements entered for ``year`` (research works, solutions), by kind then title."""
    found: dict[int, list[StaffAchievement]] = defaultdict(list)
    for a in list_achievements(db, year):
        found[a.staff_id].append(a)
    return found


def list_achievements(db: Database, year: int) -> list[StaffAchievement]:
    return [StaffAchievement(r["staff_id"], r["year"], Achievement(r["kind"]), r["title"], r["reference"], r["id"])
            for r in db.query("SELECT id, staff_id, year, kind, title, reference FROM staff_achievement WHERE year = ? "
                              "ORDER BY staff_id, kind, title", [year])]


def add_achievement(db: Database, a: StaffAchievement) -> StaffAchievement:
    """Record ``a``; refused (nothing written) with the field at fault."""
    title = clean(a.title)
    errors = {}
    if a.kind not in ENTERED:
        errors["kind"] = "Chỉ nhập đề tài khoa học hoặc giải pháp công tác (sáng kiến lấy từ các đợt thi đua)"
    if not title:
        errors["title"] = "Chưa nhập tên thành tích"
    if not isinstance(a.year, int) or not 2000 <= a.year <= 2100:
        errors["year"] = f"Năm “{a.year}” không hợp lệ (từ 2000 đến 2100)"
    if db.execute("SELECT 1 FROM staff WHERE id = ?", [a.staff_id]).fetchone() is None:
        errors["staff_id"] = "Không tìm thấy cán bộ"
    if not errors and db.execute(
        "SELECT 1 FROM staff_achievement WHERE staff_id = ? AND year = ? AND kind = ? AND title = ?",
        [a.staff_id, a.year, a.kind.value, title]).fetchone():
        errors["title"] = f"Đã có {label(a.kind).lower()} “{title}” của cán bộ này năm {a.year}"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        new_id = db.execute(
            "INSERT INTO staff_achievement (staff_id, year, kind, title, reference) VALUES (?, ?, ?, ?, ?)",
            [a.staff_id, a.year, a.kind.value, title, clean(a.reference)]).lastrowid
    return StaffAchievement(a.staff_id, a.year, a.kind, title, clean(a.reference), new_id)


def delete_achievement(db: Database, achievement_id: int) -> None:
    with db.atomic():
        if not db.execute("DELETE FROM staff_achievement WHERE id = ?", [achievement_id]).rowcount:
            raise NotFound("Không tìm thấy thành tích")


__all__ = [
    "ENTERED", "PHRASES", "StaffAchievement", "achievements_of_year", "add_achievement", "delete_achievement",
    "list_achievements", "recognised_initiatives",
]
