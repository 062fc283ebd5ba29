"""shared/gradio_internals.py, the one module that reaches into Gradio: the start-up version
check, and each piece still doing its job on the installed Gradio (the other tests exercise
them through the app: tests/test_jobs.py the cancel flag, tests/test_i18n.py the request in
input checks, tests/test_bad_inputs.py the argument-naming checks)."""

import subprocess
import sys

import gradio as gr
import pytest
from PIL import Image

from conftest import ROOT
from shared import gradio_internals


def test_the_installed_gradio_is_the_tested_one():
    from importlib.metadata import version

    assert version("gradio") == gradio_internals.TESTED_WITH, "update TESTED_WITH after checking every piece"


def test_another_gradio_stops_the_app_with_one_line(monkeypatch):
    monkeypatch.setattr(gradio_internals, "TESTED_WITH", "0.0.1")
    monkeypatch.delenv("APP_ANY_GRADIO", raising=False)
    with pytest.raises(SystemExit) as stopped:
        gradio_internals.check_version()
    assert "tested with gradio==0.0.1" in str(stopped.value) and "APP_ANY_GRADIO=1" in str(stopped.value)
    monkeypatch.setenv("APP_ANY_GRADIO", "1")
    gradio_internals.check_version()  # overridden: no stop


def test_app_py_checks_the_version_before_building(tmp_path):
    """`python app.py` on a mismatch exits at once with the message, before importing the tabs."""
    script = ("import shared.gradio_internals as g; g.TESTED_WITH = '0.0.1'; "
              "import runpy; runpy.run_path('app.py', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "APP_OFFLINE": "1", "HOME": str(tmp_path)})
    assert done.returncode == 1 and "this app was tested with gradio==0.0.1" in done.stderr


def test_cached_images_are_written_whole(tmp_path):
    from gradio import processing_utils

    gradio_internals.cache_images_atomically()
    path = processing_utils.save_pil_to_cache(Image.new("RGB", (8, 8), "red"), str(tmp_path))
    assert Image.open(path).size == (8, 8) and not list(tmp_path.rglob("*.part"))


def test_the_tab_being_built_is_known():
    with gr.Blocks():
        with gr.Tab("X", id="xtab"):
            assert gradio_internals.tab_being_built() == "xtab"
        assert gradio_internals.tab_being_built() is None
