"""Every StreamField block of the write-up renders with its template."""

import pytest
from wagtail_factories import ImageFactory

from practices.models.blocks import CaptionedImageBlock, KeyFigureBlock, QuoteBlock


def test_key_figure_block_renders():
    block = KeyFigureBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert "<strong>1 200</strong>" in html and "consultations par mois" in html


def test_quote_block_renders_author_and_role():
    block = QuoteBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert "fr-quote" in html and "Marie Dupont" in html and "maire" in html


@pytest.mark.django_db
def test_image_block_renders_the_contributors_alt_text():
    block = CaptionedImageBlock()
    image = ImageFactory()
    html = block.render(block.to_python({"image": image.pk, "alt": "Des enfants jouent sous un arbre", "caption": "Cour oasis"}))
    assert 'alt="Des enfants jouent sous un arbre"' in html
    assert "<figcaption" in html and "Cour oasis" in html


def test_image_block_requires_alt_text():
    from wagtail.blocks import StructBlockValidationError

    block = CaptionedImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": None, "alt": "", "caption": ""}))
