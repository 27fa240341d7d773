"""The yearly titles screen (issue #7) on the sample data: every person and unit considered, each
condition marked, the cap of Chiến sĩ thi đua cơ sở with its ranking and the council's order, the
lists' adjustments, approval and PDF."""
import io
import unicodedata

from pypdf import PdfReader

from models.common.codes import DisciplineForm
from models.people.discipline import list_discipline
from models.common.text import money
from models.yearend.title_lists import council_order
from models.yearend.titles import title_proposals
from ui.kit import pdf_export
from ui.yearend.approval_dialog import ApprovalDialog
from ui.main_window import AREAS, MainWindow
from ui.yearend.list_actions import UNDO_APPROVAL_REASON
from ui.yearend.list_data import ADDED, REMOVED
from ui.yearend.review_dialogs import AddEntryDialog, RemoveEntryDialog
from ui.yearend.titles_data import NOT_PROPOSED, OUT_OF_QUOTA, PROPOSED
from ui.yearend.titles_page import NO_YEAR, TitlesPage
from ui.yearend.titles_tables import CapTableModel, TitleTableModel

from .title_fixtures import (  # noqa: F401  (demo_file and titles_db are fixtures)
    CSTDCS,
    LDTT,
    RANKED_UNIT,
    TTLDTT,
    TTLDXS,
    YEAR,
    accept_with,
    adjusted,
    approval,
    demo_file,
    details,
    history,
    open_page,
    ranked_authors,
    rows,
    select,
    status,
    stored_adjustments,
    titles_db,
)


def _reprimanded(db) -> str:
    (decision,) = [d for d in list_discipline(db, year=YEAR) if d.form == DisciplineForm.KHIEN_TRACH]
    return decision.full_name


