"""`gpu` decorator: `spaces.GPU` on a Hugging Face ZeroGPU Space, a plain pass-through elsewhere.

On ZeroGPU a GPU is attached only while a function decorated with spaces.GPU runs.
The `spaces` package is present on Spaces; locally and in CI it usually is not, and then
the decorator must change nothing.
"""

try:
    import spaces

    gpu = spaces.GPU
except ImportError:  # not on a Space

    def gpu(fn=None, **_kwargs):
        """Accepts both @gpu and @gpu(duration=60)."""
        if fn is None:
            return lambda f: f
        return fn
