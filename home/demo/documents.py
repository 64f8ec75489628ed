"""Replication-kit documents for the demo: small, valid PDF files written by hand (one page of
Helvetica text), so that every demo write-up shows what a cahier des charges, a délibération, a
detailed budget or a bilan to reuse looks like — without a PDF library."""

import zlib

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from practices.models import PracticeAttachment
from practices.models.choices import AttachmentKind

LINE_WIDTH = 88  # characters of 10 pt Helvetica on an A4 page with 2 cm margins


def _escape(text: str) -> bytes:
    # WinAnsiEncoding is close enough to Latin-1 for French; characters outside it become "?".
    data = text.replace("’", "'").replace("œ", "oe").replace("€", "EUR").encode("latin-1", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrap(text: str) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > LINE_WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A one-page PDF 1.4: the title in bold, then the paragraphs, wrapped."""
    ops = [b"BT", b"/F2 14 Tf", b"56 780 Td", b"(" + _escape(title) + b") Tj", b"/F1 10 Tf", b"0 -26 Td"]
    for paragraph in paragraphs:
        for line in _wrap(paragraph) or [""]:
            ops += [b"(" + _escape(line) + b") Tj", b"0 -14 Td"]
        ops.append(b"0 -6 Td")
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + _escape(title) + b") /Producer (Partager pour innover, demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _money(value) -> str:
    return f"{value:,}".replace(",", " ") + " EUR" if value else "à préciser"


def _contents(kind: str, page) -> tuple[str, list[str]]:
    commune = page.commune.name if page.commune_id else "la commune"
    year = page.start_year or 2024
    if kind == AttachmentKind.SPECIFICATIONS:
        return f"Cahier des charges - {page.title}", [
            f"Maître d'ouvrage : commune de {commune}. Programme Petites villes de demain.",
            f"1. Objet. {page.summary}",
            "2. Contexte. Le présent cahier des charges précise les besoins de la collectivité, le périmètre de "
            "la mission, les livrables attendus et les critères de choix du prestataire.",
            "3. Prestations attendues. Diagnostic partagé avec les habitants et les partenaires ; scénarios "
            "chiffrés ; plan d'action et calendrier ; accompagnement de la mise en oeuvre.",
            "4. Livrables. Rapport de diagnostic, note de scénarios, plan d'action, supports de concertation.",
            "5. Critères de jugement des offres. Valeur technique 60 %, prix 30 %, délais 10 %.",
            f"6. Calendrier. Consultation au premier trimestre {year}, démarrage de la mission au deuxième trimestre.",
        ]
    if kind == AttachmentKind.DELIBERATION:
        return f"Délibération du conseil municipal de {commune}", [
            f"Séance du conseil municipal - année {year}. Extrait du registre des délibérations.",
            f"Objet : {page.title}.",
            f"Le maire expose au conseil le projet : {page.summary}",
            f"Le plan de financement prévisionnel s'élève à {_money(page.budget)}, avec le concours des partenaires "
            "du programme Petites villes de demain.",
            "Après en avoir délibéré, le conseil municipal, à l'unanimité : approuve le projet et son plan de "
            "financement ; autorise le maire à solliciter les subventions correspondantes et à signer tout "
            "document s'y rapportant.",
            "Fait et délibéré les jour, mois et an susdits. Pour extrait conforme, le maire.",
        ]
    if kind == AttachmentKind.BUDGET:
        lines = [f"Commune de {commune} - budget prévisionnel et plan de financement.", "Dépenses :"]
        total = page.budget or 100000
        for label, share in (("Études et maîtrise d'oeuvre", 12), ("Travaux et équipements", 70), ("Animation et communication", 8), ("Imprévus", 10)):
            lines.append(f"- {label} : {_money(total * share // 100)} ({share} %)")
        lines.append("Recettes :")
        fundings = list(page.fundings.all())
        for funding in fundings:
            lines.append(f"- {funding.funder.name} : {_money(funding.amount)}")
        lines.append(f"- Autofinancement de la commune : le solde. Total : {_money(total)}.")
        return f"Budget détaillé - {page.title}", lines
    return f"Bilan - {page.title}", [
        f"Bilan établi par la commune de {commune} pour les partenaires du projet.",
        f"Rappel du projet. {page.summary}",
        "Ce qui a fonctionné : l'association des habitants dès le diagnostic, un pilotage resserré, des "
        "partenaires financeurs engagés tôt.",
        "Ce qui a freiné : des délais administratifs plus longs que prévu, la mobilisation des bénévoles dans la durée.",
        "Indicateurs suivis : fréquentation, satisfaction des usagers, coût de fonctionnement annuel.",
        "Suites envisagées : pérenniser le dispositif et partager l'expérience avec les communes voisines.",
    ]


KIT = [AttachmentKind.SPECIFICATIONS, AttachmentKind.DELIBERATION, AttachmentKind.BUDGET, AttachmentKind.OTHER]


def kinds_for(slug: str) -> list[str]:
    """Two kinds of document per write-up, spread over the demo (stable from one run to the next)."""
    start = zlib.crc32(slug.encode()) % len(KIT)
    return [KIT[start], KIT[(start + 1) % len(KIT)]]


def demo_attachments(page) -> list[PracticeAttachment]:
    """Documents created in Wagtail's library, as attachments for the page's replication kit.
    Call after the page's fundings are set (the budget lists them)."""
    Document = get_document_model()
    attachments = []
    for kind in kinds_for(page.slug):
        title, paragraphs = _contents(kind, page)
        document = Document(title=title)
        document.file.save(f"{page.slug[:60]}-{kind.replace('_', '-')}.pdf", ContentFile(pdf_bytes(title, paragraphs)), save=False)
        if hasattr(document, "_set_document_file_metadata"):
            document._set_document_file_metadata()
        document.save()
        attachments.append(PracticeAttachment(kind=kind, document=document))
    return attachments
