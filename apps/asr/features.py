"""What Whisper sees: the log-mel spectrogram, and a picture of it. No gradio here.

Whisper's encoder reads 30-second windows of 80 mel bands x 3000 frames (a frame every
10 ms, 25 ms wide): power spectrum -> mel filter bank (more bands at low frequencies, as the
ear has) -> log10 -> clipped 8 decades below the loudest point -> scaled by (x + 4) / 4.
We compute it with faster-whisper's own FeatureExtractor, the code its model runs.
"""

import numpy as np

from apps.asr.audio import SAMPLE_RATE

N_MELS = 80
HOP = 160  # samples between frames: 10 ms at 16 kHz
WINDOW_SECONDS = 30
ROW_SCALE = 3  # each mel band is drawn 3 pixels high, so the picture is 240 px tall
# Inferno-like colour ramp (dark = quiet, yellow = loud): anchor colours, interpolated to 256.
_ANCHORS = np.array([[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66],
                     [245, 125, 21], [250, 193, 39], [252, 255, 164]], dtype=np.float64)
COLOURS = np.stack([np.interp(np.linspace(0, 1, 256), np.linspace(0, 1, len(_ANCHORS)), _ANCHORS[:, c])
                    for c in range(3)], axis=1).round().astype(np.uint8)


def log_mel(samples: np.ndarray, seconds: float = WINDOW_SECONDS) -> np.ndarray:
    """float32 16 kHz mono -> float32 (80, frames), frames = 100 per second, of the first
    `seconds` (the model's first window). Values as the model gets them: about -1 to 1.5."""
    from faster_whisper.feature_extractor import FeatureExtractor

    head = samples[: int(seconds * SAMPLE_RATE)]
    mel = FeatureExtractor(feature_size=N_MELS)(head)
    return mel[:, : len(head) // HOP]


def spectrogram_image(mel: np.ndarray) -> np.ndarray:
    """(80, frames) log-mel -> uint8 RGB (240, frames, 3): time left to right, low
    frequencies at the bottom, the 2-unit range Whisper keeps (8 decades) mapped to colours."""
    top = float(mel.max())
    scaled = np.clip((mel - (top - 2.0)) / 2.0, 0.0, 1.0)
    index = (scaled[::-1] * 255).round().astype(np.uint8)  # flip: bin 0 (lowest) at the bottom
    return np.repeat(COLOURS[index], ROW_SCALE, axis=0)
