"""shared/handlers.py: what app.py does to every handler. Here: shared results (identical calls
run the model once, files compared by content, errors never stored, session state never
shared), through a served demo so that Gradio's queue and its cache probe are in the loop."""

import threading
import time

import gradio as gr
import pytest
from gradio_client import handle_file

from conftest import CLASSIFY_EXAMPLES, serve_demo
from shared.errors import UserError
from shared.handlers import cacheable, serve_plainly, shared_results


def test_identical_calls_arriving_together_run_once():
    calls = []

    def slow(text, progress=gr.Progress()):
        calls.append(text)
        time.sleep(0.3)
        return text.upper()

    shared = shared_results(slow)
    results = [None] * 8

    def call(i):
        results[i] = shared("room", progress=gr.Progress())  # a new Progress per request, as in Gradio

    threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["ROOM"] * 8 and calls == ["room"]
    assert shared("other") == "OTHER" and calls == ["room", "other"]


def test_files_are_compared_by_content(tmp_path):
    calls = []
    shared = shared_results(lambda path: calls.append(path) or len(open(path).read()))
    for name in ("a.txt", "b.txt"):  # two uploads of one file land at two paths
        (tmp_path / name).write_text("same bytes")
    (tmp_path / "c.txt").write_text("other bytes")
    assert [shared(str(tmp_path / n)) for n in ("a.txt", "b.txt", "c.txt")] == [10, 10, 11]
    assert len(calls) == 2


def test_a_generator_is_replayed_whole():
    calls = []

    def steps(n):
        calls.append(n)
        yield from range(n)

    shared = shared_results(steps)
    assert list(shared(3)) == [0, 1, 2] and list(shared(3)) == [0, 1, 2] and calls == [3]


def test_only_public_events_without_session_state_share_results():
    import app

    shared = sorted(e.api_name for e in app.demo.fns.values() if cacheable(e))
    assert "classify" in shared and "asr" in shared and "inpaint" in shared
    assert not {"clip", "clip_image", "clip_add"} & set(shared)  # they read this session's images
    assert all(e.api_visibility == "public" for e in app.demo.fns.values() if cacheable(e))


def test_through_the_queue_a_repeat_is_answered_from_the_cache_and_errors_are_not_stored(monkeypatch):
    monkeypatch.setenv("APP_RESULT_CACHE_MB", "8")
    calls = []

    def shout(image, times):
        calls.append(times)
        if times < 0:
            raise UserError("times must not be negative")
        return f"{open(image, 'rb').read(4)!r} x{times}"

    with gr.Blocks() as demo:
        image = gr.File(type="filepath")
        times = gr.Number(1, precision=0)
        out = gr.Markdown()
        gr.Button("Go").click(shout, [image, times], out, api_name="shout")
    serve_plainly(demo, "test")
    with serve_demo(demo) as client:
        photo = handle_file(CLASSIFY_EXAMPLES / "chelsea.jpg")
        first = client.predict(photo, 2, api_name="/shout")
        assert client.predict(photo, 2, api_name="/shout") == first  # the repeat: a cache hit
        assert calls == [2]
        for _ in range(2):  # an error is a clear line each time, and is never stored
            with pytest.raises(Exception, match="^times must not be negative$"):
                client.predict(photo, -1, api_name="/shout")
        assert calls == [2, -1, -1]
