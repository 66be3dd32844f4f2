"""Two app replicas against one SPARQL server: partners submit at the same moment on different replicas, a
coordinator reviews on either, and both replicas show the result. Real app servers (`python -m ui.serve`), a
real Oxigraph server, a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from graph.intake.setup import initialise
from graph.intake.submissions import submissions
from graph.model.viewer import COMMAND_LINE
from graph.privacy.accounts import add_coordinator
from graph.settings import Settings
from graph.store.atlas import Atlas

from .browser import (
    CHROMIUM,
    OUTPUT,
    PASSWORD,
    fill_form,
    launch_chromium,
    open_page,
    received_code,
    running_app,
    sign_in_and_approve,
)
from .conftest import SEED, ServerPool, fresh_server_atlas, reference_dir

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def replicas(server_pool: ServerPool, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    atlas = fresh_server_atlas(server_pool, "oxigraph", None, reference_dir())
    initialise(atlas, seed=SEED)
    secrets = tmp_path_factory.mktemp("replicas") / "secrets.toml"
    add_coordinator("anna", "Anna de Vries", PASSWORD, secrets)
    with ExitStack() as apps:
        urls = [apps.enter_context(running_app(atlas.settings.store, str(secrets))) for _ in range(2)]
        yield atlas.settings.store, urls


def test_two_replicas_share_one_server_and_lose_nothing(replicas: tuple[str, list[str]]) -> None:
    from playwright.sync_api import sync_playwright

    store, (first, second) = replicas
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page_one = browser.new_page(viewport={"width": 1400, "height": 1000})
        page_two = browser.new_page(viewport={"width": 1400, "height": 1000})
        fill_form(page_one, first, "Stichting Eerste Replica", "Het verhaal van Stichting Eerste Replica.")
        fill_form(page_two, second, "Stichting Tweede Replica", "Het verhaal van Stichting Tweede Replica.")
        # both forms are sent before either answer is read: two app processes write at the same time
        page_one.get_by_role("button", name="Versturen").click()
        page_two.get_by_role("button", name="Versturen").click()
        code_one, code_two = received_code(page_one), received_code(page_two)
        assert code_one != code_two

        # each replica's coordinator approves the submission that arrived through the other replica
        sign_in_and_approve(page_one, first, code_two)
        sign_in_and_approve(page_two, second, code_one)
        page_two.screenshot(path=str(OUTPUT / "replicas-review.png"))

        for page, server in ((page_one, first), (page_two, second)):
            open_page(page, server, "/organisation?org=bibliotheek-weesp", "Bibliotheek Weesp")
            shown = page.locator("[data-testid='stMain']").inner_text()
            assert "Stichting Eerste Replica" in shown and "Stichting Tweede Replica" in shown
        browser.close()

    atlas = Atlas.open(Settings(store=store))
    states = {row["code"]: row["state"] for row in submissions(atlas, viewer=COMMAND_LINE)}
    assert states == {code_one: "approved", code_two: "approved"}
