"""A scene is a sequence of steps: what each step needs of the viewer's time, and what it leaves behind.

Pure (no manim), so tests and the caption writers use it without rendering::

    >>> reading_time(PACES["lecture"], items=4)
    2.7
    >>> reading_time(PACES["brisk"], items=4)
    0.9

A ``StepRecord`` is what ``LectureScene.step`` records while a scene plays: the step's words, when
its change began, when the picture was complete, when its hold ended, and the texts on screen. From
those records come the holds, the captions (``captions_vtt``, ``captions_srt``), the deck's pauses
and speaker notes, and the tests that check what a viewer can read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pace:
    """How long a picture stands still after a step: ``hold + per_item × items`` seconds."""

    name: str
    hold: float  # the least a result stays still, in seconds
    per_item: float  # more per product of a worked sum, per number of a new vector
    motion: float  # factor on the animations' own run times


PACES: dict[str, Pace] = {
    # A lecture hall: a student copies the numbers (CLASSROOM.md: ≥ 1.5 s, plus ~0.3 s per item).
    "lecture": Pace("lecture", hold=1.5, per_item=0.3, motion=1.0),
    # For people who pause the video themselves: the first wave's speed.
    "brisk": Pace("brisk", hold=0.5, per_item=0.1, motion=0.8),
}
DEFAULT_PACE = "lecture"


def reading_time(pace: Pace, items: int = 0) -> float:
    """Seconds the picture stays still after a step that showed ``items`` new products or numbers."""
    return round(pace.hold + pace.per_item * max(0, int(items)), 3)


@dataclass
class StepRecord:
    """One step as it played: its words, its times in the video (seconds), and the texts on screen."""

    index: int
    words: str
    items: int
    start: float  # the step's change begins (the previous step's hold has ended)
    shown: float  # the change is complete: the hold begins
    end: float  # the hold ends
    texts: list[str] = field(default_factory=list)  # every Text/MathTex string on screen at ``shown``

    @property
    def hold(self) -> float:
        return self.end - self.shown


def _timestamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def caption_cues(steps: Sequence[StepRecord], duration: float | None = None) -> list[tuple[float, float, str]]:
    """One cue per step, from the step's start to the next step's start (the last to ``duration``).

    Cues follow each other without gaps, so together they cover the video.
    """
    cues = []
    for k, step in enumerate(steps):
        end = steps[k + 1].start if k + 1 < len(steps) else max(step.end, duration or 0.0)
        if end > step.start:
            cues.append((step.start, end, step.words))
    return cues


def captions_vtt(steps: Sequence[StepRecord], duration: float | None = None) -> str:
    """WebVTT captions, one cue per step.

    >>> print(captions_vtt([StepRecord(0, "The sum of the first neuron.", 4, 0.0, 1.0, 3.2)]))
    WEBVTT
    <BLANKLINE>
    1
    00:00:00.000 --> 00:00:03.200
    The sum of the first neuron.
    <BLANKLINE>
    """
    blocks = ["WEBVTT\n"]
    for k, (start, end, words) in enumerate(caption_cues(steps, duration), 1):
        blocks.append(f"{k}\n{_timestamp(start, '.')} --> {_timestamp(end, '.')}\n{_cue_text(words)}\n")
    return "\n".join(blocks)


def captions_srt(steps: Sequence[StepRecord], duration: float | None = None) -> str:
    """SubRip captions, one cue per step (the same cues as ``captions_vtt``)."""
    blocks = []
    for k, (start, end, words) in enumerate(caption_cues(steps, duration), 1):
        blocks.append(f"{k}\n{_timestamp(start, ',')} --> {_timestamp(end, ',')}\n{_cue_text(words)}\n")
    return "\n".join(blocks)


def _cue_text(words: str) -> str:
    """A cue's text: no blank line inside (it would end the cue), no ``-->``."""
    lines = [line.strip() for line in words.replace("-->", "→").splitlines() if line.strip()]
    return "\n".join(lines) or "…"


__all__ = ["DEFAULT_PACE", "PACES", "Pace", "StepRecord", "caption_cues", "captions_srt", "captions_vtt",
           "reading_time"]
