from .choices import AttachmentKind, Phase, Programme, SizeBand, size_band_for
from .communes import Commune, Department, Region
from .imports import ImportedPractice
from .pages import (
    PracticeAttachment,
    PracticeFunding,
    PracticeIndexPage,
    PracticeOtherCommune,
    PracticePage,
)
from .people import ContactMessage, ProjectLeadProfile
from .taxonomy import Funder, PracticeTag, Theme, ThemeFeaturedPractice

__all__ = [
    "AttachmentKind", "Phase", "Programme", "SizeBand", "size_band_for",
    "Commune", "Department", "Region", "ImportedPractice",
    "PracticeAttachment", "PracticeFunding", "PracticeIndexPage", "PracticeOtherCommune", "PracticePage",
    "Funder", "PracticeTag", "Theme", "ThemeFeaturedPractice",
    "ContactMessage", "ProjectLeadProfile",
]
