"""Work on many records at once."""
from __future__ import annotations

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