def test_the_area_comes_right_after_the_year_end_review_and_opens_on_the_latest_year(qtbot, titles_db, tmp_path):
    titles = [title for title, _factory, _excel in AREAS]
    assert titles.index("Danh hiệu cuối năm") == titles.index("Tổng kết thi đua") + 1
    window = MainWindow(titles_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(titles.index("Danh hiệu cuối năm"))
    page = window.page(titles.index("Danh hiệu cuối năm"))
    assert window.stack.currentWidget() is page
    assert [page.year_combo.itemText(i) for i in range(page.year_combo.count())] == ["2018"]
    assert [page.tabs.tabText(i).split(" (")[0] for i in range(4)] == [
        "&Lao động tiên tiến", "C&hiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiế&n", "Tập thể lao động xuất sắ&c"]
    assert page.info.text().startswith("Quy định: Luật Thi đua, Khen thưởng; Nghị định 91/2017/NĐ-CP (áp dụng từ năm "
                                       "2017)")
    assert "LĐTT 0,3 · CSTĐCS 1 · TTLĐTT 0,8 · TTLĐXS 1,5; lương cơ sở ngày 31/12/2018: 1.390.000 đ" in page.info.text()


def test_a_database_without_classifications_says_where_to_enter_them(qtbot, sample_db, tmp_path):
    page = open_page(qtbot, sample_db, tmp_path)
    assert page.info.text() == NO_YEAR
    assert page.year() is None
    assert page.panel.model.rowCount() == 0
    assert not page.panel.add_action.isEnabled() and not page.panel.save_action.isEnabled()


def test_the_ldtt_tab_shows_everyone_and_a_reprimanded_person_is_not_proposed(qtbot, titles_db, tmp_path):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    proposed = len(title_proposals(titles_db, YEAR).proposed(LDTT))
    paid = proposed - 3  # the 3 Chiến sĩ thi đua cơ sở are paid that (higher) bonus only
    assert panel.model.total_count == 600
    assert page.tabs.tabText(0) == f"&Lao động tiên tiến ({proposed})"
    assert panel.count_label.text() == (f"Tổng số: {proposed} cá nhân; tổng số tiền thưởng: "
                                        f"{money(paid * 420_000)} đồng  ·  Hiển thị 600 / 600 mục")
    name = _reprimanded(titles_db)
    row = select(panel, name)
    assert (row.status, row.discipline, row.unit, row.amount) == (
        NOT_PROPOSED, "Khiển trách", "Phòng Quản lý đô thị", 0)
    text = details(panel)
    assert "✘ Bị kỷ luật Khiển trách (Quyết định 12/QĐ-UBND ngày 01/06/2018)" in text
    assert "✔ 3/3 quý được xếp loại năm 2018 đạt Hoàn thành tốt nhiệm vụ trở lên" in text
    assert ("Lao động tiên tiến: Không đủ điều kiện Lao động tiên tiến: bị kỷ luật Khiển trách (Quyết định "
            "12/QĐ-UBND ngày 01/06/2018).") in text
    newcomer = next(p for p in title_proposals(titles_db, YEAR).people if p.recruited_on and
                    p.recruited_on.isoformat() == "2018-03-01")
    row = select(panel, newcomer.full_name)
    assert (row.status, row.amount) == (PROPOSED, 420_000)
    assert panel.model.index(panel.model.row_of(lambda r: r.name == newcomer.full_name),
                             panel.model.column_of["bonus"]).data() == "420.000"
    assert "✔ Đủ 10 tháng công tác (tuyển dụng 01/03/2018)" in details(panel)


def test_a_note_shows_without_a_mark(qtbot, titles_db, tmp_path):
    on_leave = next(p for p in title_proposals(titles_db, YEAR).people
                    if any(c.met is None and "Nghỉ thai sản" in c.text for c in p.decisions[LDTT].conditions))
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    select(panel, on_leave.full_name)
    (note,) = [line for line in details(panel).splitlines() if "Nghỉ thai sản" in line]
    assert note.strip().startswith("Quý ") and "✔" not in note and "✘" not in note
    assert note.endswith("thời gian nghỉ thai sản được tính là thời gian công tác")


def test_the_filters_and_the_search_ignore_diacritics(qtbot, titles_db, tmp_path):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    proposed = len(title_proposals(titles_db, YEAR).proposed(LDTT))
    panel.proposed_only.setChecked(True)
    assert panel.model.rowCount() == proposed
    assert {r.status for r in rows(panel).values()} == {PROPOSED}
    panel.proposed_only.setChecked(False)
    panel.search.setText("khien trach")
    assert list(rows(panel)) == [_reprimanded(titles_db)]
    panel.search.setText("")
    panel = page.show_list(CSTDCS)
    panel.status_filter.set_value(OUT_OF_QUOTA)
    assert set(rows(panel)) >= set(ranked_authors(titles_db)[1:])
    assert all(r.status == OUT_OF_QUOTA for r in rows(panel).values())


def test_the_cstdcs_tab_shows_the_cap_cut_in_phong_tai_chinh_ke_hoach(qtbot, titles_db, tmp_path):
    first, second, third = ranked_authors(titles_db)
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)
    assert [status(panel, n) for n in (first, second, third)] == [PROPOSED, OUT_OF_QUOTA, OUT_OF_QUOTA]
    assert rows(panel)[second].rank == "2/3" and rows(panel)[second].initiative is True
    select(panel, second)
    view = panel.cap_view
    assert view.group_combo.currentText() == f"{RANKED_UNIT}: 3 người, chỉ tiêu 1 — phải xếp hạng"
    assert view.summary.text() == (
        "Chỉ tiêu 1 = 15% của 11 người đạt Lao động tiên tiến (từng đơn vị, làm tròn xuống). 3 người đủ điều kiện, "
        "xếp theo số quý Hoàn thành xuất sắc nhiệm vụ, rồi thứ tự ưu tiên của Hội đồng, rồi tên: ranh giới sau hạng "
        "1, 2 người ngoài chỉ tiêu.")
    shown = [(r.rank, r.name, r.excellent, r.council_text, r.result)
             for r in (view.model.record(i) for i in range(view.model.rowCount()))]
    assert shown == [(1, first, 1, "2", "Trong chỉ tiêu"), (2, second, 1, "3", "Ngoài chỉ tiêu"),
                     (3, third, 0, "1", "Ngoài chỉ tiêu")]
    assert view.chosen().name == second
    assert view.up_button.isEnabled() and not view.down_button.isEnabled()  # the third has fewer excellent quarters
    text = details(panel)
    assert "Chiến sĩ thi đua cơ sở: Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 2, chỉ tiêu 1." in text
    assert "✔ Là tác giả sáng kiến “Số hóa hồ sơ lưu trữ phục vụ chính quyền điện tử” được công nhận ở cơ sở" in text
    assert f"✘ Xếp thứ 2/3 người đủ điều kiện của {RANKED_UNIT}" in text


