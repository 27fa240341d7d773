""""Hồ sơ trình" from the titles and the year-end screens: the meeting, the members present, the votes per
proposal checked against each award's threshold, and the documents as one bound PDF or a folder."""
import datetime as dt
import io
import unicodedata

from docx import Document as Docx
from pypdf import PdfReader
from PySide6.QtCore import Qt

from models.yearend.meeting import meeting, meeting_key
from ui.yearend.package_dialog import PackageDialog

from .title_fixtures import demo_file, open_page, titles_db  # noqa: F401  (fixtures)

MEMBERS = ("Nguyễn Văn An; Chủ tịch; Phó Chủ tịch Ủy ban nhân dân quận\nTrần Thị Bình; Phó Chủ tịch; Trưởng phòng "
           "Nội vụ\nLê Văn Cường; Ủy viên; Chánh Văn phòng\nHoàng Văn Em; Thư ký; Chuyên viên")


def _dialog(qtbot, titles_db, tmp_path, monkeypatch) -> PackageDialog:
    shown = []
    monkeypatch.setattr(PackageDialog, "exec", lambda self: shown.append(self) or 0)
    page = open_page(qtbot, titles_db, tmp_path)
    page.package_button.click()
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert dialog.set_members(MEMBERS)
    return dialog


def _type_vote(dialog, row: int, values) -> None:
    for i, value in enumerate(values):
        dialog.votes.item(row, 2 + i).setText(str(value))


def test_votes_are_checked_as_typed_and_the_meeting_is_saved(qtbot, titles_db, tmp_path, monkeypatch):
    dialog = _dialog(qtbot, titles_db, tmp_path, monkeypatch)
    assert dialog.windowTitle() == "Hồ sơ trình - danh hiệu thi đua năm 2018"
    assert dialog.present.count() == 4
    dialog.present.item(3).setCheckState(Qt.CheckState.Unchecked)  # the secretary is away
    dialog.held_on.setText("10/01/2019")
    dialog.place.setText("Phòng họp số 2")
    dialog.chair.setText("Nguyễn Văn An")
    _type_vote(dialog, 0, (3, 3, 3, 3))
    assert dialog.votes.item(0, 7).text() == "75%: Đạt"
    _type_vote(dialog, 1, (3, 3, 3, 2))
    assert dialog.votes.item(1, 7).text() == "50%: Không đạt"  # 2 of 4 members < 70%
    _type_vote(dialog, 2, (4, 4, 4, 4))
    assert dialog.error.text() == "Dòng “Tập thể lao động tiên tiến”: Số phiếu phát ra (4) nhiều hơn số thành viên " \
                                  "có mặt (3)"
    assert not dialog.save()
    assert titles_db.execute("SELECT count(*) FROM council_meeting").fetchone()[0] == 0
    _type_vote(dialog, 2, ("", "", "", ""))
    assert dialog.error.text() == "" and dialog.votes.item(2, 7).text() == "Chưa bỏ phiếu"
    assert dialog.save()
    stored = meeting(titles_db, meeting_key(year=2018))
    assert stored.held_on == dt.date(2019, 1, 10) and stored.place == "Phòng họp số 2"
    assert len(stored.present) == 3 and set(stored.votes) == {"ldtt", "cstdcs"}
    dialog.grab().save(str(tmp_path / "package.png"))


