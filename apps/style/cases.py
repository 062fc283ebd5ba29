"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import FOLDER

PHOTO, PAINTING = FOLDER / "chelsea.jpg", FOLDER / "starry_night.jpg"
API = {
    "style": {"content": ("image", PHOTO), "style_image": ("image", PAINTING), "strength": ("number", 1.0),
              "size": ("number", 256)},
    "style_gatys": {"content": ("image", PHOTO), "style_image": ("image", PAINTING),
                    "model": ("model", "EfficientNet-Lite0 features (embedded)"),
                    "content_weight": ("number", 1.0), "style_weight_log10": ("number", 0.5),
                    "steps": ("number", 10), "size": ("number", 64), "seed": ("seed", 0)},
}
HUB = {"style_gatys": "VGG-19 (hub)"}
BROWSER = BrowserRun(button="Stylise (fast)", outputs={"Fast result": "img"},
                     texts=("for one pass through two networks",))
