"""Backups whole whatever the folder is called, verified before they count, safety copies kept
out of the rotation, a damaged database brought back, and every restore logged beside it."""
import datetime as dt
import sqlite3

import pytest

import models.store.backup as backup
from models.check import check_file
from models.common.codes import UnitKind
from models.common.errors import DomainError
from models.people.units import Unit, list_units, save_unit
from models.store.backup import (
    automatic_backup,
    backup_to,
    backups_dir,
    database_problem,
    list_backups,
    restore,
    rotate,
)
from models.store.db import connect, program_schema_version
from models.store.restore_log import read_restore_log, restore_log_path
from tests.safety.damage import DAMAGES, database_with_units

NOW = dt.datetime(2018, 12, 1, 8, 30, 0)
FOLDERS = ["a#b", "hỏi?đáp", "100%", "Sao lưu #2 ?x=1 %41 đơn vị"]


def _make(path, units=60):
    return database_with_units(path, units)


def _codes(path):
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT code FROM unit ORDER BY code")]
    finally:
        conn.close()


@pytest.fixture(params=FOLDERS)
def odd(request, tmp_path):
    """A database of 60 units in a folder whose name SQLite would read as URI syntax."""
    return _make(tmp_path / request.param / "tdkt.sqlite3")


def test_file_uris_quote_every_character_sqlite_would_read_as_syntax():
    assert backup.file_uri("/dữ liệu/a#b/c?d/50%/tdkt.sqlite3") == (
        "file:///d%E1%BB%AF%20li%E1%BB%87u/a%23b/c%3Fd/50%25/tdkt.sqlite3")
    assert backup.file_uri("C:/TĐKT #1/tdkt.sqlite3") == "file:///C:/T%C4%90KT%20%231/tdkt.sqlite3"
    assert backup.file_uri("//may-chu/chia se/tdkt.sqlite3") == "file:////may-chu/chia%20se/tdkt.sqlite3"


def test_the_start_up_backup_of_a_database_in_an_odd_folder_is_whole(odd):
    saved = automatic_backup(odd, NOW)
    assert saved.parent == odd.parent / "backups"
    assert _codes(saved) == _codes(odd) and len(_codes(saved)) == 60


def test_a_backup_to_a_file_from_and_into_odd_folders_is_whole(odd):
    target = odd.parent / "ra ngoài #1 ?" / "bản sao 100%.sqlite3"
    assert backup_to(odd, target) == target
    assert len(_codes(target)) == 60
    assert list(target.parent.iterdir()) == [target]  # one self-contained file, nothing else


def test_the_pre_upgrade_copy_of_a_database_in_an_odd_folder_is_whole(tmp_path):
    from sqlite_utils import Database

    from models.store.schema import MIGRATIONS

    path = tmp_path / "cũ #1 ?v=2 %" / "old.sqlite3"
    path.parent.mkdir()
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="0003_quarterly_classification")
    old.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P01', 'Phường 1', 'phuong 1', 'phuong')")
    old.close()
    connect(path).close()
    (saved,) = backups_dir(path).glob("tdkt-*-truoc-nang-cap.sqlite3")
    assert _codes(saved) == ["P01"]
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() == (2,)
    conn.close()


def test_the_copy_kept_by_a_restore_in_an_odd_folder_is_whole(odd):
    older = backup_to(odd, odd.parent / "older.sqlite3")
    db = connect(odd)
    save_unit(db, Unit(code="MOI", name="Đơn vị mới", kind=UnitKind.KHAC))
    db.close()
    kept = restore(older, odd, NOW, program_schema_version())
    assert "MOI" not in _codes(odd)
    assert "MOI" in _codes(kept) and len(_codes(kept)) == 61  # the later change is not lost


def test_a_backup_that_fails_its_check_is_an_error_and_leaves_no_file(tmp_path, monkeypatch):
    path = _make(tmp_path / "a#b" / "tdkt.sqlite3")
    # the old, unquoted URI: SQLite opens (and creates) an empty "a" instead of a#b/tdkt.sqlite3
    monkeypatch.setattr(backup, "read_only_uri", lambda p: f"file:{p}?mode=ro")
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(DomainError) as caught:
        backup_to(path, target)
    assert str(caught.value) == ("Bản sao “copy.sqlite3” không đạt kiểm tra sau khi ghi (bản sao không có bảng nào); "
                                 "đã xóa bản sao này. Hãy thử lại hoặc chọn thư mục khác")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "a#b"]  # no copy, no .partial


