"""Load test: many concurrent gradio_client users against the real app, on loopback.

    python bench/load_test.py                               # 50 users, 120 s, twice
    python bench/load_test.py --users 10 --seconds 20 --runs 1
    python bench/load_test.py --queue-size 16 --limits classify=4,vae=2   # try other settings
    python bench/load_test.py --scenario stress     # ours and bench/naive_app.py, side by side
    python bench/load_test.py --scenario lecture

The scenarios (issue 19) drive two endpoints only, classify and asr, against this app and then,
in the same run, against bench/naive_app.py (the same two models with Gradio's defaults), and
every call sends a file never sent before (a fresh crop of a photo, a clip at a fresh gain), so
no cache answers for the model:
- stress: 20 users without pause for 45 s, two thirds on classify, a third on asr (3.3 and 7.1 s clips);
- lecture: 30 users, each pausing 3-8 s between calls, the same split, 60 s.

What happens:
1. `APP_OFFLINE=1 python app.py --port P` starts as a subprocess on 127.0.0.1 (with --limits,
   this script starts the same app after changing those events' concurrency_limit).
2. Warm-up: one call per endpoint, so every model is loaded before the clock starts.
3. A run: each user is a thread with its own gradio_client.Client and one endpoint; it calls
   it, waits a think time (0.5-1.5 x --think, 1 s by default), and again, until --seconds
   have passed. Most users are on the cheap endpoints (classify, gradcam, vae, clip), a few
   (--slow-users each) on the slow ones (style, inpaint, asr). --runs identical runs (default
   2), so memory after run 1 and after run 2 can be compared: flat, or growing?
4. Stuck check: after the runs, every endpoint must answer one more call within --probe-timeout.

Recorded per endpoint: calls served, errors with their messages (a full queue is an error
too, counted in its own column), p50/p95/max latency of the served calls. For the app: RSS
(children included) after start, after warm-up, peak and after each run; CPU cores used;
the longest queue seen (/gradio_api/queue/status); model loads and evictions in its log.
Prints Markdown tables; writes the raw results (every call) to --out (JSON), the tables
beside it (.md) and the app's log (_app.log). The users (bench/loadgen.py) run on the same
machine as the app; their own CPU use is reported too (about 0.2 cores for 50 users).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import wave
from collections import Counter
from pathlib import Path

import numpy as np
from gradio_client import handle_file

from loadgen import (REPO_ROOT, Endpoint, Monitor, fmt_s, free_port, one_call_each, own_cpu_s, queue_length,
                     run_users, start_server, stop_server, summarise, tree_cpu_s, tree_rss_mib)

APPS = REPO_ROOT / "apps"
EFFICIENTNET = "EfficientNet-Lite0 (embedded)"
BRIDGE = "Class bridge · EfficientNet-Lite0 + MiniLM + WordNet (this repo)"
REPAINT = "RePaint · Fashion-MNIST DDPM (this repo)"
TINY_EN = "Whisper tiny.en · faster-whisper int8 (embedded)"
PHOTOS = [APPS / "classify" / "examples" / name for name in ("chelsea.jpg", "coffee.jpg", "astronaut.jpg")]
QUERIES = ["a koala", "a cat on grass", "a cup of coffee", "a red car", "a rocket"]


# --------------------------------------------------------------------------- what users call


def photo(rng):
    return handle_file(str(rng.choice(PHOTOS)))


ENDPOINTS = [
    Endpoint("/classify", False, lambda rng: (photo(rng), EFFICIENTNET, 5)),
    Endpoint("/gradcam", False, lambda rng: (photo(rng), EFFICIENTNET, "GradCAM", "top-1", "")),
    Endpoint("/vae", False, lambda rng: (round(rng.uniform(-3, 3), 2), round(rng.uniform(-3, 3), 2))),
    Endpoint("/clip", False, lambda rng: (rng.choice(QUERIES), BRIDGE, 8, "Gallery")),
    Endpoint("/style", True, lambda rng: (handle_file(str(APPS / "style" / "examples" / "chelsea.jpg")),
                                          handle_file(str(APPS / "style" / "examples" / "starry_night.jpg")),
                                          1.0, 512)),
    Endpoint("/inpaint", True, lambda rng: (
        {"background": handle_file(str(APPS / "inpaint" / "examples" / "ankle_boot.png")),
         "layers": [], "composite": None},
        "right half", REPAINT, "", "", 50, 7.5, 1.0, 0, 5, 2, 1.0)),  # the tab's defaults
    Endpoint("/asr", True, lambda rng: (handle_file(str(APPS / "asr" / "examples" / "librivox_amiable.wav")),
                                        TINY_EN, "auto", False)),  # a 3.3 s clip
]


class FreshInputs:
    """A file never sent before on every call: a random crop and flip of an example photo, or an
    example clip at a random gain with its own dither (every sample changes). Written to `folder`."""

    def __init__(self, folder: Path):
        import itertools

        from PIL import Image

        self.folder, self.count = folder, itertools.count()
        self.photos = [Image.open(p).convert("RGB") for p in PHOTOS + [APPS / "classify" / "examples" / "rocket.jpg"]]
        self.clips = []  # 16-bit 16 kHz mono WAVs
        for name in ("librivox_amiable.wav", "librivox_dashwood.wav"):
            with wave.open(str(APPS / "asr" / "examples" / name)) as f:
                self.clips.append(np.frombuffer(f.readframes(f.getnframes()), "<i2").astype(np.float32))

    def photo(self, rng):
        image = rng.choice(self.photos)
        w, h = image.size
        scale = rng.uniform(0.7, 1.0)
        cw, ch = int(w * scale), int(h * scale)
        x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
        crop = image.crop((x, y, x + cw, y + ch))
        if rng.random() < 0.5:
            crop = crop.transpose(0)  # Image.FLIP_LEFT_RIGHT
        path = self.folder / f"photo_{next(self.count)}.jpg"
        crop.save(path, quality=90)
        return handle_file(str(path))

    def clip(self, rng):
        samples = rng.choice(self.clips)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 3, samples.shape)  # a few LSB
        path = self.folder / f"clip_{next(self.count)}.wav"
        with wave.open(str(path), "wb") as f:
            f.setnchannels(1), f.setsampwidth(2), f.setframerate(16000)
            f.writeframes(np.clip(samples * rng.uniform(0.7, 1.0) + noise, -32768, 32767).astype("<i2").tobytes())
        return handle_file(str(path))


SCENARIOS = {  # users, seconds, think time range (s), share of users on asr
    "stress": {"users": 20, "seconds": 45, "think_range": (0.0, 0.0), "asr_share": 1 / 3},
    "lecture": {"users": 30, "seconds": 60, "think_range": (3.0, 8.0), "asr_share": 1 / 3},
}


def scenario_plan(s: dict, fresh: FreshInputs) -> list[Endpoint]:
    classify = Endpoint("/classify", False, lambda rng: (fresh.photo(rng), EFFICIENTNET, 5))
    asr = Endpoint("/asr", True, lambda rng: (fresh.clip(rng), TINY_EN, "auto", False))
    n_asr = round(s["users"] * s["asr_share"])
    return [asr] * n_asr + [classify] * (s["users"] - n_asr)


def assign(users: int, slow_users: int, endpoints=ENDPOINTS) -> list[Endpoint]:
    """One endpoint per user: `slow_users` on each slow endpoint, the rest round-robin on the cheap."""
    plan = [e for e in endpoints if e.slow for _ in range(slow_users)]
    if len(plan) > users:
        raise SystemExit(f"--users {users} is fewer than the {len(plan)} slow users asked for")
    cheap = [e for e in endpoints if not e.slow]
    return plan + [cheap[i % len(cheap)] for i in range(users - len(plan))]


# --------------------------------------------------------------------------- the app process


def log_counts(log_path: Path, offset: int) -> dict:
    """Model loads, evictions and tracebacks the app logged after byte `offset`."""
    with open(log_path, errors="replace") as f:
        f.seek(offset)
        text = f.read()
    return {"model_loads": text.count("shared.models: loading"), "evictions": text.count("evicted model"),
            "tracebacks": text.count("Traceback")}


def serve(port: int, limits: dict[str, int]):
    """Be the app, with some events' concurrency_limit changed (--limits): for trying settings."""
    sys.path.insert(0, str(REPO_ROOT))
    import app

    known = {fn.api_name: fn for fn in app.demo.fns.values() if isinstance(fn.api_name, str)}
    for name, limit in limits.items():
        if name not in known:
            raise SystemExit(f"unknown event {name!r}; choose one of: {', '.join(sorted(known))}")
        print(f"load_test: concurrency_limit of {name}: {known[name].concurrency_limit} -> {limit}", flush=True)
        known[name].concurrency_limit = limit
    app.main(["--port", str(port)])


