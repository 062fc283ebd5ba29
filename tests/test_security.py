"""Security rules from ARCHITECTURE.md, checked: only Gradio's own cache is served, uploads are
capped, weights are never unpickled, no remote code runs, no share link unless asked for."""

import ast
import re
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, serve_tab

SOURCES = [p for folder in ("apps", "shared", "training", "scripts", "bench") for p in (ROOT / folder).rglob("*.py")]
SOURCES.append(ROOT / "app.py")


def calls(name: str):
    """(file, ast.Call) for every call of a function or method called `name` in our code."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if called == name:
                    yield path.relative_to(ROOT), node


def keyword(node: ast.Call, name: str):
    for kw in node.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value) if isinstance(kw.value, ast.Constant) else kw.value
    return None


def test_torch_load_always_says_weights_only():
    found = list(calls("load"))
    torch_loads = [(path, node) for path, node in found
                   if isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "torch"]
    assert torch_loads, "expected at least the EfficientNet loader's torch.load"
    for path, node in torch_loads:
        assert keyword(node, "weights_only") is True, f"{path}:{node.lineno} torch.load without weights_only=True"


def test_no_pickle_and_no_remote_code():
    for path in SOURCES:
        text = path.read_text()
        assert not re.search(r"^\s*import pickle|pickle\.load", text, re.M), f"{path} unpickles"
        assert "trust_remote_code=True" not in text, f"{path} runs code from the hub"


def test_hub_weights_load_from_safetensors_only():
    for name in ("from_pretrained",):
        for path, node in calls(name):
            target = ast.unparse(node.func)
            if any(part in target for part in ("Processor", "Tokenizer", "processor", "tokenizer")):
                continue  # configs and vocabularies, no weights
            if "bridge.py" in str(path) or "inpaint/model.py" in str(path):
                continue  # pip-installed MiniLM / our own DDPM folder: safetensors files we ship
            uses = keyword(node, "use_safetensors")
            spread = any(kw.arg is None for kw in node.keywords)  # **kwargs built just above
            assert uses is True or spread, f"{path}:{node.lineno} {target} may read a pickled .bin"
    assert "use_safetensors" in (ROOT / "apps/inpaint/stable.py").read_text()


def test_shipped_weights_are_not_pickles():
    suffixes = {p.suffix for p in (ROOT / "models").rglob("*") if p.is_file()}
    assert suffixes <= {".safetensors", ".json", ".md", ".csv", ".png", ".tflite", ""}, suffixes
    for path in (ROOT / "models").rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 10 * 1024 * 1024, f"{path} is over 10 MB"


def test_launch_options_cap_uploads_and_share_is_opt_in(monkeypatch):
    import app

    monkeypatch.delenv("GRADIO_SERVER_NAME", raising=False)

    assert app.LAUNCH_OPTIONS["max_file_size"] == "20mb"
    assert "allowed_paths" not in app.LAUNCH_OPTIONS  # nothing beyond Gradio's own cache
    assert app.parse_args([]).share is False and app.parse_args(["--share"]).share is True
    assert app.parse_args([]).host == "127.0.0.1"  # this machine only, unless asked


@pytest.fixture(scope="module")
def base_url():
    from apps import classify

    with serve_tab(classify.SPEC) as client:
        yield client.src.rstrip("/")


@pytest.mark.parametrize("path", ["app.py", str(ROOT / "app.py"), "/etc/passwd", "../../etc/passwd",
                                  str(next((ROOT / "models").rglob("*.safetensors"))),
                                  str(ROOT / "apps/classify/ui.py"), "~/.cache/huggingface/token"])
def test_only_gradio_cache_files_are_served(base_url, path):
    """The app's source, its weights and the machine's files are not downloadable."""
    url = f"{base_url}/gradio_api/file={path}"
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(url, timeout=10)
    assert info.value.code in (403, 404)


def test_an_example_file_the_page_shows_is_served(base_url):
    """The check above is not vacuous: files Gradio itself hands out do download."""
    import json

    with urllib.request.urlopen(f"{base_url}/config", timeout=10) as response:
        config = json.load(response)
    urls = re.findall(r'"url": "(http[^"]+/gradio_api/file=[^"]+chelsea\.jpg)"', json.dumps(config))
    assert urls, "the page lists its example photo, copied into Gradio's cache"
    with urllib.request.urlopen(urls[0], timeout=10) as response:
        assert response.status == 200 and response.read(3) == b"\xff\xd8\xff"  # a JPEG
