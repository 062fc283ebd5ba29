"""CPU benchmark of the app: model time, end-to-end API time, cold start and memory.

    python bench/bench.py                  # 20 repeats per row, ScoreCAM rows with 3
    python bench/bench.py --quick          # 3 repeats, no ScoreCAM: a smoke run of ~1-2 min
    python bench/bench.py --repeats 50 --scorecam-repeats 5

What it measures, for every embedded model (the hub models need the network):
1. Model time: the tab's pure function (apps.classify.model.predict,
   apps.gradcam.model.explain) called directly in this process. The first call starts with
   the model unloaded, so it includes loading it ("first call"); the next calls are timed.
2. API time: the same action through gradio_client against `python app.py` started as a
   subprocess with APP_OFFLINE=1: upload, queue, pre/post-processing, the result download.
3. The app itself: seconds from process start to the first HTTP 200 on "/", its RSS then, and
   its peak RSS (children included) sampled while the API calls ran.

Prints the machine and a Markdown table; writes bench/out/results.md and bench/out/results.json
(raw samples) and the app's log to bench/out/app.log. Run it on an otherwise idle machine:
other processes on the same cores make every figure worse.
"""

import argparse
import importlib.metadata
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable
from pathlib import Path

SCRIPT_START = time.perf_counter()  # before the heavy imports below, so "took" counts them too
REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # `python bench/bench.py` puts only bench/ on the path
os.environ["APP_OFFLINE"] = "1"  # embedded models only; set before shared.hub is imported
from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's malloc and huge-page settings, before torch is imported

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import torch  # noqa: E402
from gradio_client import Client, handle_file  # noqa: E402

from apps.classify.model import predict  # noqa: E402
from apps.gradcam.model import TOP_1, explain  # noqa: E402
from apps.segment.model import CHOICES as SEGMENTERS  # noqa: E402
from apps.segment.model import UNET, SegformerSegmenter, segment  # noqa: E402
from apps.style.fast import stylize_fast  # noqa: E402
from apps.style.gatys import stylize_gatys  # noqa: E402
from apps.vae.model import VAE_2D, VAE_16D, decode as vae_decode, interpolate  # noqa: E402
from shared.classifiers import CHOICES, load_fashion_cnn  # noqa: E402
from shared.images import load_image  # noqa: E402
from shared.device import configure_cpu_threads  # noqa: E402
from shared.models import CACHE  # noqa: E402

from loadgen import stop_server  # noqa: E402  (bench/ is on sys.path: this script's folder)

configure_cpu_threads()  # the same threads per request as the app (APP_CPU_THREADS, default 1)

OUT_DIR = REPO_ROOT / "bench" / "out"
EXAMPLES = REPO_ROOT / "apps" / "classify" / "examples"
PHOTO = EXAMPLES / "chelsea.jpg"  # a 512x341 photo of a cat, for the ImageNet models
FASHION_PHOTO = EXAMPLES / "fashion_ankle_boot.png"  # for the Fashion-MNIST CNN
PEOPLE_PHOTO = REPO_ROOT / "apps" / "segment" / "examples" / "grace_hopper.jpg"  # 512x600
SCENE = REPO_ROOT / "apps" / "segment" / "examples" / "scene_heldout_8.png"  # 128x128, for the U-Net
STYLE_PAIR = [REPO_ROOT / "apps" / "style" / "examples" / "astronaut.jpg",
              REPO_ROOT / "apps" / "style" / "examples" / "starry_night.jpg"]  # content, style
GATYS = "EfficientNet-Lite0 features (embedded)"
VAE_PAIR = [REPO_ROOT / "apps" / "vae" / "examples" / "trouser_test2.png",
            REPO_ROOT / "apps" / "vae" / "examples" / "sneaker_test9.png"]
TOP_K = 5
MIB = 1024 * 1024


# --------------------------------------------------------------------------- what to measure


