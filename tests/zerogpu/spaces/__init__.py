"""A stand-in for Hugging Face's `spaces` package as it behaves on a ZeroGPU Space, for
tests/test_cpu_space.py: put this folder first on PYTHONPATH and set SPACES_ZERO_GPU=1.

Like spaces 0.51 (spaces/zero/wrappers.py), a decorated function runs "in another process":
its arguments, its result and every value it yields are pickled on the way (an unpicklable
callback fails here as it would there); an exception other than gr.Error reaches the caller
only as gr.Error("ZeroGPU worker error"); closing the caller's generator closes the task's at
its next yield. Every call's duration is appended to $ZEROGPU_LOG as "name seconds".
"""

import inspect
import os
import pickle


def _travel(value):
    return pickle.loads(pickle.dumps(value))


def _worker_error(error: Exception):
    import gradio as gr

    if isinstance(error, gr.Error):
        return error
    return gr.Error(f"ZeroGPU worker error: {type(error).__name__}")


def _log(task, duration, args, kwargs):
    if callable(duration):  # as spaces does: a function of the call's arguments
        duration = round(duration(*args, **kwargs))
    if os.environ.get("ZEROGPU_LOG"):
        with open(os.environ["ZEROGPU_LOG"], "a") as out:
            out.write(f"{task.__qualname__} {duration}\n")


def GPU(task=None, *, duration=None, size=None):
    if task is None:
        return lambda f: GPU(f, duration=duration, size=size)

    if inspect.isgeneratorfunction(task):
        def generator_handler(*args, **kwargs):
            _log(task, duration, args, kwargs)
            args, kwargs = _travel((args, kwargs))
            generator = task(*args, **kwargs)
            while True:
                try:
                    value = next(generator)
                except StopIteration:
                    return
                except Exception as error:
                    raise _worker_error(error) from None
                try:
                    yield _travel(value)
                except GeneratorExit:
                    generator.close()
                    raise
        return generator_handler

    def handler(*args, **kwargs):
        _log(task, duration, args, kwargs)
        args, kwargs = _travel((args, kwargs))
        try:
            return _travel(task(*args, **kwargs))
        except Exception as error:
            raise _worker_error(error) from None
    return handler
