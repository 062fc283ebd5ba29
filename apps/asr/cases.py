"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import FOLDER

API = {
    "asr": {"audio": ("audio", FOLDER / "librivox_dashwood.wav"),
            "model": ("model", "Whisper tiny.en · faster-whisper int8 (embedded)"),
            "language": ("choice", "auto"), "compare_sphinx": ("flag", False)},
}
HUB = {"asr": "openai/whisper-tiny · transformers (hub)"}
# Audio shows a waveform: ready once the player knows the clip's length (else a quick click
# would send no audio).
BROWSER = BrowserRun(input="Speech", result="Transcript", button="Transcribe", outputs={"What Whisper sees": "img"}, texts=(r"done\)",),
                     values={"Transcript": "Dashwood"}, loaded=r'time:text-matches("^(?!0:00$)\\d+:\\d\\d$")')
