"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import EXAMPLES

PHOTO = EXAMPLES[0]
MODEL = "EfficientNet-Lite0 (embedded)"
API = {
    "gradcam": {"image": ("image", PHOTO), "model": ("model", MODEL), "method": ("choice", "GradCAM"),
                "target": ("class name", "top-1"), "layer": ("choice", "")},
    "gradcam_classes": {"image": ("image", PHOTO), "model": ("model", MODEL)},
    "gradcam_layers": {"model": ("model", MODEL)},
}
HUB = {name: "ResNet-50 (hub)" for name in API}
SPECIAL = {("gradcam_classes", "image", "no image"): None}  # no image yet: the class picker offers top-1 only
BROWSER = BrowserRun(button="Explain", outputs={"Heat map": "img"}, texts=("GradCAM for class",))
