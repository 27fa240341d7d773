"""Work on many records at once."""
from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc_passes() -> Iterator[None]:
    """Build many small records at once without the collector's passes (none is in a cycle): a
    city's proposals make a few hundred thousand, the screen's rows 20,000 per tab with the
    proposals alive, an import of 100,000 rows a million cells, where each pass would walk every
    object made so far (a third of the time, or more). Also a decorator: ``@without_gc_passes()``."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def quick_init(cls):
    """Give the frozen dataclass ``cls`` an ``__init__`` that fills the instance's ``__dict__`` in one
    step instead of one ``object.__setattr__`` per field (the generated one): the same signature,
    defaults, equality, hash and immutability, made 2-4x faster. For records built by the ten
    thousand (an import's people, a screen's rows). Only plain fields: no ``default_factory``,
    ``init=False``, ``InitVar``, ``__post_init__``, keyword-only fields or slots (refused:
    TypeError). Use below ``@dataclass(frozen=True)``."""
    fields = dataclasses.fields(cls)
    plain = all(f.init and f.default_factory is dataclasses.MISSING and not f.kw_only for f in fields)
    if not (dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen and plain) \
            or hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"quick_init: {cls.__name__} is not a plain frozen dataclass")
    params = ", ".join(f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}" for f in fields)
    entries = ", ".join(f"{f.name!r}: {f.name}" for f in fields)
    scope = {"_set": object.__setattr__, **{f"_default_{f.name}": f.default for f in fields}}
    exec(f"def __init__(self, {params}):\n    _set(self, '__dict__', {{{entries}}})\n", scope)  # noqa: S102
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__, init.__annotations__ = cls.__init__.__doc__, cls.__init__.__annotations__
    cls.__init__ = init
    return cls