# --------------------------------------------------------------------------- the test


def run_once(url: str, proc: subprocess.Popen, plan: list[Endpoint], args, log_path: Path, seed: int) -> dict:
    """One timed run of all users: per-endpoint figures and the app's memory, CPU and queue."""
    monitor = Monitor(proc.pid, url)
    monitor.start()
    cpu_start, own_start, log_offset = tree_cpu_s(proc.pid), own_cpu_s(), log_path.stat().st_size
    result = run_users(url, plan, args, seed)
    cpu_s, own_s = tree_cpu_s(proc.pid) - cpu_start, own_cpu_s() - own_start
    monitor.stop()
    time.sleep(args.settle)  # what the app frees once the last calls are done
    records, wall_s = result["records"], result["wall_s"]
    endpoints = {}
    for name, users in Counter(e.api_name for e in plan).items():
        endpoints[name] = {"users": users, **summarise([r for r in records if r["endpoint"] == name], wall_s)}
    endpoints["all"] = {"users": len(plan), **summarise(records, wall_s)}
    app = {"peak_rss_mib": monitor.peak_rss_mib, "rss_after_mib": tree_rss_mib(proc.pid),
           "cpu_cores_used": cpu_s / wall_s,
           "load_generator_cpu_cores": own_s / wall_s, "max_queue": monitor.max_queue,
           "queue_after": queue_length(url), "users_still_busy": result["users_still_busy"],
           "load_average_after": os.getloadavg()[0], **log_counts(log_path, log_offset)}
    return {"wall_s": wall_s, "endpoints": endpoints, "app": app, "samples": monitor.samples, "calls": records}


