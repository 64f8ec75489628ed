from communes.models import Commune, Department, Region, SizeBand, size_band_for

from .choices import AttachmentKind, Phase, Programme
from .pages import (
    PracticeAttachment,
    PracticeFunding,
    PracticeIndexPage,
    PracticeOtherCommune,
    PracticePage,
)
from .taxonomy import Funder, PracticeTag, Theme, ThemeFeaturedPractice

# The commune reference is re-exported here because every write-up is placed by it.
__all__ = [
    "AttachmentKind", "Phase", "Programme", "SizeBand", "size_band_for",
    "Commune", "Department", "Region",
    "PracticeAttachment", "PracticeFunding", "PracticeIndexPage", "PracticeOtherCommune", "PracticePage",
    "Funder", "PracticeTag", "Theme", "ThemeFeaturedPractice",
]
