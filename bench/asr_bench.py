"""ASR benchmark: real-time factor on 1 and 2 CPU threads and word error rate, offline.

    python bench/asr_bench.py            # every model, 1 and 2 threads (15-30 min on 2 cores)
    python bench/asr_bench.py --quick    # 2 threads, fewer clips, no transformers base (~2 min)
    python bench/asr_bench.py --online   # adds openai/whisper-tiny/base/small from the hub

Models: the embedded Whisper tiny.en and base through faster-whisper (CTranslate2, int8), the
same two weight sets through the transformers pipeline (float32; converted back from the
CTranslate2 files by apps/asr/ct2_to_hf.py, so both runtimes run identical weights), and CMU
Sphinx (pocketsphinx, single-threaded by design). Beam search of 5 everywhere.

Speech with exact transcripts:
- real: Debian's pocketsphinx-testdata (LibriVox "Sense and Sensibility" read speech, playing
  card names, "go forward ten meters"), 16 kHz;
- synthetic English: IEEE "Harvard" sentences spoken by flite (4 voices) and espeak-ng;
- synthetic Russian: five sentences spoken by espeak-ng and by festival's Russian voice
  (festvox-ru, a recorded speaker: unit selection).
Missing Debian packages skip their set (the table says so).

RTF (real-time factor) = wall-clock processing time / audio duration on the real recordings
(every model can do them), the fastest of --repeats passes (other processes only ever add
time), model loading and one warm-up clip excluded: below 1 is faster than real time; "x real
time" is its inverse. Transcripts for WER come from one pass over every clip at 2 threads
(pocketsphinx: 1). WER: apps/asr/wer.py (normalised text, errors / reference words, all clips of
a set pooled). Prints a Markdown report and writes it to bench/out/asr.md.
"""

import argparse
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # `python bench/asr_bench.py` puts only bench/ on the path
from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's malloc and huge-page settings, before torch is imported

os.environ.setdefault("APP_OFFLINE", "1")  # --online clears it below, before shared.hub is used

import numpy as np  # noqa: E402

from apps.asr.audio import SAMPLE_RATE, load_audio  # noqa: E402
from apps.asr.wer import corpus_wer  # noqa: E402

OUT = REPO_ROOT / "bench" / "out" / "asr.md"
TESTDATA = Path("/usr/share/pocketsphinx/test/data")
HARVARD = [
    "The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well.", "These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls.", "The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck.", "The hogs were fed chopped corn and garbage.",
]
RUSSIAN = [
    "Москва является столицей России и крупнейшим городом страны.",
    "Сегодня хорошая погода, и мы пойдём гулять в парк.",
    "Я люблю читать книги по вечерам.",
    "Студенты изучают нейронные сети в университете.",
    "Поезд скоро отправляется с первого пути.",
]
FLITE_VOICES = ["slt", "rms", "awb", "kal"]


@dataclass
class Clip:
    set: str
    name: str
    language: str  # "en" or "ru"
    reference: str
    samples: np.ndarray

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


# --------------------------------------------------------------------------- the speech


def real_clips(quick: bool) -> list[Clip]:
    """pocketsphinx-testdata: (file, transcript) from its transcription files."""
    if not TESTDATA.is_dir():
        return []
    clips = []
    for folder, index in (("librivox", "transcription"), ("cards", "cards.transcription")):
        if quick and folder == "cards":
            continue
        for line in (TESTDATA / folder / index).read_text().splitlines():
            text, _, name = line.rpartition("(")
            text = text.replace("<s>", "").replace("</s>", "").strip()
            path = TESTDATA / folder / f"{name.strip(') ')}.wav"
            clips.append(Clip("real: pocketsphinx-testdata", path.stem, "en", text, load_audio(path).samples))
    if not quick:  # header-less 16-bit 16 kHz PCM
        raw = np.fromfile(TESTDATA / "goforward.raw", dtype="<i2").astype(np.float32) / 32768
        clips.append(Clip("real: pocketsphinx-testdata", "goforward", "en", "go forward ten meters", raw))
    return clips


