"""Inpainting benchmark: RePaint on the CPU (speed and quality), Telea, and Stable Diffusion
inpainting on a GPU.

    python bench/inpaint_bench.py             # CPU, 1 thread: RePaint settings + quality, Telea (~4 min)
    python bench/inpaint_bench.py --quick     # the default settings only, 3 repeats (~1 min)
    python bench/inpaint_bench.py --gpu-sd    # GPU: SD-1.5 inpainting, 512x512, 50 steps, fp16
    python bench/inpaint_bench.py --gpu-sd --compile   # adds torch.compile of the UNet

CPU: the tab's own functions (apps/inpaint/model.py) on one thread, as the app runs them
(APP_CPU_THREADS=1): wall-clock time of one call (fit to 32x32, RePaint loop, Telea, gallery
frames), the first call including the model load. Quality: one Fashion-MNIST test item of each
class with its right half hidden, filled in one batch; MSE over the hidden pixels (values in
[-1, 1]) and whether the repo's Fashion CNN still names the right class. Needs Debian's
dataset-fashion-mnist (else the quality columns are blank).

GPU: the real Stable Diffusion 1.5 inpainting architecture (9-channel UNet, VAE, CLIP ViT-L/14
text encoder, safety checker) built from its published configs with random weights, since the
lent GPU machine has no network: the same compute as the real weights. Timed through the tab's
own sd_inpaint (prompt + negative prompt, so classifier-free guidance runs the UNet on a batch
of 2). Prints a Markdown report and writes it to bench/out/inpaint.md (--out to change).
"""

import argparse
import importlib
import os
import platform
import sys
import time
import types
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # `python bench/inpaint_bench.py` puts only bench/ on the path
from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's malloc and huge-page settings, before torch is imported

