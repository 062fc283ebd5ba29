"""What bounds the app's memory under load (shared/memory.py, app.LAUNCH_OPTIONS)."""

import subprocess
import sys
from pathlib import Path

import gradio as gr
import pytest

from conftest import serve_demo


def tuned(env: dict, then: str = "") -> str:
    """What tune_memory() did in a fresh Python with this environment (and what `then` prints)."""
    code = f"from shared.memory import tune_memory as f; print(sorted(k for k, v in f().items() if v)); {then}"
    return subprocess.run([sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, check=True).stdout.strip()


def test_memory_settings_apply_unless_the_environment_says_otherwise():
    assert tuned({}) == "['arenas', 'huge_pages', 'thresholds']"  # glibc's mallopt accepted them
    assert tuned({"MALLOC_ARENA_MAX": "4"}) == "['huge_pages', 'thresholds']"  # the user's setting wins
    assert tuned({"MALLOC_TRIM_THRESHOLD_": "0"}) == "['arenas', 'huge_pages']"
    assert tuned({"THP_MEM_ALLOC_ENABLE": "0"}) == "['arenas', 'thresholds']"


def test_torch_puts_large_buffers_on_huge_pages():
    thp = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    if not thp.exists() or "[never]" in thp.read_text():
        pytest.skip("this kernel has transparent huge pages off")
    huge_kb = ("import torch; x = torch.ones(64 * 2**20 // 4); "
               "print([line.split()[1] for line in open('/proc/self/smaps_rollup') if 'AnonHuge' in line][0])")
    on = tuned({}, huge_kb).splitlines()[-1]
    off = tuned({"THP_MEM_ALLOC_ENABLE": "0"}, huge_kb).splitlines()[-1]
    assert int(on) >= 32 * 1024  # a 64 MB tensor, mostly on 2 MB pages
    if "[madvise]" in thp.read_text():  # (with "always" the kernel uses them anyway)
        assert int(off) == 0


def test_gradio_keeps_at_most_app_sessions_sessions():
    import app

    assert app.LAUNCH_OPTIONS["state_session_capacity"] == 500
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(lambda text: text, box, box, api_name="echo")
    options = {**app.LAUNCH_OPTIONS, "state_session_capacity": 3}
    with serve_demo(demo, **options) as client:
        sessions = []
        for i in range(5):  # five visitors, each its own session
            fresh = type(client)(client.src, verbose=False)
            assert fresh.predict(str(i), api_name="/echo") == str(i)
            sessions.append(fresh.session_hash)
        held = list(demo.state_holder.session_data)
        assert len(held) <= 3 and held[-1] == sessions[-1]  # the oldest went first


def test_trim_when_idle_counts_requests_and_survives_errors():
    """Every handler is wrapped: the count of requests in flight returns to 0 after plain calls,
    streams and exceptions alike (the last one out trims the heap)."""
    import pytest

    from shared import memory

    @memory.trim_when_idle
    def plain(x):
        assert memory._in_flight >= 1
        return x * 2

    @memory.trim_when_idle
    def stream(n):
        yield from range(n)

    @memory.trim_when_idle
    def broken():
        raise ValueError("bad input")

    before = memory._in_flight
    assert plain(2) == 4 and list(stream(3)) == [0, 1, 2]
    with pytest.raises(ValueError):
        broken()
    assert memory._in_flight == before
