"""The sample data built once per test module (``demo`` is a fixture) and a second, separate build."""
import pytest

from models.demo.sample import build_demo
from models.store.db import connect


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The sample data, built once for the test module that uses it."""
    db = connect(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    build_demo(db)
    yield db
    db.close()


def rebuilt(tmp_path, dump):
    """``dump`` of a second build of the sample data, in its own file."""
    other = connect(tmp_path / "again.sqlite3")
    try:
        build_demo(other)
        return dump(other)
    finally:
        other.close()
