"""Modules a library imports but the program seldom uses, loaded when first used instead of at start.

sqlite-utils imports ``dateutil.parser`` (with ``dateutil.tz``, ``ctypes``, ``zoneinfo``...: about
10 ms) for its ``parsedate`` conversion recipes, which the program never runs while it starts.
:func:`defer_imports` makes such a module lazy with the standard library's
:class:`importlib.util.LazyLoader`: the import gives the module object at once, and its code runs on
the first access to one of its attributes, so everything still works when it is used. A module that
cannot be found this way (or whose loader cannot run lazily, e.g. in a bundle) is imported as usual.
Only a module imported by one module fits: on Python 3.11 a second ``import`` statement of a lazy
module runs it (the import system reads its ``__spec__``), e.g. ``secrets``, which models.store.output
also imports.

click and pluggy, also imported by sqlite-utils, cannot be deferred like this: sqlite-utils uses them
while it is imported (``click.Group`` in an annotation, ``pluggy.PluginManager(...)``). sqlite-utils
itself is imported only when first needed (models.store.db.OpenedDatabase, MigrationSet in
models.store.schema): the window opens an up-to-date database and shows its first screen without it.

sqlite-utils also compiles, while it is imported, a regular expression that takes about 15 ms to
compile (a case-insensitive class of the characters ``\\u0080-\\uffff``: Python's ``re`` folds the case
of each of them), used only to tell a virtual table's module (``Table.virtual_table_using``, for
full-text search), which the program does not use. After :func:`defer_imports`, sqlite-utils' module
runs, whenever it is imported, with such patterns compiled on their first use instead (see
:func:`_slow_patterns_compiled_on_first_use`).
"""
from __future__ import annotations

import importlib.util
import re
import sys
from _thread import get_ident
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

# Imported by sqlite-utils (sqlite_utils.recipes), used only by its date-parsing recipes.
DEFERRED = ("dateutil.parser",)
# Modules whose slow regular expressions are compiled on first use (sqlite-utils' virtual table pattern).
PATTERNS_LATER = ("sqlite_utils.db",)


class _LazyFinder:
    """A meta path finder for ``names`` only: the spec the other finders give, loaded lazily; and for
    ``patterns_later``, the spec whose module runs with its slow patterns compiled on first use."""

    def __init__(self, names: Iterable[str], patterns_later: Iterable[str] = ()):
        self.names = frozenset(names)
        self.patterns_later = frozenset(patterns_later)

    def find_spec(self, name, path, target=None):
        if name not in self.names and name not in self.patterns_later:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None  # not found: the normal import says so
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec  # a loader that cannot run lazily: imported as usual
        if name in self.names:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        else:
            spec.loader = _PatternsLater(spec.loader)
        return spec


class _PatternsLater:
    """A module's loader whose module runs with :func:`_slow_patterns_compiled_on_first_use`."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        with _slow_patterns_compiled_on_first_use():
            self.loader.exec_module(module)

    def __getattr__(self, name):  # get_code, get_source, is_package... of the real loader
        if name == "loader":  # before __init__ set it (a copy): no recursion
            raise AttributeError(name)
        return getattr(self.loader, name)


class _CompiledOnFirstUse:
    """Stands for ``re.compile(pattern, flags)``, compiled when one of its methods is first used."""

    def __init__(self, pattern: str, flags: int):
        self._pattern, self._flags, self._compiled = pattern, flags, None

    def __getattr__(self, name: str):
        if name.startswith("_"):  # its own fields before __init__ set them (a copy): no recursion
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = _REAL_COMPILE(self._pattern, self._flags)
        return getattr(self._compiled, name)


_REAL_COMPILE = re.compile


def _slow_to_compile(pattern, flags) -> bool:
    """A case-insensitive pattern with a class running up to U+FFFF (thousands of case foldings)."""
    return isinstance(pattern, str) and bool(flags & re.IGNORECASE) and "\\uffff" in pattern


@contextmanager
def _slow_patterns_compiled_on_first_use() -> Iterator[None]:
    """While a library is imported (in this thread), its module-level ``re.compile`` of a pattern
    :func:`_slow_to_compile` gives an object compiling it on first use; every other pattern, and every
    pattern compiled meanwhile by another thread, is compiled as usual. ``re.compile`` is itself again
    afterwards."""
    importing = get_ident()

    def compile_(pattern, flags=0):
        if get_ident() == importing and _slow_to_compile(pattern, flags):
            return _CompiledOnFirstUse(pattern, flags)
        return _REAL_COMPILE(pattern, flags)

    re.compile = compile_
    try:
        yield
    finally:
        re.compile = _REAL_COMPILE


def defer_imports(names: Iterable[str] = DEFERRED) -> None:
    """From now on, ``names`` (modules not imported yet) load on their first use, and sqlite-utils, when
    it is imported (on first use: models.store.db), compiles its slow patterns on their first use. Call
    it before sqlite-utils is first imported (main.py does, first thing); calling it again adds nothing."""
    if any(isinstance(f, _LazyFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _LazyFinder(names, PATTERNS_LATER))
