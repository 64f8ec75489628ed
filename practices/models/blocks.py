"""StreamField blocks of a write-up: key figures, captioned images, testimony."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Chiffre"), max_length=30, help_text=_("Par exemple « 1 200 » ou « 35 % »."))
    label = blocks.CharBlock(label=_("Ce qu'il mesure"), max_length=120, help_text=_("Par exemple « consultations par mois »."))

    class Meta:
        icon = "order"
        label = _("Chiffre clé")
        template = "practices/blocks/key_figure.html"
        preview_value = {"value": "1 200", "label": "consultations par mois"}
        description = _("Un chiffre qui montre le résultat obtenu.")


class CaptionedImageBlock(blocks.StructBlock):
    """An image with an alt text the contributor must write: the image library's title is not one."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_("Décrivez ce que montre l'image pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "practices/blocks/image.html"
        description = _("Une photo du projet, avec sa description.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation"), max_length=800)
    author = blocks.CharBlock(label=_("Auteur ou autrice"), max_length=120)
    role = blocks.CharBlock(label=_("Fonction"), max_length=160, required=False)

    class Meta:
        icon = "openquote"
        label = _("Témoignage")
        template = "practices/blocks/quote.html"
        preview_value = {"text": "Le projet a changé la vie du centre-bourg.", "author": "Marie Dupont", "role": "maire"}
        description = _("Une citation d'élu, d'habitant ou de partenaire.")
