"""Turn whatever arrives as audio into 16 kHz mono float32 samples, or explain why not.

Any container and codec FFmpeg reads (WAV, FLAC, MP3, OGG/Opus/Vorbis, M4A/AAC, WebM, the
sound track of a video), any sample rate, any channel count: decoded with PyAV as
`faster_whisper.decode_audio` does, resampled and downmixed by FFmpeg's resampler, but with
two guards it lacks: the duration is read from the container header first (a three-hour file
is refused before decoding anything) and decoding stops at the cap anyway (headers can lie).

Rejected with a UserError: nothing, a file that is not audio or is damaged, no samples,
too short, too long, NaN or infinite samples. Silence is not an error: `is_silent` tells the
caller, which then answers "no speech found".
"""

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from shared.errors import UserError

SAMPLE_RATE = 16_000  # what Whisper and pocketsphinx's model were trained on
MAX_SECONDS = float(os.environ.get("APP_MAX_AUDIO_SECONDS", str(30 * 60)))
MIN_SECONDS = 0.1
SILENCE_DBFS = -70.0  # RMS level below this is silence (16-bit dither alone is about -100 dBFS)
NOT_AUDIO = ("the file is not audio we can read (corrupt, or not WAV/FLAC/MP3/OGG/Opus/M4A/WebM). "
             "Upload a sound file or record with the microphone.")


@dataclass
class Audio:
    """samples: float32 (n,), mono, 16 kHz, in [-1, 1]. source: how it arrived, e.g.
    'mp3, 44100 Hz, 2 channels' (for the info line)."""

    samples: np.ndarray
    source: str

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def load_audio(path) -> Audio:
    """A file path (any format FFmpeg reads) -> Audio, checked (see the module docstring)."""
    if path is None or not str(path).strip():
        raise UserError("No audio: upload a file or record with the microphone first.")
    if not Path(path).is_file():
        raise UserError(f"the audio file {Path(path).name!r} does not exist (upload it again).")
    import av

    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise UserError("the file has no sound track (is it an image or a text file?). "
                                "Upload a sound file or record with the microphone.")
            stream = container.streams.audio[0]
            _check_length(_header_seconds(container, stream))
            source = f"{container.format.name.split(',')[0]}/{stream.codec_context.name}, " \
                     f"{stream.rate} Hz, {stream.channels} channel{'s' if stream.channels != 1 else ''}"
            samples = _decode(container)
    except av.FFmpegError as exc:
        raise UserError(NOT_AUDIO) from exc
    return check(Audio(samples, source))


def from_array(sample_rate: int, data: np.ndarray, source: str = "microphone") -> Audio:
    """(sample rate, samples) as gr.Audio(type="numpy") gives them -> Audio. data: int16, int32
    or float, shape (n,) or (n, channels)."""
    data = np.asarray(data)
    if data.size == 0:
        raise UserError("No audio: the recording is empty.")
    if data.dtype.kind == "u":  # unsigned PCM (8-bit WAV) is centred on the mid value
        middle = (int(np.iinfo(data.dtype).max) + 1) // 2
        data = (data.astype(np.float32) - middle) / middle
    elif data.dtype.kind == "i":  # signed PCM -> [-1, 1]
        data = data.astype(np.float32) / float(np.iinfo(data.dtype).max)
    data = np.asarray(data, dtype=np.float32)
    if data.ndim == 2:  # (n, channels) -> mono
        data = data.mean(axis=1)
    if not np.isfinite(data).all():
        raise UserError(_NOT_FINITE)
    if sample_rate != SAMPLE_RATE:
        data = resample(data, int(sample_rate))
    return check(Audio(data, f"{source}, {sample_rate} Hz"))


def resample(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """float32 mono at `sample_rate` -> float32 mono at 16 kHz, with FFmpeg's resampler."""
    import av

    frame = av.AudioFrame.from_ndarray(samples[None, :], format="flt", layout="mono")
    frame.sample_rate = sample_rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    parts = [f.to_ndarray()[0] for f in [*resampler.resample(frame), *resampler.resample(None)]]
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


_NOT_FINITE = ("the audio contains invalid samples (NaN or infinity), a broken float file. "
               "Export it again, e.g. as 16-bit PCM WAV.")


def check(audio: Audio) -> Audio:
    """Refuse audio no model can use; silence passes (see is_silent)."""
    samples = audio.samples
    if samples.size == 0:
        raise UserError("the file holds no audio samples (an empty recording).")
    if not np.isfinite(samples).all():
        raise UserError(_NOT_FINITE)
    if audio.seconds < MIN_SECONDS:
        raise UserError(f"the audio is only {audio.seconds * 1000:.0f} ms long; "
                        "record or upload at least a second of speech.")
    _check_length(audio.seconds)
    return audio


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level in dB relative to full scale (0 dBFS = a full-scale square wave)."""
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if samples.size else 0.0
    return 20 * np.log10(rms) if rms > 0 else float("-inf")


def is_silent(samples: np.ndarray) -> bool:
    return level_dbfs(samples) < SILENCE_DBFS


def _header_seconds(container, stream) -> float | None:
    """The duration the container header claims, or None when it does not say."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000  # AV_TIME_BASE: microseconds
    return None


def _check_length(seconds: float | None):
    if seconds is not None and seconds > MAX_SECONDS:
        raise UserError(f"the audio is {_minutes(seconds)} long; the limit is {_minutes(MAX_SECONDS)} "
                        "(APP_MAX_AUDIO_SECONDS). Cut it into parts and try again.")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"


def _decode(container) -> np.ndarray:
    """Every audio frame -> float32 mono 16 kHz; skips undecodable frames (as faster-whisper
    does) and stops once the cap is passed, whatever the header said."""
    import av

    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    parts, total, limit = [], 0, int(MAX_SECONDS * SAMPLE_RATE)
    frames = container.decode(audio=0)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            break
        except av.error.InvalidDataError:
            continue
        frame.pts = None  # resample by sample count; broken timestamps must not matter
        for out in resampler.resample(frame):
            parts.append(out.to_ndarray()[0])
            total += parts[-1].size
        if total > limit:
            _check_length(total / SAMPLE_RATE)
    parts += [out.to_ndarray()[0] for out in resampler.resample(None)]
    return np.concatenate(parts).astype(np.float32, copy=False) if parts else np.zeros(0, np.float32)
