"""The sample data's quarterly classification: Q2-Q4 2018 under Decision 4631, P05 over the
leaders' cap in Q3, P12 late in Q3, Q2 and Q3 locked (except P05 in Q3), Q4 open; deterministic."""
import datetime as dt
import re
from collections import Counter

import pytest

from models.quarters.classifications import lock_history, quarter_state, quarter_units, roster, violations_of
from models.common.codes import HeadLevel, NotClassifiedReason
from models.exchange.import_common import ImportResult
from models.quarters.imports_classifications import export_classifications, import_classifications
from models.quarters.quarter_review import LATE, SUBMITTED, extra_income, quarter_review
from models.exchange.xlsx import ImportRejected

from .db_rows import every_row, rows_of
from .demo_data import demo, rebuilt  # noqa: F401  (demo is a fixture)

QUARTERS = ((2018, 2), (2018, 3), (2018, 4))
CLASSIFICATION_TABLES = (
    "classification", "unit_quarter", "unit_quarter_event", "rule_set", "rule_coefficient", "rule_cap",
)
OVER_CAP = re.compile(r"^(\d+)/(\d+) lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%$")


def _dump(db):
    dump = rows_of(db, CLASSIFICATION_TABLES)
    dump["staff.salary_coefficient"] = db.execute("SELECT id, salary_coefficient FROM staff ORDER BY id").fetchall()
    return dump


def _all(db):
    return every_row(db)


def _unit(db, code):
    return db.execute("SELECT id FROM unit WHERE code = ?", [code]).fetchone()[0]


def _reviews(db):
    return {q: quarter_review(db, *q) for q in QUARTERS}


def test_the_demo_has_results_for_q2_q3_and_q4_of_2018_only(demo):
    quarters = demo.execute("SELECT year, quarter, count(*) FROM classification GROUP BY year, quarter").fetchall()
    assert [(y, q) for y, q, _ in quarters] == list(QUARTERS)
    assert all(n >= 500 for *_, n in quarters)
    assert {rs.name for rs in (r.rule_set for r in _reviews(demo).values())} == {
        "Quyết định 4631/QĐ-UBND ngày 19/10/2018"}


def test_everyone_is_classified_in_their_quarter_unit(demo):
    for year, quarter in QUARTERS:
        units = quarter_units(demo, year, quarter)
        stored = dict(demo.execute("SELECT staff_id, unit_id FROM classification WHERE year = ? AND quarter = ?",
                                   [year, quarter]).fetchall())
        assert stored == units
        assert all(u.unclassified == 0 for u in quarter_review(demo, year, quarter).units)


def test_p05_breaks_the_leaders_cap_in_q3_only(demo):
    p05 = _unit(demo, "P05")
    (found,) = violations_of(demo, p05, 2018, 3)
    match = OVER_CAP.match(found.message)
    assert match, found.message
    count, total = map(int, match.groups())
    assert count == total >= 2
    assert not found.blocking
    assert violations_of(demo, p05, 2018, 2) == [] and violations_of(demo, p05, 2018, 4) == []
    for quarter, review in _reviews(demo).items():
        broken = {u.unit_code: [v.message for v in u.violations] for u in review.units if u.violations}
        assert broken == ({"P05": [found.message]} if quarter == (2018, 3) else {})


def test_p12_is_late_in_q3_and_every_other_submission_is_on_time(demo):
    for quarter, review in _reviews(demo).items():
        late = {u.unit_code: u.submitted_on for u in review.units if u.status != SUBMITTED}
        assert late == ({"P12": dt.date(2018, 10, 12)} if quarter == (2018, 3) else {})
    (p12,) = [u for u in quarter_review(demo, 2018, 3).units if u.unit_code == "P12"]
    assert (p12.status, p12.status == LATE) == ("Nộp trễ", True)
    assert quarter_review(demo, 2018, 3).status_counts()["Nộp trễ"] == 1


def test_q2_and_q3_are_locked_except_p05_in_q3_and_q4_is_open(demo):
    reviews = _reviews(demo)
    assert all(u.locked for u in reviews[2018, 2].units)
    assert {u.unit_code for u in reviews[2018, 3].units if not u.locked} == {"P05"}
    assert not any(u.locked for u in reviews[2018, 4].units)
    assert not quarter_state(demo, _unit(demo, "P05"), 2018, 3).locked


