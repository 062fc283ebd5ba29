"""Work a tab starts in the background when the app starts (clip embeds its gallery for the hub
model), how far it got (the System tab shows it), and waiting for it with progress and Stop.

    task = background.start("clip-gallery", "CLIP gallery · OpenCLIP ViT-B/32", work)
    # work(progress) does the job, calling progress(done, total) as it goes
    background.wait("clip-gallery", job.progress(progress, "embedding the gallery"))
"""

import threading
import time
from dataclasses import dataclass
from typing import Callable

from shared.errors import one_line


@dataclass
class Task:
    what: str
    done: int = 0
    total: int = 0
    error: str = ""
    finished: bool = False

    def line(self) -> str:
        if self.error:
            return f"{self.what}: failed: {self.error}"
        if self.finished:
            return f"{self.what}: ready"
        return f"{self.what}: {self.done} of {self.total or '?'}"


TASKS: dict[str, Task] = {}


def start(name: str, what: str, work: Callable[[Callable[[int, int], None]], None]) -> Task:
    """Run work(progress) in a daemon thread; TASKS[name] follows it."""
    task = TASKS[name] = Task(what)

    def progress(done: int, total: int):
        task.done, task.total = done, total

    def run():
        try:
            work(progress)
        except Exception as exc:  # shown on the System tab; a search then does the work itself
            task.error = one_line(exc)
        finally:
            task.finished = True

    threading.Thread(target=run, daemon=True, name=f"background-{name}").start()
    return task


def wait(name: str, progress: Callable[[int, int], None] | None = None, poll_s: float = 0.5):
    """Until the task `name` (if one runs) has finished, reporting its progress; progress may
    raise to stop waiting (a Stop button, a time limit)."""
    task = TASKS.get(name)
    while task is not None and not task.finished:
        if progress is not None:
            progress(task.done, max(task.total, 1))
        time.sleep(poll_s)
