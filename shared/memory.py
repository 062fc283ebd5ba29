"""Memory the app gives back after a busy lecture.

Measured with bench/load_test.py (50 users, 60 s runs, 2 cores): the app held 3.4 GB after each
run although its live objects needed 1.7 GB. glibc's malloc gives every thread that allocates
its own arena (up to 8 per core) and keeps what requests free there for later; Gradio serves
requests from a pool of threads, so freed image and tensor buffers piled up in many arenas.
Two arenas instead: 1.9-2.1 GB after the same runs; model times in bench/bench.py moved 0-12 %.
The same as starting the app with MALLOC_ARENA_MAX=2, which wins if it is set.
"""

import ctypes
import os
import sys

M_ARENA_MAX = -8  # from glibc's malloc.h


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas; call before threads start. False where it does not apply
    (macOS, Windows, musl) or MALLOC_ARENA_MAX is already set."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False