def test_a_copy_whose_rows_differ_from_the_database_is_refused(tmp_path, monkeypatch):
    path = _make(tmp_path / "tdkt.sqlite3")
    counts, calls = backup._table_counts, []

    def source_counts_one_more(conn):  # the first count is the database's, the second the copy's
        calls.append(conn)
        return {**counts(conn), "unit": 61} if len(calls) == 1 else counts(conn)

    monkeypatch.setattr(backup, "_table_counts", source_counts_one_more)
    with pytest.raises(DomainError, match=r"số bảng hoặc số dòng khác bản gốc \(unit\)"):
        automatic_backup(path, NOW)
    assert list(backups_dir(path).iterdir()) == []


def test_safety_copies_are_never_rotated_away(tmp_path):
    path = _make(tmp_path / "tdkt.sqlite3", units=1)
    folder = backups_dir(path)
    folder.mkdir()
    old = NOW - dt.timedelta(days=400)
    kept = [folder / f"tdkt-{old:%Y%m%d-%H%M%S}-truoc-khoi-phuc.sqlite3",
            folder / f"tdkt-{old:%Y%m%d-%H%M%S}-truoc-khoi-phuc-2.sqlite3",
            folder / f"tdkt-{old:%Y%m%d-%H%M%S}-truoc-nang-cap.sqlite3"]
    for p in kept:
        p.write_bytes(b"x")
    for day in range(45):
        when = NOW - dt.timedelta(days=day)
        (folder / f"tdkt-{when:%Y%m%d-%H%M%S}-khoi-dong.sqlite3").write_bytes(b"x")
    deleted = rotate(folder, NOW)
    assert len(deleted) == 45 - 30 and not set(deleted) & set(kept)
    assert all(p.exists() for p in kept)
    assert {b.path for b in list_backups(path) if b.kept} == set(kept)  # still offered for a restore


def test_what_a_killed_backup_left_is_cleaned_up_at_the_next_backup(tmp_path):
    path = _make(tmp_path / "tdkt.sqlite3", units=1)
    folder = backups_dir(path)
    folder.mkdir()
    left = [folder / "tdkt-20181130-080000-khoi-dong.partial", folder / "tdkt-20181130-080000-khoi-dong.partial-journal"]
    for p in left:
        p.write_bytes(b"half")
    saved = automatic_backup(path, NOW)
    assert sorted(folder.iterdir()) == [saved]


def test_an_unwritable_backup_folder_is_a_sentence_naming_it(tmp_path):
    path = _make(tmp_path / "tdkt.sqlite3", units=1)
    backups_dir(path).write_text("một tệp chiếm chỗ thư mục backups")  # cannot be created as a folder
    with pytest.raises(DomainError) as caught:
        automatic_backup(path, NOW)
    text = str(caught.value)
    assert text.startswith(f"Không ghi được bản sao lưu vào thư mục “{backups_dir(path)}”: thư mục không tồn tại "
                           "hoặc không cho phép ghi (")
    assert text.endswith("Hãy chọn thư mục khác hoặc cấp quyền ghi cho thư mục này, rồi sao lưu lại.")


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_database_is_found_checked_and_brought_back(tmp_path, damage):
    path = _make(tmp_path / "tdkt.sqlite3", units=300)
    good = backup_to(path, tmp_path / "good.sqlite3")
    DAMAGES[damage](path)
    damaged_bytes = path.read_bytes()
    assert "bị hỏng" in database_problem(path)
    assert backup.database_problem_in_background(path)() == database_problem(path)
    (finding,) = check_file(path)
    assert finding.serious and "bị hỏng" in finding.what and "restore" in finding.what
    kept = restore(good, path, NOW, program_schema_version(), who="Lan")
    assert kept == tmp_path / "tdkt.hong-20181201-083000.sqlite3"
    assert kept.read_bytes() == damaged_bytes  # set aside as it was, byte for byte
    assert database_problem(path) is None and check_file(path) == []
    assert len(_codes(path)) == 300
    assert [(r.at, r.who, r.source, r.kept) for r in read_restore_log(path)] == [
        ("2018-12-01 08:30:00", "Lan", str(good), str(kept))]


def test_a_damaged_databases_wal_files_go_aside_with_it(tmp_path):
    path = _make(tmp_path / "tdkt.sqlite3", units=300)
    good = backup_to(path, tmp_path / "good.sqlite3")
    DAMAGES["page-overwritten"](path)
    for extra in ("-wal", "-shm"):
        (tmp_path / f"tdkt.sqlite3{extra}").write_bytes(b"left over" + extra.encode())
    kept = restore(good, path, NOW, program_schema_version())
    assert (tmp_path / f"{kept.name}-wal").read_bytes() == b"left over-wal"
    assert (tmp_path / f"{kept.name}-shm").exists()  # (an index SQLite rebuilds on every opening)
    assert not (tmp_path / "tdkt.sqlite3-wal").exists() or b"left over" not in (tmp_path / "tdkt.sqlite3-wal").read_bytes()
    assert len(_codes(path)) == 300


