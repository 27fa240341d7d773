"""Output files (reports, exports, templates): never onto a database or a file of another kind, never half-written."""
import os
import sqlite3
import stat

import pytest

from models.store.output import check_output_target, file_kind, file_name_part, write_atomically


def _sqlite(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    return path


def _pdf(path):
    path.write_bytes(b"%PDF-1.4\n% cu\n")
    return path


def _xlsx(path):
    import openpyxl

    openpyxl.Workbook().save(path)
    return path


def test_file_kinds_are_told_from_the_content_not_the_name(tmp_path):
    assert file_kind(_sqlite(tmp_path / "a.pdf")) == "sqlite"
    assert file_kind(_pdf(tmp_path / "b.xlsx")) == "pdf"
    assert file_kind(_xlsx(tmp_path / "c.pdf")) == "xlsx"
    (tmp_path / "d.zip").write_bytes(b"PK\x03\x04 not a workbook")
    assert file_kind(tmp_path / "d.zip") is None
    (tmp_path / "e.txt").write_text("ghi chú", encoding="utf-8")
    assert file_kind(tmp_path / "e.txt") is None
    (tmp_path / "f").write_bytes(b"")
    assert file_kind(tmp_path / "f") == "empty"


def test_the_open_database_is_refused_even_with_force(tmp_path):
    db = _sqlite(tmp_path / "tdkt.sqlite3")
    for force in (False, True):
        assert check_output_target(db, "pdf", db, force) == (
            f"“{db}” là cơ sở dữ liệu đang dùng; không ghi tệp PDF đè lên nó (sẽ mất hết dữ liệu). "
            "Hãy chọn tên tệp khác.")


@pytest.mark.parametrize("make, kind, held", [
    (_sqlite, "pdf", "cơ sở dữ liệu"),
    (_sqlite, "xlsx", "cơ sở dữ liệu"),
    (_xlsx, "pdf", "tệp Excel"),
    (_pdf, "xlsx", "tệp PDF"),
])
def test_a_file_of_another_kind_is_refused_unless_forced(tmp_path, make, kind, held):
    path = make(tmp_path / "ra")
    what = {"pdf": "tệp PDF", "xlsx": "tệp Excel"}[kind]
    assert check_output_target(path, kind) == (
        f"Tệp “{path}” đã có và là {held}; không ghi {what} đè lên nó. Hãy chọn tên tệp khác.")
    assert check_output_target(path, kind, force=True) is None


def test_an_unrecognised_file_is_refused_unless_forced(tmp_path):
    path = tmp_path / "ghi-chu.pdf"
    path.write_text("ghi chú quan trọng", encoding="utf-8")
    assert check_output_target(path, "pdf") == (
        f"Tệp “{path}” đã có và là một tệp không phải tệp PDF; không ghi tệp PDF đè lên nó. Hãy chọn tên tệp khác.")
    assert check_output_target(path, "pdf", force=True) is None


def test_a_file_of_the_same_kind_a_missing_or_an_empty_file_may_be_written(tmp_path):
    assert check_output_target(_pdf(tmp_path / "a.pdf"), "pdf") is None
    assert check_output_target(_xlsx(tmp_path / "b.xlsx"), "xlsx") is None
    assert check_output_target(tmp_path / "moi.pdf", "pdf") is None
    (tmp_path / "rong.xlsx").write_bytes(b"")
    assert check_output_target(tmp_path / "rong.xlsx", "xlsx") is None


def test_a_folder_is_refused(tmp_path):
    assert check_output_target(tmp_path, "pdf", force=True) == (
        f"“{tmp_path}” là một thư mục, không ghi tệp PDF vào đó được. Hãy ghi tên tệp.")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_or_a_device_is_refused_even_with_force_and_never_opened(tmp_path):
    pipe = tmp_path / "ong.pdf"
    os.mkfifo(pipe)  # opening it to read would wait for a writer for ever
    refusals = [check_output_target(pipe, "pdf"), check_output_target(pipe, "xlsx", force=True)]
    assert refusals == [
        f"“{pipe}” không phải là một tệp thường (thiết bị, đường ống...); không ghi {what} vào đó được. "
        "Hãy chọn tên tệp khác." for what in ("tệp PDF", "tệp Excel")]
    if os.geteuid() == 0:  # a character device (what /dev/null is) is refused the same way
        device = tmp_path / "null.xlsx"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        assert check_output_target(device, "xlsx", force=True).startswith(f"“{device}” không phải là một tệp thường")
    assert pipe.exists() and not pipe.is_file()


def test_write_atomically_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    path = _pdf(tmp_path / "bao-cao.pdf")
    write_atomically(path, b"%PDF-new")
    assert path.read_bytes() == b"%PDF-new"
    assert write_atomically(tmp_path / "sub" / "x.xlsx", lambda temporary: temporary.write_bytes(b"PK") and 7) == 7
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["bao-cao.pdf", "sub", "x.xlsx"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"old content")

    def writer(temporary):
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(path, writer)
    assert path.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.xlsx"]


def test_file_name_part_keeps_a_unit_code_inside_one_file_name():
    assert file_name_part("P/01") == "P-01"
    assert file_name_part('A\\B:C*?"<>|D') == "A-B-C-D"
    assert file_name_part("P01") == "P01"
