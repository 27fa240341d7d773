"""models.common.bulk.quick_init: a faster __init__ for frozen dataclasses built by the ten thousand,
with exactly the generated one's behaviour."""
from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest

from models.common.bulk import quick_init
from models.common.codes import Gender, StaffCategory
from models.people.staff import Staff


@dataclasses.dataclass(frozen=True)
class _Generated:
    code: str
    when: dt.date | None = None
    count: int = 0


@quick_init
@dataclasses.dataclass(frozen=True)
class _Quick:
    code: str
    when: dt.date | None = None
    count: int = 0


def test_same_signature_defaults_equality_hash_and_repr_as_the_generated_init():
    assert str(inspect.signature(_Quick)) == str(inspect.signature(_Generated))
    assert inspect.signature(_Quick.__init__).parameters.keys() == inspect.signature(_Generated.__init__).parameters.keys()
    for args, kwargs in (((), {"code": "A"}), (("A", dt.date(2024, 1, 2)), {}), (("A",), {"count": 3})):
        quick, generated = _Quick(*args, **kwargs), _Generated(*args, **kwargs)
        assert vars(quick) == vars(generated)
        assert repr(quick).replace("_Quick", "_Generated") == repr(generated)
        assert hash(quick) == hash(_Quick(*args, **kwargs)) and quick == _Quick(*args, **kwargs)
    assert dataclasses.replace(_Quick("A"), count=5) == _Quick("A", None, 5)
    assert dataclasses.astuple(_Quick("A", None, 2)) == ("A", None, 2)


def test_errors_are_the_generated_ones():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'code'"):
        _Quick()
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        _Quick("A", colour=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        _Quick("A").code = "B"


def test_staff_uses_it_and_stays_immutable():
    assert Staff.__init__.__qualname__ == "Staff.__init__" and Staff.__init__.__module__ == "models.people.staff"
    person = Staff(code="CB1", full_name="Nguyễn Văn An", gender=Gender.NAM, category=StaffCategory.CAN_BO, unit_id=1)
    assert (person.position, person.is_leader, person.id, person.salary_coefficient) == ("", False, None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.full_name = "Lê Văn B"


def test_refuses_what_it_cannot_copy():
    with pytest.raises(TypeError, match="not a plain frozen dataclass"):
        quick_init(dataclasses.dataclass(type("Open", (), {"__annotations__": {"a": int}})))
    with pytest.raises(TypeError, match="not a plain frozen dataclass"):
        @quick_init
        @dataclasses.dataclass(frozen=True)
        class _Factory:
            items: list = dataclasses.field(default_factory=list)
    with pytest.raises(TypeError, match="not a plain frozen dataclass"):
        @quick_init
        @dataclasses.dataclass(frozen=True)
        class _Post:
            a: int

            def __post_init__(self):
                pass
