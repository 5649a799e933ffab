"""Backups restore to an equal database (issue 9): scripts/backup, scripts/restore, scripts/check-restore.

PostgreSQL only (pg_dump/pg_restore); skipped with the reason on SQLite.
"""

import io
import os
import subprocess

import psycopg
import pytest

from .conftest import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(leave_request):
    """A small world with a leave request, its case, audit trail and ledger rows, all committed."""
    return leave_request


def test_a_restored_backup_equals_the_original_table_by_table(records, database_url, check_restore):
    report = io.StringIO()
    assert check_restore.check_restore(database_url, out=report) == 0, report.getvalue()
    text = report.getvalue()
    assert "OK: the restored database equals the original" in text
    fp = check_restore.fingerprint(database_url)
    assert fp["table workflow_auditevent"][0] == 1 and fp["table leave_balanceentry"][0] >= 1
    assert fp["table org_person"][0] == 8


def test_check_restore_notices_a_copy_that_differs_by_one_field(records, database_url, check_restore, tmp_path):
    dump = tmp_path / "world.dump"
    check_restore.dump(database_url, dump)
    copy = check_restore.database_of(database_url) + "_differs"  # one per pytest worker
    copy_url = check_restore.restore(database_url, dump, copy)
    try:
        with psycopg.connect(copy_url, autocommit=True) as conn:
            conn.execute("UPDATE org_person SET name = '改過的名字' WHERE id = (SELECT min(id) FROM org_person)")
        diff = check_restore.differences(check_restore.fingerprint(database_url), check_restore.fingerprint(copy_url))
    finally:
        check_restore.drop(database_url, copy)
    assert len(diff) == 1 and diff[0].startswith("table org_person:")


def test_the_backup_and_restore_scripts_round_trip_the_database_and_the_media(
        records, database_url, check_restore, tmp_path):
    media = tmp_path / "media"
    (media / "leave").mkdir(parents=True)
    (media / "leave" / "證明.pdf").write_bytes(b"%PDF-1.4 test")
    env = {**os.environ, "DATABASE_URL": database_url + "?conn_max_age=600", "MEDIA_ROOT": str(media)}
    out = subprocess.run([ROOT / "scripts" / "backup", tmp_path / "backups"], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    dump = next(f for f in out if f.endswith(".dump"))
    tarball = next(f for f in out if f.endswith(".tgz"))
    target = check_restore.database_of(database_url) + "_restored"  # one per pytest worker
    check_restore.drop(database_url, target)
    try:
        subprocess.run([ROOT / "scripts" / "restore", dump, target, tarball, tmp_path / "restored-media"], env=env,
                       capture_output=True, text=True, check=True)
        restored_url = check_restore.with_database(database_url, target)
        assert check_restore.differences(check_restore.fingerprint(database_url),
                                         check_restore.fingerprint(restored_url)) == []
        assert (tmp_path / "restored-media" / "media" / "leave" / "證明.pdf").read_bytes() == b"%PDF-1.4 test"
        # restoring over an existing database is refused
        again = subprocess.run([ROOT / "scripts" / "restore", dump, target], env=env, capture_output=True, text=True)
        assert again.returncode == 1 and "already exists" in again.stderr
    finally:
        check_restore.drop(database_url, target)
