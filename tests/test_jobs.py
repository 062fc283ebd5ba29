"""Slow jobs can be stopped and have a time bound (shared/jobs.py).

Gradio drops a cancelled job at once (a Stop button's `cancels=[event]`, gradio_client's
Job.cancel()), but a plain function runs on in its worker thread and a generator finishes
its current step, both holding the model. Our loops check between steps, so the next
request gets the worker within about one step: these tests time that, and that
APP_TIME_LIMIT stops a job with a clear message and the worker then serves the next one.
"""

import contextlib
import io
import re
import threading
import time
import zipfile

import httpx
import numpy as np
import pytest
import soundfile as sf
from gradio_client import handle_file
from gradio_client.utils import Status
from PIL import Image

from conftest import CLIP, EFFICIENTNET, GATYS, REPAINT, ROOT, TINY_EN, serve_demo
from shared.jobs import Job, JobStopped

APPS = ROOT / "apps"
PHOTO = APPS / "classify" / "examples" / "chelsea.jpg"
SPEECH = APPS / "asr" / "examples" / "librivox_dashwood.wav"
# Seconds from the cancel to the worker being free, at most: about one step of the loop, with
# room for a busy machine (measured: 0.0-1.0 s; ScoreCAM 0.4-6.5 s for one batch of 32 channels).
# The slow calls below take half a minute or more; a job that ran on would hold the worker that long.
FREED_WITHIN = {"/inpaint": 10, "/gradcam": 15, "/style_gatys": 10, "/clip_add": 10,
                "/asr": 30}  # asr: one 30-second window of Whisper, one call to CTranslate2


@pytest.fixture(scope="module")
def client():
    """The slow tabs, without shared results (shared/handlers.py): here a repeated quick call
    must need the model, so that it measures when the cancelled job let go of it."""
    import app
    from apps import asr, clip, gradcam, inpaint, style

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("APP_RESULT_CACHE_MB", "0")
        demo = app.build_demo([gradcam.SPEC, style.SPEC, inpaint.SPEC, asr.SPEC, clip.SPEC])
    with serve_demo(demo, **app.LAUNCH_OPTIONS) as client:
        yield client


@pytest.fixture(scope="module")
def calls(tmp_path_factory):
    """endpoint -> (a slow call, a quick call of the same endpoint and model), as keyword arguments."""
    folder = tmp_path_factory.mktemp("slow")
    speech, rate = sf.read(SPEECH)
    sf.write(folder / "long.wav", np.tile(speech, 40), rate)  # 4.7 minutes
    rng = np.random.default_rng(time.time_ns())  # new images: none of them is in the embedding cache
    with zipfile.ZipFile(folder / "many.zip", "w") as archive:
        for i in range(150):
            png = io.BytesIO()
            Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(png, "PNG")
            archive.writestr(f"noise_{i}.png", png.getvalue())
    boot = {"background": handle_file(APPS / "inpaint" / "examples" / "ankle_boot.png"), "layers": [],
            "composite": None}
    repaint = dict(image=boot, mask="right half", model=REPAINT, prompt="", negative_prompt="", guidance=7.5,
                   strength=1.0, seed=0, jump_length=5, jump_n_sample=2, eta=1.0)
    gatys = dict(content=handle_file(PHOTO), style_image=handle_file(APPS / "style" / "examples" / "starry_night.jpg"),
                 model=GATYS, content_weight=1.0, style_weight_log10=0.5, seed=0)
    cam = dict(image=handle_file(PHOTO), model=EFFICIENTNET, target="top-1", layer="")
    return {
        "/inpaint": ({**repaint, "steps": 250}, {**repaint, "steps": 10}),
        "/gradcam": ({**cam, "method": "ScoreCAM"}, {**cam, "method": "GradCAM"}),
        "/style_gatys": ({**gatys, "steps": 1000, "size": 384}, {**gatys, "steps": 10, "size": 64}),
        "/asr": (dict(audio=handle_file(folder / "long.wav"), model=TINY_EN, language="auto", compare_sphinx=False),
                 dict(audio=handle_file(SPEECH), model=TINY_EN, language="auto", compare_sphinx=False)),
        "/clip_add": (dict(files=[handle_file(folder / "many.zip")], model=CLIP),
                      dict(files=[handle_file(PHOTO)], model=CLIP)),
    }


def wait_until_working(job, seconds: float = 60):
    """Until the job reports progress (its loop has begun), then a little longer."""
    start = time.monotonic()
    while job.status().code not in (Status.PROGRESS, Status.ITERATING) and time.monotonic() - start < seconds:
        time.sleep(0.1)
    time.sleep(1.0)


def cancel(job):
    """Job.cancel() waits for the server's answer, which for a generator comes after its
    current step (for asr, a window of Whisper): send it aside, as the Stop button does."""
    def send():
        with contextlib.suppress(httpx.TimeoutException):  # the server cancels all the same
            job.cancel()

    threading.Thread(target=send, daemon=True).start()


@pytest.mark.parametrize("endpoint", list(FREED_WITHIN))
def test_a_cancelled_job_frees_the_worker_within_a_step(client, calls, endpoint, capsys, monkeypatch):
    slow, quick = calls[endpoint]
    # ScoreCAM scores 128 channels, a few seconds: score all 1280 here, so that it is still
    # running when the cancel comes (the app runs in this process).
    monkeypatch.setattr("apps.gradcam.model.SCORECAM_CHANNELS", 1280)
    client.predict(**quick, api_name=endpoint)  # the model loaded
    start = time.monotonic()
    client.predict(**quick, api_name=endpoint)  # how long a quick call takes by itself
    alone = time.monotonic() - start
    job = client.submit(**slow, api_name=endpoint)
    wait_until_working(job)
    cancelled_at = time.monotonic()
    cancel(job)
    client.predict(**quick, api_name=endpoint)
    freed = time.monotonic() - cancelled_at - alone
    with capsys.disabled():
        print(f"\n{endpoint}: worker free {max(freed, 0):.1f} s after the cancel", end="")
    assert freed < FREED_WITHIN[endpoint]
    assert not job.done() or job.status().code == Status.CANCELLED


@pytest.mark.parametrize("endpoint, what", [("/inpaint", "Inpainting"), ("/gradcam", "ScoreCAM"),
                                            ("/style_gatys", "Gatys"), ("/clip_add", "Adding images")])
def test_the_time_limit_stops_a_job_clearly_and_the_worker_serves_the_next(client, calls, monkeypatch, endpoint, what):
    slow, quick = calls[endpoint]
    monkeypatch.setenv("APP_TIME_LIMIT", "1")
    start = time.monotonic()
    with pytest.raises(Exception, match=rf"^{what} stopped after \d+ s, the time limit per job "
                                        r"\(APP_TIME_LIMIT=1\)\. \w"):
        client.predict(**slow, api_name=endpoint)
    assert time.monotonic() - start < 30  # model loading (not counted) + 1 s + one step
    monkeypatch.delenv("APP_TIME_LIMIT")
    assert client.predict(**quick, api_name=endpoint)


def test_a_job_outside_gradio_has_the_time_limit_and_is_never_cancelled(monkeypatch):
    monkeypatch.setenv("APP_TIME_LIMIT", "0.2")
    job = Job("Counting", fix="Count less.")
    job.check()  # the clock starts at the first check
    assert not job.cancelled()
    time.sleep(0.3)
    with pytest.raises(JobStopped, match=re.escape("Counting stopped after 0 s, the time limit per job "
                                                   "(APP_TIME_LIMIT=0.2). Count less.")):
        job.check()
