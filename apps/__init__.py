"""The registry: one DemoSpec per tab, in the order the tabs appear.

Explicit on purpose (no auto-discovery): to add your demo, import its SPEC and add one line.
apps/_template is not listed: it is the folder you copy (tests/test_registry.py checks it).
"""

from apps import asr, classify, clip, gradcam, inpaint, segment, style, vae

REGISTRY = [
    classify.SPEC,
    gradcam.SPEC,
    segment.SPEC,
    style.SPEC,
    vae.SPEC,
    inpaint.SPEC,
    asr.SPEC,
    clip.SPEC,
]
