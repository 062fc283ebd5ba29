"""A room clicking the same example at once: 30 concurrent identical calls, with the shared
results of shared/handlers.py and without them (APP_RESULT_CACHE_MB=0), side by side in one
run. Prints model calls made, p50 / p95 latency and the time until every answer is in.

    python bench/cache_bench.py                      # 30 users: /classify (a fast model), /asr (a slow one)
    python bench/cache_bench.py --users 50 --rounds 3

Each round sends a new input (the example with one pixel or sample changed), so the first round
of the cached app starts cold, as in class. The load generator (30 gradio_client users) runs in
the same process on the same 2 cores: absolute times include its own work.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("APP_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's memory settings (shared/memory.py), as in bench/bench.py

PHOTO = ROOT / "apps" / "classify" / "examples" / "chelsea.jpg"
SPEECH = ROOT / "apps" / "asr" / "examples" / "librivox_dashwood.wav"
# endpoint -> (the tab's ui module, the model function its handler calls, arguments after the file)
ENDPOINTS = {"classify": ("apps.classify.ui", "predict", ["EfficientNet-Lite0 (embedded)", 5]),
             "asr": ("apps.asr.ui", "transcribe", ["Whisper tiny.en · faster-whisper int8 (embedded)", "auto", False])}
CALLS = {name: 0 for name in ENDPOINTS}


def count_model_calls():
    """Count calls of each tab's model function (what its handler runs per request)."""
    import importlib

    lock = threading.Lock()
    for endpoint, (module_name, function, _) in ENDPOINTS.items():
        module = importlib.import_module(module_name)
        original = getattr(module, function)

        def counted(*args, _original=original, _endpoint=endpoint, **kwargs):
            with lock:
                CALLS[_endpoint] += 1
            return _original(*args, **kwargs)

        setattr(module, function, counted)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(cache_mb: str):
    """The whole app, built with APP_RESULT_CACHE_MB=cache_mb, on a free port."""
    import app

    os.environ["APP_RESULT_CACHE_MB"] = cache_mb
    demo = app.build_demo()
    port = free_port()
    demo.launch(server_port=port, prevent_thread_lock=True, quiet=True, **app.LAUNCH_OPTIONS)
    return demo, f"http://127.0.0.1:{port}/"


def input_for(endpoint: str, round_no: int, folder: Path) -> Path:
    """The example with one pixel (one sample) changed: a new input each round."""
    if endpoint == "classify":
        from PIL import Image

        image = Image.open(PHOTO).convert("RGB")
        image.putpixel((0, 0), (round_no % 256, 0, 0))
        path = folder / f"photo_{round_no}.png"
        image.save(path)
        return path
    import soundfile as sf

    samples, rate = sf.read(SPEECH, dtype="int16")
    samples[0] = round_no
    path = folder / f"speech_{round_no}.wav"
    sf.write(path, samples, rate)
    return path


def room(url: str, endpoint: str, users: int, path: Path) -> tuple[list[float], float]:
    """`users` clients, connected first, then all press the button at the same moment.
    Returns each one's seconds and the time until the last answer."""
    from gradio_client import Client, handle_file

    arguments = ENDPOINTS[endpoint][2]
    clients = [Client(url, verbose=False) for _ in range(users)]
    start, seconds = threading.Barrier(users + 1), [0.0] * users

    def click(i):
        start.wait()
        began = time.perf_counter()
        clients[i].predict(handle_file(path), *arguments, api_name=f"/{endpoint}")
        seconds[i] = time.perf_counter() - began

    threads = [threading.Thread(target=click, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    for client in clients:
        client.close()
    return seconds, wall


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    count_model_calls()
    folder = Path(tempfile.mkdtemp(prefix="cache_bench_"))
    rows = []
    for label, cache_mb in (("without (APP_RESULT_CACHE_MB=0)", "0"), ("with shared results", "16")):
        demo, url = launch(cache_mb)
        try:
            for endpoint in ENDPOINTS:
                room(url, endpoint, 2, input_for(endpoint, 999, folder))  # warm-up: the model loads
                for round_no in range(args.rounds):
                    CALLS[endpoint] = 0
                    seconds, wall = room(url, endpoint, args.users, input_for(endpoint, round_no, folder))
                    p95 = statistics.quantiles(seconds, n=20)[-1]
                    rows.append((endpoint, label, round_no + 1, CALLS[endpoint], statistics.median(seconds), p95, wall))
        finally:
            demo.close()
    print(f"\n{args.users} users press the button at once on the same input ({os.cpu_count()} cores); "
          "a new input each round\n")
    print("| endpoint | app | round | model calls | p50 | p95 | last answer |\n"
          "| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for endpoint, label, round_no, n, p50, p95, wall in sorted(rows, key=lambda row: row[0] != "classify"):
        print(f"| /{endpoint} | {label} | {round_no} | {n} | {p50:.2f} s | {p95:.2f} s | {wall:.2f} s |")


if __name__ == "__main__":
    main()
