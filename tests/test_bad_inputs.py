"""Bad input on every public endpoint, as one suite. Images: none, empty, tiny, huge, a
decompression bomb, corrupt, the wrong type, odd modes. Audio: none, corrupt, NaN, infinity,
silence, a header that claims hours. Text: 10,000 characters, right-to-left overrides,
zero-width characters, emoji, NUL. Numbers out of range, unknown choices, zip bombs.
Each gets a clear one-line message (or, when odd but valid, an answer); nothing crashes,
hangs or takes the worker down.

How it is built: each tab's apps/<slug>/cases.py holds one valid call per endpoint (API),
argument by argument, each with its kind, and a hub model per endpoint (HUB). CASES here holds
each kind's bad cases: a case replaces that one argument and names what must come back, a
regex of the message or None (it must simply work). A new tab needs no edit here: its cases.py
is read through the registry, and every test id starts with its endpoint, so
`python -m pytest -q -k <slug>` runs its cases.
test_every_public_endpoint_is_in_the_suite keeps the cases in step with the app.
"""

import inspect
import json
import math
import re
import struct
import zipfile
from dataclasses import replace
from pathlib import Path

import gradio as gr
import httpx
import numpy as np
import pytest
import soundfile as sf
from gradio_client import handle_file
from PIL import Image
from safetensors.numpy import save_file

from conftest import EFFICIENTNET, ROOT, SELFIE, registered_specs, serve_demo, tab_cases
from test_asr import BAD_AUDIO, make_bad_audio

EXAMPLES = ROOT / "apps"
PHOTO = EXAMPLES / "classify" / "examples" / "chelsea.jpg"
BOOT = EXAMPLES / "inpaint" / "examples" / "ankle_boot.png"
OFFLINE = "not in the local cache and the hub is unreachable"  # a hub model, offline and not cached


def editor(background, layers=()) -> dict:
    """gr.ImageEditor's value: the image, the painted layers (RGBA; alpha = painted)."""
    return {"background": background, "layers": list(layers), "composite": None}


def gather(name: str) -> dict:
    """One dict of every tab's cases.py `name` (API, HUB, SPECIAL, VALID_ANSWER)."""
    merged = {}
    for spec in registered_specs():
        merged.update(getattr(tab_cases(spec), name, {}))
    return merged


# One valid call per public endpoint: argument -> (kind, value). Files are paths here.
ENDPOINTS = {**gather("API"), "system": {}}
# What an odd but valid input gets where it is not simply an answer (vae_sd needs the hub).
VALID_ANSWER = gather("VALID_ANSWER")
# A hub model per endpoint, for the "hub model, offline" case (tests run offline, cache empty).
HUB = gather("HUB")


class File(str):
    """A file made by make_files, by name; sent as an upload."""


class Below(float):
    """A number just below the input's minimum (read from the app's slider)."""


class Above(float):
    """A number just above the input's maximum."""


TOO_BIG = r"(?i)file.*(size|large)|exceed"
UNREADABLE = "not an image we can read"
IMAGE = {  # case -> (value, expected message or None)
    "no image": (None, "No image"),
    "empty file": (File("empty.png"), UNREADABLE),
    "corrupt": (File("corrupt.png"), UNREADABLE),
    "text file": (File("text.txt"), UNREADABLE),
    "1x1 pixel": (File("dot.png"), "only 1x1 pixels"),
    "144 MP": (File("huge.png"), "limit is 50 MP"),
    "bomb header": (File("bomb.png"), "too many pixels|limit is 50 MP"),
    "21 MB file": (File("big_file.bmp"), TOO_BIG),
    "grey": (File("gray.png"), None),
    "RGBA": (File("rgba.png"), None),
    "16-bit": (File("sixteen.png"), None),
    "CMYK JPEG": (File("cmyk.jpg"), None),
    "animated GIF": (File("anim.gif"), None),
}
TEXTS = {"empty": "", "10k characters": "a koala " * 1250, "RTL override": "قطة \u202e cat",
         "zero-width only": "\u200b\u200c\u200d\ufeff", "emoji only": "🐨🐱", "NUL byte": "a\x00koala"}
CHOICE = {"unknown": "nonsense", "10k characters": "x" * 10_000, "NUL byte": "\x00"}


