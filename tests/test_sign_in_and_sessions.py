"""Signing in and staying signed in (issue 17): a session is a secret cookie tied to an account, revocable and
expiring; sign-in attempts are paced and logged; account names that read the same are one account; uploads
need a signed-in browser and stay within a quota."""

import datetime as dt

import pytest

from pac_core import accounts, sign_ins, web_sessions
from pac_core.accounts import ADMIN, EDITEUR, LECTEUR, AccountError, Principal
from pac_core.access import WriteRefused, require
from pac_core.http_guard import Guard, UploadQuota
from pac_core.store import Store

PASSWORD = "un mot de passe long"
T0 = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        accounts.add_account(opened, "chef", ADMIN, PASSWORD, by="test")
        accounts.add_account(opened, "julie", EDITEUR, PASSWORD, by="test")
        yield opened


# -- sessions ------------------------------------------------------------------------------------------------
def test_a_session_signs_in_its_account_until_it_expires_and_only_its_hash_is_stored(store):
    chef = accounts.sign_in(store, "chef", PASSWORD)
    token = web_sessions.open_session(store, chef, now=T0)
    assert web_sessions.principal_for(store, token, now=T0 + dt.timedelta(hours=11)) == Principal("chef", ADMIN,
                                                                                                  "password")
    assert web_sessions.principal_for(store, token, now=T0 + dt.timedelta(hours=12, seconds=1)) is None
    assert store.scalar("SELECT count(*) FROM history.web_sessions WHERE token_hash = ?", [token]) == 0
    assert web_sessions.principal_for(store, token + "x", now=T0) is None
    assert web_sessions.principal_for(store, "", now=T0) is None and web_sessions.principal_for(store, None) is None


def test_signing_out_or_disabling_the_account_ends_the_session_at_once(store):
    julie = accounts.sign_in(store, "julie", PASSWORD)
    first, second = web_sessions.open_session(store, julie), web_sessions.open_session(store, julie)
    web_sessions.close_session(store, first)
    assert web_sessions.principal_for(store, first) is None and web_sessions.principal_for(store, second)
    accounts.disable_account(store, "julie", by="chef")
    assert web_sessions.principal_for(store, second) is None
    assert store.scalar("SELECT count(*) FROM history.web_sessions WHERE revoked_at IS NULL") == 0


def test_a_changed_role_counts_at_once_for_an_open_session(store):
    token = web_sessions.open_session(store, accounts.sign_in(store, "julie", PASSWORD))
    accounts.set_role(store, "julie", LECTEUR, by="chef")
    assert web_sessions.principal_for(store, token).role == LECTEUR


def test_a_handoff_code_is_good_once_and_for_a_minute():
    handoff = web_sessions.Handoff(seconds=60)
    code = handoff.issue("secret", now=100.0)
    assert handoff.redeem(code, now=130.0) == "secret"
    assert handoff.redeem(code, now=131.0) is None  # single use
    late = handoff.issue("secret", now=100.0)
    assert handoff.redeem(late, now=161.0) is None and handoff.redeem("inventé", now=100.0) is None


# -- pacing ----------------------------------------------------------------------------------------------------
def test_two_typos_are_free_then_each_failure_doubles_the_wait_up_to_a_minute_then_a_lock():
    assert [sign_ins.wait_seconds(n, T0, T0) for n in range(0, 12)] == \
        [0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 15 * 60, 15 * 60]
    assert sign_ins.wait_seconds(5, T0, T0 + dt.timedelta(seconds=5)) == 3


def _fail(store, when, name="chef", address="10.0.0.9"):
    return sign_ins.attempt(store, name, "pas le bon", address, now=when)


def test_a_paced_attempt_is_refused_before_the_password_is_checked_even_the_right_one(store):
    for second in (0, 1, 2):
        assert _fail(store, T0 + dt.timedelta(seconds=second)).message == "Identifiant ou mot de passe incorrect."
    early = sign_ins.attempt(store, "chef", PASSWORD, "10.0.0.9", now=T0 + dt.timedelta(seconds=3))
    assert early.principal is None and early.message == "Trop d'essais manqués : réessayez dans 1 s."
    later = sign_ins.attempt(store, "chef", PASSWORD, "10.0.0.9", now=T0 + dt.timedelta(seconds=4))
    assert later.principal == Principal("chef", ADMIN, "password")
    assert _fail(store, T0 + dt.timedelta(seconds=5)).message == "Identifiant ou mot de passe incorrect."  # reset


def test_fifty_wrong_passwords_take_hours_not_seconds(store):
    """The attacker tries as soon as allowed: the 10th failure locks for 15 minutes, and each one after it too."""
    now, failures = T0, 0
    while failures < 50:
        attempt = _fail(store, now)
        if attempt.message == "Identifiant ou mot de passe incorrect.":
            failures += 1
        else:
            now += dt.timedelta(seconds=attempt.retry_after)
    elapsed = now - T0
    # 2+4+8+16+32+60+60 s before failures 4 to 10, then 40 locks of 15 min before failures 11 to 50
    assert elapsed == dt.timedelta(seconds=182, minutes=40 * 15)
    assert "bloquée pendant 15 min" in _fail(store, now).message


