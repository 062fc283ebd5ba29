"""Hugging Face Inference Providers (huggingface_hub.InferenceClient) for the tabs whose task
exists there. Each adapter sends one request and turns the answer into its endpoint's outputs,
in the order the tab's event lists them (see apps/<slug>/ui.py). shared/remote.py calls
ask_provider for a model configured as {"provider": ..., "model": ...} in APP_REMOTE.
"""

import time

import numpy as np

from shared.errors import UserError
from shared.images import load_image

# tab slug -> the InferenceClient task that can serve it (the other tabs have none).
TASKS = {
    "classify": "image_classification",
    "segment": "image_segmentation",
    "asr": "automatic_speech_recognition",
    "clip": "zero_shot_image_classification (the zero-shot button only)",
}


def ask_provider(route, api_name: str, arguments: dict) -> tuple:
    """Run the endpoint's adapter against the provider; returns one value per output."""
    from huggingface_hub import InferenceClient

    adapter = ADAPTERS.get(api_name)
    if adapter is None:
        raise UserError(f"{route.name!r} is served by Inference Providers, which have no task for "
                        f"/{api_name}; only {', '.join('/' + name for name in ADAPTERS)} can use it.")
    client = InferenceClient(model=route.model, provider=route.provider, token=route.token(),
                             timeout=route.timeout)
    return adapter(client, arguments, f"**{route.name}** via {route.where}")


def took(start: float) -> str:
    return f": {time.perf_counter() - start:.2f} s, network included"


def classify(client, args, about) -> tuple:
    """image_classification -> (top classes, what the model sees, feature maps, info)."""
    load_image(args["image"])  # a clear message for no image or a broken one, before any upload
    start = time.perf_counter()
    answer = client.image_classification(args["image"], top_k=int(args["top_k"]))
    return {item.label: float(item.score) for item in answer}, None, None, about + took(start)


def segment(client, args, about) -> tuple:
    """image_segmentation -> (annotated image, {class: share of pixels}, info, feature maps).
    Each mask is a grayscale image, white where the class is."""
    image, _ = load_image(args["image"])
    start = time.perf_counter()
    answer = client.image_segmentation(args["image"])
    masks = [(np.asarray(item.mask.convert("L").resize(image.size)) / 255.0, item.label) for item in answer]
    shares = {label: float((mask > 0.5).mean()) for mask, label in masks}
    annotated = [(mask * float(args["opacity"]), f"{label} {shares[label]:.1%}") for mask, label in masks]
    return (image, annotated), shares, about + took(start), None


def asr(client, args, about) -> tuple:
    """automatic_speech_recognition -> (transcript, segments, spectrogram, Sphinx's, info).
    The language setting is left to the provider's model."""
    if not args["audio"]:
        raise UserError("No audio: upload a file or record some speech first.")
    start = time.perf_counter()
    answer = client.automatic_speech_recognition(args["audio"])
    rows = [[chunk.timestamp[0], chunk.timestamp[1], chunk.text] for chunk in answer.chunks or []]
    return answer.text, rows, None, "", about + took(start)


def clip_zero_shot(client, args, about) -> tuple:
    """zero_shot_image_classification -> ({label: probability},): the endpoint's one output."""
    labels = [label.strip() for label in (args["labels"] or "").split(",") if label.strip()]
    if len(labels) < 2:
        raise UserError("type at least two labels, separated by commas: cat, dog, car")
    load_image(args["image"])
    answer = client.zero_shot_image_classification(args["image"], candidate_labels=labels)
    return ({item.label: float(item.score) for item in answer},)


ADAPTERS = {"classify": classify, "segment": segment, "asr": asr, "clip_zero_shot": clip_zero_shot}
