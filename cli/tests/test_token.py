"""``vrs token``: development tokens signed by the data folder's issuer key."""

import subprocess
import sys
from pathlib import Path

import pytest

from vrs_cli.main import main
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.secrets import TOKEN_AUDIENCE, TOKEN_ISSUER, ensure_secrets
from vrs_plumbing.auth import TokenVerifier


def _verifier(data_dir: Path) -> TokenVerifier:
    public = (data_dir / "secrets" / "token-issuer.pub.pem").read_bytes()
    return TokenVerifier(public, issuer=TOKEN_ISSUER, audience=TOKEN_AUDIENCE)


def test_vrs_token_prints_only_a_token_the_services_accept_with_its_role_and_county(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ensure_secrets(data_dir / "secrets")

    code = main(
        ["token", "--role", "county_clerk", "--county", "santa_fe", "--data-dir", str(data_dir)]
    )

    out = capsys.readouterr().out
    assert code == 0
    assert out.count("\n") == 1
    principal = _verifier(data_dir).verify(out.strip())
    assert principal.role == Role.county_clerk
    assert principal.county == County.santa_fe
    assert principal.subject == "dev-county_clerk"


def test_vrs_token_puts_the_given_subject_in_a_statewide_token(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ensure_secrets(data_dir / "secrets")

    code = main(["token", "--role", "sos_admin", "--sub", "ana", "--data-dir", str(data_dir)])

    principal = _verifier(data_dir).verify(capsys.readouterr().out.strip())
    assert code == 0
    assert (principal.role, principal.county, principal.subject) == (Role.sos_admin, None, "ana")


def test_vrs_token_finds_the_data_folder_through_vrs_data_dir(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_secrets(data_dir / "secrets")
    monkeypatch.setenv("VRS_DATA_DIR", str(data_dir))

    assert main(["token", "--role", "auditor"]) == 0

    assert _verifier(data_dir).verify(capsys.readouterr().out.strip()).role == Role.auditor


def test_vrs_token_refuses_a_county_role_without_a_county_with_a_clear_message(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ensure_secrets(data_dir / "secrets")

    code = main(["token", "--role", "county_supervisor", "--data-dir", str(data_dir)])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.strip() == (
        "vrs token: role county_supervisor acts for one county: "
        "add --county COUNTY (e.g. --county santa_fe)"
    )


def test_vrs_token_refuses_a_county_for_a_statewide_role(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ensure_secrets(data_dir / "secrets")

    code = main(["token", "--role", "sos_admin", "--county", "taos", "--data-dir", str(data_dir)])

    assert code == 2
    assert "role sos_admin has no county scope: leave out --county" in capsys.readouterr().err


def test_vrs_token_says_to_run_vrs_up_first_when_the_data_folder_has_no_key(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["token", "--role", "sos_admin", "--data-dir", str(data_dir / "empty")])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith("vrs token: no token issuer key at ")
    assert "run `vrs up` first" in captured.err
    assert "Traceback" not in captured.err


def test_vrs_token_rejects_an_unknown_county_before_anything_else(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["token", "--role", "county_clerk", "--county", "atlantis"])

    assert exit_.value.code == 2
    assert "invalid choice: 'atlantis'" in capsys.readouterr().err


def test_the_vrs_console_script_prints_a_token(data_dir: Path) -> None:
    ensure_secrets(data_dir / "secrets")
    vrs = Path(sys.executable).with_name("vrs")

    done = subprocess.run(
        [str(vrs), "token", "--role", "county_clerk", "--county", "bernalillo"],
        env={"PATH": "/usr/bin:/bin", "VRS_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        check=True,
    )

    assert _verifier(data_dir).verify(done.stdout.strip()).county == County.bernalillo
