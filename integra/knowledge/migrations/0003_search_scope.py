"""Kind and language inside the SQLite full-text index (issue 16 item 3).

The FTS5 table gains a third column, `scope`, holding two tokens per document: one for its kind and
one for its kind and language (search.scope_token makes the same ones in Python). A search then
filters by kind and language inside the full-text index itself, without joining every match to
knowledge_searchdocument row by row. The external content becomes a view that adds the column.
PostgreSQL is unchanged here. A later migration that makes SQLite rebuild knowledge_searchdocument must
recreate this view and the triggers.
"""

from importlib import import_module

from django.db import migrations

SCOPE = (
    "'k' || replace(replace(lower({row}.kind), '-', ''), '_', '')"
    " || ' k' || replace(replace(lower({row}.kind), '-', ''), '_', '') || 'x' || lower({row}.language)"
)

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS knowledge_search_ai",
    "DROP TRIGGER IF EXISTS knowledge_search_ad",
    "DROP TRIGGER IF EXISTS knowledge_search_au",
    "DROP TABLE IF EXISTS knowledge_search_fts",
    "CREATE VIEW knowledge_search_content AS SELECT d.id, d.title, d.body, "
    + SCOPE.format(row="d")
    + " AS scope FROM knowledge_searchdocument d",
    "CREATE VIRTUAL TABLE knowledge_search_fts USING fts5(title, body, scope, content='knowledge_search_content',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER knowledge_search_ai AFTER INSERT ON knowledge_searchdocument BEGIN"
    " INSERT INTO knowledge_search_fts(rowid, title, body, scope)"
    f" VALUES (new.id, new.title, new.body, {SCOPE.format(row='new')}); END",
    "CREATE TRIGGER knowledge_search_ad AFTER DELETE ON knowledge_searchdocument BEGIN"
    " INSERT INTO knowledge_search_fts(knowledge_search_fts, rowid, title, body, scope)"
    f" VALUES ('delete', old.id, old.title, old.body, {SCOPE.format(row='old')}); END",
    "CREATE TRIGGER knowledge_search_au AFTER UPDATE ON knowledge_searchdocument BEGIN"
    " INSERT INTO knowledge_search_fts(knowledge_search_fts, rowid, title, body, scope)"
    f" VALUES ('delete', old.id, old.title, old.body, {SCOPE.format(row='old')});"
    " INSERT INTO knowledge_search_fts(rowid, title, body, scope)"
    f" VALUES (new.id, new.title, new.body, {SCOPE.format(row='new')}); END",
    "INSERT INTO knowledge_search_fts(knowledge_search_fts) VALUES ('rebuild')",
]
# Back to 0002's index: drop this one, then run 0002's statements again (written once, there).
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS knowledge_search_ai",
    "DROP TRIGGER IF EXISTS knowledge_search_ad",
    "DROP TRIGGER IF EXISTS knowledge_search_au",
    "DROP TABLE IF EXISTS knowledge_search_fts",
    "DROP VIEW IF EXISTS knowledge_search_content",
    *import_module("integra.knowledge.migrations.0002_search_index").SQLITE_FORWARD,
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD))]
