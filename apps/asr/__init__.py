from apps.asr.model import CHOICES
from apps.asr.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="asr",
    title="Speech recognition",
    description=(
        "**Speech to text with Whisper** (lecture: sequence-to-sequence transformers, end-to-end "
        "speech recognition). Upload or record speech in English or Russian. Whisper turns the "
        "sound into a *log-mel spectrogram* (the picture below: what the model sees), encodes it "
        "with a transformer and writes the text token by token, with the language and the "
        "timestamps as tokens too. Compare the English-only *tiny.en* with the multilingual "
        "*base*, let it detect the language, and tick *CMU Sphinx* to see what a classic HMM-GMM "
        "recogniser (separate acoustic model, dictionary and language model) makes of the same audio."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
