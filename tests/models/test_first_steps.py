from models.common.codes import UnitKind
from models.demo.sample import create_demo_database
from models.people.units import Unit, save_unit
from models.store.db import connect
from models.store.first_steps import close_first_steps, first_steps, first_steps_pending
from models.store.settings import CouncilNames, set_council_names


def test_a_new_database_has_four_steps_to_do(db):
    assert first_steps(db) == [("council", False), ("units", False), ("staff", False), ("campaign", False)]
    assert first_steps_pending(db)


def test_a_step_is_ticked_when_done(db):
    save_unit(db, Unit(code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    set_council_names(db, CouncilNames(place="Quận 3"))
    assert first_steps(db) == [("council", True), ("units", True), ("staff", False), ("campaign", False)]
    assert first_steps_pending(db)


def test_closing_the_checklist_hides_it_for_good(db):
    close_first_steps(db)
    assert not first_steps_pending(db)
    assert first_steps(db)[1] == ("units", False)


def test_the_sample_database_needs_no_first_steps(tmp_path):
    create_demo_database(tmp_path / "demo.sqlite3")
    db = connect(tmp_path / "demo.sqlite3")
    assert dict(first_steps(db))["campaign"]
    assert not first_steps_pending(db)
