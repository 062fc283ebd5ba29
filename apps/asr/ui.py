"""The `asr` tab: components and events. Plain Gradio; the model code is in model.py (Whisper),
sphinx.py (the HMM-GMM baseline), features.py (the spectrogram) and stream.py (live mode)."""

import time
from pathlib import Path

import gradio as gr

from apps.asr.audio import is_silent, level_dbfs, load_audio
from apps.asr.features import log_mel, spectrogram_image
from apps.asr.model import BASE, CHOICES, LANGUAGES, TINY_EN, transcribe
from apps.asr.sphinx import sphinx_transcribe
from apps.asr.stream import live_step
from shared.ui import Job, Link, localize, model_picker, settings, t, warn

FOLDER = Path(__file__).parent / "examples"
# (file, model, language); the first row is what the end-to-end test clicks.
ROWS = [("librivox_dashwood.wav", TINY_EN, "auto"), ("russian_festival.ogg", BASE, "auto"),
        ("harvard_flite_44k_stereo.mp3", TINY_EN, "en"), ("librivox_amiable.wav", BASE, "en")]
EXAMPLES = [FOLDER / name for name, _, _ in ROWS]
SEGMENT_HEADERS = ["start (s)", "end (s)", "text"]
UPDATE_EVERY = 1.0  # seconds between partial results sent to the page on long audio


def asr(audio, model, language="auto", compare_sphinx=False, progress=gr.Progress()):
    """Speech recognition with Whisper: audio in, the transcript with timed segments out.

    Args:
        audio: the recording, any format, rate and channels.
        model: which Whisper; the default works offline.
        language: "auto", "en" or "ru".
        compare_sphinx: also transcribe with CMU Sphinx (an HMM-GMM recogniser), for comparison.
    Returns:
        partial transcripts while it works, then the transcript, its segments [start, end, text], the log-mel spectrogram Whisper sees, Sphinx's transcript (or ""), and one info line.
    """
    sound = load_audio(audio)
    picture = spectrogram_image(log_mel(sound.samples))
    if is_silent(sound.samples):
        message = localize(f"No speech found: the audio is silent (level {level_dbfs(sound.samples):.0f} dBFS "
                           f"over {sound.seconds:.1f} s). Check the microphone or the file.")
        gr.Warning(message)
        yield "", [], picture, "", f"**{message}**"
        return
    yield "", [], picture, "", localize(f"Transcribing {sound.seconds:.1f} s of audio ({sound.source})...")
    progress(0, desc=localize("loading the model"))
    job = Job("Transcription", fix="Transcribe a shorter part, or use Whisper tiny.en (the fastest).")
    shown = time.monotonic()

    def transcribed(done: float, total: float):
        """The progress bar, then Stop and APP_TIME_LIMIT: as each 30 s window starts (the
        transformers path) and between two segments (every report)."""
        progress(done / max(total, 1e-9), desc=localize(f"transcribing: {done:.0f} s of {total:.0f} s"))
        job.check()

    for report in transcribe(sound.samples, model, language, on_progress=transcribed):
        transcribed(report.progress * report.audio_seconds, report.audio_seconds)
        if not report.done and time.monotonic() - shown > UPDATE_EVERY:
            shown = time.monotonic()
            yield report.text, segment_rows(report), picture, "", info(report, sound)
    sphinx_text, sphinx_line = "", ""
    if compare_sphinx:
        progress(1.0, desc=localize("CMU Sphinx: decoding"))
        result = sphinx_transcribe(sound.samples)
        sphinx_text = result.text or localize("(no words recognised)")
        sphinx_line = localize(f"\n\n**CMU Sphinx** (HMM-GMM, US English): {result.seconds:.2f} s, "
                               f"RTF {result.seconds / sound.seconds:.2f}.")
        if report.language != "en":
            sphinx_line += localize(" Its model knows English words only: on other languages it writes "
                                    "English look-alikes.")
    if not report.text:
        warn("No speech found: Whisper heard no words in this audio.")
    yield report.text, segment_rows(report), picture, sphinx_text, info(report, sound) + sphinx_line


def segment_rows(report) -> list[list]:
    return [[s.start, s.end, s.text] for s in report.segments]


