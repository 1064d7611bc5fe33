"""A one-line text progress bar on stderr for long runs (run(..., progress=True))."""

import sys
import time


class ProgressBar:
    """Called with (steps done, steps in all); redraws at most ten times a second."""

    def __init__(self, label, stream=None, width=30):
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done, total):
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        frac = done / total if total else 1.0
        filled = int(round(frac * self.width))
        elapsed = now - self.start
        left = elapsed * (1 - frac) / frac if frac > 0 else float("nan")
        self.stream.write("\r%s [%s%s] %3.0f%%  %5.1f s left" %
                          (self.label, "#" * filled, "." * (self.width - filled), 100 * frac, left))
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
