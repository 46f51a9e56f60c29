"""The data layer: models, loading, EDTF dates, conflict detection and export. Never imports Textual."""

from .bundled import bundled_story_path
from .dates import DateSpan, EdtfError, parse_date
from .loader import LoadedStory, Problem, StoryLoadError, load_story, loads_story
from .models import (
    Bound,
    Claim,
    ConflictStatus,
    CuratedConflict,
    DateValue,
    Event,
    EventStatus,
    KeyPoint,
    QuantityValue,
    Rank,
    Source,
    SourceKind,
    Story,
    StoryFile,
    TextValue,
)
from .words import describe_date, describe_value

__all__ = [
    "Bound",
    "Claim",
    "ConflictStatus",
    "CuratedConflict",
    "DateSpan",
    "DateValue",
    "EdtfError",
    "Event",
    "EventStatus",
    "KeyPoint",
    "LoadedStory",
    "Problem",
    "QuantityValue",
    "Rank",
    "Source",
    "SourceKind",
    "Story",
    "StoryFile",
    "StoryLoadError",
    "TextValue",
    "bundled_story_path",
    "describe_date",
    "describe_value",
    "load_story",
    "loads_story",
    "parse_date",
]
