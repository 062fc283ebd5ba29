"""How the app asks Linux and glibc for memory: bounded after a busy lecture, and fast.

Measured with bench/load_test.py (50 users, 60 s runs, 2 cores): the app held 3.4 GB after each
run although its live objects needed 1.7 GB. glibc's malloc gives every thread that allocates
its own arena (up to 8 per core) and keeps what requests free there for later; Gradio serves
requests from a pool of threads, so freed image and tensor buffers piled up in many arenas.
Two arenas instead: 1.9-2.1 GB after the same runs.

Measured with bench/bench.py's model rows: a fifth of EfficientNet-Lite0's classify time and
two thirds of its ScoreCAM time went to the kernel. glibc gives large freed buffers straight
back to the kernel, so every forward pass mapped and zeroed its activations afresh, 4 KB at a
time: ~100,000 page faults per 30 classify calls. Two settings keep them: PyTorch's own switch
THP_MEM_ALLOC_ENABLE puts buffers of 2 MB and more on 2 MB "huge" pages (512x fewer faults),
and fixed glibc thresholds (32 MiB for mmap, 128 MiB for trimming) keep smaller buffers in the
heap. README, Performance: classify 54 -> 33 ms, ScoreCAM 151 -> 60 s on this 2-core machine.

Each setting is skipped where the environment already sets it (MALLOC_ARENA_MAX,
MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, THP_MEM_ALLOC_ENABLE): the user's value wins.
"""

import ctypes
import os
import sys

# From glibc's malloc.h.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
MMAP_THRESHOLD = 32 * 2**20  # glibc's largest: buffers up to this size are reused, not re-mapped
TRIM_THRESHOLD = 128 * 2**20  # free memory an arena may keep at its top


def tune_memory(arenas: int = 2) -> dict[str, bool]:
    """Call at the very top of a program, before torch is imported and before threads start.
    Returns which settings took effect; none do on macOS, Windows or musl."""
    done = {"arenas": False, "thresholds": False, "huge_pages": False}
    if not sys.platform.startswith("linux"):
        return done
    if "THP_MEM_ALLOC_ENABLE" not in os.environ:  # read by torch at its first allocation
        os.environ["THP_MEM_ALLOC_ENABLE"] = "1"
        done["huge_pages"] = True
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return done
    if "MALLOC_ARENA_MAX" not in os.environ:
        done["arenas"] = bool(mallopt(M_ARENA_MAX, arenas))
    if not {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"} & set(os.environ):
        done["thresholds"] = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                                  and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    return done
