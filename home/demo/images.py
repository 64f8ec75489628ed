"""Illustrations for the demo content, drawn with Pillow so that seeding needs no network."""

import hashlib
import io

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1280, 720


def _hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    if len(value) != 6:
        value = "6a6af4"
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def draw_illustration(title: str, color: str) -> bytes:
    """A landscape-like JPEG: sky gradient, hills, a few houses; stable per title. The title is
    not drawn: cards and pages print it next to the picture."""
    seed = int(hashlib.sha1(title.encode()).hexdigest(), 16)
    base = _hex_to_rgb(color)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(int(c * (1 - t) + 245 * t) for c in base))
    for layer in range(3):
        offset = (seed >> (layer * 8)) % 200
        shade = tuple(max(0, int(c * (0.45 + 0.15 * layer))) for c in (60, 140, 80))
        top = HEIGHT // 2 + layer * 80
        draw.ellipse([-300 + offset, top, WIDTH // 2 + 400 + offset, HEIGHT + 400], fill=shade)
    for i in range(5):
        x = 120 + ((seed >> (i * 5)) % 900)
        y = HEIGHT - 200 + (i % 2) * 30
        draw.rectangle([x, y, x + 90, y + 80], fill=(240, 232, 220))
        draw.polygon([(x - 10, y), (x + 45, y - 50), (x + 100, y)], fill=(170, 60, 50))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
