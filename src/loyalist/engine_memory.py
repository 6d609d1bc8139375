"""How DuckDB gives freed memory back to the operating system, set before DuckDB loads.

On Linux, DuckDB allocates through its own copy of jemalloc. Memory a query frees goes back
to the kernel about a second later, for good (``MADV_DONTNEED``), so the next large grouping
or join touches fresh pages again, and the kernel serves every first touch of a page as a
page fault. The whole metric catalog at 10 M orders made about 5 M of them, 16 to 37 s of
the kernel's CPU on a 2-core machine.

loyalist asks jemalloc to stop at the lazy step (``muzzy_decay_ms:-1``): freed pages are
marked free (``MADV_FREE``), the kernel takes them back only when it needs memory, and a
query that reuses them costs no fault. The same catalog then makes about 3 M faults, with
12 to 20 s of kernel CPU in runs alternating with the default. Resident memory reads about
1.5 GB higher, in pages the kernel may reclaim at any time.

jemalloc reads its options once, when DuckDB is imported, so ``loyalist/__init__.py``
imports this module before anything else. A ``DUCKDB_JE_MALLOC_CONF`` already in the
environment is left as it is: set it to an empty string to keep DuckDB's own defaults.
"""

from __future__ import annotations

import os

#: The jemalloc options loyalist gives DuckDB's allocator unless the environment has its own.
MALLOC_CONF = "muzzy_decay_ms:-1"
os.environ.setdefault("DUCKDB_JE_MALLOC_CONF", MALLOC_CONF)