def synth(tool: str, sentences: list[str], language: str, folder: Path, quick: bool) -> list[Clip]:
    """Speak each sentence with `tool` (flite, espeak-ng or festival) into a WAV file."""
    command = {"flite": "flite", "espeak-ng": "espeak-ng", "festival": "text2wave"}[tool]
    if shutil.which(command) is None:
        return []
    if tool == "festival" and not Path("/usr/share/festival/voices/russian").is_dir():
        return []
    clips = []
    for i, text in enumerate(sentences[:3] if quick else sentences):
        wav = folder / f"{tool}_{language}_{i}.wav"
        if tool == "flite":
            run = ["flite", "-voice", FLITE_VOICES[i % len(FLITE_VOICES)], "-t", text, "-o", str(wav)]
        elif tool == "espeak-ng":
            run = ["espeak-ng", "-v", "en-us" if language == "en" else "ru", "-w", str(wav), text]
        else:
            txt = folder / f"{wav.stem}.txt"
            txt.write_text(text, encoding="utf-8")
            run = ["text2wave", "-eval", "(voice_msu_ru_nsh_clunits)", str(txt), "-o", str(wav)]
        subprocess.run(run, check=True, capture_output=True)
        clips.append(Clip(f"synthetic {language}: {tool}", wav.stem, language, text, load_audio(wav).samples))
    return clips


def all_clips(quick: bool, folder: Path) -> tuple[list[Clip], list[str]]:
    """Every clip, and a note per set that could not be made."""
    sets = {
        "real: pocketsphinx-testdata (apt pocketsphinx-testdata)": real_clips(quick),
        "synthetic en: flite (apt flite)": synth("flite", HARVARD, "en", folder, quick),
        "synthetic en: espeak-ng (apt espeak-ng)": synth("espeak-ng", HARVARD, "en", folder, quick),
        "synthetic ru: espeak-ng (apt espeak-ng)": synth("espeak-ng", RUSSIAN, "ru", folder, quick),
        "synthetic ru: festival (apt festival festvox-ru)": synth("festival", RUSSIAN, "ru", folder, quick),
    }
    missing = [f"skipped {name}: not installed" for name, clips in sets.items() if not clips]
    return [clip for clips in sets.values() for clip in clips], missing


# --------------------------------------------------------------------------- the models


@dataclass
class Runner:
    """A model to measure. load(threads) -> transcribe(samples, language or None) -> (text,
    detected language). english_only: skip Russian clips. given_language: pass each clip's
    language instead of letting the model detect it. threads_matter: False for pocketsphinx."""

    name: str
    runtime: str
    load: Callable
    english_only: bool = False
    given_language: bool = False
    threads_matter: bool = True
    texts: dict = field(default_factory=dict)  # clip name -> text, from the accuracy pass
    first_load_s: float = 0.0
    detected: dict = field(default_factory=dict)


def fw_runner(name: str, folder_fn, english_only: bool, given_language: bool = False) -> Runner:
    from apps.asr.fw_whisper import load_faster_whisper, transcribe_fw

    def load(threads):
        model = load_faster_whisper(folder_fn(), threads)

        def run(samples, language):
            detected, _, pieces = transcribe_fw(model, samples, language)
            return " ".join(text.strip() for _, _, text in pieces), detected
        return run

    suffix = ", language given" if given_language else ""
    return Runner(name + suffix, "faster-whisper int8", load, english_only, given_language)


def plain_fw_runner(name: str, folder_fn, english_only: bool) -> Runner:
    """The baseline of issue 19: faster-whisper as its README calls it, `WhisperModel(path)`
    (compute type "default": this float16 file runs in float32 on a CPU), language "en" for
    English clips, beam 5. Against the app's path: int8, and the app's own audio decoding."""
    from faster_whisper import WhisperModel

    def load(threads):
        model = WhisperModel(str(folder_fn()), device="cpu", cpu_threads=threads)

        def run(samples, language):
            segments, info = model.transcribe(samples, language=language or "en", beam_size=5)
            return " ".join(s.text.strip() for s in segments), info.language
        return run

    return Runner(name, "faster-whisper float32, plain call", load, english_only)


