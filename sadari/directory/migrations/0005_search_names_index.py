"""A names-only FTS5 table on SQLite, so that name matches are found without walking the
postings of every document (column filters on the main table read whole doclists)."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_search_names_fts USING fts5("
    "name, aliases, tokenize = 'unicode61 remove_diacritics 0', detail = full)"
)
FILL = (
    "INSERT INTO directory_search_names_fts(rowid, name, aliases) "
    "SELECT id, name_tokens, alias_tokens FROM directory_searchdocument"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)
        schema_editor.execute(FILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS directory_search_names_fts")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_organization_sort_name")]
    operations = [migrations.RunPython(forwards, backwards)]
