"""A coordinator logs in with the browser and sees the own municipality's districts."""

import pytest

from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_logs_in_and_sees_malmos_districts(page, botkyrka):
    malmo = factories.malmo()
    factories.coordinator(malmo, username="samordnare.malmo", first_name="Sara", last_name="Lind")
    factories.DistrictFactory(municipality=malmo, name="Rosengård (exempel)")
    factories.DistrictFactory(municipality=malmo, name="Holma (exempel)")
    factories.DistrictFactory(municipality=botkyrka, name="Alby (exempel)")

    log_in(page, "samordnare.malmo")

    assert page.get_by_role("heading", level=1).inner_text().strip() == "Malmö"
    districts = page.get_by_role("region", name="Stadsdelar").or_(
        page.locator("section[aria-labelledby=districts-heading]")
    )
    text = districts.first.inner_text()
    assert "Rosengård (exempel)" in text
    assert "Holma (exempel)" in text
    assert "Alby (exempel)" not in page.content()
