"""What each tab's online default costs on a free CPU Space (2 vCPU): one call, 1 and 2 threads.

    python bench/cpu_space.py            # every row (~6 min on 2 cores)
    python bench/cpu_space.py --only inpaint
    python bench/cpu_space.py --device cuda   # the same rows on a GPU, one column (fp16 for SD)

No hub here, so each model is its real architecture with random weights (the same compute as
the real weights), built from its published config. Rows:
- classify: ConvNeXt-Tiny at 224 px, one forward pass;
- gradcam: the same, Grad-CAM (forward + backward) through pytorch_grad_cam;
- segment: SegFormer-B0 (ADE20K's 150 classes) at 512 px;
- style: Gatys on VGG-19 at 256 px: one Adam step (features of the image, losses, backward);
  the default 60 steps are 60 of them (end to end, and which settings: bench/gatys_cpu.py);
- vae: sd-vae-ft-mse's AutoencoderKL, encode + decode of a photo at the tab's size (256 px on a
  CPU, 512 on a GPU);
- inpaint: the tab's CPU default end to end through its own sd_inpaint: Stable Diffusion 1.5
  inpainting's UNet in 4 LCM steps (LoRA fused: the same compute) with TAESD at 512 px, beside
  its baseline, the 50-step default (PNDM, classifier-free guidance: a batch of 2 per step),
  whose full run (15 minutes) is estimated from 3 timed steps plus its VAE;
- asr: Whisper tiny through the tab's transformers path on real speech (the embedded tiny.en,
  converted: the same architecture, and real weights so that decoding ends where speech ends);
- clip: OpenCLIP ViT-B/32, 16 images at 224 px (the first gallery batch) and one text.
Writes a Markdown table to bench/out/cpu_space.md.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))
os.environ.setdefault("APP_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

OUT = REPO_ROOT / "bench" / "out" / "cpu_space.md"
DEVICE = "cpu"  # --device cuda: the same rows on a GPU (the lent one), one column
FP16 = torch.float32  # the dtype of the rows the app runs in fp16 on a GPU (SD inpainting, its VAE)


def sync():
    if DEVICE == "cuda":
        torch.cuda.synchronize()


def best_of(fn, repeats: int = 2) -> float:
    """Seconds of the fastest of `repeats` calls, after one untimed call."""
    fn()
    sync()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return min(times)


def classify():
    import timm

    model = timm.create_model("convnext_tiny", pretrained=False).eval().to(DEVICE)
    x = torch.randn(1, 3, 224, 224, device=DEVICE)

    def run():
        with torch.no_grad():
            model(x)
    return "ConvNeXt-Tiny, 224 px, one forward pass", run


def gradcam():
    import timm
    from pytorch_grad_cam import GradCAM
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

    model = timm.create_model("convnext_tiny", pretrained=False).eval().to(DEVICE)
    x = torch.randn(1, 3, 224, 224, device=DEVICE)
    cam = GradCAM(model=model, target_layers=[model.stages[-1]])
    return "ConvNeXt-Tiny, Grad-CAM (forward + backward)", lambda: cam(input_tensor=x, targets=[ClassifierOutputTarget(3)])


def segment():
    from transformers import SegformerConfig, SegformerForSemanticSegmentation

    model = SegformerForSemanticSegmentation(SegformerConfig(num_labels=150)).eval().to(DEVICE)  # the B0 sizes
    x = torch.randn(1, 3, 512, 512, device=DEVICE)

    def run():
        with torch.no_grad():
            model(pixel_values=x)
    return "SegFormer-B0 (150 classes), 512 px", run


def style():
    import timm

    net = timm.create_model("vgg19", pretrained=False, features_only=True, out_indices=(0, 1, 2, 3, 4)).eval().to(DEVICE)
    for p in net.parameters():
        p.requires_grad_(False)
    x = torch.rand(1, 3, 256, 256, device=DEVICE, requires_grad=True)
    targets = [f.detach() for f in net(torch.rand(1, 3, 256, 256, device=DEVICE))]
    optimiser = torch.optim.Adam([x], lr=0.02)

    def gram(f):
        b, c, h, w = f.shape
        f = f.reshape(c, h * w)
        return f @ f.T / (h * w)

    def step():
        optimiser.zero_grad()
        features = net(x)
        loss = sum(((gram(f) - gram(t)) ** 2).mean() for f, t in zip(features, targets))
        loss = loss + ((features[3] - targets[3]) ** 2).mean()
        loss.backward()
        optimiser.step()
    return "VGG-19 Gatys, 256 px: one Adam step (the default 60 steps: 60 of them)", step


def vae():
    from diffusers import AutoencoderKL

    model = AutoencoderKL(block_out_channels=(128, 256, 512, 512), down_block_types=("DownEncoderBlock2D",) * 4,
                          up_block_types=("UpDecoderBlock2D",) * 4, layers_per_block=2,
                          latent_channels=4).eval().to(DEVICE, FP16)
    side = 512 if DEVICE == "cuda" else 256  # the tab's size (apps/vae/sd_vae.py: CPU_MAX_SIDE)
    x = torch.randn(1, 3, side, side, device=DEVICE, dtype=FP16)

    def run():
        with torch.no_grad():
            model.decode(model.encode(x).latent_dist.mean)
    return f"sd-vae-ft-mse, {side} px, encode + decode", run


def photo_and_mask(size: int = 512):
    from PIL import Image

    rng = np.random.default_rng(0)
    image = Image.fromarray(rng.integers(0, 256, (size, size, 3), dtype=np.uint8))
    mask = np.zeros((size, size), dtype=bool)
    mask[size // 4: 3 * size // 4, size // 4: 3 * size // 4] = True
    return image, mask


def inpaint_pipe(lcm: bool):
    from diffusers import AutoencoderTiny, LCMScheduler, PNDMScheduler
    from inpaint_bench import build_sd15_inpaint

    pipe = build_sd15_inpaint(DEVICE, FP16)
    if lcm:
        pipe.vae = AutoencoderTiny().to(DEVICE, FP16)  # TAESD's architecture
        pipe.scheduler = LCMScheduler.from_config(pipe.scheduler.config)
    else:  # the hub repo's own scheduler
        pipe.scheduler = PNDMScheduler.from_config(pipe.scheduler.config, skip_prk_steps=True)
    return pipe


def inpaint():
    from inpaint_bench import import_without_ui

    stable = import_without_ui("apps.inpaint.stable")
    pipe = inpaint_pipe(lcm=True)
    image, mask = photo_and_mask()
    return ("SD 1.5 inpainting, LCM-LoRA 4 steps + TAESD, 512 px, end to end",
            lambda: stable.sd_inpaint(pipe, image, mask, "a red knitted scarf", steps=4, guidance=1.0))


def inpaint_baseline():
    """The 50-step default: 3 timed steps of the UNet on a batch of 2, x50, plus the VAE."""
    from inpaint_bench import import_without_ui

    stable = import_without_ui("apps.inpaint.stable")
    pipe = inpaint_pipe(lcm=False)
    image, mask = photo_and_mask()

    if DEVICE == "cuda":  # fast enough to run in full
        return ("baseline: the 50-step default (CFG)",
                lambda: stable.sd_inpaint(pipe, image, mask, "a red knitted scarf", "blurry", steps=50, guidance=7.5))

    def run():
        stamps = []
        start = time.perf_counter()
        stable.sd_inpaint(pipe, image, mask, "a red knitted scarf", "blurry", steps=3, guidance=7.5,
                          on_step=lambda done, total: stamps.append(time.perf_counter()))
        whole = time.perf_counter() - start
        per_step = (stamps[-1] - stamps[0]) / (len(stamps) - 1)
        return whole + (51 - len(stamps)) * per_step  # the same call with 50 steps (PNDM runs 51)
    return "baseline: the 50-step default (CFG), estimated from 3 timed steps", run


def asr():
    """Whisper tiny through the tab's transformers path (apps/asr/hf_whisper.py), sequential
    long-form decoding, on 33 s of real speech (two 30-second windows). The hub's whisper-tiny
    is not reachable here: this is the embedded tiny.en, converted to transformers
    (apps/asr/ct2_to_hf.py). It has the same architecture (tiny's vocabulary is one token
    longer) and, unlike random weights, real text, so decoding stops where the speech stops."""
    import tempfile

    from apps.asr.audio import SAMPLE_RATE, load_audio
    from apps.asr.ct2_to_hf import convert
    from apps.asr.fw_whisper import tiny_en_folder
    from apps.asr.hf_whisper import load_hf_whisper, transcribe_hf

    folder = convert(tiny_en_folder(), Path(tempfile.mkdtemp()) / "tiny_en")
    pipe = load_hf_whisper(str(folder), None, DEVICE, "float32")
    examples = REPO_ROOT / "apps" / "asr" / "examples"
    gap = np.zeros(SAMPLE_RATE // 2, np.float32)
    dashwood, harvard, amiable = (load_audio(examples / name).samples for name in
                                  ("librivox_dashwood.wav", "harvard_flite_44k_stereo.mp3", "librivox_amiable.wav"))
    # as in tests/test_asr.py's long-audio test: three recordings, twice, with short pauses
    parts = (dashwood, harvard, amiable, amiable, dashwood, harvard)
    speech = np.concatenate([piece for part in parts for piece in (part, gap)])
    seconds = len(speech) / SAMPLE_RATE
    return (f"Whisper tiny (tiny.en's weights) through transformers, {seconds:.0f} s of speech "
            f"(RTF: divide by {seconds:.0f})", lambda: transcribe_hf(pipe, speech, "en"))


def clip():
    import open_clip

    model = open_clip.create_model("ViT-B-32", pretrained=None).eval().to(DEVICE)
    tokenizer = open_clip.get_tokenizer("ViT-B-32")
    images, text = torch.randn(16, 3, 224, 224, device=DEVICE), tokenizer(["a photo of a koala"]).to(DEVICE)

    def run():
        with torch.no_grad():
            model.encode_image(images)
            model.encode_text(text)
    return "OpenCLIP ViT-B/32: 16 images + 1 text", run


ROWS = {"classify": classify, "gradcam": gradcam, "segment": segment, "style": style, "vae": vae,
        "inpaint": inpaint, "inpaint (baseline)": inpaint_baseline, "asr": asr, "clip": clip}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="one row, e.g. inpaint")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    args = parser.parse_args(argv)
    global DEVICE, FP16
    DEVICE, FP16 = args.device, (torch.float16 if args.device == "cuda" else torch.float32)
    if DEVICE == "cuda":
        return gpu_table(args)
    rows = {k: v for k, v in ROWS.items() if not args.only or k.startswith(args.only)}
    lines = ["| tab | what runs (real architecture; random weights unless it says otherwise) | 1 thread | 2 threads |", "| --- | --- | ---: | ---: |"]
    for tab, build in rows.items():
        torch.manual_seed(0)
        what, run = build()
        cells = []
        for threads in (1, 2):
            torch.set_num_threads(threads)
            if tab == "inpaint (baseline)":  # run() returns its own estimate; no warm-up (minutes)
                seconds = run()
            else:
                seconds = best_of(run, repeats=1 if tab == "inpaint" else 2)
            cells.append(f"{seconds:.2f} s")
            print(f"{tab}: {what}, {threads} thread(s): {seconds:.2f} s", flush=True)
        lines.append(f"| {tab} | {what} | {cells[0]} | {cells[1]} |")
    info = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}; "
            "best of 2 calls after a warm-up (inpaint: 1)")
    text = "\n".join(lines) + f"\n\n{info}\n"
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)


def gpu_table(args):
    name = torch.cuda.get_device_name()
    lines = [f"| tab | what runs (real architecture; random weights unless it says otherwise) | {name} |", "| --- | --- | ---: |"]
    for tab, build in ROWS.items():
        if args.only and not tab.startswith(args.only):
            continue
        torch.manual_seed(0)
        what, run = build()
        if tab == "inpaint (baseline)":
            seconds = best_of(run, repeats=3)
        else:
            seconds = best_of(run, repeats=5)
        print(f"{tab}: {what}: {seconds * 1000:.0f} ms", flush=True)
        lines.append(f"| {tab} | {what} | {seconds * 1000:.0f} ms |")
    text = "\n".join(lines) + f"\n\n{name}, torch {torch.__version__}, eager; fp16 for SD inpainting and the SD VAE, fp32 otherwise; best of 5 after a warm-up (the 50-step row: 3)\n"
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)


if __name__ == "__main__":
    main()
