"""The classic baseline: CMU Sphinx (pocketsphinx), an HMM-GMM recogniser. No gradio here.

Not end to end: MFCC features -> Gaussian-mixture acoustic model of ~5000 tied triphone states
-> HMMs through a pronunciation dictionary (words as phone strings) -> a trigram language
model, searched with Viterbi beam search. Each part is built and trained apart; Whisper
learns one network from audio to text. pocketsphinx's bundled model is US English only.
"""

import time
from dataclasses import dataclass

import numpy as np

from apps.asr.audio import SAMPLE_RATE
from shared.models import CACHE, ModelChoice

UTTERANCE_SECONDS = 30  # long audio is decoded in 30 s pieces: the search space stays small
FRAME_SECONDS = 0.01  # pocketsphinx reports word times in 10 ms frames
FILLERS = {"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]", "[BREATH]", "[COUGH]", "[UM]", "[UH]"}


@dataclass
class SphinxResult:
    """text: lower-case words, no punctuation (Sphinx's dictionary has none). words:
    [(start s, end s, word)]. seconds: processing time, model loading excluded."""

    text: str
    words: list[tuple[float, float, str]]
    seconds: float


def load_sphinx(device: str, dtype: str):
    """pocketsphinx's default US-English acoustic model, dictionary and language model."""
    from pocketsphinx import Decoder

    return Decoder(samprate=SAMPLE_RATE, logfn="/dev/null")


SPHINX = ModelChoice("CMU Sphinx · pocketsphinx (embedded)", load_sphinx,
                     about="HMM-GMM, US English, from the pip package pocketsphinx")


def sphinx_transcribe(samples: np.ndarray) -> SphinxResult:
    """float32 16 kHz mono -> SphinxResult."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
    step = UTTERANCE_SECONDS * SAMPLE_RATE
    words, texts = [], []
    with CACHE.use(SPHINX) as decoder:
        start = time.perf_counter()
        for offset in range(0, len(pcm), step):
            decoder.start_utt()
            decoder.process_raw(pcm[offset:offset + step].tobytes(), full_utt=True)
            decoder.end_utt()
            hyp = decoder.hyp()
            if hyp is None:
                continue
            texts.append(hyp.hypstr)
            base = offset / SAMPLE_RATE
            words += [(base + s.start_frame * FRAME_SECONDS, base + s.end_frame * FRAME_SECONDS,
                       s.word.split("(")[0]) for s in decoder.seg() if s.word not in FILLERS]
        seconds = time.perf_counter() - start
    return SphinxResult(" ".join(t for t in texts if t), words, seconds)