@dataclass
class Case:
    """One row of the table: one tab's main action on one model and its input image(s).

    direct(*images) runs the tab's pure function on decoded PIL images (model time);
    api_args(*files) gives the endpoint's arguments for uploaded files (API time)."""

    tab: str
    action: str
    model: str
    images: list[Path]
    direct: Callable
    api_name: str | None  # None: model time only (the app cannot serve this model offline)
    api_args: Callable | None
    repeats: int = 20  # timed calls after the first one
    budget_s: float = 60.0  # stop repeating once the timed calls have taken this long
    results: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.tab} / {self.action} / {self.model}"


def classify_cases(args) -> list[Case]:
    """classify and Grad-CAM on every embedded classifier; ScoreCAM rows unless --quick."""
    cases = []
    for choice in (c for c in CHOICES if c.embedded):
        name = choice.name
        image = FASHION_PHOTO if choice.loader is load_fashion_cnn else PHOTO
        cases.append(Case("classify", "classify", name, [image],
                          lambda im, m=name: predict(im, m, TOP_K),
                          "/classify", lambda f, m=name: (f, m, TOP_K), args.repeats, args.row_budget))
        methods = ["GradCAM"] if args.quick else ["GradCAM", "ScoreCAM"]
        for method in methods:
            slow = method == "ScoreCAM"
            cases.append(Case("gradcam", method, name, [image],
                              lambda im, m=name, k=method: explain(im, m, k),
                              "/gradcam", lambda f, m=name, k=method: (f, m, k, TOP_1, ""),
                              args.scorecam_repeats if slow else args.repeats,
                              args.scorecam_budget if slow else args.row_budget))
    return cases


def segment_cases(args) -> list[Case]:
    """segment on every embedded segmenter: a 512x600 photo for MediaPipe, a scene for the U-Net."""
    cases = []
    for choice in (c for c in SEGMENTERS if c.embedded):
        name = choice.name
        image = SCENE if name == UNET else PEOPLE_PHOTO
        cases.append(Case("segment", "segment", name, [image], lambda im, m=name: segment(im, m),
                          "/segment", lambda f, m=name: (f, m, 0.6), args.repeats, args.row_budget))
    return cases


def segformer_b0_case(args) -> Case:
    """SegFormer-B0's architecture (transformers' default SegformerConfig, 150 ADE20K classes)
    with random weights: the hub weights are out of reach offline, but the compute is the same.
    Model time only, on a 512x600 photo (the processor resizes it to 512x512)."""
    from transformers import SegformerConfig, SegformerForSemanticSegmentation, SegformerImageProcessor

    folder = Path(tempfile.mkdtemp(prefix="segformer-b0-"))
    SegformerForSemanticSegmentation(SegformerConfig(num_labels=150)).save_pretrained(folder)
    SegformerImageProcessor().save_pretrained(folder)
    segmenter = SegformerSegmenter(str(folder), None, "cpu")
    return Case("segment", "segment", "SegFormer-B0 architecture, random weights", [PEOPLE_PHOTO],
                segmenter.predict, None, None, args.repeats, args.row_budget)


def style_cases(args) -> list[Case]:
    """The fast Magenta network at 512 px; 100 Gatys steps at 256 px on EfficientNet-Lite0."""
    def gatys(content, style):
        return list(stylize_gatys(content, style, GATYS, steps=100, size=256))[-1]

    return [
        Case("style", "fast, 512 px", "Magenta arbitrary style (embedded)", STYLE_PAIR,
             lambda c, s: stylize_fast(c, s, 1.0, 512), "/style",
             lambda c, s: (c, s, 1.0, 512), args.repeats, args.row_budget),
        Case("style", "Gatys, 100 steps at 256 px", GATYS, STYLE_PAIR, gatys, "/style_gatys",
             lambda c, s: (c, s, GATYS, 1.0, 0.5, 100, 256, 0), args.scorecam_repeats, args.scorecam_budget),
    ]