def test_the_documents_numbers_are_suggested_from_the_councils_books_and_taken_when_saved(
        qtbot, titles_db, tmp_path, monkeypatch):
    from models.yearend.authority import take_number

    take_number(titles_db, "TTr-HĐTĐKT", 2019, "Tờ trình khác", number=7)
    dialog = _dialog(qtbot, titles_db, tmp_path, monkeypatch)
    proposal, minutes = dialog.numbers["TTr-HĐTĐKT"], dialog.numbers["BB-HĐTĐKT"]
    minutes.setText("5")  # typed over the suggestion: kept when the meeting's date changes the book's year
    dialog.held_on.setText("10/01/2019")
    dialog.held_on.editingFinished.emit()
    assert proposal.text() == "08/TTr-HĐTĐKT" and minutes.text() == "5"
    minutes.setText("01/BB-HĐTĐKT")
    assert proposal.text() == "08/TTr-HĐTĐKT" and minutes.text() == "01/BB-HĐTĐKT"
    minutes.setText("08/TTr-HĐTĐKT")  # the wrong book: refused, nothing written (not even the meeting)
    assert not dialog.save()
    assert dialog.error.text() == ("Biên bản họp: Số văn bản “08/TTr-HĐTĐKT” không hợp lệ: gõ một số từ 1 đến 99999 "
                                   "(ví dụ 8 hoặc 08/BB-HĐTĐKT)")
    assert titles_db.execute("SELECT count(*) FROM council_meeting").fetchone()[0] == 0
    assert titles_db.execute("SELECT count(*) FROM document_register").fetchone()[0] == 1
    minutes.setText("")  # no number for the minutes: they print a blank
    assert dialog.save()
    assert titles_db.execute("SELECT symbol, year, number, subject, issued_on FROM document_register WHERE number = 8"
                             ).fetchall() == [("TTr-HĐTĐKT", 2019, 8, "Tờ trình - danh hiệu thi đua năm 2018",
                                               "2019-01-10")]
    assert proposal.isReadOnly() and proposal.text() == "08/TTr-HĐTĐKT"  # in the book: kept as it is
    assert not minutes.isReadOnly() and minutes.text() == "01/BB-HĐTĐKT"  # suggested again
    assert dialog.package.number("TTr-HĐTĐKT").text == "08/TTr-HĐTĐKT"
    assert dialog.save()  # saved again: the Tờ trình keeps its number; the minutes take the suggested one
    assert titles_db.execute("SELECT count(*) FROM document_register").fetchone()[0] == 3
    dialog.grab().save(str(tmp_path / "numbers.png"))


def test_the_package_saves_every_document_as_pdf_and_word_in_a_folder(qtbot, titles_db, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.kit.messages.inform", lambda *a, **k: None)
    dialog = _dialog(qtbot, titles_db, tmp_path, monkeypatch)
    _type_vote(dialog, 0, (4, 4, 4, 4))
    folder = tmp_path / "ho-so"
    folder.mkdir()
    written = dialog.save_to_folder(folder)
    names = sorted(p.name for p in written)
    assert names == ["01-to-trinh.docx", "01-to-trinh.pdf", "02-bien-ban.docx", "02-bien-ban.pdf",
                     "03-quyet-dinh-ldtt.docx", "03-quyet-dinh-ldtt.pdf", "04-quyet-dinh-cstdcs.docx",
                     "04-quyet-dinh-cstdcs.pdf", "05-quyet-dinh-ttldtt.docx", "05-quyet-dinh-ttldtt.pdf"]
    minutes = " ".join(PdfReader(io.BytesIO((folder / "02-bien-ban.pdf").read_bytes())).pages[0].extract_text().split())
    assert "Nguyễn Văn An Chủ tịch" in unicodedata.normalize("NFC", minutes)
    word = "\n".join(p.text for p in Docx(folder / "01-to-trinh.docx").paragraphs)
    assert "TỜ TRÌNH" in word and "Kính gửi: Chủ tịch Ủy ban nhân dân quận Gò Vấp." in word


def test_the_preview_shows_the_whole_package_bound(qtbot, titles_db, tmp_path, monkeypatch):
    from ui.kit.pdf_preview import PdfPreviewDialog

    shown = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    dialog = _dialog(qtbot, titles_db, tmp_path, monkeypatch)
    dialog.preview_button.click()
    preview = shown[0]
    qtbot.addWidget(preview)
    assert preview.file_name == "ho-so-trinh-2018.pdf"
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.pdf)).pages))
    flat = " ".join(text.split())
    for part in ("TỜ TRÌNH", "BIÊN BẢN", "QUYẾT ĐỊNH", "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN"):
        assert part in flat, part
    assert flat.index("TỜ TRÌNH") < flat.index("BIÊN BẢN") < flat.index("QUYẾT ĐỊNH")


