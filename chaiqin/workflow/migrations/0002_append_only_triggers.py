"""The audit trail and the leave ledger are append-only in the database too (PostgreSQL).

The models already refuse save-on-existing, delete, and queryset update/delete/bulk_update/upsert;
these triggers refuse UPDATE and DELETE of workflow_auditevent and leave_balanceentry for any
client of the database (raw SQL, psql, another program). INSERT is untouched. TRUNCATE (table
owner only; the test runner's flush) is not a row change and is not guarded.
SQLite runs the same migrations and gets nothing here.
"""

from django.db import migrations

TABLES = ("workflow_auditevent", "leave_balanceentry")

FUNCTION = """
CREATE OR REPLACE FUNCTION chaiqin_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% 只能新增，不可修改或刪除（%）', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = '簽核紀錄與假別帳目是不可變更的稽核軌跡；更正請新增一筆沖銷或附註紀錄。';
END
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # no parameters: its % are plpgsql's
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                              f"FOR EACH ROW EXECUTE FUNCTION chaiqin_append_only()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS chaiqin_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("leave", "0003_ledger_ordering_by_column"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
