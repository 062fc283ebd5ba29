"""Turn a CTranslate2 Whisper model (model.bin, as faster-whisper loads it) back into a
transformers WhisperForConditionalGeneration folder. No gradio here.

Why: the transformers Whisper weights are on the hub only; the embedded tiny.en exists only in
CTranslate2 form. Converting it back lets the benchmark compare the two runtimes on the very
same weights, offline. It inverts ctranslate2/converters/transformers.py (WhisperLoader):
- q, k, v projections were fused into one `linear_0` (k has no bias in Whisper: CTranslate2
  stored zeros there); cross-attention keeps q as `linear_0` and fuses k, v as `linear_1`;
- layer norms are gamma/beta; the output projection is tied to the token embeddings.
The packaged tiny.en stores float16 weights (compute_type="int8" quantises at load time), so
the round trip is exact up to float16. Quantised files (int8 + `weight_scale`) are dequantised.

model.bin layout (ctranslate2/specs/model_spec.py, _serialize): uint32 version, string name,
uint32 revision, uint32 count, then per variable: string name, uint8 rank, uint32 dims,
uint8 dtype id, uint32 byte count, raw bytes; then uint32 alias count and (alias, target)
string pairs. A string is uint16 length (with the trailing NUL) + UTF-8 bytes + NUL.
"""

import json
import re
import struct
from pathlib import Path

import numpy as np

# The order of CTranslate2's DataType enum (include/ctranslate2/types.h); bfloat16 unsupported here.
DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}


def read_ct2(path: Path) -> dict[str, np.ndarray]:
    """model.bin -> {variable name: array}; aliases resolved to their targets' arrays."""
    variables, aliases = {}, {}
    with open(path, "rb") as f:
        def number(fmt):
            return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

        def string():
            return f.read(number("H"))[:-1].decode("utf-8")

        number("I"), string(), number("I")  # binary version, spec name, spec revision
        for _ in range(number("I")):
            name = string()
            shape = [number("I") for _ in range(number("B"))]
            dtype = DTYPES[number("B")]
            variables[name] = np.frombuffer(f.read(number("I")), dtype=dtype).reshape(shape)
        for _ in range(number("I")):
            alias = string()
            aliases[alias] = string()
    variables.update({alias: variables[target] for alias, target in aliases.items()})
    return variables


def _weight(w: dict, name: str) -> np.ndarray:
    """A float32 weight; int8 ones are dequantised with their per-row scale."""
    value = w[name]
    if value.dtype == np.int8:
        scale = w[name.replace("/weight", "/weight_scale")].astype(np.float32)
        return value.astype(np.float32) / scale.reshape(-1, *[1] * (value.ndim - 1))
    return value.astype(np.float32)


def _layers(w: dict, side: str) -> int:
    return len({m.group(1) for k in w if (m := re.match(rf"{side}/layer_(\d+)/", k))})


class _StateDict(dict):
    """transformers tensors filled from CTranslate2 variables `w`, one layer type at a time."""

    def __init__(self, w: dict):
        super().__init__()
        self.w = w

    def put(self, key: str, array: np.ndarray):
        import torch

        self[key] = torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))

    def linear(self, dst: str, src: str):
        self.put(f"{dst}.weight", _weight(self.w, f"{src}/weight"))
        self.put(f"{dst}.bias", self.w[f"{src}/bias"])

    def norm(self, dst: str, src: str):
        self.put(f"{dst}.weight", self.w[f"{src}/gamma"])
        self.put(f"{dst}.bias", self.w[f"{src}/beta"])

    def split(self, dst: str, src: str, names: str):
        """A fused projection (q|k|v or k|v stacked on rows) -> one per name; k has no bias."""
        weight, bias = _weight(self.w, f"{src}/weight"), self.w[f"{src}/bias"]
        size = weight.shape[0] // len(names)
        for i, name in enumerate(names):
            self.put(f"{dst}.{name}_proj.weight", weight[i * size:(i + 1) * size])
            if name != "k":
                self.put(f"{dst}.{name}_proj.bias", bias[i * size:(i + 1) * size])

    def layer(self, dst: str, src: str, cross_attention: bool):
        """One transformer layer: self-attention, [cross-attention,] feed-forward."""
        self.split(f"{dst}.self_attn", f"{src}/self_attention/linear_0", "qkv")
        self.linear(f"{dst}.self_attn.out_proj", f"{src}/self_attention/linear_1")
        self.norm(f"{dst}.self_attn_layer_norm", f"{src}/self_attention/layer_norm")
        if cross_attention:
            self.linear(f"{dst}.encoder_attn.q_proj", f"{src}/attention/linear_0")
            self.split(f"{dst}.encoder_attn", f"{src}/attention/linear_1", "kv")
            self.linear(f"{dst}.encoder_attn.out_proj", f"{src}/attention/linear_2")
            self.norm(f"{dst}.encoder_attn_layer_norm", f"{src}/attention/layer_norm")
        self.linear(f"{dst}.fc1", f"{src}/ffn/linear_0")
        self.linear(f"{dst}.fc2", f"{src}/ffn/linear_1")
        self.norm(f"{dst}.final_layer_norm", f"{src}/ffn/layer_norm")


