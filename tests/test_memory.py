"""What bounds the app's memory under load (shared/memory.py, app.LAUNCH_OPTIONS)."""

import subprocess
import sys

import gradio as gr

from conftest import serve_demo


def test_malloc_arenas_are_capped_unless_the_environment_says_otherwise():
    code = "from shared.memory import limit_malloc_arenas as f; print(f())"
    run = lambda env: subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,  # noqa: E731
                                     text=True, check=True).stdout.strip()
    assert run({"PATH": "/usr/bin:/bin"}) == "True"  # glibc's mallopt accepted the cap
    assert run({"PATH": "/usr/bin:/bin", "MALLOC_ARENA_MAX": "4"}) == "False"  # the user's setting wins


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
