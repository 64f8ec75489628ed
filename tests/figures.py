"""Figures the tests measure (relevance, request counts, fuzzing volume…), printed in the
run's summary: pytest captures print(), so a figure printed by a passing test is never seen."""

FIGURES: list[str] = []


def report(line: str) -> None:
    FIGURES.append(line.strip())
