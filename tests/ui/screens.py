"""Small helpers shared by the screen tests: a widget handed to qtbot, a table model's cells, the
errors a dialog shows beside its fields, the main window and its areas, and the sample data's file."""
from models.demo.sample import create_demo_database
from models.store.db import connect
from ui.main_window import AREAS, MainWindow


def held(qtbot, widget):
    """``widget`` handed to qtbot, which closes it after the test."""
    qtbot.addWidget(widget)
    return widget


def shown(qtbot, widget):
    """``widget`` handed to qtbot and shown."""
    held(qtbot, widget).show()
    return widget


def page_on_file(page_class, qtbot, db, tmp_path, **kw):
    """A screen of ``page_class`` on ``db``, as if opened from the file tdkt.sqlite3 in ``tmp_path``
    (``functools.partial(page_on_file, SomePage)`` makes a test module's ``_page``)."""
    return held(qtbot, page_class(db, tmp_path / "tdkt.sqlite3", **kw))


def cells(model) -> list[list]:
    """The text of every cell of ``model``, row by row."""
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def rows_by(model, key_column=0) -> dict:
    """The rows of ``model`` (their cells' text) by the text of their ``key_column`` cell."""
    return {row[key_column]: row for row in cells(model)}


def column(model, col) -> list:
    """The text of column ``col`` of ``model``, top to bottom."""
    return [model.index(r, col).data() for r in range(model.rowCount())]


def refused_save(dialog, *names) -> dict:
    """Lưu pressed on ``dialog`` and refused: the error shown beside each of the fields ``names`` ("" for none)."""
    assert not dialog.try_save()
    return {name: dialog.form.error_text(name) for name in names}


def open_demo_file(tmp_path):
    """The sample data written to demo.sqlite3 in ``tmp_path`` and opened: (db, path)."""
    path = tmp_path / "demo.sqlite3"
    create_demo_database(path)
    return connect(path), path


def main_window(qtbot, db, tmp_path):
    """The main window on ``db`` (the file tdkt.sqlite3 in ``tmp_path``), shown."""
    return shown(qtbot, MainWindow(db, tmp_path / "tdkt.sqlite3"))


def go_to(window, title):
    """Opens the area named ``title`` from the window's navigation list; gives its screen."""
    titles = [area[0] for area in AREAS]
    window.nav.setCurrentRow(titles.index(title))
    return window.page(titles.index(title))
