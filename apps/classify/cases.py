"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import EXAMPLES

PHOTO = EXAMPLES[0]  # chelsea.jpg, a cat
API = {
    "classify": {"image": ("image", PHOTO), "model": ("model", "EfficientNet-Lite0 (embedded)"),
                 "top_k": ("number", 5)},
}
HUB = {"classify": "ResNet-50 (hub)"}
BROWSER = BrowserRun(
    button="Classify",
    outputs={"Top classes": [("[data-testid=label-output-value]", r"\w"), ("dd.confidence", r"^\d+%$")],
             "What the model sees": "img"},
    texts=(r"ms for preprocessing \+ forward pass",),
)
