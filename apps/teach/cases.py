"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .model import CHOICES
from .ui import EXAMPLES

PHOTOS = EXAMPLES[0]  # tools.zip: hammer, measuring tape, pliers, scissors
HAMMER = PHOTOS.parents[2] / "clip" / "gallery" / "tools_hammer1.jpg"  # a photo for /teach
MODEL = PHOTOS.parents[3] / "models" / "teach" / "tools_head.safetensors"  # training/train_teach_example.py
EMBEDDED = "EfficientNet-Lite0 (embedded)"
API = {
    "teach_train": {"photos": ("dataset", PHOTOS), "backbone": ("model", EMBEDDED), "optimizer": ("choice", "Adam"),
                    "learning_rate": ("number", 0.01), "epochs": ("number", 5), "augment": ("flag", False),
                    "validation": ("number", 0.25), "seed": ("seed", 0)},
    "teach": {"image": ("image", HAMMER), "model_file": ("model file", MODEL)},
}
HUB = {"teach_train": "ResNet-50 (hub)"}
BROWSER = BrowserRun(input="Photos: a .zip", button="Train", result="Your model", loaded=("Photos: a .zip", "a"),
                     outputs={"Your model": "a", "Your Space": "a"},
                     texts=(r"Baseline, 3 nearest neighbours",))
assert EMBEDDED in [c.name for c in CHOICES]
