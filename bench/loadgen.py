"""A small load generator for Gradio apps: users as threads, each with its own gradio_client.Client.

Used by bench/load_test.py (the whole app) and bench/batch_bench.py (batched vs plain).
Also here: starting and stopping a server subprocess, and reading its memory, CPU and queue.
"""

import json
import os
import random
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import psutil
from gradio_client import Client

REPO_ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024


# --------------------------------------------------------------------------- users


@dataclass(frozen=True)
class Endpoint:
    """One API endpoint and how a user makes its arguments (from the tab's own examples)."""

    api_name: str
    slow: bool
    make_args: Callable[[random.Random], tuple]


def call_once(client: Client, endpoint: Endpoint, rng: random.Random, timeout_s: float) -> dict:
    """One call; its latency and, if it failed, the first line of the error."""
    args = endpoint.make_args(rng)
    start = time.perf_counter()
    job = client.submit(*args, api_name=endpoint.api_name)
    error = None
    try:
        job.result(timeout=timeout_s)
    except TimeoutError:
        job.cancel()
        error = f"no answer within {timeout_s:.0f} s"
    except Exception as exc:  # noqa: BLE001 - every failure is a finding, recorded by its message
        lines = str(exc).strip().splitlines()
        error = f"{type(exc).__name__}: {lines[0] if lines else ''}"[:200]
    return {"endpoint": endpoint.api_name, "seconds": time.perf_counter() - start, "error": error}


def new_client(url: str, downloads: str) -> Client:
    """ssl_verify=False: loopback is plain HTTP, and without it gradio_client loads the system's CA
    bundle twice per call (a new httpx client each time): ~36 ms of CPU per call here, so the
    load generator used more CPU than the app. With it a call costs the client ~5 ms."""
    return Client(url, verbose=False, download_files=downloads, analytics_enabled=False, ssl_verify=False)


def user(url, endpoint, deadline, args, seed, records, downloads):
    """One user: connect, then call / think / call ... until the deadline."""
    rng = random.Random(seed)
    try:
        client = new_client(url, downloads)
    except Exception as exc:  # noqa: BLE001
        records.append({"endpoint": endpoint.api_name, "seconds": 0.0, "error": f"connect: {exc}"[:200]})
        return
    low, high = getattr(args, "think_range", None) or (0.5 * args.think, 1.5 * args.think)
    time.sleep(rng.uniform(0, high))  # users do not all arrive at the same instant
    while time.monotonic() < deadline:
        records.append(call_once(client, endpoint, rng, args.call_timeout))
        time.sleep(rng.uniform(low, high))
    client.close()


def run_users(url: str, plan: list[Endpoint], args, seed: int = 0) -> dict:
    """All users at once for args.seconds; every call's record, the wall time, users still busy."""
    records: list[dict] = []  # list.append is atomic: the threads share it without a lock
    start = time.monotonic()
    deadline = start + args.seconds
    with tempfile.TemporaryDirectory() as downloads:
        threads = [threading.Thread(target=user, daemon=True,
                                    args=(url, e, deadline, args, seed * 1000 + i, records, downloads))
                   for i, e in enumerate(plan)]
        for thread in threads:
            thread.start()
        for thread in threads:  # a call in flight at the deadline may finish, within call_timeout
            thread.join(timeout=max(0.0, deadline + args.call_timeout + 2 * args.think - time.monotonic()))
        return {"records": list(records), "wall_s": time.monotonic() - start,
                "users_still_busy": sum(t.is_alive() for t in threads)}


def summarise(records: list[dict], wall_s: float) -> dict:
    """Served, errors (queue-full ones counted apart), served/s and latency of the served calls."""
    ok = [r["seconds"] for r in records if r["error"] is None]
    errors = Counter(r["error"] for r in records if r["error"])
    latency = np.percentile(ok, [50, 95, 100]).tolist() if ok else [None] * 3
    return {"served": len(ok), "errors": sum(errors.values()),
            "queue_full": sum(n for message, n in errors.items() if "queue is full" in message.lower()),
            "served_per_s": len(ok) / wall_s, "p50_s": latency[0], "p95_s": latency[1], "max_s": latency[2],
            "error_messages": dict(errors)}


def one_call_each(url: str, endpoints: list[Endpoint], timeout_s: float) -> dict:
    """One call per endpoint, one after the other: the warm-up, and the stuck check."""
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as downloads:
        client = new_client(url, downloads)
        results = {e.api_name: call_once(client, e, rng, timeout_s) for e in endpoints}
        client.close()
    return results


def fmt_s(seconds) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


# --------------------------------------------------------------------------- the server process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(command: list[str], url: str, log_path: Path, env: dict, timeout_s: float = 180):
    """Start `command`, wait until `url` answers HTTP 200; the process and its start time."""
    started = time.perf_counter()
    log = open(log_path, "w")
    proc = subprocess.Popen(command, cwd=REPO_ROOT, env={**os.environ, **env}, stdout=log,
                            stderr=subprocess.STDOUT)
    while time.perf_counter() - started < timeout_s:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return proc, time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.1)
    stop_server(proc)
    raise TimeoutError(f"{url} did not answer within {timeout_s:.0f} s; see {log_path}")


def stop_server(proc: subprocess.Popen):
    """Terminate the server and its children; kill what is left after 10 s (bench.py uses it too)."""
    if proc.poll() is not None:
        return
    try:
        processes = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in processes:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    for process in psutil.wait_procs(processes, timeout=10)[1]:
        process.kill()
    proc.wait(timeout=10)


def tree(pid: int) -> list[psutil.Process]:
    try:
        return [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_rss_mib(pid: int) -> float:
    return sum(p.memory_info().rss for p in tree(pid)) / MIB


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children so far."""
    return sum(sum(p.cpu_times()[:2]) for p in tree(pid))


def own_cpu_s() -> float:
    """CPU seconds of this process alone: the load generator's own cost."""
    return sum(psutil.Process().cpu_times()[:2])


class Monitor(threading.Thread):
    """Every `interval` s: the server's RSS and its queue length. Keeps the peaks."""

    def __init__(self, pid: int, url: str, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.url, self.interval = pid, url, interval
        self.peak_rss_mib, self.max_queue = 0.0, 0
        self.samples: list[tuple[float, float, int]] = []  # (seconds, RSS MiB, queue length)
        self._stop_event = threading.Event()

    def run(self):
        start = time.monotonic()
        while not self._stop_event.is_set():
            rss, queue = tree_rss_mib(self.pid), queue_length(self.url)
            self.peak_rss_mib, self.max_queue = max(self.peak_rss_mib, rss), max(self.max_queue, queue)
            self.samples.append((round(time.monotonic() - start, 1), round(rss), queue))
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join(timeout=5)


def queue_length(url: str) -> int:
    """Requests waiting in the app's queue (all events together); -1 when it does not answer."""
    try:
        with urllib.request.urlopen(url + "gradio_api/queue/status", timeout=2) as response:
            return json.load(response)["queue_size"]
    except (OSError, ValueError, KeyError):
        return -1