CASES = {
    "image": IMAGE,
    "editor": {**{name: (editor(value), expected) for name, (value, expected) in IMAGE.items()},
               "no editor value": (None, "No image"),
               "a file, not the editor's dict": (BOOT, "No image"),
               "layer: text file": (editor(BOOT, [File("text.txt")]), UNREADABLE),
               "layer: 144 MP": (editor(BOOT, [File("huge.png")]), "limit is 50 MP"),
               "layer: another size": (editor(BOOT, [File("small_layer.png")]), None)},
    # The asr tests' bad audio (make_bad_audio: file and message), and two more.
    "audio": {**{name: ("make_bad_audio", "make_bad_audio")
                 for name in [*BAD_AUDIO, "big_file.wav", "silent.wav", "stereo_44k.ogg"]},
              "3 hours by the header": (File("hours.flac"), r"180\.0 min long; the limit is 30\.0 min"),
              "8-bit 6 channels 8 kHz": (File("u8_6ch_8k.wav"), None)},
    "query": {name: (text, {"empty": "query is empty", "10k characters": "the limit is 300",
                            "zero-width only": "query is empty", "emoji only": "no letters or digits"}.get(name))
              for name, text in TEXTS.items()},
    "labels": {name: (f"{text}, dog", {"empty": "at least two different labels", "10k characters": "the limit is 100",
                                       "zero-width only": "label is empty", "emoji only": "no letters or digits"}.get(name))
               for name, text in TEXTS.items()},
    "prompt": {name: (text, None) for name, text in TEXTS.items()},  # RePaint takes no prompt: ignored
    "class name": {name: (text, None if name == "empty" else "unknown class") for name, text in TEXTS.items()},
    "number": {"below the minimum": (Below(), "must be between"), "above the maximum": (Above(), "must be between")},
    "seed": {"negative": (-1, None), "10^30": (10**30, None)},
    "choice": {name: (value, "unknown") for name, value in CHOICE.items()},
    "model": {name: (value, "unknown") for name, value in CHOICE.items()},
    "files": {"nothing": ([], "No images found"), "None": (None, "No images found"),
              "a text file": ([File("text.txt")], "Invalid file type"),
              "zip bomb": ([File("bomb.zip")], "zip bomb"),
              "corrupt zip": ([File("corrupt.zip")], "None of the uploaded files is an image we can read"),
              "zip of text files": ([File("text.zip")], r"No images found in the upload \(found only"),
              "zip with ../ paths": ([File("climb.zip")], None),
              "144 MP image in a zip": ([File("huge.zip")], "limit is 50 MP"),
              "21 MB file": ([File("big_file.bmp")], TOO_BIG)},
    "dataset": {"None": (None, "No photos yet"), "a text file": (File("text.txt"), "Invalid file type"),
                "zip bomb": (File("bomb.zip"), "zip bomb"), "corrupt zip": (File("corrupt.zip"), "must be a .zip"),
                "zip of text files": (File("text.zip"), r"No images found in the upload \(found only"),
                "zip with ../ paths": (File("climb.zip"), "at least 2 classes"),
                "one class": (File("one_class.zip"), "at least 2 classes"),
                "a class of one photo": (File("one_photo.zip"), r"at least 2 photos.*'dog' \(1\)"),
                "ten thousand files": (File("many.zip"), "lists 10,000 files; the limit is 5,000"),
                "144 MP image in a class": (File("huge_class.zip"), "at least 2 photos"),
                "21 MB file": (File("big_file.bmp"), TOO_BIG)},
    "model file": {"None": (None, "No model file"), "a text file": (File("text.txt"), "Invalid file type"),
                   "other safetensors": (File("other.safetensors"), "not a model file made by the Teach tab"),
                   "truncated": (File("truncated.safetensors"), "not a model file made by the Teach tab"),
                   "renamed text": (File("text.safetensors"), "not a model file made by the Teach tab")},
    "flag": {},
}
# Where one argument answers otherwise than its kind: (endpoint, argument, case) -> expected.
SPECIAL = gather("SPECIAL")


def matrix():
    for endpoint, arguments in ENDPOINTS.items():
        for argument, (kind, _) in arguments.items():
            for case in CASES[kind]:
                yield endpoint, argument, case
            if kind == "model" and endpoint in HUB:
                yield endpoint, argument, "hub model, offline"


