"""Smoke test of bench/load_test.py, so the script cannot rot: 3 users on the cheap endpoints
for a few seconds against the real app (a subprocess); the report has its fields and no errors."""

import json
import subprocess
import sys

from conftest import ROOT


def test_load_test_runs_and_reports(tmp_path):
    out = tmp_path / "load.json"
    command = [sys.executable, "bench/load_test.py", "--users", "3", "--slow-users", "0", "--seconds", "8",
               "--runs", "1", "--settle", "1", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

    results = json.loads(out.read_text())
    (run,) = results["runs"]
    endpoints = run["endpoints"]
    assert set(endpoints) == {"/classify", "/gradcam", "/vae", "all"}  # 3 users, round-robin
    for name, figures in endpoints.items():
        assert figures["errors"] == 0, (name, figures["error_messages"])
        assert figures["served"] > 0 and figures["p50_s"] <= figures["p95_s"] <= figures["max_s"]
    assert all(call["error"] is None for call in run["calls"])
    assert run["app"]["peak_rss_mib"] > 0 and run["app"]["users_still_busy"] == 0
    assert run["app"]["queue_after"] == 0 and run["app"]["tracebacks"] == 0
    assert all(probe["error"] is None for probe in results["stuck_check"].values())
    assert "| /classify | 1 |" in out.with_suffix(".md").read_text()  # the Markdown table


def test_a_scenario_runs_both_apps_side_by_side_with_fresh_files(tmp_path):
    """bench/load_test.py --scenario: this app and bench/naive_app.py under the same users, each
    call a file never sent before (so the result cache cannot answer)."""
    out = tmp_path / "load.json"
    command = [sys.executable, "bench/load_test.py", "--scenario", "stress", "--smoke", "--settle", "1",
               "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    runs = json.loads(out.with_name("load_stress.json").read_text())
    assert set(runs) == {"this app", "naive app"}
    for name, run in runs.items():
        assert run["endpoints"]["all"]["errors"] == 0, (name, run["endpoints"]["all"]["error_messages"])
        assert run["endpoints"]["/classify"]["served"] > 0 and run["endpoints"]["/asr"]["served"] > 0
    table = out.with_name("load_stress.md").read_text()
    assert "| /classify p95 |" in table and "x the naive app" in table


def test_fresh_inputs_never_repeat_a_file(tmp_path):
    import hashlib
    import random

    sys.path.insert(0, str(ROOT / "bench"))
    from load_test import FreshInputs

    fresh, rng = FreshInputs(tmp_path), random.Random(0)
    files = [fresh.photo(rng)["path"] for _ in range(6)] + [fresh.clip(rng)["path"] for _ in range(4)]
    assert len({hashlib.sha1(open(f, "rb").read()).hexdigest() for f in files}) == 10
