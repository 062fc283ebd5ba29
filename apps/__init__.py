"""The registry: one DemoSpec per tab, in the order the tabs appear.

Explicit on purpose (no auto-discovery): `python scripts/new_tab.py <slug>` imports the new
tab and adds its line here. apps/_template is not listed: it is the folder that script copies.
"""

from apps import asr, classify, clip, gradcam, inpaint, segment, style, teach, vae

REGISTRY = [
    classify.SPEC,
    gradcam.SPEC,
    segment.SPEC,
    style.SPEC,
    vae.SPEC,
    inpaint.SPEC,
    asr.SPEC,
    clip.SPEC,
    teach.SPEC,
]
