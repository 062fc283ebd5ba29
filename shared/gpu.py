"""`gpu` decorator: a GPU for the duration of the call on a Hugging Face ZeroGPU Space; elsewhere
the function is called as it is.

On ZeroGPU a GPU is attached only while a function decorated with `spaces.GPU` runs, and it runs
in another process: `spaces` pickles its arguments, its result and every value it yields, and an
exception other than `gr.Error` reaches the caller only as "ZeroGPU worker error". Two of our
habits break there, so on ZeroGPU this decorator changes how the call travels:

- Callbacks (a progress bar, a Stop button's `job.check`) cannot be pickled. Name those
  arguments in `callbacks=`: they stay here, in the caller's process, and the GPU process sends
  back a message each time the work calls them. When a callback raises (Stop, a time limit),
  the work stops at its next call.
- Our `UserError` ("the image is empty") travels back as a value and is raised here, with its
  message intact.

    @gpu(duration=120, callbacks=("on_step",))
    def stable_diffusion(image, mask, ..., on_step=None): ...

Elsewhere (a laptop, CI, a CPU Space) `gpu` returns the function unchanged.
"""

import inspect
import os
import queue
import threading
from contextlib import closing
from functools import wraps

try:
    import spaces
except ImportError:  # not on a Space
    spaces = None

# What `spaces` itself reads to decide that this is a ZeroGPU Space.
ZERO_GPU = spaces is not None and os.environ.get("SPACES_ZERO_GPU", "").lower() in ("1", "t", "true")


def gpu(fn=None, *, duration: int = 60, callbacks: tuple[str, ...] = ()):
    """@gpu or @gpu(duration=..., callbacks=(argument names,)). duration: the seconds a call may
    take on ZeroGPU (it is stopped after that; a longer one waits longer in the queue), or a
    function of the call's arguments that returns them."""
    if fn is None:
        return lambda f: gpu(f, duration=duration, callbacks=callbacks)
    if not ZERO_GPU:
        return fn

    def on_gpu(*args, **kwargs):  # runs in the GPU process; yields messages (kind, value)
        yield from _messages(fn, callbacks, args, kwargs)

    on_gpu.__name__, on_gpu.__qualname__ = fn.__name__, fn.__qualname__  # for ZeroGPU's logs
    remote = spaces.GPU(on_gpu, duration=duration)
    signature = inspect.signature(fn)

    def messages(args, kwargs):
        bound = signature.bind(*args, **kwargs)
        given = {name: bound.arguments.pop(name, None) for name in callbacks}
        stream = remote(*bound.args, **bound.kwargs)
        try:
            for kind, value in stream:
                if kind == "report":
                    name, info = value
                    if given[name] is not None:
                        given[name](*info)  # may raise: closing the stream stops the work
                elif kind == "error":
                    raise value
                else:
                    yield kind, value
        finally:
            stream.close()

    if inspect.isgeneratorfunction(fn):
        @wraps(fn)
        def call_generator(*args, **kwargs):
            for kind, value in messages(args, kwargs):
                if kind == "item":
                    yield value
        return call_generator

    @wraps(fn)
    def call(*args, **kwargs):
        for _kind, value in messages(args, kwargs):
            return value  # the only message left is ("done", result)
    return call


class _Stopped(Exception):
    """The caller stopped listening (a callback raised, or it closed the stream)."""


def _messages(fn, callbacks, args, kwargs):
    """In the GPU process: run fn in a thread, with each callback replaced by one that reports
    its call; yield ("report", (name, args)) and ("item", value) as they come, each time waiting
    until the caller asks for more, then ("done", result) or ("error", exception)."""
    inbox, go_on = queue.Queue(), queue.Queue()

    def send(kind, value):
        inbox.put((kind, value))
        if not go_on.get():  # False: the caller stopped listening
            raise _Stopped

    def work():
        try:
            reporters = {name: lambda *info, name=name: send("report", (name, info)) for name in callbacks}
            result = fn(*args, **kwargs, **reporters)
            if inspect.isgenerator(result):
                with closing(result):
                    for item in result:
                        send("item", item)
                result = None
            inbox.put(("done", result))
        except _Stopped:
            pass
        except Exception as error:  # a value, so that its message survives the trip back
            inbox.put(("error", error))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        while True:
            kind, value = inbox.get()
            yield kind, value
            if kind in ("done", "error"):
                return
            go_on.put(True)
    finally:
        go_on.put(False)
        thread.join()