def test_moving_a_tied_person_up_in_the_councils_order_changes_who_is_proposed(qtbot, titles_db, tmp_path):
    first, second, third = ranked_authors(titles_db)
    ids = {p.full_name: p.staff_id for p in title_proposals(titles_db, YEAR).people}
    before = council_order(titles_db, YEAR)
    assert before == [ids[third], ids[first], ids[second]]  # the sample: the third first, but fewer excellent quarters
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)
    select(panel, second)
    panel.cap_view.up_button.click()
    assert council_order(titles_db, YEAR) == [ids[second], ids[first], ids[third]]
    assert [status(panel, n) for n in (second, first, third)] == [PROPOSED, OUT_OF_QUOTA, OUT_OF_QUOTA]
    assert [panel.cap_view.model.record(i).name for i in range(3)] == [second, first, third]
    assert panel.cap_view.chosen().name == second
    assert page.undo.next_text == f"Đưa lên {second} trong thứ tự ưu tiên năm 2018"
    assert RANKED_UNIT in rows(page.panels[TTLDXS]) and status(page.panels[TTLDXS], RANKED_UNIT) == PROPOSED
    page.undo.undo()
    page.reload()
    assert council_order(titles_db, YEAR) == before
    assert [status(panel, n) for n in (first, second)] == [PROPOSED, OUT_OF_QUOTA]


def test_removing_and_adding_with_a_reason_writes_adjustments_of_the_title(qtbot, titles_db, tmp_path, monkeypatch):
    first, second, third = ranked_authors(titles_db)
    ids = {p.full_name: p.staff_id for p in title_proposals(titles_db, YEAR).people}
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    select(panel, first)
    accept_with(monkeypatch, RemoveEntryDialog, lambda d: d.reason.setText("Bị khiếu nại, chờ xác minh"))
    panel.remove_action.trigger()
    assert adjusted(titles_db, LDTT) == [("remove", ids[first], "", "Bị khiếu nại, chờ xác minh")]
    assert status(panel, first) == REMOVED and panel.selected().name == first
    assert "Đã bị loại khỏi danh sách (điều chỉnh): Bị khiếu nại, chờ xác minh." in details(panel)
    assert page.undo.next_text == f"Loại {first} khỏi danh sách Lao động tiên tiến năm 2018"

    # Off the Lao động tiên tiến list, off the Chiến sĩ thi đua cơ sở one: the next author moves into the quota.
    panel = page.show_list(CSTDCS)
    assert (status(panel, first), status(panel, second), status(panel, third)) == (
        NOT_PROPOSED, PROPOSED, OUT_OF_QUOTA)
    select(panel, first)
    assert ("Chiến sĩ thi đua cơ sở: Không đề nghị: đã bị loại khỏi danh sách Lao động tiên tiến (điều chỉnh): Bị "
            "khiếu nại, chờ xác minh.") in details(panel)
    select(panel, third)
    opened = accept_with(monkeypatch, AddEntryDialog, lambda d: (
        d.text.setText("Tác giả sáng kiến được công nhận ở cơ sở"), d.reason.setText("Hội đồng xét đặc cách")))
    panel.add_action.trigger()
    picker = opened[0].picker
    assert opened[0].windowTitle() == "Thêm vào danh sách Chiến sĩ thi đua cơ sở năm 2018"
    assert picker.table.isColumnHidden(0)  # people only: no "Đối tượng" column
    assert {picker.model.record(i).subject for i in range(picker.model.rowCount())} == {"staff"}
    assert adjusted(titles_db, CSTDCS) == [("add", ids[third], "Tác giả sáng kiến được công nhận ở cơ sở",
                                            "Hội đồng xét đặc cách")]
    assert status(panel, third) == ADDED and rows(panel)[third].amount == 1_390_000
    assert stored_adjustments(titles_db) == [("ldtt", 2018, None, "remove", ids[first], None),
                                             ("cstdcs", 2018, None, "add", ids[third], None)]
    page.undo.undo()
    panel.reload()
    assert adjusted(titles_db, CSTDCS) == [] and status(panel, third) == OUT_OF_QUOTA


def test_collective_lists_take_units_only(qtbot, titles_db, tmp_path, monkeypatch):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(TTLDTT)
    opened = accept_with(monkeypatch, AddEntryDialog, lambda d: None, press_save=False)
    panel.add_action.trigger()
    picker = opened[0].picker
    assert {picker.model.record(i).subject for i in range(picker.model.rowCount())} == {"unit"}
    select(panel, "Ủy ban nhân dân Phường 7")
    assert "✘ Thành viên" in details(panel) and "bị kỷ luật Cảnh cáo (Quyết định 1520/QĐ-UBND" in details(panel)
    assert rows(panel)["Ủy ban nhân dân Phường 7"].status == NOT_PROPOSED


