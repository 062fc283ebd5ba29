"""Live captions while recording: re-transcribe the recent audio every time a chunk arrives.
No gradio here.

Whisper is not a streaming model (it reads 30 s windows), so live mode fakes it the simple
way: keep the audio since the last *committed* point, transcribe it all again with tiny.en
(greedy, fast), show committed text + this guess. Once the buffer passes WINDOW_SECONDS, every
segment but the last is committed and its audio dropped (at 2 x WINDOW_SECONDS all of it), so
each step transcribes at most 30 s, however long the recording. Committed text is not revised.
"""

from dataclasses import dataclass, field

import numpy as np

from apps.asr.audio import SAMPLE_RATE, from_array, is_silent
from apps.asr.fw_whisper import transcribe_fw
from apps.asr.model import CHOICES, TINY_EN
from shared.errors import UserError
from shared.models import CACHE, find_choice

WINDOW_SECONDS = 15.0
MAX_CHARS = 4000  # committed text kept on screen (the oldest is dropped)


@dataclass
class LiveState:
    """committed: final text. buffer: float32 16 kHz audio not yet committed. guess: the
    latest transcription of the buffer. seconds: audio heard so far."""

    committed: str = ""
    buffer: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    guess: str = ""
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(t for t in (self.committed, self.guess) if t)


def live_step(state: LiveState | None, sample_rate: int, chunk: np.ndarray) -> LiveState:
    """Add one microphone chunk ((n,) or (n, channels), int16 or float, any rate) and
    re-transcribe the buffer. Returns the new state (the old one is not modified)."""
    state = state or LiveState()
    try:
        audio = from_array(sample_rate, chunk).samples
    except UserError:  # an empty or very short chunk: nothing to add this time
        return state
    buffer = np.concatenate([state.buffer, audio])
    new = LiveState(state.committed, buffer, state.guess, state.seconds + len(audio) / SAMPLE_RATE)
    if is_silent(buffer):
        return new
    with CACHE.use(find_choice(CHOICES, TINY_EN)) as rec:
        _, _, pieces = transcribe_fw(rec.model, buffer, "en", beam_size=1, condition_on_previous_text=False)
        segments = list(pieces)
    seconds = len(buffer) / SAMPLE_RATE
    if seconds > WINDOW_SECONDS and len(segments) > 1:  # keep only the last segment's audio
        done, segments = segments[:-1], segments[-1:]
        new.buffer = buffer[int(segments[0][0] * SAMPLE_RATE):]
    elif seconds > 2 * WINDOW_SECONDS:  # one endless segment: commit it all, start afresh
        done, segments = segments, []
        new.buffer = np.zeros(0, np.float32)
    else:
        done = []
    new.committed = " ".join([new.committed, *(text.strip() for _, _, text in done)]).strip()[-MAX_CHARS:]
    new.guess = " ".join(text.strip() for _, _, text in segments)
    return new