def _approve_with_number_one(qtbot, titles_db, tmp_path, monkeypatch, title, check, day: str) -> None:
    """``title``'s list approved from its tab as decision number 1 of ``day``, ``check`` run on the dialog first."""
    from ui.yearend.approval_dialog import ApprovalDialog

    from .title_fixtures import accept_with, approval

    def fill(dialog):
        check(dialog)
        dialog.number.setText("1")
        dialog.date.setText(day)
        dialog.name.setText("Trần Văn Bình")

    page = open_page(qtbot, titles_db, tmp_path)
    opened = accept_with(monkeypatch, ApprovalDialog, fill)
    page.show_list(title).approve_action.trigger()
    assert opened and approval(titles_db, title).approval.decision_number == "1"


def test_approving_a_title_list_suggests_the_next_number_of_the_deciders_book_and_enters_it(
        qtbot, titles_db, tmp_path, monkeypatch):
    from models.yearend.authority import next_number

    from .title_fixtures import LDTT

    def check(dialog):
        assert dialog.number.placeholderText().startswith("Số tiếp theo trong sổ văn bản: 01/QĐ-UBND")
        assert dialog.issuer.text() == "Chủ tịch Ủy ban nhân dân quận Gò Vấp"
        assert dialog.title.currentText() == "CHỦ TỊCH" and dialog.authority.currentText() == ""

    _approve_with_number_one(qtbot, titles_db, tmp_path, monkeypatch, LDTT, check, "15/01/2019")
    assert next_number(titles_db, "QĐ-UBND", 2019) == 2
    assert titles_db.execute("SELECT symbol, year, number, issued_on FROM document_register").fetchall() == [
        ("QĐ-UBND", 2019, 1, "2019-01-15")]


def test_approving_a_list_decided_higher_up_takes_no_number_from_the_books_kept_here(
        qtbot, titles_db, tmp_path, monkeypatch):
    from .title_fixtures import TTLDXS

    def check(dialog):
        assert dialog.number.placeholderText() == ("Số quyết định của Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh "
                                                   "(không vào sổ văn bản ở đây)")

    _approve_with_number_one(qtbot, titles_db, tmp_path, monkeypatch, TTLDXS, check, "15/03/2019")
    assert titles_db.execute("SELECT count(*) FROM document_register").fetchone()[0] == 0


def test_the_authority_table_is_edited_from_a_year_on_in_one_go(qtbot, titles_db, tmp_path, monkeypatch):
    from models.yearend.authority import HIGHER, authority
    from ui.yearend.authority_dialog import AuthorityDialog

    dialog = AuthorityDialog(titles_db, 2018)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Lao động tiên tiến"
    assert dialog.table.item(3, 2).text() == "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"
    dialog.year.setValue(2025)
    dialog.table.cellWidget(1, 1).setCurrentIndex(2)  # Chiến sĩ thi đua cơ sở: decided higher up from 2025
    dialog.table.item(0, 4).setText(" ")
    assert not dialog.save()
    assert dialog.error.text() == "Lao động tiên tiến: Ký hiệu văn bản (ví dụ “QĐ-UBND”) không được để trống"
    assert titles_db.execute("SELECT count(*) FROM award_authority").fetchone()[0] == 0
    dialog.table.item(0, 4).setText("QĐ-UBND")
    assert dialog.save()
    assert authority(titles_db, 2025, "cstdcs").level == HIGHER and authority(titles_db, 2024, "cstdcs").level == "local"


def test_a_title_list_is_saved_as_word_from_its_tab(qtbot, titles_db, tmp_path, monkeypatch):
    from ui.kit import messages

    from .title_fixtures import CSTDCS

    monkeypatch.setattr(messages, "inform", lambda *a, **k: None)
    out = tmp_path / "cstdcs.docx"
    asked = []
    monkeypatch.setattr(messages, "ask_save_path",
                        lambda parent, title, name, file_filter, kind: asked.append((name, kind)) or str(out))
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)
    assert panel.word_action.isEnabled() and panel.word_action.shortcut().toString() == "Ctrl+Shift+S"
    assert panel.save_word()
    assert asked == [("danh-sach-chien-si-thi-dua-co-so-2018.docx", "docx")]
    text = " ".join("\n".join(p.text for p in Docx(out).paragraphs).split())
    assert "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2018" in text
    assert "Tổng số: 3 cá nhân; tổng số tiền thưởng: 4.170.000 đồng" in text