def vae_cases(args) -> list[Case]:
    """Decoding one latent point (what each slider move or map click runs) and an 8-step
    interpolation between two uploaded items."""
    return [
        Case("vae", "decode a point", VAE_2D, [], lambda: vae_decode([0.5, -1.0], VAE_2D),
             "/vae", lambda: (0.5, -1.0), args.repeats, args.row_budget),
        Case("vae", "interpolate, 8 steps", VAE_16D, VAE_PAIR, lambda a, b: interpolate(a, b, VAE_16D, 8),
             "/vae_interpolate", lambda a, b: (a, b, VAE_16D, 8), args.repeats, args.row_budget),
    ]


def build_cases(args) -> list[Case]:
    """Every (tab action, embedded model) pair, tab by tab (only the --tabs ones if given)."""
    builders = {
        "classify": classify_cases,  # with its Grad-CAM rows
        "segment": lambda a: segment_cases(a) + [segformer_b0_case(a)],
        "style": style_cases,
        "vae": vae_cases,
    }
    wanted = [t for t in args.tabs.split(",") if t] or list(builders)
    unknown = set(wanted) - set(builders)
    if unknown:
        raise SystemExit(f"unknown --tabs {sorted(unknown)}; choose from {list(builders)}")
    return [case for tab in wanted for case in builders[tab](args)]


# --------------------------------------------------------------------------- timing helpers


