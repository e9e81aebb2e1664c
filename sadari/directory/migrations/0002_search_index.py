"""The engine-specific full-text index over SearchDocument (see sadari/directory/search.py)."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_search_fts USING fts5("
    "name, aliases, body, tokenize = 'unicode61 remove_diacritics 0', detail = full)"
)
SQLITE_DROP = "DROP TABLE IF EXISTS directory_search_fts"

# Tokens are pre-tokenized by sadari_core (bigrams, morphemes, words) and separated by spaces;
# the 'simple' configuration keeps them as they are.
PG_CREATE = [
    "ALTER TABLE directory_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('simple'::regconfig, name_tokens), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, alias_tokens), 'B')"
    " || setweight(to_tsvector('simple'::regconfig, body_tokens), 'C')) STORED",
    "ALTER TABLE directory_searchdocument ADD COLUMN name_tsv tsvector GENERATED ALWAYS AS ("
    " to_tsvector('simple'::regconfig, name_tokens || ' zzsep ' || alias_tokens)) STORED",
    "CREATE INDEX directory_searchdocument_tsv ON directory_searchdocument USING GIN (tsv)",
    "CREATE INDEX directory_searchdocument_name_tsv ON directory_searchdocument USING GIN (name_tsv)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS directory_searchdocument_name_tsv",
    "DROP INDEX IF EXISTS directory_searchdocument_tsv",
    "ALTER TABLE directory_searchdocument DROP COLUMN IF EXISTS name_tsv",
    "ALTER TABLE directory_searchdocument DROP COLUMN IF EXISTS tsv",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for sql in PG_CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for sql in PG_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
