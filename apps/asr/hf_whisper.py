"""Whisper through Hugging Face transformers: the hub models (openai/whisper-tiny/base/small),
run with pipeline("automatic-speech-recognition") as a Space would. No gradio here.

Long audio is decoded sequentially, as Whisper was built to (and as faster-whisper does): a 30 s
window, then the next one from where the last segment ended, with its text as context.
transformers does that inside generate() when the whole audio goes in unchunked; its
documentation calls the other way, chunk_length_s=30 (windows decoded apart, their overlaps
merged), experimental for Whisper. generate()'s monitor_progress reports each window as it
starts, which gives the progress bar and Stop. Language detection is done once, on the first 30 s, as
faster-whisper does, so both paths report the same thing: the language and its probability.
"""

import json
import re
from pathlib import Path
from typing import Callable

import numpy as np

from apps.asr.audio import SAMPLE_RATE
from shared.hub import hub_file, is_offline

BEAM_SIZE = 5  # the same beam search as the faster-whisper path: a fair comparison
CHUNK_SECONDS = 30


def load_hf_whisper(repo_id: str, revision: str | None, device: str, dtype: str):
    """A transformers ASR pipeline for a Whisper hub repo (or a local folder with the same
    files: config.json, model.safetensors, generation_config.json, tokenizer and
    preprocessor files, as save_pretrained writes them)."""
    import torch
    from transformers import WhisperForConditionalGeneration, WhisperProcessor, pipeline

    hub_file(repo_id, "config.json", revision)  # offline and not cached: a clear UserError
    local = is_offline() or Path(repo_id).is_dir()
    processor = WhisperProcessor.from_pretrained(repo_id, revision=revision, local_files_only=local)
    torch_dtype = torch.float16 if dtype == "float16" else torch.float32
    model = WhisperForConditionalGeneration.from_pretrained(
        repo_id, revision=revision, local_files_only=local, dtype=torch_dtype, use_safetensors=True).eval()
    return pipeline("automatic-speech-recognition", model=model, tokenizer=processor.tokenizer,
                    feature_extractor=processor.feature_extractor, device=device, dtype=torch_dtype)


def is_multilingual(pipe) -> bool:
    return bool(getattr(pipe.model.generation_config, "is_multilingual", False))


def detect_language(pipe, samples: np.ndarray) -> tuple[str, float]:
    """(language code, probability) from the first 30 s: the decoder's first step after
    <|startoftranscript|>, a softmax over the language tokens only."""
    import torch

    config = pipe.model.generation_config
    features = pipe.feature_extractor(samples[: CHUNK_SECONDS * SAMPLE_RATE], sampling_rate=SAMPLE_RATE,
                                      return_tensors="pt").input_features
    features = features.to(pipe.model.device, pipe.model.dtype)
    start = torch.tensor([[config.decoder_start_token_id]], device=pipe.model.device)
    with torch.no_grad():
        logits = pipe.model(input_features=features, decoder_input_ids=start, use_cache=False).logits[0, -1]
    tokens = list(config.lang_to_id)  # "<|en|>", "<|ru|>", ...
    probs = torch.softmax(logits[[config.lang_to_id[t] for t in tokens]].float(), dim=-1)
    best = int(probs.argmax())
    return tokens[best].strip("<|>"), float(probs[best])


def transcribe_hf(pipe, samples: np.ndarray, language: str | None,
                  on_progress: Callable[[float, float], None] | None = None):
    """-> (language, probability or None when given, [(start s, end s, text)]). The whole audio
    goes through the pipeline at once; on_progress(seconds decoded, seconds in all) is called as
    each 30 s window starts (it may raise to stop: Stop, the time limit)."""
    probability = None
    if not is_multilingual(pipe):
        language = "en"
    elif language is None:
        language, probability = detect_language(pipe, samples)
    generate = {"num_beams": BEAM_SIZE}
    if on_progress is not None:  # (batch, 2): [mel frames done, frames in all], 100 frames a second
        generate["monitor_progress"] = lambda seek: on_progress(float(seek[0, 0]) / 100, float(seek[0, 1]) / 100)
    if is_multilingual(pipe):
        generate.update(language=language, task="transcribe")
    out = pipe({"raw": samples, "sampling_rate": SAMPLE_RATE}, return_timestamps=True,
               generate_kwargs=generate)
    duration = len(samples) / SAMPLE_RATE
    pieces = []
    for chunk in out.get("chunks", []):
        start, end = chunk["timestamp"]
        start = 0.0 if start is None else min(float(start), duration)
        end = duration if end is None else min(float(end), duration)
        pieces.append((start, max(start, end), chunk["text"]))
    return language, probability, pieces


# --- building a transformers Whisper folder from parts (tests, the CTranslate2 conversion) ---


def tokenizer_from_json(path: Path):
    """WhisperTokenizerFast from a bare tokenizer.json (as CTranslate2 model folders carry).

    Its <|...|> control tokens must be registered as special: the tokenizer finds the first
    timestamp token as "the last special id + 1"."""
    from transformers import WhisperTokenizerFast

    added = json.loads(Path(path).read_text(encoding="utf-8"))["added_tokens"]
    specials = [t["content"] for t in added if re.fullmatch(r"<\|[^|]+\|>", t["content"])]
    return WhisperTokenizerFast(tokenizer_file=str(path), additional_special_tokens=specials)


def generation_config(tokenizer, multilingual: bool, suppress: list[int], begin_suppress: list[int],
                      alignment_heads: list | None = None):
    """The GenerationConfig Whisper's generate() needs, its token ids read from the tokenizer
    (the hub's generation_config.json holds the same fields)."""
    from transformers import GenerationConfig

    ids = tokenizer.convert_tokens_to_ids
    end = ids("<|endoftext|>")
    config = GenerationConfig(
        decoder_start_token_id=ids("<|startoftranscript|>"), eos_token_id=end, pad_token_id=end,
        bos_token_id=end, no_timestamps_token_id=ids("<|notimestamps|>"),
        prev_sot_token_id=ids("<|startofprev|>"), max_initial_timestamp_index=50, max_length=448,
        suppress_tokens=suppress, begin_suppress_tokens=begin_suppress, is_multilingual=multilingual,
        return_timestamps=False)
    if alignment_heads:
        config.alignment_heads = [list(h) for h in alignment_heads]
    if multilingual:
        specials = [t for t in tokenizer.all_special_tokens if re.fullmatch(r"<\|[a-z]{2,3}\|>", t)]
        config.lang_to_id = {t: ids(t) for t in specials}
        config.task_to_id = {"transcribe": ids("<|transcribe|>"), "translate": ids("<|translate|>")}
    return config