def info(report, sound) -> str:
    """Markdown: speed, language, and how the input was read."""
    speed = f"{1 / report.rtf:.1f}x faster than real time" if report.rtf > 0 else ""
    if not report.multilingual:
        language = "English (the only language this model knows)"
    elif report.probability is None:
        language = f"{LANGUAGES.get(report.language, report.language)} (as chosen)"
    else:
        language = (f"{LANGUAGES.get(report.language, report.language)} (detected, "
                    f"probability {report.probability:.2f})")
    state = "done" if report.done else f"{report.progress:.0%} so far"
    words = "" if report.text else " **No speech found.**"
    return localize(f"**{report.model}** ({report.backend}, {state}): {report.audio_seconds:.1f} s of audio in "
                    f"{report.seconds:.2f} s, real-time factor {report.rtf:.2f} (processing time / audio "
                    f"time; {speed}; model loading excluded).{words}\n\n"
                    f"Language: {language}. Input: {sound.source}, read as 16 kHz mono.")


def live(state, chunk):
    """Microphone stream event: one chunk (sample rate, int16 samples) -> (state, live text)."""
    if chunk is None:
        return state, state.text if state else ""
    sample_rate, data = chunk
    state = live_step(state, sample_rate, data)
    return state, state.text


def build_ui():
    with gr.Row():
        with gr.Column():
            audio = gr.Audio(sources=["upload", "microphone"], type="filepath",
                             label=t("Speech (upload a file or record)"))
            with gr.Row():
                button = gr.Button(t("Transcribe"), variant="primary", scale=3)
                stop = gr.Button(t("Stop"), variant="stop", scale=1, min_width=80)
            language = gr.Dropdown([(t(name), code) for code, name in LANGUAGES.items()], value="auto",
                                   label=t("Language"), info=t("tiny.en knows English only"))
            model = model_picker(CHOICES)
            with settings():
                compare = gr.Checkbox(False, label=t("Also run CMU Sphinx (pocketsphinx, HMM-GMM) to compare"))
        with gr.Column():
            transcript = gr.Textbox(label=t("Transcript"), lines=4, buttons=["copy"], interactive=False,
                                    elem_classes="result")
            info_box = gr.Markdown()
            spectrogram = gr.Image(label=t("What Whisper sees: log-mel spectrogram, 80 mel bands (low at the "
                                           "bottom) x 100 frames per second, first 30 s"), interactive=False,
                                   format="png", height=200)
            sphinx_box = gr.Textbox(label=t("CMU Sphinx transcript (when asked for)"), lines=2,
                                    interactive=False)
    # visible_columns: the table would show the language's raw translation key (Gradio 6.31)
    examples = gr.Examples([[str(FOLDER / f), m, lang] for f, m, lang in ROWS], inputs=[audio, model, language],
                label=t("Examples (click one, then Transcribe)"), visible_columns=[0, 1])
    segments = gr.Dataframe(headers=SEGMENT_HEADERS, label=t("Segments with timestamps"), interactive=False,
                            wrap=True, max_height=300)
    transcribing = button.click(asr, [audio, model, language, compare],
                                [transcript, segments, spectrogram, sphinx_box, info_box], api_name="asr",
                                concurrency_limit=2)
    stop.click(None, None, None, cancels=[transcribing])  # keeps the text so far
    with gr.Accordion(t("Live transcription while you speak (microphone, Whisper tiny.en)"), open=False):
        gr.Markdown(t("Every second the recent audio is transcribed again, so the last words may "
                      "change; after about 15 s the older part is fixed. English only, up to 2 minutes."))
        mic = gr.Audio(sources=["microphone"], streaming=True, type="numpy", label=t("Microphone (live)"))
        live_text = gr.Textbox(label=t("Live transcript"), lines=4, interactive=False)
        state = gr.State(None)
    mic.start_recording(lambda: (None, ""), None, [state, live_text], api_visibility="private")
    mic.stream(live, [state, mic], [state, live_text], stream_every=1.0, time_limit=120,
               concurrency_limit=2, api_visibility="private")
    return Link(examples, model, None, button)  # what a deep link may set (shared/links.py)
