"""Coordinator accounts: password hashes in a secrets file outside the repository.

The file is TOML, by default ``.streamlit/secrets.toml`` (ignored by git) or the path in
``PASSENDWERK_SECRETS``::

    [coordinators.anna]
    name = "Anna de Vries"
    password_hash = "pbkdf2_sha256$600000$<salt>$<hash>"
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.privacy.sign_in_throttle import SignInThrottle
from graph.settings import REPO_ROOT

ITERATIONS = 600_000
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 12
SIGN_IN_THROTTLE = SignInThrottle()  # one per process: every session of this app replica shares it


class AccountError(ValueError):
    pass


@dataclass(frozen=True)
class Coordinator:
    username: str
    name: str


def secrets_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get("PASSENDWERK_SECRETS") or REPO_ROOT / ".streamlit" / "secrets.toml")


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    encode = base64.urlsafe_b64encode
    return f"pbkdf2_sha256${iterations}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    expected = hash_password(password, base64.urlsafe_b64decode(salt), int(iterations))
    return hmac.compare_digest(expected.split("$")[3], digest)


def _read(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    coordinators = data.get("coordinators", {})
    return coordinators if isinstance(coordinators, dict) else {}


@cache
def _dummy_hash() -> str:
    """A hash of a random password with the accounts' iterations, checked when the name is unknown."""
    return hash_password(secrets.token_urlsafe(16))


def authenticate(username: str, password: str, path: Path | None = None) -> Coordinator | None:
    """The coordinator when the password is right; None otherwise.

    An unknown name costs exactly what a known one does: one password check against a hash of the same
    strength, so the time of a refusal does not tell which names exist.
    """
    accounts = _read(path or secrets_path())
    account = accounts.get(username.strip().lower())
    stored = str(account.get("password_hash", "")) if account else ""
    if not stored.startswith("pbkdf2_sha256$"):
        stored = _dummy_hash()
    if verify_password(password, stored) and account:
        return Coordinator(username.strip().lower(), str(account.get("name", username)))
    return None


def sign_in(
    username: str, password: str, client: str, path: Path | None = None, throttle: SignInThrottle | None = None
) -> Coordinator | None:
    """:func:`authenticate`, throttled per account name and per client (raises ``SignInThrottled``)."""
    throttle = throttle or SIGN_IN_THROTTLE
    throttle.check(username, client)
    found = authenticate(username, password, path)
    if found is None:
        throttle.failed(username, client)
    else:
        throttle.succeeded(username)
    return found


def add_coordinator(username: str, name: str, password: str, path: Path | None = None) -> Path:
    """Create or replace an account; the file keeps every other setting it had."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError("gebruikersnaam: 2–40 tekens, kleine letters, cijfers, '.', '_' of '-' (username)")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"wachtwoord: minstens {MIN_PASSWORD} tekens (password: at least {MIN_PASSWORD} characters)")
    path = path or secrets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    header = f"[coordinators.{username}]"
    # Drop an earlier section for this user, keep the rest of the file as it is.
    text = re.sub(rf"(?ms)^\[coordinators\.{re.escape(username)}\]\n.*?(?=^\[|\Z)", "", text).rstrip()
    section = f"{header}\nname = {json.dumps(name)}\npassword_hash = {json.dumps(hash_password(password))}\n"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text((text + "\n\n" if text else "") + section, encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return path
