"""The baseline for bench/load_test.py's scenarios: the app a student writes first, in one file.

The same two offline models as our classify and asr tabs (EfficientNet-Lite0 from pip, Whisper
tiny.en through faster-whisper), Gradio's defaults everywhere: one queue, each event one call
at a time, PyTorch's and CTranslate2's own thread counts, no caches, no input checks. Its
endpoints take the same arguments as ours (the extra ones are ignored), so one load generator
drives both.

    python bench/naive_app.py --port 7861
"""

import argparse
import sys
from pathlib import Path

import gradio as gr
import torch
from faster_whisper import WhisperModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from apps.asr.fw_whisper import tiny_en_folder  # noqa: E402  (where pip put the weights)
from shared.classifiers import load_efficientnet_lite0  # noqa: E402  (timm + the pip weights)

classifier = load_efficientnet_lite0("cpu", "float32")
whisper = WhisperModel(str(tiny_en_folder()), device="cpu", compute_type="int8")


def classify(image, model=None, top_k=5):
    with torch.no_grad():
        probs = classifier.model(classifier.preprocess(image.convert("RGB"))[None]).softmax(1)[0]
    top = probs.topk(int(top_k))
    return {classifier.labels[i]: float(p) for p, i in zip(top.values, top.indices)}


def asr(audio, model=None, language="auto", compare=False):
    segments, _ = whisper.transcribe(audio, language="en", beam_size=5)
    return " ".join(s.text.strip() for s in segments)


with gr.Blocks() as demo:
    with gr.Tab("classify"):
        image, top_k, model = gr.Image(type="pil"), gr.Number(5), gr.Textbox()
        gr.Button("Classify").click(classify, [image, model, top_k], gr.Label(), api_name="classify")
    with gr.Tab("asr"):
        audio, asr_model, language, compare = gr.Audio(type="filepath"), gr.Textbox(), gr.Textbox(), gr.Checkbox()
        gr.Button("Transcribe").click(asr, [audio, asr_model, language, compare], gr.Textbox(), api_name="asr")

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=7861)
    demo.queue().launch(server_name="127.0.0.1", server_port=parser.parse_args().port)