def memory_verdict(runs: list[dict]) -> str:
    """Flat when RSS after the last run is within 5 % (or 50 MiB) of RSS after the first."""
    if len(runs) < 2:
        return "one run only: nothing to compare"
    first, last = runs[0]["app"]["rss_after_mib"], runs[-1]["app"]["rss_after_mib"]
    verdict = "flat" if last - first <= max(50.0, 0.05 * first) else "GROWING"
    return f"{verdict}: {first:.0f} MiB after run 1, {last:.0f} MiB after run {len(runs)} ({last - first:+.0f} MiB)"


def run_markdown(number: int, run: dict, args) -> list[str]:
    lines = [f"### Run {number} of {args.runs}: {run['wall_s']:.0f} s, {args.users} users",
             "", "| endpoint | users | served | served/s | p50 | p95 | max | errors | queue full |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, e in run["endpoints"].items():
        lines.append(f"| {name} | {e['users']} | {e['served']} | {e['served_per_s']:.2f} | {fmt_s(e['p50_s'])} "
                     f"| {fmt_s(e['p95_s'])} | {fmt_s(e['max_s'])} | {e['errors']} | {e['queue_full']} |")
    return lines + [""]


def app_markdown(results: dict) -> list[str]:
    runs, app = results["runs"], results["app"]
    rows = [("peak RSS (children included)", lambda a: f"{a['peak_rss_mib']:.0f} MiB"),
            (f"RSS {results['options']['settle']:.0f} s after the run", lambda a: f"{a['rss_after_mib']:.0f} MiB"),
            (f"CPU cores used by the app (of {os.cpu_count()})", lambda a: f"{a['cpu_cores_used']:.2f}"),
            ("CPU cores used by the load generator (these users)", lambda a: f"{a['load_generator_cpu_cores']:.2f}"),
            ("longest queue (waiting requests)", lambda a: str(a["max_queue"])),
            ("queue length after the run", lambda a: str(a["queue_after"])),
            ("model loads / evictions / tracebacks in the log",
             lambda a: f"{a['model_loads']} / {a['evictions']} / {a['tracebacks']}"),
            ("users still busy at the end (stuck)", lambda a: str(a["users_still_busy"])),
            ("load average (1 min) after the run", lambda a: f"{a['load_average_after']:.2f}")]
    lines = ["| app | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " |",
             "|---|" + "---:|" * len(runs)]
    lines += [f"| {title} | " + " | ".join(show(r["app"]) for r in runs) + " |" for title, show in rows]
    return lines + ["", f"Cold start {app['cold_start_s']:.1f} s; RSS after start {app['rss_after_start_mib']:.0f} MiB, "
                        f"after warm-up {app['rss_after_warm_up_mib']:.0f} MiB. Memory: {results['memory']}.", ""]


def checks_markdown(results: dict) -> list[str]:
    lines = ["| endpoint | first call (warm-up) | after the runs (stuck check) |", "|---|---:|---:|"]
    for name, warm in results["warm_up"].items():
        probe = results["stuck_check"][name]
        lines.append(f"| {name} | {fmt_s(warm['seconds']) if not warm['error'] else warm['error']} "
                     f"| {fmt_s(probe['seconds']) if not probe['error'] else 'STUCK: ' + probe['error']} |")
    errors = Counter()
    for run in results["runs"]:
        for name, e in run["endpoints"].items():
            if name != "all":
                for message, n in e["error_messages"].items():  # "received 65536 bytes" -> "received N bytes"
                    errors[f"{name}: {re.sub(r'[0-9]+', 'N', message)}"] += n
    lines += ["", "Errors: " + ("none" if not errors else "")]
    lines += [f"- {n} x {message}" for message, n in errors.most_common()]
    return lines


def report(results: dict) -> str:
    o = results["options"]
    head = [f"Load test: {o['users']} users ({o['slow_users']} on each slow endpoint), {o['seconds']:.0f} s per run, "
            f"think time {o['think']:.1f} s; {os.cpu_count()} cores, load average {results['load_average_before']:.2f} "
            f"before; app settings: {', '.join(f'{k}={v}' for k, v in results['settings'].items())}.", ""]
    parts = head + [line for i, run in enumerate(results["runs"]) for line in run_markdown(i + 1, run, argparse.Namespace(**o))]
    return "\n".join(parts + app_markdown(results) + checks_markdown(results)) + "\n"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--slow-users", type=int, default=2, help="users on each slow endpoint (default 2)")
    parser.add_argument("--seconds", type=float, default=120, help="length of one run (default 120)")
    parser.add_argument("--runs", type=int, default=2, help="identical runs, to see if memory stays flat")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time between calls (s)")
    parser.add_argument("--call-timeout", type=float, default=120, help="a call slower than this is an error")
    parser.add_argument("--probe-timeout", type=float, default=60, help="bound for the stuck check's calls")
    parser.add_argument("--settle", type=float, default=5, help="seconds of rest before RSS is read after a run")
    parser.add_argument("--queue-size", type=int, help="APP_QUEUE_SIZE for the app (default: the app's)")
    parser.add_argument("--limits", default="", help="concurrency_limit overrides, e.g. classify=4,vae=2")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "out" / "load_test.json")
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), help="a scenario of issue 19, against the naive app too")
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)  # tests: a 6 s scenario
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)  # internal: be the app
    return parser.parse_args(argv)