def test_a_removal_without_a_reason_writes_nothing(qtbot, titles_db, tmp_path, monkeypatch):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(TTLDTT)
    select(panel, RANKED_UNIT)
    opened = accept_with(monkeypatch, RemoveEntryDialog, lambda d: d.reason.setText("   "))
    panel.remove_action.trigger()
    assert opened[0].form.error_text("reason") == "Lý do loại khỏi danh sách không được để trống"
    assert stored_adjustments(titles_db) == []
    assert status(panel, RANKED_UNIT) == PROPOSED


def _fill_decision(dialog):
    dialog.number.setText("25/QĐ-HĐTĐKT")
    dialog.date.setText("15/01/2019")
    dialog.name.setText("Trần Văn Bình")


def test_approval_writes_the_decision_and_freezes_the_list(qtbot, titles_db, tmp_path, monkeypatch, answers):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)
    opened = accept_with(monkeypatch, ApprovalDialog, _fill_decision)
    panel.approve_action.trigger()
    summary = opened[0].findChild(type(panel.banner), "summary").text()
    assert "Danh sách đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2018: 3 cá nhân" in summary
    assert "Tổng số: 3 cá nhân; tổng số tiền thưởng: 4.170.000 đồng" in summary
    (row,) = titles_db.execute("SELECT list_kind, year, decision_number, decision_date FROM award_approval").fetchall()
    assert row == ("cstdcs", 2018, "25/QĐ-HĐTĐKT", "2019-01-15")
    frozen = approval(titles_db, CSTDCS).printable()
    assert len(frozen.individuals) == 3 and ranked_authors(titles_db)[0] in [e.name for e in frozen.individuals]
    assert panel.banner.isVisible() and "ĐÃ PHÊ DUYỆT" in panel.banner.text()
    assert page.tabs.tabText(1) == "C&hiến sĩ thi đua cơ sở (3) ✔"
    select(panel, ranked_authors(titles_db)[0])
    assert not panel.add_action.isEnabled() and not panel.remove_action.isEnabled()
    assert panel.reopen_action.isEnabled() and panel.save_action.isEnabled()
    assert not panel.cap_view.up_button.isEnabled() and "đã được phê duyệt" in panel.cap_view.hint.text()
    assert page.undo.next_text == "Phê duyệt danh sách Chiến sĩ thi đua cơ sở năm 2018 (Quyết định số 25/QĐ-HĐTĐKT)"
    page.undo.undo()
    page.reload()
    assert approval(titles_db, CSTDCS) is None
    assert history(titles_db, CSTDCS)[-1].reopen_reason == UNDO_APPROVAL_REASON
    assert panel.add_action.isEnabled() and "Dự thảo" in panel.banner.text()


def test_reopening_needs_a_reason(qtbot, titles_db, tmp_path, monkeypatch, answers):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    accept_with(monkeypatch, ApprovalDialog, _fill_decision)
    panel.approve_action.trigger()
    answers.typed = ""
    panel.reopen_action.trigger()
    assert answers.errors == ["Lý do mở lại danh sách đã phê duyệt không được để trống"]
    assert approval(titles_db, LDTT) is not None
    answers.typed = "Bổ sung người được khen sau khiếu nại"
    panel.reopen_action.trigger()
    assert approval(titles_db, LDTT) is None
    assert history(titles_db, LDTT)[-1].reopen_reason == "Bổ sung người được khen sau khiếu nại"
    assert panel.add_action.isEnabled() and "Dự thảo" in panel.banner.text()


def test_saving_the_pdf_writes_the_proposed_people_and_the_total_bonus(qtbot, titles_db, tmp_path, monkeypatch,
                                                                       answers):
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)
    out = tmp_path / "cstdcs.pdf"
    asked = []
    monkeypatch.setattr(pdf_export, "ask_pdf_path", lambda parent, title, name: asked.append(name) or str(out))
    assert panel.save_pdf()
    assert asked == ["danh-sach-chien-si-thi-dua-co-so-2018.pdf"]
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages)).split())
    assert "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2018" in text
    assert ranked_authors(titles_db)[0] in text and ranked_authors(titles_db)[1] not in text
    assert "Tổng số: 3 cá nhân; tổng số tiền thưởng: 4.170.000 đồng" in text
    assert answers.infos and "danh sách Chiến sĩ thi đua cơ sở năm 2018" in answers.infos[-1]