def test_the_restore_log_is_appended_to_and_a_restore_cannot_rewind_it(tmp_path):
    path = _make(tmp_path / "tdkt.sqlite3", units=2)
    first = backup_to(path, tmp_path / "first.sqlite3")
    restore(first, path, NOW, program_schema_version(), who="Lan")
    second = backup_to(path, tmp_path / "second.sqlite3")
    later = NOW + dt.timedelta(hours=1)
    kept = restore(first, path, later, program_schema_version(), who="Hùng\tphòng 2")
    log = restore_log_path(path)
    assert log == tmp_path / "tdkt.sqlite3.nhat-ky-khoi-phuc.txt"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Thời điểm\tNgười thực hiện")
    assert lines[1:] == [f"2018-12-01 08:30:00\tLan\t{first}\t{read_restore_log(path)[0].kept}",
                         f"2018-12-01 09:30:00\tHùng phòng 2\t{first}\t{kept}"]
    assert second.exists()


def test_a_restore_log_that_cannot_be_written_refuses_the_restore_before_anything(tmp_path):
    path = _make(tmp_path / "tdkt.sqlite3", units=2)
    first = backup_to(path, tmp_path / "first.sqlite3")
    restore_log_path(path).mkdir()  # a folder where the log file should be
    with pytest.raises(DomainError, match="Không ghi được nhật ký khôi phục .*; chưa khôi phục gì"):
        restore(first, path, NOW, program_schema_version())
    assert not backups_dir(path).exists()


def test_a_restore_that_cannot_write_says_so_and_changes_nothing(tmp_path, monkeypatch):
    path = _make(tmp_path / "tdkt.sqlite3", units=2)
    older = backup_to(path, tmp_path / "older.sqlite3")
    db = connect(path)
    save_unit(db, Unit(code="MOI", name="Đơn vị mới", kind=UnitKind.KHAC))
    monkeypatch.setattr(backup, "BUSY_MS", 0)
    db.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with pytest.raises(DomainError) as caught:
            restore(older, path, NOW, program_schema_version())
    finally:
        db.conn.rollback()
        db.close()
    kept = backups_dir(path) / "tdkt-20181201-083000-truoc-khoi-phuc.sqlite3"
    assert str(caught.value) == (
        "Không khôi phục được: cơ sở dữ liệu đang có chương trình khác ghi (cửa sổ chương trình hoặc một lệnh khác); "
        "hãy đợi nó ghi xong hoặc đóng nó rồi thử lại. Dữ liệu hiện tại không thay đổi; dữ liệu trước khi khôi "
        f"phục được giữ ở “{kept}”.")
    assert "MOI" in _codes(path)
    assert read_restore_log(path) == []  # nothing was restored: nothing logged


def test_a_backup_never_deletes_a_file_named_like_its_temporary_one(tmp_path):
    # the database itself called "tdkt.partial", and a user's "copy.partial" beside the target
    path = _make(tmp_path / "tdkt.partial", units=3)
    kept = (tmp_path / "copy.partial")
    kept.write_bytes(b"tep cua nguoi dung")
    before = path.read_bytes()
    backup_to(path, tmp_path / "tdkt.sqlite3")
    backup_to(path, tmp_path / "copy.sqlite3")
    assert path.read_bytes() == before
    assert kept.read_bytes() == b"tep cua nguoi dung"
    for name in ("tdkt.sqlite3", "copy.sqlite3"):
        copy = sqlite3.connect(tmp_path / name)
        assert copy.execute("SELECT count(*) FROM unit").fetchone() == (3,)
        copy.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == ["copy.partial", "tdkt.partial"]


def test_the_check_in_background_gives_none_for_a_whole_file_and_raises_what_the_check_raised(tmp_path, monkeypatch):
    path = _make(tmp_path / "tdkt.sqlite3", units=3)
    assert backup.database_problem_in_background(path)() is None

    def fails(_path):
        raise PermissionError("không đọc được")

    monkeypatch.setattr(backup, "quick_check_outcome", fails)
    with pytest.raises(PermissionError, match="không đọc được"):
        backup.database_problem_in_background(path)()
