"""The score column of the quarterly entry screen (issue #14, Nghị định 335/2025/NĐ-CP): shown for a
quarter whose rule set scores people, typed in the table, kept when the level changes, saved."""
from PySide6.QtCore import Qt

from tests.ui.classification_fixtures import _page, cls_db  # noqa: F401  (a fixture)
from ui.quarters.classification_table import ClassificationTableModel as M


def _scores(db):
    return db.execute("SELECT s.code, c.level, c.score FROM classification c JOIN staff s ON s.id = c.staff_id "
                      "WHERE c.year = 2026 ORDER BY s.code").fetchall()


def test_the_score_column_is_hidden_for_2018_and_shown_for_a_scored_quarter(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    assert page.table.isColumnHidden(M.COL_SCORE)
    page.show_unit(cls_db.units["P10"], 2026, 1)
    assert not page.table.isColumnHidden(M.COL_SCORE)
    assert page.model.headerData(M.COL_SCORE, Qt.Orientation.Horizontal) == "Điểm"


def test_a_score_is_typed_kept_across_a_level_change_and_saved(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path, unit="P10", year=2026, quarter=1)
    names = [page.model.index(r, M.COL_NAME).data() for r in range(page.model.rowCount())]
    assert names == ["Châu Văn Minh", "Lý Văn Tâm", "Ngô Thị Thu"]
    assert page.model.setData(page.model.index(1, M.COL_SCORE), "80,5")
    assert not page.model.setData(page.model.index(2, M.COL_SCORE), "105")  # refused: the cell stays empty
    assert not page.model.setData(page.model.index(2, M.COL_SCORE), "tám")
    page._go_to_row(1, M.COL_LEVEL)
    qtbot.keyClick(page.table, Qt.Key.Key_2)  # the level after the score: the score stays
    assert [page.model.index(r, M.COL_SCORE).data() for r in range(3)] == ["", "80,5", ""]
    assert page.save()
    assert _scores(cls_db) == [("T1", "tot", 80.5)]
    page._go_to_row(1, M.COL_SCORE)
    page.clear_selected()  # Delete on the score: the score only
    assert page.save()
    assert _scores(cls_db) == [("T1", "tot", None)]


def test_the_quarter_review_says_a_cap_over_another_level_in_short():
    import datetime as dt

    from models.common.codes import CapScope, HeadLevel, Severity, UnitKind
    from models.quarters.classifications import Violation
    from models.quarters.quarter_review import UnitQuarterSummary
    from models.quarters.rules import Cap
    from ui.quarters.quarter_review_tables import short_violations

    over = Violation(Cap(CapScope.ALL, HeadLevel.XUAT_SAC, 0.2, Severity.WARN, HeadLevel.TOT), 2, 5)
    share = Violation(Cap(CapScope.LEADERS, HeadLevel.XUAT_SAC, 0.5), 3, 4)
    summary = UnitQuarterSummary(1, "P10", "Phường 10", UnitKind.PHUONG, 9, {}, 0, 0, dt.date(2026, 4, 2),
                                 "submitted", False, (over, share))
    assert short_violations(summary) == "ĐV 2 HTXSNV > 20% của 5 HTTNV; LĐ 3/4 > 50%"
