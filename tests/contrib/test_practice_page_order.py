"""On a phone the columns stack in page order: the key facts and the contact must come before
the long narrative, right after the summary and the photo."""

from tests.factories import PracticePageFactory


def test_key_facts_and_contact_come_before_the_narrative(client, site_tree, contributor, commune):
    page = PracticePageFactory(
        parent=site_tree["index"], owner=contributor, commune=commune, budget=48000, staff_days=30,
        contact_name="Claire Martin", contact_public=True,
    )
    html = client.get(page.url).content.decode()
    facts = html.index("En bref")
    assert html.index(page.summary) < facts
    assert facts < html.index("Claire Martin") < html.index('id="contexte"')
    key_facts = html[facts : html.index('id="contexte"')]
    assert "Budget" in key_facts and "48" in key_facts and "Effort" in key_facts
