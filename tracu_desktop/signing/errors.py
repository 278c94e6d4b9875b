"""The signing package's user-facing errors (messages in Vietnamese), for the CLI."""

from __future__ import annotations

from tracu_desktop.signing.appearance import AppearanceError
from tracu_desktop.signing.signer import SignerError
from tracu_desktop.signing.trust import TrustError
from tracu_desktop.signing.verify import VerifyError

SIGNING_ERRORS: tuple[type[Exception], ...] = (
    AppearanceError,
    SignerError,
    TrustError,
    VerifyError,
)