def parse_limits(text: str) -> dict[str, int]:
    pairs = [item.split("=") for item in text.split(",") if item.strip()]
    return {name.strip().lstrip("/"): int(value) for name, value in pairs}


def app_command(port: int, args) -> list[str]:
    if args.limits:
        return [sys.executable, __file__, "--serve", str(port), "--limits", args.limits]
    return [sys.executable, "app.py", "--port", str(port)]


def run_app(name: str, command: list[str], plan: list[Endpoint], args, env: dict) -> dict:
    """Start one app, warm it up (one call per endpoint), one timed run, its memory, stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = args.out.with_name(f"{args.out.stem}_{name}_app.log")
    proc, cold_start_s = start_server([*command, "--port", str(port)], url, log_path, env)
    try:
        one_call_each(url, list(dict.fromkeys(plan)), args.call_timeout)
        warm_rss = tree_rss_mib(proc.pid)
        run = run_once(url, proc, plan, args, log_path, seed=1)
    finally:
        stop_server(proc)
    run["app"].update(cold_start_s=cold_start_s, rss_after_warm_up_mib=warm_rss)
    return run


def scenario_markdown(name: str, s: dict, runs: dict, settle: float) -> str:
    think = "no pause" if not s["think_range"][1] else f"a pause of {s['think_range'][0]:.0f}-{s['think_range'][1]:.0f} s"
    lines = [f"### Scenario {name}: {s['users']} users, {think} between calls, {s['seconds']} s; "
             f"{os.cpu_count()} cores", "",
             "| | " + " | ".join(runs) + " |", "|---|" + "---:|" * len(runs)]
    rows = [("calls served", lambda r: str(r["endpoints"]["all"]["served"])),
            ("errors", lambda r: str(r["endpoints"]["all"]["errors"]))]
    for endpoint in ("/classify", "/asr"):
        rows += [(f"{endpoint} served", lambda r, e=endpoint: str(r["endpoints"][e]["served"])),
                 (f"{endpoint} p50", lambda r, e=endpoint: fmt_s(r["endpoints"][e]["p50_s"])),
                 (f"{endpoint} p95", lambda r, e=endpoint: fmt_s(r["endpoints"][e]["p95_s"]))]
    rows += [("RSS after warm-up", lambda r: f"{r['app']['rss_after_warm_up_mib']:.0f} MiB"),
             (f"RSS growth from warm-up to {settle:.0f} s after the run",
              lambda r: f"{r['app']['rss_after_mib'] - r['app']['rss_after_warm_up_mib']:+.0f} MiB"),
             ("CPU cores used by the app", lambda r: f"{r['app']['cpu_cores_used']:.2f}")]
    lines += [f"| {title} | " + " | ".join(show(r) for r in runs.values()) + " |" for title, show in rows]
    served = [r["endpoints"]["all"]["served"] for r in runs.values()]
    if len(served) == 2 and served[1]:
        lines += ["", f"Served: {served[0] / served[1]:.2f}x the naive app."]
    return "\n".join(lines) + "\n"


def scenario_main(args) -> dict:
    """Ours, then the naive app, under the same scenario; a side-by-side table."""
    import tempfile

    s = dict(SCENARIOS[args.scenario])
    if args.smoke:  # the test suite's short version: 3 users, 6 s
        s.update(users=3, seconds=6)
    args.users, args.seconds, args.think_range = s["users"], s["seconds"], s["think_range"]
    args.think = s["think_range"][1]
    env = {"APP_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    runs = {}
    with tempfile.TemporaryDirectory() as folder:
        plan = scenario_plan(s, FreshInputs(Path(folder)))
        for name, command in (("this app", [sys.executable, "app.py"]),
                              ("naive app", [sys.executable, "bench/naive_app.py"])):
            print(f"{args.scenario}: {name}", flush=True)
            runs[name] = run_app(name.split()[0], command, plan, args, env)
    text = scenario_markdown(args.scenario, s, runs, args.settle)
    print("\n" + text)
    out = args.out.with_name(f"load_{args.scenario}.md")
    out.write_text(text)
    out.with_suffix(".json").write_text(json.dumps({k: {**r, "samples": None} for k, r in runs.items()}, indent=1))
    print(f"written: {out}")
    return runs


def main(argv=None):
    args = parse_args(argv)
    if args.serve:
        return serve(args.serve, parse_limits(args.limits))
    if args.scenario:
        return scenario_main(args)
    plan = assign(args.users, args.slow_users)
    endpoints = list(dict.fromkeys(plan))  # each used endpoint once, in order
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {"APP_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    if args.queue_size:
        env["APP_QUEUE_SIZE"] = str(args.queue_size)
    settings = {name: os.environ.get(name, "default") for name in ("APP_CPU_THREADS", "MAX_MODELS")}
    settings.update(APP_QUEUE_SIZE=env.get("APP_QUEUE_SIZE", "default"), limits=args.limits or "the app's")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    log_path = args.out.with_name(args.out.stem + "_app.log")
    results = {"options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
               "settings": settings, "load_average_before": os.getloadavg()[0]}
    proc, cold_start_s = start_server(app_command(port, args), url, log_path, env)
    try:
        print(f"app up on {url} after {cold_start_s:.1f} s; warming up", flush=True)
        results["app"] = {"cold_start_s": cold_start_s, "rss_after_start_mib": tree_rss_mib(proc.pid)}
        results["warm_up"] = one_call_each(url, endpoints, args.call_timeout)
        results["app"]["rss_after_warm_up_mib"] = tree_rss_mib(proc.pid)
        results["runs"] = []
        for number in range(1, args.runs + 1):
            print(f"run {number} of {args.runs}: {args.users} users for {args.seconds:.0f} s", flush=True)
            results["runs"].append(run_once(url, proc, plan, args, log_path, seed=number))
        results["stuck_check"] = one_call_each(url, endpoints, args.probe_timeout)
    finally:
        stop_server(proc)
    results["memory"] = memory_verdict(results["runs"])
    text = report(results)
    print("\n" + text)
    args.out.write_text(json.dumps(results, indent=1))
    args.out.with_suffix(".md").write_text(text)
    print(f"written: {args.out}, {args.out.with_suffix('.md')}, {log_path}")
    return results


if __name__ == "__main__":
    main()