def make_files(folder):
    """Every file the cases send, made once per test session."""
    folder.mkdir(exist_ok=True)
    if (folder / "done").exists():
        return folder
    pixels = np.random.default_rng(0)
    (folder / "empty.png").write_bytes(b"")
    (folder / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 99)
    (folder / "text.txt").write_text("not an image")
    Image.new("RGB", (1, 1)).save(folder / "dot.png")
    Image.new("L", (12000, 12000)).save(folder / "huge.png")
    write_bomb_png(folder / "bomb.png", 60_000, 60_000)
    (folder / "big_file.bmp").write_bytes(b"BM" + bytes(21 * 2**20))
    Image.new("L", (300, 200), 90).save(folder / "gray.png")
    Image.new("RGBA", (300, 200), (0, 0, 255, 128)).save(folder / "rgba.png")
    Image.fromarray(pixels.integers(0, 65535, (200, 300), dtype=np.uint16)).save(folder / "sixteen.png")
    Image.new("CMYK", (300, 200), (0, 120, 200, 30)).save(folder / "cmyk.jpg")
    frames = [Image.new("RGB", (120, 90), c) for c in ("red", "green", "blue")]
    frames[0].save(folder / "anim.gif", save_all=True, append_images=frames[1:])
    Image.new("RGBA", (10, 7), (255, 0, 0, 255)).save(folder / "small_layer.png")
    make_bad_audio(folder)  # the asr tests' bad audio, same names
    write_flac_claiming(folder / "hours.flac", hours=3)
    tone = (np.sin(np.arange(8000 * 2) / 3) * 100 + 128).astype(np.uint8)
    sf.write(folder / "u8_6ch_8k.wav", np.stack([tone] * 6, 1).astype(np.int16) * 128 - 16384, 8000,
             subtype="PCM_U8")
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("photo.png", bytes(3 * 2**20))  # 3 MB of zeros: ~3 KB packed
    (folder / "corrupt.zip").write_bytes(b"PK\x03\x04" + b"junk" * 100)
    with zipfile.ZipFile(folder / "text.zip", "w") as archive:
        archive.writestr("notes.txt", "no images here")
    with zipfile.ZipFile(folder / "climb.zip", "w") as archive:
        archive.write(PHOTO, "../../../tmp/outside.jpg")
    with zipfile.ZipFile(folder / "huge.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(folder / "huge.png", "huge.png")
    make_teach_files(folder)
    (folder / "done").touch()
    return folder


def make_teach_files(folder):
    """Data sets and model files the teach tab must refuse."""
    with zipfile.ZipFile(folder / "one_class.zip", "w") as archive:
        for i in range(3):
            archive.write(PHOTO, f"cats/{i}.jpg")
    with zipfile.ZipFile(folder / "one_photo.zip", "w") as archive:
        archive.write(PHOTO, "cats/1.jpg")
        archive.write(PHOTO, "cats/2.jpg")
        archive.write(BOOT, "dog/1.png")
    with zipfile.ZipFile(folder / "many.zip", "w") as archive:
        for i in range(10_000):
            archive.writestr(f"a/{i}.txt", "")
    with zipfile.ZipFile(folder / "huge_class.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(PHOTO, "cats/1.jpg")
        archive.write(PHOTO, "cats/2.jpg")
        archive.write(folder / "huge.png", "plans/huge.png")
        archive.write(BOOT, "plans/boot.png")
    save_file({"x": np.zeros(3, np.float32)}, folder / "other.safetensors", {"format": "other"})
    (folder / "truncated.safetensors").write_bytes((ROOT / "models/teach/tools_head.safetensors").read_bytes()[:500])
    (folder / "text.safetensors").write_text("not a model")


def write_bomb_png(path, width: int, height: int):
    """A 16x16 PNG whose header claims width x height: a decompression bomb, a few bytes long."""
    Image.new("L", (16, 16)).save(path)
    data = bytearray(path.read_bytes())
    data[16:24] = struct.pack(">II", width, height)  # IHDR: width, height
    data[29:33] = struct.pack(">I", zipfile.crc32(bytes(data[12:29])))  # the chunk's CRC
    path.write_bytes(bytes(data))


def write_flac_claiming(path, hours: float):
    """One second of tone as FLAC whose STREAMINFO claims `hours` of audio. (A WAV cannot lie:
    FFmpeg trusts the file size over a WAV header.)"""
    sf.write(path, (np.sin(np.arange(16000) / 5) * 0.5).astype(np.float32), 16000, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    fields = int.from_bytes(data[18:26], "big")  # rate (20 bits), channels, bits, total samples (36)
    fields = (fields >> 36 << 36) | int(hours * 3600 * 16000)
    data[18:26] = fields.to_bytes(8, "big")
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def demo():
    import app

    return app.build_demo()


@pytest.fixture(scope="module")
def client(demo):
    import app

    with serve_demo(demo, **app.LAUNCH_OPTIONS) as client:
        yield client


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return make_files(tmp_path_factory.getbasetemp() / "bad_inputs")


def input_component(demo, endpoint: str, argument: str):
    event = next(e for e in demo.fns.values() if e.api_name == endpoint)
    return event.inputs[list(inspect.signature(event.fn).parameters).index(argument)]


def send(value, files):
    """A value as gradio_client sends it: a File (by name) or a Path -> an upload; lists and
    dicts item by item."""
    if isinstance(value, File):
        return handle_file(files / value)
    if isinstance(value, Path):
        return handle_file(value)
    if isinstance(value, list):
        return [send(v, files) for v in value]
    if isinstance(value, dict):
        return {key: send(v, files) for key, v in value.items()}
    return value


def bad_value(demo, files, endpoint: str, argument: str, case: str):
    """(value, expected message or None) of one case. The expected message is the case's own,
    except where it depends on the argument: numbers (the slider's range), choices (the name)."""
    kind = ENDPOINTS[endpoint][argument][0]
    if case == "hub model, offline":
        return HUB[endpoint], OFFLINE
    value, expected = CASES[kind][case]
    if expected == "make_bad_audio":
        path, expected = make_bad_audio(files)[case]
        value = None if path is None else Path(path)
    if isinstance(value, (Below, Above)):
        component = input_component(demo, endpoint, argument)
        value = component.minimum - 1 if isinstance(value, Below) else component.maximum + 1
        expected = f"{argument} must be between {component.minimum:g} and {component.maximum:g}"
    if kind in ("choice", "model"):
        expected = f"unknown {argument} {re.escape(repr(value)[:41])}"  # quoted, cut at 40 characters
    expected = SPECIAL.get((endpoint, argument, case), expected)
    if expected is None:
        expected = VALID_ANSWER.get(endpoint)
    return value, expected


@pytest.mark.parametrize("endpoint, argument, case", list(matrix()))
def test_bad_input_gets_a_clear_answer(demo, client, files, endpoint, argument, case):
    arguments = {name: value for name, (_, value) in ENDPOINTS[endpoint].items()}
    arguments[argument], expected = bad_value(demo, files, endpoint, argument, case)
    assert_clear_answer(client, endpoint, send(arguments, files), expected)


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_the_valid_calls_work(client, files, endpoint):
    """The baseline every case starts from: so a refused case is refused for its own reason."""
    arguments = {name: value for name, (_, value) in ENDPOINTS[endpoint].items()}
    assert_clear_answer(client, endpoint, send(arguments, files), VALID_ANSWER.get(endpoint))


def assert_clear_answer(client, endpoint: str, arguments: dict, expected: str | None):
    """expected None: the call must answer. Else the answer is an error whose message matches
    `expected` and is one short line, and it comes within a minute (no hang)."""
    if expected is None:
        assert client.submit(api_name=f"/{endpoint}", **arguments).result(timeout=120) is not None
        return
    with pytest.raises(Exception) as raised:
        client.submit(api_name=f"/{endpoint}", **arguments).result(timeout=120)
    message = str(raised.value)
    assert re.search(expected, message), message
    assert "\n" not in message and len(message) <= 400 and "Traceback" not in message, message


def test_every_public_endpoint_is_in_the_suite(client):
    """A new endpoint, or a new argument of one, must get its cases in its tab's cases.py."""
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for name, info in endpoints.items():
        tabs = [spec.slug for spec in registered_specs() if name[1:] == spec.slug or name[1:].startswith(spec.slug + "_")]
        where = f"apps/{tabs[0]}/cases.py API" if tabs else "ENDPOINTS in tests/test_bad_inputs.py"
        assert name[1:] in ENDPOINTS, f"the endpoint {name} has no valid call: add it to {where}"
        arguments = [p["parameter_name"] for p in info["parameters"]]
        assert arguments == list(ENDPOINTS[name[1:]]), \
            f"{name} takes {arguments}; {where} lists {list(ENDPOINTS[name[1:]])}: list each argument, in order"
    for name in ENDPOINTS:
        assert f"/{name}" in endpoints, f"{name} is in a cases.py API but the app has no such endpoint"


def test_every_number_input_refuses_nan_and_infinity(demo):
    """gradio_client cannot even send NaN (JSON has none), but a raw request can, and Gradio's
    own range check lets it through: shared.ui.guard_inputs stops it for every number input."""
    inputs = {id(c) for event in demo.fns.values() if event.fn is not None for c in event.inputs}
    guarded = [c for c in demo.blocks.values() if isinstance(c, (gr.Slider, gr.Number)) and id(c) in inputs]
    assert len(guarded) >= 20
    for component in guarded:
        for value in (math.nan, math.inf, -math.inf):
            with pytest.raises(gr.Error, match="must be a finite number"):
                component.preprocess(value)


def test_nan_in_a_raw_request_gets_a_clear_answer(client):
    body = json.dumps({"data": [float("nan"), 0.0]})  # Python writes NaN, as some clients do
    url = f"{client.src.rstrip('/')}/gradio_api/call/vae"
    event_id = httpx.post(url, content=body, headers={"Content-Type": "application/json"}).json()["event_id"]
    stream = httpx.get(f"{url}/{event_id}", timeout=30).text
    assert "event: error" in stream and "z1 must be a finite number" in stream, stream


@pytest.fixture
def broken_resnet(monkeypatch):
    """ResNet-50's loader replaced by one that crashes; yields the list of its attempts."""
    from shared import classifiers, models

    attempts = []

    def broken(device, dtype):
        attempts.append(device)
        raise ImportError("No module named 'fancy_backend'")

    index = next(i for i, c in enumerate(classifiers.CHOICES) if c.name == "ResNet-50 (hub)")
    original = classifiers.CHOICES[index]
    classifiers.CHOICES[index] = replace(original, loader=broken)  # in place: the tabs hold this list
    monkeypatch.setattr(models.CACHE, "_failures", {})  # the failure is forgotten after the test
    yield attempts
    classifiers.CHOICES[index] = original


def test_a_model_that_fails_to_load_is_refused_clearly_and_the_rest_works(client, broken_resnet, monkeypatch):
    """A loader that crashes (a missing package, a broken download): a clear message, no second
    slow attempt for a while, the choice marked unavailable; other models and tabs work."""
    from shared import classifiers, models, ui

    attempts = broken_resnet
    photo = handle_file(PHOTO)
    for _ in range(3):
        with pytest.raises(Exception, match=r"^model 'ResNet-50 \(hub\)' could not be loaded \(ImportError: "
                                            r"No module named 'fancy_backend'\)\. Pick another model"):
            client.predict(photo, "ResNet-50 (hub)", 5, api_name="/classify")
    assert len(attempts) == 1  # remembered: no retry storm
    status, dropdown = ui.availability(classifiers.CHOICES, [(c.name, c.name) for c in classifiers.CHOICES])
    assert "**Unavailable**: *ResNet-50 (hub)* (ImportError: No module named 'fancy_backend'" in status
    assert ("ResNet-50 (hub) (unavailable)", "ResNet-50 (hub)") in dropdown.choices
    assert "| ResNet-50 (hub) |" in client.predict(api_name="/system").split("failed: ImportError")[0]
    assert client.predict(photo, EFFICIENTNET, 1, api_name="/classify")[0]["label"]  # other choices work
    assert client.predict(photo, EFFICIENTNET, "GradCAM", "top-1", "", api_name="/gradcam")
    assert client.predict(photo, SELFIE, 0.5, api_name="/segment")  # and other tabs
    monkeypatch.setattr(models, "RETRY_AFTER", 0.0)  # later on, it is tried again
    with pytest.raises(Exception, match="could not be loaded"):
        client.predict(photo, "ResNet-50 (hub)", 5, api_name="/classify")
    assert len(attempts) == 2


def test_app_still_serves_after_all_that(client):
    label = client.predict(handle_file(PHOTO), EFFICIENTNET, 1, api_name="/classify")[0]
    assert label["label"] in {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat"}