def test_the_lock_counts_per_address_too_and_every_attempt_is_logged(store):
    for second, name in enumerate(["chef", "julie", "marc", "x1", "x2", "x3", "x4", "x5", "x6", "x7"]):
        _fail(store, T0 + dt.timedelta(minutes=second * 2), name=name)  # ten names, one address, paced
    blocked = sign_ins.attempt(store, "julie", PASSWORD, "10.0.0.9", now=T0 + dt.timedelta(minutes=21))
    assert blocked.principal is None and "bloquée" in blocked.message
    elsewhere = sign_ins.attempt(store, "julie", PASSWORD, "10.0.0.7", now=T0 + dt.timedelta(minutes=22))
    assert elsewhere.principal == Principal("julie", EDITEUR, "password")  # julie herself failed once: a typo, no wait
    log = sign_ins.log(store)
    assert len(log) == 12 and log["outcome"].tolist()[:2] == ["réussie", "bloquée"]
    assert (log["outcome"] == "refusée").sum() == 10


def test_the_same_answer_for_an_unknown_name(store):
    assert _fail(store, T0, name="personne").message == "Identifiant ou mot de passe incorrect."


# -- names ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("twin", ["Chef", "CHEF", "ｃｈｅｆ", "chef "])
def test_an_account_that_reads_the_same_as_another_is_refused(store, twin):
    with pytest.raises(AccountError, match="« chef » existe déjà"):
        accounts.add_account(store, twin, LECTEUR, PASSWORD, by="chef")


def test_a_name_may_be_typed_in_any_case_and_signs_in_the_stored_account(store):
    assert accounts.sign_in(store, "CHEF", PASSWORD) == Principal("chef", ADMIN, "password")


def test_two_such_accounts_left_by_an_older_version_never_stand_for_each_other(store):
    """An older version let « Chef » (lecteur) in beside « chef » (admin): each keeps its own role, and a
    principal named in another case gets no one's rights."""
    with store.transaction() as con:
        con.execute("INSERT INTO history.accounts SELECT 'Chef', 'lecteur', password_hash, created_at, 'ancienne', "
                    "NULL FROM history.accounts WHERE username = 'chef'")
    assert accounts.sign_in(store, "Chef", PASSWORD) == Principal("Chef", LECTEUR, "password")
    assert accounts.sign_in(store, "chef", PASSWORD) == Principal("chef", ADMIN, "password")
    with pytest.raises(WriteRefused, match="lecteur"):
        require(store, Principal("Chef", LECTEUR, "password"), ADMIN, "annuler un import")
    with pytest.raises(WriteRefused, match="n'a plus accès"):
        require(store, Principal("CHEF", LECTEUR, "password"), ADMIN, "annuler un import")


# -- uploads ----------------------------------------------------------------------------------------------------
def _upload_headers(token=None, length=1000):
    headers = [(b"content-length", str(length).encode())]
    if token:
        headers.append((b"cookie", f"_streamlit_xsrf=x; {web_sessions.COOKIE}={token}".encode()))
    return headers


def test_an_upload_needs_a_signed_in_browser_once_accounts_exist(store):
    guard = Guard(app=None, store=lambda: store)
    path = "/_stcore/upload_file/3f0c7d2e-0000-4000-8000-000000000000/fichier1"
    assert guard.check_upload(path, _upload_headers()) == "Connectez-vous à PAC Pilot avant d'envoyer un fichier."
    assert guard.check_upload(path, _upload_headers("inventé")) is not None
    token = web_sessions.open_session(store, accounts.sign_in(store, "julie", PASSWORD))
    assert guard.check_upload(path, _upload_headers(token)) is None
    web_sessions.close_session(store, token)
    assert guard.check_upload(path, _upload_headers(token)) is not None


def test_uploads_stay_within_a_quota_per_session_and_per_account():
    quota = UploadQuota(files_per_session=3, bytes_per_account=100 * 1024 ** 2)
    assert [quota.admit("s1", "julie", 10, now=0.0) for _ in range(3)] == [None, None, None]
    assert "Trop de fichiers" in quota.admit("s1", "julie", 10, now=1.0)
    assert quota.admit("s1", "julie", 10, now=3601.0) is None  # an hour later
    assert quota.admit("s2", "julie", 99 * 1024 ** 2, now=3602.0) is None
    assert "Trop de données" in quota.admit("s3", "julie", 2 * 1024 ** 2, now=3603.0)
    assert quota.admit("s3", "marc", 2 * 1024 ** 2, now=3603.0) is None


def test_behind_a_trusted_proxy_attempts_count_from_the_clients_address_not_the_proxys():
    from pac_core.sign_ins import client_address

    # nginx in front of several servers: every request comes from 127.0.0.1, the client's address is in the header
    assert client_address("127.0.0.1", "203.0.113.7", "127.0.0.1") == "203.0.113.7"
    # what the client wrote itself, further left, is not believed: the proxy's own addition is the last one
    assert client_address("127.0.0.1", "10.0.0.1, 203.0.113.7", "127.0.0.1, ::1") == "203.0.113.7"
    # without PAC_PROXIES, or from an address that is not a proxy, the header is ignored
    assert client_address("127.0.0.1", "203.0.113.7", None) == "127.0.0.1"
    assert client_address("198.51.100.2", "203.0.113.7", "127.0.0.1") == "198.51.100.2"
    assert client_address("127.0.0.1", None, "127.0.0.1") == "127.0.0.1"
