"""The year-end screens build a tab's rows when the tab is first shown: a load of the titles screen
builds the tab read, not all four (20,000 rows each on a city's data); the tabs' counts, actions
and rows are the same as when every tab is built."""
import datetime as dt

from models.yearend.titles import title_proposals

from .review_fixtures import COMMENDATION, open_page as open_review, review_db, rows as review_rows  # noqa: F401
from .title_fixtures import CSTDCS, LDTT, TTLDTT, YEAR, open_page, rows, titles_db, demo_file  # noqa: F401


def _built(panel) -> bool:
    return panel._pending is None


def test_only_the_tab_shown_is_built_and_the_others_on_first_show(qtbot, titles_db, tmp_path):  # noqa: F811
    page = open_page(qtbot, titles_db, tmp_path)
    page.set_year(YEAR)
    page.load()
    assert _built(page.panels[LDTT]) and not _built(page.panels[CSTDCS]) and not _built(page.panels[TTLDTT])
    proposals = title_proposals(titles_db, YEAR)
    counts = {t: len(proposals.entries(t)) for t in (LDTT, CSTDCS, TTLDTT)}
    assert page.tabs.tabText(1) == f"C&hiến sĩ thi đua cơ sở ({counts[CSTDCS]})"
    assert page.tabs.tabText(2) == f"Tập thể lao động tiên tiế&n ({counts[TTLDTT]})"
    assert page.panels[CSTDCS].add_action.isEnabled() and page.panels[CSTDCS].preview_action.isEnabled()
    page.tabs.setCurrentIndex(1)
    assert _built(page.panels[CSTDCS]) and not _built(page.panels[TTLDTT])
    shown = rows(page.panels[CSTDCS])
    assert sum(r.in_list for r in shown.values()) == counts[CSTDCS] and len(shown) == len(proposals.people)
    assert page.tabs.tabText(1) == f"C&hiến sĩ thi đua cơ sở ({counts[CSTDCS]})"


def test_a_hidden_tab_read_by_code_is_built_on_the_spot(qtbot, titles_db, tmp_path):  # noqa: F811
    page = open_page(qtbot, titles_db, tmp_path)
    page.set_year(YEAR)
    page.load()
    panel = page.panels[TTLDTT]
    assert not _built(panel)
    units = rows(panel)  # reading the model builds the rows
    assert _built(panel) and units and sum(r.in_list for r in units.values()) == len(
        title_proposals(titles_db, YEAR).entries(TTLDTT))


def test_the_review_is_computed_again_only_when_the_data_or_the_day_change(qtbot, review_db, tmp_path,  # noqa: F811
                                                                           monkeypatch):
    import sqlite3

    from models.store.db import database_path
    from ui.yearend import review_page

    calls = []
    real = review_page.campaign_review
    monkeypatch.setattr(review_page, "campaign_review", lambda *a: calls.append(a[1:]) or real(*a))
    page = open_review(qtbot, review_db, tmp_path)
    assert len(calls) == 1
    page.load()  # shown again on the same data: the review computed last
    page.show_list(COMMENDATION)
    assert len(calls) == 1 and "Trần Thị Đào" in review_rows(page.panels[COMMENDATION])
    other = sqlite3.connect(database_path(review_db))  # another connection (a second window) changes the data
    other.execute("UPDATE staff SET full_name = 'Trần Thị Đào Hoa' WHERE code = 'CB02'")
    other.commit()
    other.close()
    page.load()
    assert len(calls) == 2 and "Trần Thị Đào Hoa" in review_rows(page.panels[COMMENDATION])
    review_db.execute("UPDATE staff SET full_name = 'Trần Thị Đào' WHERE code = 'CB02'")  # this connection's change
    page.load()
    assert len(calls) == 3 and "Trần Thị Đào" in review_rows(page.panels[COMMENDATION])
    page.set_as_of(page._as_of + dt.timedelta(days=1))
    assert len(calls) == 4 and calls[-1][1] == page._as_of


def test_work_in_the_background_pauses_the_collector_and_its_result_is_not_walked_again(qtbot):
    import gc

    from ui.kit.tasks import in_background

    got = []
    assert gc.isenabled()
    in_background(lambda: [{"n": i} for i in range(1000)], lambda result, error: got.append((result, error)))
    assert not gc.isenabled()  # paused while the work runs
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    (result, error), = got
    assert error is None and len(result) == 1000 and gc.isenabled()
    assert gc.get_freeze_count() > 0  # the records built then are left out of the collector's passes
    failed = []
    in_background(lambda: 1 / 0, lambda result, error: failed.append(error))
    assert gc.get_freeze_count() == 0
    qtbot.waitUntil(lambda: bool(failed), timeout=10_000)
    assert isinstance(failed[0], ZeroDivisionError) and gc.isenabled()
    gc.unfreeze()


def test_a_big_year_opens_at_once_and_says_it_is_computing(qtbot, titles_db, tmp_path, monkeypatch):  # noqa: F811
    from ui.yearend.list_page import COMPUTING_FIRST
    from ui.yearend.titles_page import TitlesPage

    monkeypatch.setattr(TitlesPage, "BACKGROUND_FROM", 1)
    page = open_page(qtbot, titles_db, tmp_path)
    assert page.computing and page.info.text() == COMPUTING_FIRST and page.panel.rows == []
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)
    assert page.info.text().startswith("Quy định:")
    assert sum(r.in_list for r in page.panel.rows) == len(title_proposals(titles_db, YEAR).entries(LDTT))
