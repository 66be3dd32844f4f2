"""Sign-in: guessing is throttled per account and per client, and refusing an unknown name takes as long as
refusing a known one."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.privacy.accounts import ITERATIONS, SIGN_IN_THROTTLE, add_coordinator, authenticate, sign_in
from graph.privacy.sign_in_throttle import SignInThrottle, SignInThrottled
from graph.settings import REPO_ROOT

PASSWORD = "een lang wachtwoord"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def secrets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("accounts") / "secrets.toml"
    add_coordinator("anna", "Anna de Vries", PASSWORD, path)
    return path


@pytest.fixture()
def shared_throttle() -> Iterator[None]:
    SIGN_IN_THROTTLE.reset()
    yield
    SIGN_IN_THROTTLE.reset()


def test_sign_in_is_throttled_per_account_after_five_wrong_passwords(secrets: Path) -> None:
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for attempt in range(5):
        assert sign_in("anna", f"gok {attempt}", f"10.0.0.{attempt}", secrets, throttle) is None
        clock.now += 1
    # From any client, even with the right password: guessing cannot go on while the account waits.
    with pytest.raises(SignInThrottled) as throttled:
        sign_in("Anna ", PASSWORD, "10.9.9.9", secrets, throttle)
    assert 14 * 60 < throttled.value.wait_s <= 15 * 60 and "15 minuten" in str(throttled.value)
    assert "too many failed attempts" in str(throttled.value)
    clock.now += 15 * 60
    assert sign_in("anna", PASSWORD, "10.9.9.9", secrets, throttle) is not None
    for attempt in range(4):  # the right password cleared the count
        assert sign_in("anna", f"gok {attempt}", "10.9.9.9", secrets, throttle) is None


def test_sign_in_is_throttled_per_client_across_names(secrets: Path) -> None:
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for attempt in range(20):
        assert sign_in(f"naam{attempt}", "gok", "192.0.2.7", secrets, throttle) is None
    with pytest.raises(SignInThrottled):
        sign_in("anna", PASSWORD, "192.0.2.7", secrets, throttle)
    assert sign_in("anna", PASSWORD, "192.0.2.8", secrets, throttle) is not None  # another client is not held up


def test_unknown_names_are_throttled_like_known_ones(secrets: Path) -> None:
    for name in ("anna", "niemand"):
        throttle = SignInThrottle(clock=Clock())
        for _ in range(5):
            assert sign_in(name, "gok", "198.51.100.1", secrets, throttle) is None
        with pytest.raises(SignInThrottled):
            sign_in(name, "gok", "198.51.100.2", secrets, throttle)


def test_throttle_memory_is_bounded_when_names_are_sprayed() -> None:
    from graph.privacy import sign_in_throttle

    throttle = SignInThrottle(clock=Clock())
    for attempt in range(sign_in_throttle.MAX_TRACKED + 50):
        throttle.failed(f"naam{attempt}", "203.0.113.1")
    assert len(throttle._failures) <= sign_in_throttle.MAX_TRACKED


def test_unknown_user_takes_as_long_as_a_known_one(secrets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: an unknown name was refused in half the time (or twice the time), which revealed names.

    What a refusal costs is counted as the key derivations it runs, not read from a clock: on a machine shared
    with other work a clock says as much about the neighbours as about the code, and this must hold exactly.
    """

    authenticate("warm-up", "x", secrets)  # the stand-in hash for unknown names is made once per process
    derivations: list[tuple[str, int, int]] = []
    derive = hashlib.pbkdf2_hmac

    def counted(hash_name: str, password: bytes, salt: bytes, iterations: int, dklen: int | None = None) -> bytes:
        derivations.append((hash_name, len(salt), iterations))
        return derive(hash_name, password, salt, iterations, dklen)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counted)
    cost: dict[str, list[tuple[str, int, int]]] = {}
    for name in ("anna", "niemand", "x" * 200, "  Anna  "):
        derivations.clear()
        assert authenticate(name, "een verkeerd wachtwoord", secrets) is None
        cost[name] = list(derivations)
    assert cost["anna"] == [("sha256", 16, ITERATIONS)]
    assert all(work == cost["anna"] for work in cost.values()), cost


def test_too_many_wrong_passwords_in_the_app_lock_the_sign_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, secrets: Path, shared_throttle: None
) -> None:
    monkeypatch.setenv("PASSENDWERK_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("PASSENDWERK_SECRETS", str(secrets))
    review = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    review.switch_page("ui/pages/review.py")
    review.run()
    for attempt in range(6):
        password = PASSWORD if attempt == 5 else f"gok {attempt}"
        review.sidebar.text_input(key="sign_in_username").set_value("anna")
        review.sidebar.text_input(key="sign_in_password").set_value(password)
        review.sidebar.button(key="sign_in_button").click().run()
    assert not review.exception, review.exception
    assert [error.value for error in review.sidebar.error] == [
        "Te veel mislukte aanmeldpogingen. Probeer het over 15 minuten opnieuw."
    ]
    assert any("alleen voor coördinatoren" in info.value for info in review.info)