def hf_runner(name: str, folder: Path, english_only: bool) -> Runner:
    import torch

    from apps.asr.hf_whisper import load_hf_whisper, transcribe_hf

    pipes = []  # loaded on the first run, so its load time is reported once

    def load(threads):
        torch.set_num_threads(threads)
        if not pipes:
            pipes.append(load_hf_whisper(str(folder), None, "cpu", "float32"))
        pipe = pipes[0]

        def run(samples, language):
            detected, _, pieces = transcribe_hf(pipe, samples, language)
            return " ".join(text.strip() for _, _, text in pieces), detected
        return run

    return Runner(name, "transformers fp32", load, english_only)


def sphinx_runner() -> Runner:
    from apps.asr.sphinx import sphinx_transcribe

    def load(threads):
        return lambda samples, language: (sphinx_transcribe(samples).text, "en")

    return Runner("CMU Sphinx (pocketsphinx 5, US English)", "pocketsphinx", load, english_only=True,
                  threads_matter=False)


def build_runners(args, folder: Path) -> list[Runner]:
    from apps.asr.ct2_to_hf import convert
    from apps.asr.fw_whisper import base_folder, tiny_en_folder

    runners = [fw_runner("Whisper tiny.en (embedded)", tiny_en_folder, True),
               plain_fw_runner("Whisper tiny.en (plain faster-whisper call)", tiny_en_folder, True),
               fw_runner("Whisper base (embedded)", base_folder, False),
               sphinx_runner(),
               hf_runner("Whisper tiny.en (embedded, converted)", convert(tiny_en_folder(), folder / "tiny_en"), True)]
    if not args.quick:
        runners.append(hf_runner("Whisper base (embedded, converted)", convert(base_folder(), folder / "base"), False))
        runners.append(fw_runner("Whisper base (embedded)", base_folder, False, given_language=True))
    if args.online:
        from apps.asr.model import CHOICES

        for choice in (c for c in CHOICES if not c.embedded):
            runners.append(hf_runner(choice.hub_id + " (hub)", choice.hub_id, False))
    return runners


# --------------------------------------------------------------------------- measuring


def transcribe_clips(runner: Runner, clips: list[Clip], threads: int):
    """The accuracy pass: every clip the model takes, once; its texts and languages are kept,
    and the time of this first load."""
    start = time.perf_counter()
    run = runner.load(threads)
    runner.first_load_s = time.perf_counter() - start
    for clip in clips:
        if runner.english_only and clip.language != "en":
            continue
        text, detected = run(clip.samples, clip.language if runner.given_language else None)
        runner.texts[clip.name], runner.detected[clip.name] = text, detected


def measure_speed(runner: Runner, clips: list[Clip], threads: int, repeats: int) -> dict:
    """Load, warm up on the shortest clip, then transcribe `clips` `repeats` times; the fastest
    pass counts (other processes on the machine only ever add time)."""
    run = runner.load(threads)
    run(min(clips, key=lambda c: c.seconds).samples, "en")  # first-call costs
    passes = []
    for _ in range(repeats):
        start = time.perf_counter()
        for clip in clips:
            run(clip.samples, None)
        passes.append(time.perf_counter() - start)
    audio = sum(c.seconds for c in clips)
    return {"runner": runner, "threads": threads, "load_s": runner.first_load_s, "audio_s": audio,
            "wall_s": min(passes), "passes": passes, "rtf": min(passes) / audio}


