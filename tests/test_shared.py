"""Unit tests of shared/: model cache, offline choice, device, safe image loading."""

import threading
import time

import numpy as np
import pytest
from PIL import Image

import shared.models as models
from shared.device import pick_device, pick_dtype
from shared.errors import UserError, one_line, quoted
from shared.gpu import gpu
from shared.hub import hub_file
from shared.images import MAX_PIXELS, load_image
from shared.models import ModelCache, ModelChoice, default_choice, find_choice


def counting_choice(name, calls, embedded=True, seconds=0.0):
    def loader(device, dtype):
        calls.append(name)
        time.sleep(seconds)  # a slow load leaves time for other threads to race it
        return {"name": name, "device": device}
    return ModelChoice(name, loader, hub_id=None if embedded else f"org/{name}")


def test_cache_loads_lazily_once_and_evicts_least_recently_used():
    calls = []
    cache = ModelCache(max_models=2)
    a, b, c = (counting_choice(n, calls) for n in "abc")
    assert calls == []
    for choice in (a, a, b, a, c):  # a stays hot; b is the least recently used when c arrives
        with cache.use(choice, "cpu") as model:
            assert model["name"] == choice.name
    assert calls == ["a", "b", "c"]
    assert [key[0] for key in cache.loaded()] == ["a", "c"]


