import sqlite3

import pytest

from models.common.codes import Level
from models.quarters.ratings import ratings_of_year, set_rating
from tests.models.titles_data import person, unit


def test_a_rating_is_stored_replaced_and_removed(db):
    person_id = person(db, unit(db, "P1", "Phường 1"), "Nguyễn Văn An")
    set_rating(db, person_id, 2025, Level.TOT)
    assert ratings_of_year(db, 2025) == {person_id: Level.TOT}
    set_rating(db, person_id, 2025, Level.XUAT_SAC, note="Hội đồng xét lại")
    assert db.execute("SELECT level, note FROM yearly_rating").fetchall() == [("xuat_sac", "Hội đồng xét lại")]
    assert ratings_of_year(db, 2024) == {}
    set_rating(db, person_id, 2025, None)
    assert ratings_of_year(db, 2025) == {}


def test_an_unknown_level_is_refused_by_the_database(db):
    person_id = person(db, unit(db, "P1", "Phường 1"), "Nguyễn Văn An")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO yearly_rating (staff_id, year, level) VALUES (?, 2025, 'gioi')", [person_id])
