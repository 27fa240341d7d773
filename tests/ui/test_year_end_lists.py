"""The review's and the titles' screens are one year-end list screen (ui.yearend.list_page,
list_panel, list_actions): every tab satisfies the list-tab contract the actions rely on, and the
units and people the rules did not consider are explained by one function."""
import inspect

from models.common.codes import ListKind, TitleCode
from models.yearend.lists import STAFF, UNIT
from ui.yearend import list_actions
from ui.yearend.list_actions import YearEndList
from ui.yearend.list_data import outside_why
from ui.yearend.list_panel import YearEndListPanel
from ui.yearend.review_panel import ReviewListPanel
from ui.yearend.titles_panel import TitleListPanel

from . import review_fixtures, title_fixtures
from .review_fixtures import review_db  # noqa: F401  (a fixture)
from .title_fixtures import demo_file, titles_db  # noqa: F401  (fixtures)

CONTRACT = {"db", "db_path", "key", "spec", "title", "approval", "list_open", "selected", "pick_rows", "draft",
            "decided", "pdf_builder", "pdf_file_name", "remember", "after_change"}


def _members(protocol) -> set[str]:
    own = {name for name in vars(protocol) if not name.startswith("_")}
    return own | set(protocol.__annotations__)


def test_the_protocol_is_the_contract_the_actions_document():
    assert _members(YearEndList) == CONTRACT
    # Every function of the actions takes a tab by the protocol, not by one screen's class.
    for name in ("add_entry", "remove_entry", "cancel_adjustment_of", "approve_list", "reopen_list", "preview",
                 "print_list", "save_pdf"):
        assert inspect.signature(getattr(list_actions, name)).parameters["panel"].annotation == "YearEndList"


def test_every_tab_of_both_screens_satisfies_the_protocol(qtbot, review_db, titles_db, tmp_path):  # noqa: F811
    review = review_fixtures.open_page(qtbot, review_db, tmp_path)
    titles = title_fixtures.open_page(qtbot, titles_db, tmp_path)
    tabs: list[YearEndList] = [*review.panels.values(), *titles.panels.values()]  # the static check
    assert [type(t) for t in tabs] == [ReviewListPanel] * 2 + [TitleListPanel] * 4
    assert list(review.panels) == [ListKind.CRITICISM, ListKind.COMMENDATION]
    assert list(titles.panels) == list(TitleCode)
    for tab in tabs:
        assert isinstance(tab, YearEndList) and isinstance(tab, YearEndListPanel)
        missing = [name for name in CONTRACT if not hasattr(tab, name)]
        assert missing == []
        assert tab.key is not None and tab.list_open and tab.rows
        assert callable(tab.pdf_builder()) and tab.pdf_file_name().endswith(".pdf")
    assert review.panels[ListKind.CRITICISM].pdf_file_name() == (
        "danh-sach-phe-binh-dot-thi-dua-cao-diem-ve-cai-cach-hanh-chinh-2018.pdf")
    assert titles.panels[TitleCode.LDTT].pdf_file_name() == "danh-sach-lao-dong-tien-tien-2018.pdf"


def test_one_outside_why_for_a_campaigns_lists_and_the_years_titles():
    assert outside_why(UNIT, 2018, campaign=True) == (
        "Không được xét theo quy định: đơn vị không tham gia đợt thi đua này.")
    assert outside_why(STAFF, 2018, campaign=True) == (
        "Không được xét theo quy định: không có kết quả xếp loại quý nào năm 2018 tại một đơn vị tham gia đợt thi đua.")
    assert outside_why(UNIT, 2018) == "Không được xét theo quy định: đơn vị không có cán bộ được xếp loại năm 2018."
    assert outside_why(STAFF, 2018) == "Không được xét theo quy định: không có kết quả xếp loại quý nào năm 2018."