def state_dict(w: dict) -> dict:
    """CTranslate2 variables -> transformers WhisperForConditionalGeneration state dict."""
    sd = _StateDict(w)
    for i in (1, 2):
        sd.linear(f"model.encoder.conv{i}", f"encoder/conv{i}")
    sd.put("model.encoder.embed_positions.weight", w["encoder/position_encodings/encodings"])
    for i in range(_layers(w, "encoder")):
        sd.layer(f"model.encoder.layers.{i}", f"encoder/layer_{i}", cross_attention=False)
    sd.norm("model.encoder.layer_norm", "encoder/layer_norm")
    sd.put("model.decoder.embed_tokens.weight", _weight(w, "decoder/embeddings/weight"))
    sd.put("model.decoder.embed_positions.weight", w["decoder/position_encodings/encodings"])
    for i in range(_layers(w, "decoder")):
        sd.layer(f"model.decoder.layers.{i}", f"decoder/layer_{i}", cross_attention=True)
    sd.norm("model.decoder.layer_norm", "decoder/layer_norm")
    sd["proj_out.weight"] = sd["model.decoder.embed_tokens.weight"]  # tied, as in Whisper
    return dict(sd)


def whisper_config(w: dict):
    """A WhisperConfig with the sizes read off the weights."""
    from transformers import WhisperConfig

    ffn = w["encoder/layer_0/ffn/linear_0/weight"].shape[0]
    return WhisperConfig(
        vocab_size=w["decoder/embeddings/weight"].shape[0], num_mel_bins=w["encoder/conv1/weight"].shape[1],
        d_model=w["encoder/conv1/weight"].shape[0], encoder_layers=_layers(w, "encoder"),
        decoder_layers=_layers(w, "decoder"), encoder_attention_heads=int(w["encoder/num_heads"]),
        decoder_attention_heads=int(w["decoder/num_heads"]), encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_source_positions=w["encoder/position_encodings/encodings"].shape[0],
        max_target_positions=w["decoder/position_encodings/encodings"].shape[0],
        suppress_tokens=None, begin_suppress_tokens=None)  # they live in the generation config


def convert(ct2_folder: Path, out_folder: Path) -> Path:
    """ct2_folder (model.bin, config.json, tokenizer.json) -> a folder that
    WhisperForConditionalGeneration / WhisperProcessor.from_pretrained read. Returns out_folder."""
    from transformers import WhisperFeatureExtractor, WhisperForConditionalGeneration, WhisperProcessor

    from apps.asr.hf_whisper import generation_config, tokenizer_from_json

    ct2_folder, out_folder = Path(ct2_folder), Path(out_folder)
    weights = read_ct2(ct2_folder / "model.bin")
    ct2_config = json.loads((ct2_folder / "config.json").read_text())
    model = WhisperForConditionalGeneration(whisper_config(weights))
    model.load_state_dict(state_dict(weights), strict=True)
    tokenizer = tokenizer_from_json(ct2_folder / "tokenizer.json")
    multilingual = model.config.vocab_size >= 51865  # .en models have 51864 tokens
    model.generation_config = generation_config(
        tokenizer, multilingual, ct2_config["suppress_ids"], ct2_config["suppress_ids_begin"],
        ct2_config.get("alignment_heads"))
    model.save_pretrained(out_folder)
    processor = WhisperProcessor(feature_extractor=WhisperFeatureExtractor(), tokenizer=tokenizer)
    processor.save_pretrained(out_folder)
    return out_folder