def accuracy_rows(runners: list[Runner], clips: list[Clip]) -> list[str]:
    """One Markdown row per (runner, set): WER, language detection, same text as faster-whisper."""
    rows = []
    fw_by_weights = {r.name.split(" (")[0]: r for r in runners if r.runtime == "faster-whisper int8" and not r.given_language}
    for runner in runners:
        for name in dict.fromkeys(c.set for c in clips):
            chosen = [c for c in clips if c.set == name and c.name in runner.texts]
            if not chosen:
                continue
            wer = corpus_wer([(c.reference, runner.texts[c.name]) for c in chosen])
            detect = "given" if runner.given_language else (
                "-" if runner.english_only else
                f"{sum(runner.detected[c.name] == c.language for c in chosen)}/{len(chosen)}")
            twin = fw_by_weights.get(runner.name.split(" (")[0])
            same = "-"
            if runner.runtime.startswith("transformers") and twin and "converted" in runner.name:
                same = f"{sum(twin.texts.get(c.name) == runner.texts[c.name] for c in chosen)}/{len(chosen)}"
            rows.append(f"| {runner.name} | {runner.runtime} | {name} | {len(chosen)} | "
                        f"{sum(c.seconds for c in chosen):.0f} s | {wer:.1%} | {detect} | {same} |")
    return rows


def speed_rows(results: list[dict]) -> list[str]:
    return [f"| {r['runner'].name} | {r['runner'].runtime} | {r['threads']} | {r['audio_s']:.0f} s | "
            f"{r['wall_s']:.1f} s (of {', '.join(f'{p:.1f}' for p in r['passes'])}) | **{r['rtf']:.3f}** | "
            f"{1 / r['rtf']:.1f}x | {r['load_s']:.1f} s |" for r in results]


def machine() -> str:
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in
                         ("faster-whisper", "ctranslate2", "transformers", "torch", "pocketsphinx"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}; {versions}; load average {load}"


def report(args, results, runners, clips, missing, seconds) -> str:
    lines = [f"## ASR benchmark (`python bench/asr_bench.py{' --quick' if args.quick else ''}"
             f"{' --online' if args.online else ''}`)", "", f"Machine: {machine()}. Took {seconds:.0f} s.", "",
             "RTF (real-time factor) = processing time / audio duration (lower is faster; below 1 = "
             "faster than real time), on the real recordings (pocketsphinx-testdata, English: every "
             "model can do them), the fastest of the passes; model loading and one warm-up clip "
             "excluded.", "",
             "| model | runtime | threads | audio | wall (fastest of passes, s) | RTF | x real time | first load |",
             "|---|---|---:|---:|---:|---:|---:|---:|", *speed_rows(results), "",
             "WER over all clips of a set (normalised text; lower is better). Language: clips "
             "whose language auto-detection was right. Same text: clips where the transformers "
             "run wrote exactly what faster-whisper wrote with the same weights.", "",
             "| model | runtime | speech | clips | audio | WER | language | same text |",
             "|---|---|---|---:|---:|---:|---:|---:|", *accuracy_rows(runners, clips)]
    if not args.online:
        lines += ["", "Hub models (openai/whisper-tiny, -base, -small through transformers): "
                      "run with `--online` (needs the network)."]
    lines += [f"\n{note}" for note in missing]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 threads, fewer clips, no transformers base")
    parser.add_argument("--online", action="store_true", help="also the hub models (needs the network)")
    parser.add_argument("--repeats", type=int, default=None, help="speed passes per row (default 2, quick 1)")
    args = parser.parse_args(argv)
    args.repeats = args.repeats or (1 if args.quick else 2)
    if args.online:
        os.environ.pop("APP_OFFLINE", None)
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="asr-bench-"))
    clips, missing = all_clips(args.quick, folder)
    runners = build_runners(args, folder)
    real = [c for c in clips if c.set.startswith("real")] or clips[:5]
    results = []
    for runner in runners:
        accuracy_threads = 2 if runner.threads_matter else 1
        print(f"{runner.name} ({runner.runtime}): accuracy...", file=sys.stderr, flush=True)
        transcribe_clips(runner, clips, accuracy_threads)
        if runner.given_language:  # the same model as another row: its speed is measured there
            continue
        for threads in ([2] if args.quick else [1, 2]) if runner.threads_matter else [1]:
            print(f"{runner.name} ({runner.runtime}): speed, {threads} thread(s)...", file=sys.stderr, flush=True)
            results.append(measure_speed(runner, real, threads, args.repeats))
    text = report(args, results, runners, clips, missing, time.perf_counter() - started)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
