"""The narrative of a write-up: its seven rich-text sections, in reading order, each with the
key the demo content uses. The one definition read by the admin form, the sanitiser, the search
document, the open-data schema and the demo seed."""

SECTIONS = (
    ("context", "contexte"),
    ("objectives", "objectifs"),
    ("actions", "actions"),
    ("results", "resultats"),
    ("difficulties", "difficultes"),
    ("advice", "conseils"),
    ("transferability", "transferabilite"),
)
SECTION_FIELDS = tuple(field for field, _ in SECTIONS)
