"""Database helpers the ORM lacks."""

from collections.abc import Sequence
from typing import Any

from django.db import connections, router


def update_rows(objects: Sequence[Any], fields: Sequence[str]) -> int:
    """Writes ``fields`` of already-saved ``objects`` (all of one model) with one prepared
    ``UPDATE … WHERE pk = %s`` run for every object (``executemany``).

    Django's ``bulk_update`` builds one CASE expression per field and object, which costs about a
    millisecond per object; this costs a few microseconds. Like ``bulk_update`` it bypasses
    ``save()`` and signals, and ``auto_now`` fields are only written when listed (and set).
    """
    if not objects or not fields:
        return 0
    model = type(objects[0])
    meta = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names come from the model
        quote(meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in columns),
        quote(meta.pk.column),
    )
    rows = [
        [
            *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns),
            meta.pk.get_db_prep_save(obj.pk, connection),
        ]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def insert_rows(objects: Sequence[Any]) -> int:
    """Inserts new ``objects`` (all of one model) with one prepared ``INSERT`` run for every
    object (``executemany``), without reading ids back: for rows nothing refers to in the same
    transaction (claims, keys, queue rows). ``auto_now``/``auto_now_add`` fields are filled as by
    ``save()``; signals are not sent."""
    if not objects:
        return 0
    model = type(objects[0])
    meta = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    auto_pk = meta.pk.get_internal_type() in {"AutoField", "BigAutoField", "SmallAutoField"}
    columns = [f for f in meta.concrete_fields if not (auto_pk and f is meta.pk)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names come from the model
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in columns]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