def test_cache_loads_once_under_concurrent_first_use():
    calls = []
    cache = ModelCache(max_models=2)
    choice = counting_choice("slow", calls, seconds=0.3)
    threads = [threading.Thread(target=_use_once, args=(cache, choice)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert calls == ["slow"]


def _use_once(cache, choice):
    with cache.use(choice, "cpu"):
        pass


def test_a_failing_loader_becomes_a_clear_message_remembered_for_a_while(monkeypatch):
    attempts = []

    def broken(device, dtype):
        attempts.append(1)
        raise ImportError("No module named 'fancy'\n(and a second line)")

    cache = ModelCache()
    choice = ModelChoice("fancy", broken)
    for _ in range(2):
        with pytest.raises(UserError, match="could not be loaded .*fancy.*Pick another model"):
            with cache.use(choice, "cpu"):
                pass
    assert len(attempts) == 1  # the second request got the remembered answer at once
    assert cache.unavailable("fancy") == "ImportError: No module named 'fancy' (and a second line)"
    monkeypatch.setattr(models, "RETRY_AFTER", 0.0)  # after a while it is tried again
    assert cache.unavailable("fancy") is None
    with pytest.raises(UserError, match="could not be loaded"):
        with cache.use(choice, "cpu"):
            pass
    assert len(attempts) == 2


def test_user_text_in_messages_is_quoted_and_cut():
    with pytest.raises(UserError, match=r"^unknown model 'x{40}\.\.\.'; choose one of: 'a'$"):
        find_choice([counting_choice("a", [])], "x" * 10_000)
    assert quoted("a\x00\u202eb") == "'a\\x00\\u202eb'" and one_line("two\n  lines") == "two lines"


def test_default_choice_follows_the_network(monkeypatch):
    hub, embedded = counting_choice("hub", [], embedded=False), counting_choice("local", [])
    monkeypatch.setattr(models, "is_offline", lambda: True)
    assert default_choice([hub, embedded]) is embedded
    monkeypatch.setattr(models, "is_offline", lambda: False)
    assert default_choice([hub, embedded]) is hub
    assert find_choice([hub, embedded], "") is hub
    with pytest.raises(UserError, match="choose one of: 'hub', 'local'"):
        find_choice([hub, embedded], "nope")


def test_device_override_and_dtype(monkeypatch):
    pick_device.cache_clear()
    monkeypatch.setenv("APP_DEVICE", "cpu")
    assert pick_device() == "cpu"
    pick_device.cache_clear()
    assert pick_dtype("cuda", allow_fp16=True) == "float16"
    assert pick_dtype("cpu", allow_fp16=True) == pick_dtype("cuda") == "float32"


def test_gpu_decorator_is_a_no_op_without_spaces():
    def f(x):
        return x + 1
    assert gpu(f)(1) == 2 and gpu(duration=30)(f)(1) == 2


def test_hub_file_reads_local_folders(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    assert hub_file(str(tmp_path), "config.json") == tmp_path / "config.json"
    with pytest.raises(UserError, match="missing"):
        hub_file(str(tmp_path), "model.safetensors")


# --- images: every odd input becomes RGB uint8 or a clear UserError -------------------------

def save(tmp_path, image: Image.Image, name: str, **kwargs):
    path = tmp_path / name
    image.save(path, **kwargs)
    return str(path)


@pytest.mark.parametrize("make, name", [
    (lambda: Image.new("L", (64, 48), 100), "gray.png"),
    (lambda: Image.new("RGBA", (64, 48), (255, 0, 0, 0)), "transparent.png"),
    (lambda: Image.new("P", (64, 48), 3), "palette.png"),
    (lambda: Image.new("CMYK", (64, 48), (0, 255, 0, 0)), "cmyk.jpg"),
    (lambda: Image.fromarray(np.full((48, 64), 60000, np.uint16)), "sixteen.png"),
])
def test_odd_modes_become_rgb(tmp_path, make, name):
    image, notes = load_image(save(tmp_path, make(), name))
    assert image.mode == "RGB" and image.size == (64, 48) and notes == []


def test_transparent_pixels_become_white_and_16_bit_is_scaled(tmp_path):
    clear, _ = load_image(save(tmp_path, Image.new("RGBA", (32, 32), (255, 0, 0, 0)), "a.png"))
    assert clear.getpixel((0, 0)) == (255, 255, 255)
    bright, _ = load_image(save(tmp_path, Image.fromarray(np.full((32, 32), 65535, np.uint16)), "b.png"))
    assert bright.getpixel((0, 0)) == (255, 255, 255)


def test_animated_gif_uses_the_first_frame_and_says_so(tmp_path):
    frames = [Image.new("RGB", (32, 32), (200, 0, 0)), Image.new("RGB", (32, 32), (0, 200, 0)),
              Image.new("RGB", (32, 32), (0, 0, 200))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    image, notes = load_image(str(path))
    assert image.getpixel((0, 0))[0] > 150 and "3 frames" in notes[0]


def test_numpy_inputs(tmp_path):
    assert load_image(np.zeros((20, 30), np.uint8))[0].size == (30, 20)
    assert load_image(np.ones((20, 30, 3), np.float32))[0].getpixel((0, 0)) == (255, 255, 255)
    with pytest.raises(UserError, match="expected an HxW"):
        load_image(np.zeros((20, 30, 7)))


@pytest.mark.parametrize("payload, message", [
    (None, "No image"),
    ("", "No image"),
    (b"\x89PNG\r\n\x1a\n" + b"junk" * 50, "not an image we can read"),
    (b"just some text", "not an image we can read"),
])
def test_unreadable_inputs(tmp_path, payload, message):
    if isinstance(payload, bytes):
        path = tmp_path / "bad.png"
        path.write_bytes(payload)
        payload = str(path)
    with pytest.raises(UserError, match=message):
        load_image(payload)


def test_truncated_image_is_reported_as_damaged(tmp_path):
    path = tmp_path / "cut.jpg"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (256, 256, 3), np.uint8)).save(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(UserError, match="damaged|not an image"):
        load_image(str(path))


def test_size_limits_are_checked_before_decoding(tmp_path):
    with pytest.raises(UserError, match="only 1x1 pixels"):
        load_image(save(tmp_path, Image.new("RGB", (1, 1)), "dot.png"))
    side = int(MAX_PIXELS ** 0.5) + 100
    bomb = save(tmp_path, Image.new("L", (side, side)), "bomb.png")  # small file, huge image
    with pytest.raises(UserError, match="the limit is 50 MP"):
        load_image(bomb)


def test_a_model_that_needs_a_gpu_is_not_the_default_on_a_cpu(monkeypatch):
    """Online on a free CPU Space, Stable Diffusion (minutes per image there) must not be the
    inpaint tab's default; on a GPU machine it is."""
    from dataclasses import replace

    hub = replace(counting_choice("sd", [], embedded=False), needs_gpu=True)
    embedded = counting_choice("repaint", [])
    monkeypatch.setattr(models, "is_offline", lambda: False)
    monkeypatch.setattr(models, "pick_device", lambda: "cpu")
    assert default_choice([hub, embedded]) is embedded
    monkeypatch.setattr(models, "pick_device", lambda: "cuda")
    assert default_choice([hub, embedded]) is hub


def test_the_status_line_names_the_model_picked_not_only_the_default(monkeypatch):
    load = lambda device, dtype: object()  # noqa: E731
    choices = [ModelChoice("Hub net", load, hub_id="org/net"), ModelChoice("Small net", load)]
    monkeypatch.setattr(models, "is_offline", lambda: True)
    assert "embedded model *Small net*" in models.status_line(choices)  # the default offline
    assert "*Hub net* works only if it is already in the local cache" in models.status_line(choices, "Hub net")
    monkeypatch.setattr(models, "is_offline", lambda: False)
    assert models.status_line(choices) == "**Online**: using *Hub net* from the Hugging Face hub."
    assert models.status_line(choices, "Small net") == "**Online**: using the embedded model *Small net*."
    assert "served remotely" in models.status_line(choices, "Net on another Space")


def test_a_failed_hub_probe_is_tried_again_after_a_minute_and_a_success_is_kept(monkeypatch):
    """A Space that starts during a network hiccup must not stay offline until it restarts."""
    import socket

    from shared import hub

    monkeypatch.delenv("APP_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(hub, "_probe", {"offline": None, "at": 0.0})
    clock, up, probes = [1000.0], [False], []

    class Connection:
        def close(self):
            pass

    def connect(address, timeout):
        probes.append(address)
        if not up[0]:
            raise OSError("network unreachable")
        return Connection()

    monkeypatch.setattr(hub.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(socket, "create_connection", connect)
    assert hub.is_offline() is True and len(probes) == 1
    up[0] = True
    clock[0] += hub.RETRY_S - 1
    assert hub.is_offline() is True and len(probes) == 1  # within the minute: no new probe, no wait
    clock[0] += 2
    assert hub.is_offline() is False and len(probes) == 2  # tried again: online now
    up[0] = False
    clock[0] += 10 * hub.RETRY_S
    assert hub.is_offline() is False and len(probes) == 2  # an answering hub is kept
    monkeypatch.setenv("APP_OFFLINE", "1")
    assert hub.is_offline() is True  # the switch always wins

