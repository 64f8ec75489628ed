"""Rows of an import file, read one at a time so that a 100,000-row file takes bounded memory.

JSON: a list of practices, or the export's object {"meta": …, "practices": [...]}; each row is
decoded on its own (the standard decoder, so NaN and Infinity reach the validator as numbers
it refuses, instead of stopping the file). CSV: the export's header, ";"-separated lists.
"""

import csv
import json
from pathlib import Path

from .export import FORMULA_STARTS, FUNDING_SEPARATOR, LIST_SEPARATOR, SCHEMA

CHUNK = 1 << 20
MAX_ROW_CHARACTERS = 5_000_000  # one row larger than this is not a write-up
csv.field_size_limit(MAX_ROW_CHARACTERS)


class ImportFileError(ValueError):
    """The file as a whole cannot be read (French message, for the operator)."""


class _Stream:
    """Characters of a text file with a cursor, refilled chunk by chunk."""

    def __init__(self, handle):
        self.handle, self.buffer, self.pos, self.eof, self.offset = handle, "", 0, False, 0

    def fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.offset += self.pos
        self.buffer = self.buffer[self.pos:] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer) or not self.fill():
                return self.buffer[self.pos: self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "la fin du fichier"
            raise ImportFileError(f"JSON invalide : « {char} » attendu vers le caractère {self.offset + self.pos}, trouvé « {found} ».")
        self.pos += 1

    def value(self, decoder):
        self.peek()
        while True:
            try:
                value, end = decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if len(self.buffer) - self.pos > MAX_ROW_CHARACTERS:
                    raise ImportFileError(f"JSON invalide vers le caractère {self.offset + self.pos} : un élément dépasse {MAX_ROW_CHARACTERS} caractères.") from error
                if self.fill():
                    continue
                raise ImportFileError(f"JSON invalide vers le caractère {self.offset + error.pos} : {error.msg}.") from error
            # A number or a word may continue past the end of the buffer: decode it again with more text.
            if end == len(self.buffer) and not self.eof and self.fill():
                continue
            self.pos = end
            return value


def _json_rows(handle):
    stream, decoder = _Stream(handle), json.JSONDecoder()
    first = stream.peek()
    if first == "{":
        stream.expect("{")
        while stream.peek() != "}":
            key = stream.value(decoder)
            stream.expect(":")
            if key == "practices":
                if stream.peek() != "[":
                    raise ImportFileError("La clé « practices » doit contenir une liste de retours d'expérience.")
                yield from _json_list(stream, decoder)
                return
            stream.value(decoder)  # "meta" and anything else: read and set aside
            if stream.peek() == ",":
                stream.pos += 1
        raise ImportFileError("Le fichier JSON n'a pas de clé « practices ».")
    if first != "[":
        raise ImportFileError("Le fichier JSON doit contenir une liste de retours d'expérience, ou un objet avec une clé « practices ».")
    yield from _json_list(stream, decoder)


def _json_list(stream, decoder):
    stream.expect("[")
    if stream.peek() == "]":
        return
    while True:
        yield stream.value(decoder)
        if stream.peek() == ",":
            stream.pos += 1
            continue
        stream.expect("]")
        return


def csv_row(raw: dict) -> dict:
    row = {}
    for column in SCHEMA:
        if column.name not in raw:
            continue
        value = (raw[column.name] or "").strip()
        if value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_STARTS:
            value = value[1:]  # the export's guard against spreadsheet formulas (export.neutralise)
        if column.kind == "list":
            row[column.name] = [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
        elif column.kind == "fundings":
            items = []
            for part in filter(None, (p.strip() for p in value.split(LIST_SEPARATOR))):
                funder, _, amount = part.partition(FUNDING_SEPARATOR)
                items.append({"funder": funder.strip(), "amount": amount.strip() or None})
            row[column.name] = items
        elif column.kind in ("figures", "quote"):
            try:
                row[column.name] = json.loads(value) if value else None
            except json.JSONDecodeError:
                row[column.name] = InvalidCell(f"« {column.name} » n'est pas du JSON valide")
        else:
            row[column.name] = value or None
    return row


class InvalidCell:
    """A CSV cell that could not be decoded: the validator reports it with the row."""

    def __init__(self, message):
        self.message = message


def _csv_rows(handle):
    reader = csv.DictReader(handle)
    missing = {"id", "title"} - set(reader.fieldnames or [])
    if missing:
        raise ImportFileError(f"L'en-tête CSV n'a pas la ou les colonnes obligatoires : {', '.join(sorted(missing))}.")
    try:
        for raw in reader:
            yield csv_row(raw)
    except csv.Error as error:
        raise ImportFileError(f"CSV invalide à la ligne {reader.line_num} : {error}.") from error


def iter_rows(path: Path):
    """Every row of the file, in order; ImportFileError when the file as a whole is unreadable."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ImportFileError(f"Type de fichier « {suffix} » non pris en charge : .csv ou .json attendu.")
    try:
        with path.open(encoding="utf-8-sig", newline="" if suffix == ".csv" else None) as handle:
            yield from (_json_rows(handle) if suffix == ".json" else _csv_rows(handle))
    except UnicodeDecodeError as error:
        raise ImportFileError(f"Le fichier n'est pas en UTF-8 (octet {error.start}).") from error
    except OSError as error:
        raise ImportFileError(f"Lecture impossible : {error}.") from error