def timed(call) -> float:
    """Seconds one call of `call()` takes (wall clock)."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def time_repeats(call, repeats: int, budget_s: float) -> list[float]:
    """Time up to `repeats` calls; stop early once they have taken `budget_s` in total
    (at least one call is always timed). Returns the seconds of each call."""
    samples = []
    start = time.perf_counter()
    for _ in range(repeats):
        samples.append(timed(call))
        if time.perf_counter() - start >= budget_s:
            break
    return samples


def percentile(samples: list[float], q: float) -> float | None:
    """The q-th percentile (linear interpolation, as numpy does); None for no samples."""
    if not samples:
        return None
    return float(np.percentile(samples, q))


def summary(samples: list[float]) -> dict:
    """n, p50 and p95 of a list of seconds, plus the samples themselves."""
    return {"n": len(samples), "p50_s": percentile(samples, 50), "p95_s": percentile(samples, 95),
            "samples_s": samples}


# --------------------------------------------------------------------------- 1. model time


def measure_model_time(case: Case):
    """First (cold) call, then the timed repeats, of the pure function."""
    images = [load_image(path)[0] for path in case.images]  # decode once, outside the timing

    def call():
        return case.direct(*images)

    CACHE.clear()
    first = timed(call)
    samples = time_repeats(call, case.repeats, case.budget_s)
    case.results["model"] = {"first_call_s": first, **summary(samples)}


# --------------------------------------------------------------------------- 2. the app


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(port: int, log_file) -> subprocess.Popen:
    """`APP_OFFLINE=1 python app.py --port PORT`, its output going to `log_file`."""
    # APP_RESULT_CACHE_MB=0: every timed call repeats one input, which the app's shared results
    # (shared/handlers.py) would answer from memory after the first; bench/cache_bench.py times those.
    env = dict(os.environ, APP_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", APP_RESULT_CACHE_MB="0")
    env.pop("PRELOAD", None)  # measure the default: models load on first use
    command = [sys.executable, "app.py", "--port", str(port)]
    return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log_file,
                            stderr=subprocess.STDOUT)


def wait_until_up(proc: subprocess.Popen, url: str, timeout_s: float) -> None:
    """Poll `url` until it answers HTTP 200; fail if the app exits or `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with code {proc.returncode}; see {OUT_DIR / 'app.log'}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"the app did not answer on {url} within {timeout_s:.0f} s")


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process plus all its children."""
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


class PeakRss(threading.Thread):
    """Samples tree_rss(pid) every `interval` seconds in the background; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join(timeout=5)
        return self.peak


def api_call(client: Client, case: Case, timeout_s: float):
    """A function that runs the case's action once through the app's API."""

    def call():
        files = [handle_file(str(path)) for path in case.images]
        return client.submit(*case.api_args(*files), api_name=case.api_name).result(timeout=timeout_s)

    return call


def measure_api_time(client: Client, case: Case, timeout_s: float):
    """First request of this kind (not timed into p50/p95), then the timed repeats."""
    call = api_call(client, case, timeout_s)
    first = timed(call)
    samples = time_repeats(call, case.repeats, case.budget_s)
    case.results["api"] = {"first_call_s": first, **summary(samples)}


def run_app_phase(cases: list[Case], args, app: dict):
    """Start the app, time its cold start, run every case through the API, sample memory.
    `app` receives the app's figures as they come, so a time-out keeps what was measured."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(OUT_DIR / "app.log", "w") as log_file, tempfile.TemporaryDirectory() as downloads:
        started = time.perf_counter()
        proc = start_app(port, log_file)
        try:
            wait_until_up(proc, url, args.start_timeout)
            app["cold_start_s"] = time.perf_counter() - started
            app["rss_after_start_mib"] = tree_rss(proc.pid) / MIB
            print(f"app up on {url} after {app['cold_start_s']:.1f} s", flush=True)
            sampler = PeakRss(proc.pid)
            sampler.start()
            try:
                client = Client(url, verbose=False, download_files=downloads, analytics_enabled=False)
                for case in (c for c in cases if c.api_name):
                    run_case(f"API   {case.name}", lambda c=case: measure_api_time(client, c, args.call_timeout))
            finally:
                app["peak_rss_during_api_mib"] = sampler.stop() / MIB
                app["rss_after_api_mib"] = tree_rss(proc.pid) / MIB
        finally:
            stop_server(proc)


# --------------------------------------------------------------------------- running and reporting


def run_case(title: str, measure):
    """Run one measurement, print one progress line; an error is reported, not fatal."""
    start = time.perf_counter()
    try:
        measure()
        print(f"done  {title} ({time.perf_counter() - start:.1f} s)", flush=True)
    except Exception as exc:  # noqa: BLE001 - one broken row should not lose the others
        print(f"FAIL  {title}: {type(exc).__name__}: {exc}", flush=True)


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux), else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict:
    return {
        "cpu": cpu_model(),
        "logical_cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "gradio": importlib.metadata.version("gradio"),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def fmt_seconds(seconds: float | None) -> str:
    """'35 ms' below one second, '1.23 s' above; '-' when not measured."""
    if seconds is None:
        return "-"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_mib(mib: float | None) -> str:
    return "-" if mib is None else f"{mib:.0f} MiB"


def machine_markdown(machine: dict) -> str:
    return "\n".join([
        f"Machine: {machine['cpu']}, {machine['logical_cores']} logical cores "
        f"({machine['usable_cores']} usable), torch {machine['torch']} "
        f"with {machine['torch_threads']} threads, gradio {machine['gradio']}, "
        f"Python {machine['python']}.",
        f"Load average when the bench started: {', '.join(map(str, machine['load_average_at_start']))}.",
    ])


def cases_markdown(cases: list[Case]) -> str:
    """The main table: one row per case, model time then API time."""
    lines = [
        "| Tab | Action | Model | Input | first call | model p50 | model p95 | n | API p50 | API p95 | n |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for case in cases:
        model = case.results.get("model", {})
        api = case.results.get("api", {})
        lines.append(
            f"| {case.tab} | {case.action} | {case.model} | {', '.join(p.name for p in case.images)} "
            f"| {fmt_seconds(model.get('first_call_s'))} "
            f"| {fmt_seconds(model.get('p50_s'))} | {fmt_seconds(model.get('p95_s'))} | {model.get('n', 0)} "
            f"| {fmt_seconds(api.get('p50_s'))} | {fmt_seconds(api.get('p95_s'))} | {api.get('n', 0)} |")
    return "\n".join(lines)


def app_markdown(app: dict) -> str:
    return "\n".join([
        "| App (`APP_OFFLINE=1 python app.py`) | |",
        "|---|---:|",
        f"| cold start: process start to first HTTP 200 on / | {fmt_seconds(app.get('cold_start_s'))} |",
        f"| RSS right after start | {fmt_mib(app.get('rss_after_start_mib'))} |",
        f"| peak RSS during the API calls (children included) | {fmt_mib(app.get('peak_rss_during_api_mib'))} |",
        f"| RSS after the API calls | {fmt_mib(app.get('rss_after_api_mib'))} |",
    ])


NOTES = """\
first call: the pure function's first call with its model not loaded (model load included).
model p50/p95: the next n direct calls. API p50/p95: n calls through gradio_client after one
untimed first request (upload, queue, handler, result download included)."""


def report(machine: dict, cases: list[Case], app: dict, args, total_s: float, complete: bool) -> str:
    parts = [machine_markdown(machine), "", cases_markdown(cases), "", app_markdown(app), "", NOTES,
             "", f"Bench options: repeats={args.repeats}, quick={args.quick}; took {total_s:.0f} s."]
    if not complete:
        parts.append("**Incomplete**: the bench hit its time limit; '-' marks what was not measured.")
    return "\n".join(parts) + "\n"


def write_results(text: str, machine: dict, cases: list[Case], app: dict, args, total_s: float,
                  complete: bool):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "results.md").write_text(text)
    raw = {
        "machine": machine,
        "options": vars(args),
        "total_s": total_s,
        "complete": complete,
        "app": app,
        "cases": [{"tab": c.tab, "action": c.action, "model": c.model, "inputs": [p.name for p in c.images],
                   **c.results} for c in cases],
    }
    (OUT_DIR / "results.json").write_text(json.dumps(raw, indent=2))


class BenchTimeout(BaseException):
    """Raised by the SIGALRM handler when the whole bench runs past --time-limit.
    A BaseException, like KeyboardInterrupt, so that run_case's `except Exception` lets it through."""


def on_alarm(_signum, _frame):
    raise BenchTimeout


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed calls per row (default 20)")
    parser.add_argument("--quick", action="store_true", help="3 repeats and no ScoreCAM: a smoke run")
    parser.add_argument("--tabs", default="", help="only these tabs' rows, comma-separated (e.g. vae,segment)")
    parser.add_argument("--scorecam-repeats", type=int, default=3, help="timed ScoreCAM calls (default 3)")
    parser.add_argument("--row-budget", type=float, default=60, help="max seconds of timed calls per row")
    parser.add_argument("--scorecam-budget", type=float, default=300, help="the same for ScoreCAM rows")
    parser.add_argument("--call-timeout", type=float, default=300, help="max seconds one API call may take")
    parser.add_argument("--start-timeout", type=float, default=120, help="max seconds for the app to start")
    parser.add_argument("--time-limit", type=int, default=1800, help="max seconds for the whole bench")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats = 3
    return args


def main(argv=None):
    args = parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    print(machine_markdown(machine), flush=True)
    cases = build_cases(args)
    app: dict = {}
    complete = True
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(args.time_limit)
    try:
        for case in cases:
            run_case(f"model {case.name}", lambda c=case: measure_model_time(c))
        CACHE.clear()  # give the memory back before the app starts
        run_app_phase(cases, args, app)
    except BenchTimeout:
        complete = False
        print(f"time limit of {args.time_limit} s reached; reporting what was measured", flush=True)
    finally:
        signal.alarm(0)
    total_s = time.perf_counter() - SCRIPT_START
    text = report(machine, cases, app, args, total_s, complete)
    print()
    print(text)
    write_results(text, machine, cases, app, args, total_s, complete)
    print(f"written: {OUT_DIR / 'results.md'}, {OUT_DIR / 'results.json'}")


if __name__ == "__main__":
    main()
