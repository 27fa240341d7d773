"""A person's and a unit's history (issue #17): awards by year beside the quarterly levels, the yearly
rating, the discipline and the criticism."""
import datetime as dt

from models.analysis.history import person_history, unit_history
from models.awards.register import Award, save_award
from models.common.award_codes import AwardKind, AwardLevel
from models.common.codes import DisciplineForm, Level
from models.quarters.ratings import set_rating

from .titles_data import GOOD, classify, discipline, team, unit


def test_a_persons_history_puts_awards_levels_rating_and_discipline_on_their_year(db):
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    an, binh = team(db, p01, [GOOD, GOOD], names=["Nguyễn Văn An", "Trần Thị Bình"])
    save_award(db, Award(an, None, 2017, AwardKind.GIAY_KHEN, "Giấy khen", AwardLevel.HUYEN, decision_number="45/QĐ",
                         amount=390000))
    save_award(db, Award(an, None, 2017, AwardKind.LDTT, "Lao động tiên tiến", AwardLevel.HUYEN, amount=390000))
    save_award(db, Award(None, p01, 2017, AwardKind.TTLDTT, "Tập thể lao động tiên tiến", AwardLevel.HUYEN))
    set_rating(db, an, 2017, Level.TOT)
    discipline(db, an, DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND", dt.date(2018, 6, 1))
    lines = person_history(db, an)
    assert [line.year for line in lines] == [2018, 2017]
    newest, older = lines
    assert (newest.awards_text, newest.quarters, newest.discipline) == (
        "", {2: "Tốt", 3: "Tốt", 4: "Tốt"}, ["Khiển trách (12/QĐ-UBND)"])
    assert (older.awards_text, older.rating, older.bonus_text) == (
        "Giấy khen (45/QĐ); Lao động tiên tiến", "Hoàn thành tốt nhiệm vụ", "780.000 đ")
    unit_lines = unit_history(db, p01)
    assert [(line.year, line.awards_text, line.quarters, line.discipline) for line in unit_lines] == [
        (2018, "", {2: "2 T", 3: "2 T", 4: "2 T"}, ["Nguyễn Văn An: Khiển trách"]),
        (2017, "Tập thể lao động tiên tiến", {}, [])]
    assert person_history(db, binh)[0].discipline == []