os.environ.setdefault("APP_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

OUT = REPO_ROOT / "bench" / "out" / "inpaint.md"
SETTINGS = [  # (steps, jump_length, jump_n_sample, eta, why)
    (50, 5, 2, 1.0, "the tab's defaults"),
    (95, 5, 1, 1.0, "no resampling, same compute"),
    (25, 5, 2, 1.0, "the unit test's"),
    (50, 5, 2, 0.0, "DDIM-like steps"),
]
PER_CLASS = 3  # quality: the first 3 test items of each of the 10 classes


def percentile(samples, q):
    return float(np.percentile(samples, q)) if samples else float("nan")


def fmt(seconds):
    if seconds is None or np.isnan(seconds):
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


# --- CPU: RePaint and Telea ------------------------------------------------------------------

def example():
    from PIL import Image

    from apps.inpaint.editor import quick_mask

    image = Image.open(REPO_ROOT / "apps" / "inpaint" / "examples" / "ankle_boot.png").convert("RGB")
    return image, quick_mask((image.height, image.width), "right half")


def test_items(hide: str):
    """(truth (30, 1, 32, 32) in [-1, 1], hole bool like it, labels), or None without the data."""
    from apps.inpaint.images import to_tensor
    from shared.fashion_cnn import DEFAULT_DATA_DIR, load_split

    if not DEFAULT_DATA_DIR.is_dir():
        return None
    images, labels = load_split(DEFAULT_DATA_DIR, "t10k")
    index = [int(i) for c in range(10) for i in np.flatnonzero(labels == c)[:PER_CLASS]]
    truth = torch.cat([to_tensor(np.pad(images[i], 2)) for i in index])
    hole = torch.zeros_like(truth, dtype=torch.bool)
    if hide == "right":
        hole[:, :, :, 16:] = True
    else:
        hole[:, :, 16:, :] = True
    return truth, hole, labels[index]


def quality(setting, hide: str):
    """(hidden-half MSE, share still classified right) on 30 test items, or (None, None)."""
    from apps.inpaint.model import CHOICES, REPAINT_NAME
    from apps.inpaint.repaint import repaint_loop
    from shared.classifiers import load_fashion_cnn
    from shared.models import CACHE, find_choice

    items = test_items(hide)
    if items is None:
        return None, None
    truth, hole, labels = items
    steps, jump_length, jump_n_sample, eta, _ = setting
    with CACHE.use(find_choice(CHOICES, REPAINT_NAME)) as ddpm:
        filled = repaint_loop(ddpm.unet, ddpm.scheduler_config, truth, (~hole).float(), 0, steps,
                              jump_length, jump_n_sample, eta)[0]
    return score(filled, truth, hole, labels, load_fashion_cnn("cpu", "float32").model)


def score(filled, truth, hole, labels, cnn):
    mse = float(((filled - truth)[hole] ** 2).mean())
    with torch.no_grad():
        predicted = cnn(((filled[:, :, 2:30, 2:30] + 1) / 2).clamp(0, 1)).argmax(1).numpy()
    return mse, float((predicted == labels).mean())


def baseline_quality(hide: str):
    """{name: (MSE, share right)} for Telea, a mean fill and the truth itself."""
    from apps.inpaint.images import telea, to_tensor, to_uint8
    from shared.classifiers import load_fashion_cnn

    items = test_items(hide)
    if items is None:
        return {}
    truth, hole, labels = items
    cnn = load_fashion_cnn("cpu", "float32").model
    filled = torch.cat([to_tensor(telea(to_uint8(x), h[0].numpy())) for x, h in zip(truth, hole)])
    mean = torch.where(hole, truth[~hole].mean(), truth)
    return {name: score(x, truth, hole, labels, cnn) for name, x in
            (("OpenCV Telea", filled), ("mean of the known pixels", mean), ("the truth", truth))}


def time_repaint(setting, repeats, cold: bool):
    """(first call, [seconds of the timed calls], network evaluations). cold: forget the loaded
    model first, so the first call includes loading it; else the first call is a warm-up."""
    from apps.inpaint.model import repaint
    from shared.models import CACHE

    if cold:
        CACHE.clear()
    image, mask = example()
    steps, jump_length, jump_n_sample, eta, _ = setting
    samples = []
    for seed in range(repeats + 1):
        start = time.perf_counter()
        result = repaint(image, mask, seed=seed, steps=steps, jump_length=jump_length,
                         jump_n_sample=jump_n_sample, eta=eta)
        samples.append(time.perf_counter() - start)
    return (samples[0] if cold else None), samples[1:], result.evaluations


def time_telea(size, repeats=50):
    from apps.inpaint.images import telea

    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (size, size, 3) if size > 32 else (size, size), dtype=np.uint8)
    hole = np.zeros((size, size), dtype=bool)
    hole[:, size // 2:] = True
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        telea(image, hole, radius=3 if size == 32 else 5)
        samples.append(time.perf_counter() - start)
    return samples


def percent(value):
    return "-" if value is None else f"{value:.0%}"


def mse_text(value):
    return "-" if value is None else f"{value:.3f}"


def cpu_report(args) -> str:
    load = os.getloadavg()[0]
    torch.set_num_threads(args.threads)
    settings = SETTINGS[:1] if args.quick else SETTINGS
    repeats = 3 if args.quick else args.repeats
    rows = []
    for setting in settings:
        default = setting is SETTINGS[0]
        first, samples, evaluations = time_repaint(setting, repeats if default else max(2, repeats // 2), default)
        mse, right = quality(setting, args.hide)
        steps, jl, jn, eta, why = setting
        rows.append(f"| RePaint, repo DDPM | {steps} steps, jump {jl} x {jn}, eta {eta:g} ({why}) | {evaluations} "
                    f"| {fmt(first)} | {fmt(percentile(samples, 50))} | {fmt(percentile(samples, 95))} "
                    f"| {len(samples)} | {mse_text(mse)} | {percent(right)} |")
        print(rows[-1], flush=True)
    baselines = baseline_quality(args.hide)
    for size in (32, 512):
        samples = time_telea(size)
        mse, right = baselines.get("OpenCV Telea", (None, None)) if size == 32 else (None, None)
        what = f"{size}x{size}{' RGB' if size > 32 else ''}, radius {3 if size == 32 else 5}"
        rows.append(f"| OpenCV Telea | {what} | - | - | {fmt(percentile(samples, 50))} "
                    f"| {fmt(percentile(samples, 95))} | {len(samples)} | {mse_text(mse)} | {percent(right)} |")
    for name in ("mean of the known pixels", "the truth"):
        if name in baselines:
            rows.append(f"| {name} | (reference) | - | - | - | - | - | {mse_text(baselines[name][0])} "
                        f"| {percent(baselines[name][1])} |")
    header = (f"| method | settings | network evals | first call | p50 | p95 | n | MSE, hidden {args.hide} "
              f"half ({10 * PER_CLASS} items) | Fashion CNN still right |\n"
              "|---|---|---:|---:|---:|---:|---:|---:|---:|")
    return (f"## CPU, {args.threads} thread(s)\n\n{machine()}\n\n{header}\n" + "\n".join(rows) +
            f"\n\nTimes: one call of the tab's RePaint on ankle_boot.png with its right half masked (load "
            f"average at the start: {load:.1f} on {os.cpu_count()} cores, shared). Quality: the "
            f"first {PER_CLASS} test items of each class, the {args.hide} half hidden, seed 0; MSE over the "
            "hidden pixels, values in [-1, 1] (lower is better).")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import diffusers

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, torch {torch.__version__}, "
            f"diffusers {diffusers.__version__}")


# --- GPU: Stable Diffusion 1.5 inpainting ----------------------------------------------------

def import_without_ui(name: str):
    """Import apps.inpaint.<module> without apps/__init__.py and apps/inpaint/__init__.py,
    which build the Gradio UI: the GPU machine has no gradio."""
    for package in ("apps", "apps.inpaint"):
        if package not in sys.modules:
            module = types.ModuleType(package)
            module.__path__ = [str(REPO_ROOT.joinpath(*package.split(".")))]
            sys.modules[package] = module
    return importlib.import_module(name)


def byte_level_clip_tokenizer():
    """CLIP's tokenizer without its 49408-token vocabulary file (not on this machine): every
    character one token. Prompt length in tokens is what costs, not which tokens."""
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTokenizer

    chars = sorted(ByteLevel.alphabet())
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    vocab.update({c: len(vocab) + i for i, c in enumerate(chars)})
    vocab.update({c + "</w>": len(vocab) + i for i, c in enumerate(chars)})
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def build_sd15_inpaint(device: str, dtype: torch.dtype):
    """SD-1.5-inpainting's architecture from its published configs, random weights."""
    from diffusers import AutoencoderKL, DDIMScheduler, StableDiffusionInpaintPipeline, UNet2DConditionModel
    from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPTextConfig, CLIPTextModel

    torch.manual_seed(0)
    with torch.device(device):
        unet = UNet2DConditionModel(sample_size=64, in_channels=9, out_channels=4, cross_attention_dim=768,
                                    attention_head_dim=8, block_out_channels=(320, 640, 1280, 1280),
                                    layers_per_block=2)
        vae = AutoencoderKL(in_channels=3, out_channels=3, latent_channels=4, layers_per_block=2, sample_size=512,
                            block_out_channels=(128, 256, 512, 512),
                            down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4)
        text = CLIPTextModel(CLIPTextConfig(
            vocab_size=49408, hidden_size=768, intermediate_size=3072, num_hidden_layers=12,
            num_attention_heads=12, max_position_embeddings=77, hidden_act="quick_gelu", projection_dim=768))
        vision = {"hidden_size": 1024, "intermediate_size": 4096, "num_hidden_layers": 24,
                  "num_attention_heads": 16, "patch_size": 14, "image_size": 224, "hidden_act": "quick_gelu"}
        safety = StableDiffusionSafetyChecker(CLIPConfig(text_config={}, vision_config=vision, projection_dim=768))
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                              clip_sample=False, set_alpha_to_one=False, steps_offset=1)
    pipe = StableDiffusionInpaintPipeline(vae=vae, text_encoder=text, tokenizer=byte_level_clip_tokenizer(),
                                          unet=unet, scheduler=scheduler, safety_checker=safety,
                                          feature_extractor=CLIPImageProcessor(crop_size=224, size=224))
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(device, dtype)


def synchronize():
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def time_sd(pipe, stable, runs: int, warmup: int = 2, steps: int = 50, size: int = 512):
    """[(seconds per image, UNet steps per second)] over `runs` timed calls of sd_inpaint."""
    from PIL import Image

    rng = np.random.default_rng(0)
    image = Image.fromarray(rng.integers(0, 256, (size, size, 3), dtype=np.uint8))
    mask = np.zeros((size, size), dtype=bool)
    mask[size // 4: 3 * size // 4, size // 4: 3 * size // 4] = True
    results = []
    for i in range(warmup + runs):
        stamps = []
        synchronize()
        start = time.perf_counter()
        stable.sd_inpaint(pipe, image, mask, "a red knitted scarf", "blurry", steps=steps, guidance=7.5, seed=i,
                          on_step=lambda step, total: stamps.append(time.perf_counter()))
        synchronize()
        total = time.perf_counter() - start
        if i >= warmup:
            results.append((total, (len(stamps) - 1) / (stamps[-1] - stamps[0])))
    return results


def peak_gib(device: str) -> float:
    return torch.cuda.max_memory_allocated() / 2**30 if device == "cuda" else float("nan")


def gpu_report(args) -> str:
    stable = import_without_ui("apps.inpaint.stable")
    import diffusers

    device = args.device
    dtype = torch.float16 if device == "cuda" else torch.float32
    start = time.perf_counter()
    pipe = build_sd15_inpaint(device, dtype)
    build_s = time.perf_counter() - start
    params = {name: sum(p.numel() for p in getattr(pipe, name).parameters()) / 1e6
              for name in ("unet", "vae", "text_encoder", "safety_checker")}
    rows = []

    def measure(label):
        if device == "cuda":
            torch.cuda.reset_peak_memory_stats()
        results = time_sd(pipe, stable, args.runs, args.warmup, args.steps, args.size)
        seconds = [r[0] for r in results]
        rate = [r[1] for r in results]
        rows.append(f"| {label} | {np.median(seconds):.3f} s | {min(seconds):.3f} s | {np.median(rate):.1f} it/s "
                    f"| {peak_gib(device):.1f} GiB | {len(seconds)} |")
        print(rows[-1], flush=True)

    measure("fp16, SDPA attention (diffusers' default)")
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    torch.backends.cudnn.benchmark = True
    measure("+ TF32 matmuls, cuDNN benchmark")
    pipe.unet.to(memory_format=torch.channels_last)
    pipe.vae.to(memory_format=torch.channels_last)
    measure("+ channels_last (UNet, VAE)")
    pipe.fuse_qkv_projections()
    measure("+ fused QKV projections")
    if args.compile:
        start = time.perf_counter()
        pipe.unet = torch.compile(pipe.unet, mode=args.compile_mode, fullgraph=True)
        time_sd(pipe, stable, 1, 0, args.steps, args.size)
        seconds = time.perf_counter() - start
        rows.append(f"| (torch.compile of the UNet: {seconds:.0f} s for the first call) | | | | | |")
        measure(f"+ torch.compile(UNet, mode={args.compile_mode!r}, fullgraph)")
    gpu = torch.cuda.get_device_name() if device == "cuda" else f"{device} (a dry run, not a measurement)"
    sizes = ", ".join(f"{name.replace('_', ' ')} {count:.0f} M" for name, count in params.items())
    header = ("| setting | s/image (median) | best | UNet it/s | peak GPU memory | n |\n"
              "|---|---:|---:|---:|---:|---:|")
    return (f"## GPU: Stable Diffusion 1.5 inpainting, {args.size}x{args.size}, {args.steps} steps, "
            f"guidance 7.5\n\n{gpu}, torch {torch.__version__}, diffusers {diffusers.__version__}, "
            f"{str(dtype)[6:]}. Random weights in the real architecture ({sizes} parameters; built in "
            f"{build_s:.0f} s). Each call: prompt encoding, VAE encode of the masked image, {args.steps} UNet "
            f"steps on a batch of 2 (guidance), VAE decode, safety checker, paste-back. {args.runs} timed "
            f"calls after {args.warmup} warm-ups; each row adds its change to the ones above. Published "
            f"anchor: about 1.6 s on an A100 in fp16.\n\n{header}\n" + "\n".join(rows))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CPU: default settings only, 3 repeats")
    parser.add_argument("--repeats", type=int, default=6, help="CPU: timed calls for the default settings")
    parser.add_argument("--hide", choices=("lower", "right"), default="lower",
                        help="CPU quality: which half to hide")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("APP_CPU_THREADS", "1")))
    parser.add_argument("--gpu-sd", action="store_true", help="Stable Diffusion inpainting on CUDA instead")
    parser.add_argument("--compile", action="store_true", help="--gpu-sd: also torch.compile the UNet")
    parser.add_argument("--compile-mode", default="default", help="--compile: torch.compile's mode")
    parser.add_argument("--runs", type=int, default=5, help="--gpu-sd: timed calls per setting")
    parser.add_argument("--warmup", type=int, default=2, help="--gpu-sd: untimed calls first")
    parser.add_argument("--steps", type=int, default=50, help="--gpu-sd: denoising steps")
    parser.add_argument("--size", type=int, default=512, help="--gpu-sd: image side in pixels")
    parser.add_argument("--device", default="cuda", help="--gpu-sd: cpu for a dry run of the code")
    parser.add_argument("--out", type=Path, default=OUT)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    start = time.perf_counter()
    text = gpu_report(args) if args.gpu_sd else cpu_report(args)
    command = "python bench/inpaint_bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    seconds = time.perf_counter() - start
    text = f"# Inpainting benchmark\n\n`{command.strip()}`, {seconds:.0f} s in all.\n\n{text}\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)


if __name__ == "__main__":
    main()
