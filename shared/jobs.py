"""A time bound and a Stop that really stops, for slow jobs. UI layer: asks Gradio's queue
(through shared/gradio_internals.py) whether the job was dropped.

Gradio's Stop button (`cancels=[event]`) and gradio_client's `Job.cancel()` drop a job at
once, and the next request may start. But Gradio can stop a generator only between two
yields, and a plain function not at all: it runs on in its worker thread, holding its
model's lock and the CPU, and the next request waits behind it. So our slow loops are
cooperative: at every step (an Adam step, a denoising step, a batch of images, a forward
pass) they call `job.check()`, which raises JobStopped once the job has run longer than
APP_TIME_LIMIT seconds or Gradio has dropped it. The thread then unwinds through its
`with` blocks, and the model is free for the next request.

    job = Job("RePaint", fix="Use fewer steps or jump samples.")
    run_inpaint(..., on_step=job.progress(progress, "denoising"))
"""

import os
import time

from shared.errors import UserError
from shared.gradio_internals import current_event, is_running

DEFAULT_TIME_LIMIT = 300.0  # seconds


class JobStopped(UserError):
    """The job ran past the time limit, or was cancelled."""


def time_limit() -> float:
    """APP_TIME_LIMIT: how many seconds one job's work may take (read at each job's start)."""
    return float(os.environ.get("APP_TIME_LIMIT") or DEFAULT_TIME_LIMIT)


class Job:
    """One run of a slow handler. Create it inside the handler (it notes which Gradio event it
    serves); call check() from the work loop, in any thread. The clock starts at the first
    check: loading a model happens once per process and cannot be interrupted anyway."""

    def __init__(self, what: str, fix: str = ""):
        self.what, self.fix = what, fix
        self.limit = time_limit()
        self.start = None
        self._events, self._event_id = current_event()

    def cancelled(self) -> bool:
        """True once Gradio has dropped this job's event (Stop, Job.cancel()). Gradio has no
        public flag for it, but its queue's list of running jobs loses the event at once
        (tests/test_jobs.py fails if a Gradio upgrade changes that)."""
        if self._events is None or self._event_id is None:
            return False  # not inside a Gradio event: a test or a script
        return not is_running(self._events, self._event_id)

    def check(self):
        """Raise JobStopped if the job was cancelled or has used up its time."""
        if self.cancelled():
            raise JobStopped(f"{self.what}: cancelled.")
        now = time.monotonic()
        if self.start is None:
            self.start = now
        if now - self.start > self.limit:
            raise JobStopped(f"{self.what} stopped after {now - self.start:.0f} s, the time limit per job "
                             f"(APP_TIME_LIMIT={self.limit:g}). {self.fix}".strip())

    def progress(self, progress, desc: str, unit: str = "steps"):
        """A callback(done, total) for a model loop: moves the progress bar, then checks."""
        def step(done, total):
            progress((done, total), desc=desc, unit=unit)
            self.check()
        return step
