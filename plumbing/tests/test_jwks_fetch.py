"""A service learns the issuer's keys from its JWKS endpoint (a real local HTTP server here):
once for a key it does not know, and not again and again for made-up ``kid`` values."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import TokenVerifier, mint_token, new_signing_key, public_jwk
from vrs_plumbing.jwks import JwksKeys

PRIVATE, PUBLIC = new_signing_key()
JWK = public_jwk(PUBLIC)


class Issuer(ThreadingHTTPServer):
    fetches = 0


class JwksHandler(BaseHTTPRequestHandler):
    server: Issuer

    def do_GET(self) -> None:
        self.server.fetches += 1
        body = json.dumps({"keys": [{**JWK, "use": "sig"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        return


@pytest.fixture
def issuer() -> Iterator[Issuer]:
    server = Issuer(("127.0.0.1", 0), JwksHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


async def test_an_unknown_kid_fetches_the_jwks_once_and_made_up_ones_do_not_flood_it(
    issuer: Issuer,
) -> None:
    verifier = TokenVerifier(None, issuer="vrs-dev", audience="vrs")
    keys = JwksKeys(
        f"http://127.0.0.1:{issuer.server_address[1]}/.well-known/jwks.json",
        verifier,
        timeout_seconds=5,
    )
    try:
        token = mint_token(PRIVATE, role=Role.operator, subject="op", key_id=JWK["kid"])
        await keys.ensure_key_for(token)
        assert verifier.verify(token).subject == "op"
        await keys.ensure_key_for(token)
        assert issuer.fetches == 1

        for n in range(3):
            await keys.ensure_key_for(
                mint_token(PRIVATE, role=Role.operator, key_id=f"made-up-{n}")
            )
        assert issuer.fetches == 1
    finally:
        await keys.close()