def test_each_locked_quarter_has_one_lock_event_by_the_councils_secretary(demo):
    p01 = _unit(demo, "P01")
    assert [e.text for e in lock_history(demo, p01, 2018, 2)] == ["20/07/2018 09:00 - Chốt (Thư ký Hội đồng)"]
    assert [e.text for e in lock_history(demo, p01, 2018, 3)] == ["20/10/2018 09:00 - Chốt (Thư ký Hội đồng)"]
    assert lock_history(demo, p01, 2018, 4) == []
    locked = demo.execute("SELECT count(*) FROM unit_quarter WHERE locked = 1").fetchone()[0]
    events = demo.execute("SELECT count(*), count(DISTINCT unit_id || '/' || year || '/' || quarter) "
                          "FROM unit_quarter_event WHERE action = 'lock'").fetchone()
    assert events == (locked, locked)


def test_some_people_are_not_classified_with_reasons_and_newcomers_with_their_recruitment_date(demo):
    reasons = Counter(r[0] for r in demo.execute("SELECT reason FROM classification WHERE reason IS NOT NULL"))
    assert reasons[NotClassifiedReason.MOI_TUYEN] >= 1
    assert sum(reasons.values()) >= 10
    assert len(reasons) >= 2
    for year, quarter in QUARTERS:
        first = dt.date(year, 3 * quarter - 2, 1).isoformat()
        newcomers = demo.execute(
            "SELECT c.reason, c.note, s.recruited_on FROM classification c JOIN staff s ON s.id = c.staff_id "
            "WHERE c.year = ? AND c.quarter = ? AND s.recruited_on > ?", [year, quarter, first]).fetchall()
        for reason, note, recruited in newcomers:
            assert reason == NotClassifiedReason.MOI_TUYEN
            assert note == f"Tuyển dụng ngày {dt.date.fromisoformat(recruited):%d/%m/%Y}"


def test_the_spread_is_mostly_good_and_excellent_with_every_level(demo):
    for review in _reviews(demo).values():
        counts = review.district_counts
        assert all(counts[level] > 0 for level in HeadLevel)
        assert (counts[HeadLevel.XUAT_SAC] + counts[HeadLevel.TOT]) / review.district_classified > 0.75


def test_leaders_excellent_stay_within_the_cap_outside_p05_q3(demo):
    for year, quarter in QUARTERS:
        for (unit_id,) in demo.execute("SELECT id FROM unit WHERE active = 1 AND code <> 'P05'").fetchall():
            leaders = [p.entry.level for p in roster(demo, unit_id, year, quarter)
                       if p.is_leader and p.entry.level is not None]
            assert leaders.count(HeadLevel.XUAT_SAC) <= len(leaders) / 2


def test_most_people_have_a_salary_coefficient_so_extra_income_has_figures(demo):
    total, with_salary = demo.execute("SELECT count(*), count(salary_coefficient) FROM staff").fetchone()
    assert with_salary / total > 0.8
    rows = extra_income(demo, 2018, 3)
    paid = [r for r in rows if r.paid and r.amount]
    assert len(paid) > 400
    assert all(r.coefficient == 0.6 and r.amount == round(r.salary_coefficient * 1_390_000 * 3 * 0.6)
               for r in paid)


def test_two_builds_write_the_same_classification_rows(demo, tmp_path):
    assert rebuilt(tmp_path, _dump) == _dump(demo)


def test_the_open_quarter_survives_an_export_and_import(demo, tmp_path):
    before = _all(demo)
    n = export_classifications(demo, 2018, 4, tmp_path / "quy4.xlsx")
    assert import_classifications(demo, tmp_path / "quy4.xlsx") == ImportResult(0, 0, n)
    assert _all(demo) == before


def test_re_importing_a_locked_quarter_is_refused_for_every_locked_row(demo, tmp_path):
    before = _all(demo)
    export_classifications(demo, 2018, 3, tmp_path / "quy3.xlsx")
    with pytest.raises(ImportRejected) as caught:
        import_classifications(demo, tmp_path / "quy3.xlsx")
    p05_rows = demo.execute("SELECT count(*) FROM classification WHERE year = 2018 AND quarter = 3 AND unit_id = ?",
                            [_unit(demo, "P05")]).fetchone()[0]
    all_rows = demo.execute("SELECT count(*) FROM classification WHERE year = 2018 AND quarter = 3").fetchone()[0]
    assert len(caught.value.errors) == all_rows - p05_rows
    assert all(e.endswith("đã chốt, không nhập được") and ", cột Quý: kết quả quý 3/2018 của đơn vị " in e
               for e in caught.value.errors)
    assert _all(demo) == before
