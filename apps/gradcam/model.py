"""Class activation maps: where in the image does the evidence for a class come from?

We use the pytorch-grad-cam library (package `grad-cam`) rather than hand-written hooks: each
method there is ~30 lines on one base class, worth reading after the lecture. The models are
the classify tab's (shared/classifiers.py). No gradio here.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from PIL import Image

from shared.classifiers import Classifier
from shared.own_classifier import find_classifier
from shared.errors import UserError, quoted
from shared.gpu import gpu
from shared.models import CACHE

# Display name -> class name in pytorch_grad_cam (imported on first use: it pulls in
# torchvision, OpenCV and scikit-learn, which would slow the app's start by seconds).
METHODS = {
    "GradCAM": "GradCAM",              # gradients averaged per channel weight the activations
    "GradCAM++": "GradCAMPlusPlus",    # second-order weighting, better with several objects
    "XGradCAM": "XGradCAM",
    "HiResCAM": "HiResCAM",            # element-wise gradient x activation, faithful to the model
    "LayerCAM": "LayerCAM",            # element-wise, works on early layers too
    "EigenCAM": "EigenCAM",            # first principal component, no gradients, class-agnostic
    "ScoreCAM": "ScoreCAM",            # no gradients: one forward pass per channel scored (below)
}
TOP_1 = "top-1"
# ScoreCAM scores this many channels of the target layer, those whose activation maps vary
# most (Faster Score-CAM): EfficientNet-Lite0's last layer has 1280, a minute on a CPU.
SCORECAM_CHANNELS = 128


@dataclass
class Explanation:
    """overlay: uint8 RGB (H, W, 3), the heat map on the model's view of the image.
    cam: float32 (H, W) in [0, 1], the raw map at the model's input resolution (upscaled to the
    view for small inputs). heatmap: uint8 RGB (H, W, 3), the raw map coloured (jet).
    top: {label: probability} of the top-5 classes. target: the explained class.
    scored: (channels scored, channels of the layer) when ScoreCAM left some out, else None."""

    overlay: np.ndarray
    cam: np.ndarray
    heatmap: np.ndarray
    top: dict[str, float]
    target: str
    layer: str
    method: str
    scored: tuple[int, int] | None = None


@gpu  # a forward pass: on ZeroGPU it needs the GPU slice too
def top_classes(image: Image.Image, model: str | None = None, k: int = 5) -> dict[str, float]:
    """{label: probability} of the k most likely classes, highest first."""
    with CACHE.use(find_classifier(model)) as clf, torch.no_grad():
        probs = clf.model(clf.preprocess(image).unsqueeze(0).to(clf.device)).softmax(dim=1)[0]
    values, indices = probs.float().cpu().topk(min(k, len(clf.labels)))
    return {clf.labels[i]: float(v) for v, i in zip(values.tolist(), indices.tolist())}


def layer_names(model: str | None = None) -> list[str]:
    """Grad-CAM target layers offered for `model`, the default first."""
    with CACHE.use(find_classifier(model)) as clf:
        return list(clf.cam_layers)


@gpu(duration=120, callbacks=("check",))  # ScoreCAM: hundreds of forward passes
def explain(image: Image.Image, model: str | None = None, method: str = "GradCAM",
            target: str | None = None, layer: str | None = None,
            check: Callable[[], None] | None = None) -> Explanation:
    """image: RGB PIL image. target: a class name of the model ('' or 'top-1': the top class).
    layer: one of layer_names(model) ('' or None: the default). check: called before every
    forward pass of the CAM (ScoreCAM makes one per 32 channels scored); it may raise to stop."""
    from pytorch_grad_cam.utils.image import show_cam_on_image

    if method not in METHODS:
        raise UserError(f"unknown method {quoted(method)}; choose one of: {', '.join(METHODS)}")
    with CACHE.use(find_classifier(model)) as clf:
        x = clf.preprocess(image).unsqueeze(0).to(clf.device)
        with torch.no_grad():
            probs = clf.model(x).softmax(dim=1)[0].float().cpu()
        index = _target_index(clf, probs, target)
        if not clf.cam_layers:
            raise UserError(f"{model}: Grad-CAM knows no target layer of a {type(clf.model).__name__}; "
                            "try a ResNet, ConvNeXt, EfficientNet, MobileNet or ViT.")
        layer = layer or next(iter(clf.cam_layers))
        if layer not in clf.cam_layers:
            raise UserError(f"unknown layer {quoted(layer)}; choose one of: {', '.join(clf.cam_layers)}")
        cam, scored = _run_cam(clf, method, clf.cam_layers[layer], x, index, check)
        view = clf.show_input(x[0])
    values, indices = probs.topk(min(5, len(probs)))
    top = {clf.labels[i]: float(v) for v, i in zip(values.tolist(), indices.tolist())}
    cam = _resize(cam, view.shape[:2])
    overlay = show_cam_on_image(view.astype(np.float32) / 255, cam, use_rgb=True)
    heatmap = show_cam_on_image(np.zeros_like(view, dtype=np.float32), cam, use_rgb=True, image_weight=0)
    return Explanation(overlay, cam, heatmap, top, clf.labels[index], layer, method, scored)


def _target_index(clf: Classifier, probs: torch.Tensor, target: str | None) -> int:
    if not target or target == TOP_1:
        return int(probs.argmax())
    lookup = {name.lower(): i for i, name in enumerate(clf.labels)}
    if target.strip().lower() not in lookup:
        raise UserError(f"unknown class {quoted(target)} for this model; pick one of the top-5 "
                        f"({', '.join(clf.labels[i] for i in probs.topk(min(5, len(probs))).indices)}) or '{TOP_1}'")
    return lookup[target.strip().lower()]


def _run_cam(clf: Classifier, method: str, layer, x: torch.Tensor, index: int,
             check: Callable[[], None] | None = None) -> tuple[np.ndarray, tuple[int, int] | None]:
    """One CAM for class `index`: float32 (H, W) in [0, 1] at the input's resolution, and
    (channels scored, channels) when ScoreCAM left some out (else None)."""
    import pytorch_grad_cam
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

    cam_class = _faster_score_cam() if method == "ScoreCAM" else getattr(pytorch_grad_cam, METHODS[method])
    # The library's loops have no callback, but every forward pass of the model runs this
    # hook first: a Stop or the time limit (check raises) ends ScoreCAM between two passes.
    hook = clf.model.register_forward_pre_hook(lambda module, args: check()) if check else None
    try:
        with cam_class(model=clf.model, target_layers=[layer], reshape_transform=clf.reshape_transform) as cam:
            maps = cam(input_tensor=x, targets=[ClassifierOutputTarget(index)])
            scored = getattr(cam, "scored", None)
    finally:
        if hook is not None:
            hook.remove()
    return np.nan_to_num(maps[0]).astype(np.float32), scored if scored and scored[0] < scored[1] else None


def _faster_score_cam():
    """The class below, made on first use (pytorch_grad_cam is imported lazily, see METHODS)."""
    import tqdm
    from pytorch_grad_cam import ScoreCAM

    class FasterScoreCAM(ScoreCAM):
        """Score-CAM (Wang et al. 2020) that scores only the SCORECAM_CHANNELS activation maps
        with the largest variance, as Faster Score-CAM does (github.com/tabayashi0117/Score-CAM,
        also in tf-keras-vis); the other channels weigh 0. Each scored channel masks the input
        with its upsampled, normalised map and weighs by the class score of the masked input."""

        batch_size = 32  # masked images per forward pass

        def get_cam_weights(self, input_tensor, target_layer, targets, activations, grads):
            with torch.no_grad():
                maps = torch.from_numpy(activations).to(self.device)  # (N, C, h, w)
                keep = maps.flatten(2).var(dim=2).topk(min(maps.shape[1], SCORECAM_CHANNELS), dim=1).indices
                self.scored = (keep.shape[1], maps.shape[1])  # for the note in the UI
                upsample = torch.nn.UpsamplingBilinear2d(size=input_tensor.shape[-2:])
                weights = np.zeros(activations.shape[:2], dtype=np.float32)
                for n, (target, image) in enumerate(zip(targets, input_tensor)):
                    masks = upsample(maps[n, keep[n]][None])[0]  # (k, H, W)
                    low = masks.flatten(1).min(dim=1).values[:, None, None]
                    high = masks.flatten(1).max(dim=1).values[:, None, None]
                    masked = image[None] * ((masks - low) / (high - low + 1e-8))[:, None]
                    scores = []
                    for i in tqdm.tqdm(range(0, len(masked), self.batch_size)):  # gr.Progress follows it
                        scores += [target(o).cpu().item() for o in self.model(masked[i:i + self.batch_size])]
                    weights[n, keep[n].cpu().numpy()] = torch.softmax(torch.tensor(scores), dim=0).numpy()
                return weights

    return FasterScoreCAM


def _resize(cam: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    if cam.shape == size:
        return cam
    resized = Image.fromarray(cam).resize((size[1], size[0]), Image.Resampling.BILINEAR)
    return np.clip(np.asarray(resized, dtype=np.float32), 0, 1)