def test_the_preview_shows_the_list_of_the_tab(qtbot, titles_db, tmp_path, monkeypatch):
    from ui.kit.pdf_preview import PdfPreviewDialog

    shown = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or self.show() or 0)
    page = open_page(qtbot, titles_db, tmp_path)
    page.show_list(TTLDXS).preview_action.trigger()
    dialog = shown[0]
    assert dialog.windowTitle() == "Xem trước: danh sách Tập thể lao động xuất sắc năm 2018"
    assert dialog.file_name == "danh-sach-tap-the-lao-dong-xuat-sac-2018.pdf"
    text = " ".join(PdfReader(io.BytesIO(dialog.pdf)).pages[0].extract_text().split())
    assert RANKED_UNIT in unicodedata.normalize("NFC", text)
    dialog.close()


def test_the_table_models_pass_qt_model_tester(qtmodeltester, qtbot, titles_db, tmp_path):
    page = open_page(qtbot, titles_db, tmp_path)
    for title, panel in page.panels.items():
        assert isinstance(panel.model, TitleTableModel) and panel.model.rowCount() > 0
        qtmodeltester.check(panel.model)
    cap = page.panels[CSTDCS].cap_view.model
    assert isinstance(cap, CapTableModel) and cap.rowCount() == 3
    qtmodeltester.check(cap)


def test_a_screen_built_without_the_window_is_a_titles_page(qtbot, titles_db, tmp_path):
    page = TitlesPage(titles_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    assert page.year() == 2018 and page.panel is page.panels[LDTT]


def test_a_large_year_is_computed_on_a_thread_while_the_previous_lists_stay_shown(qtbot, titles_db, tmp_path,
                                                                                   monkeypatch):
    from models.people.discipline import list_discipline
    from ui.yearend.list_page import COMPUTING

    page = open_page(qtbot, titles_db, tmp_path)
    before = rows(page.panels[LDTT])
    monkeypatch.setattr(TitlesPage, "BACKGROUND_FROM", 1)
    reprimanded = next(d for d in list_discipline(titles_db, year=YEAR) if d.form.value == "khien_trach")
    titles_db.execute("DELETE FROM discipline WHERE id = ?", [reprimanded.id])  # new data: computed again
    titles_db.conn.commit()
    page.refresh()
    assert page.computing and page.info.text() == COMPUTING
    assert rows(page.panels[LDTT]) == before  # the previous list, until the new one is ready
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)
    assert page.info.text() != COMPUTING
    hidden = page.panels[CSTDCS]
    assert hidden._pending is not None and hidden._prepared is not None  # its rows came with the result
    expected = title_proposals(titles_db, YEAR)
    for title in (LDTT, CSTDCS, TTLDTT, TTLDXS):
        shown = {name for name, row in rows(page.panels[title]).items() if row.status == PROPOSED}
        assert shown == {e.name for e in expected.entries(title)}
    assert rows(page.panels[LDTT]) != before
    page.refresh()  # the same year on the same data: the result computed last, at once
    assert not page.computing and page.info.text() != COMPUTING


def test_an_approved_list_shows_its_frozen_rows_when_the_year_cannot_be_computed(qtbot, titles_db, tmp_path):
    import datetime as dt
    from dataclasses import replace

    from models.yearend.lists import Approval, approve
    from models.yearend.title_lists import printable_list
    from models.yearend.title_rules import list_title_rules, save_title_rules
    from models.yearend.titles import list_key

    draft = printable_list(titles_db, YEAR, LDTT, dt.date(2019, 1, 10))
    approve(titles_db, list_key(YEAR, LDTT), Approval("25/QĐ-HĐTĐKT", dt.date(2019, 1, 15), "", "CHỦ TỊCH",
                                                      "Nguyễn Văn Chủ"), draft, dt.datetime(2019, 1, 15, 9))
    rules = list_title_rules(titles_db)[0]
    save_title_rules(titles_db, replace(rules, from_year=2019))  # no rule set covers 2018 any more
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    assert panel.count_label.text() == "Chưa có quy định xét danh hiệu thi đua áp dụng cho năm 2018"
    assert panel.model.total_count == len(draft.individuals) == 413
    first = draft.individuals[0]
    panel.select_where(lambda r: r.subject_id == first.subject_id)
    row = panel.selected()
    assert (row.status, row.name, row.position, row.unit, row.text, row.amount) == (
        PROPOSED, first.name, first.position_unit, first.group, first.text, first.amount)
    assert ("Lao động tiên tiến: Có trong danh sách đã phê duyệt (bản chốt); hiện không xét lại được danh hiệu "
            "năm này.") in details(panel)
    assert panel.reopen_action.isEnabled() and panel.save_action.isEnabled() and not panel.add_action.isEnabled()
    assert page.tabs.tabText(0) == "&Lao động tiên tiến (413) ✔"
    assert page.show_list(CSTDCS).model.total_count == 0  # not approved: nothing frozen to show
