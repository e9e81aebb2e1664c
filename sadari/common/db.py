"""Database helpers the ORM lacks."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.constants import OnConflict

# Field classes whose get_db_prep_save returns a value of this exact type (or None) unchanged
# on every backend; other fields and values go through get_db_prep_save.
_STR_FIELDS = (models.CharField, models.TextField)
_INT_FIELDS = (
    models.IntegerField, models.BigIntegerField, models.SmallIntegerField,
    models.PositiveIntegerField, models.PositiveBigIntegerField, models.PositiveSmallIntegerField,
)  # fmt: skip


def _same_as_base(connection: BaseDatabaseWrapper, name: str) -> bool:
    return getattr(type(connection.ops), name) is getattr(BaseDatabaseOperations, name)


def _passes(field: Any, connection: BaseDatabaseWrapper) -> type | None:
    """The Python type whose values ``field.get_db_prep_save`` returns unchanged, if any."""
    kind = type(field)
    if kind in _STR_FIELDS:
        return str
    if kind in _INT_FIELDS and _same_as_base(connection, "adapt_integerfield_value"):
        return int
    if kind is models.FloatField:
        return float
    if kind is models.BooleanField:
        return bool
    if (
        isinstance(field, models.ForeignKey)
        and isinstance(field.target_field, models.AutoField | models.BigAutoField)
        and _same_as_base(connection, "validate_autopk_value")
    ):
        return int
    return None


def db_preparer(field: Any, connection: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """``field.get_db_prep_save(value, connection)`` as a function of the value, skipping the
    call for None and for values it would return unchanged (a str for a CharField, an int for
    an integer field or a key to an integer id, …): the same values, a few times faster."""
    prep = field.get_db_prep_save
    passes = _passes(field, connection)
    if passes is None and isinstance(field, models.DateField):  # DateTimeField too
        # Rows often repeat one (immutable) date or time object, e.g. a record's claims share
        # its observed_at: it is prepared once per run of the same object.
        last: list[Any] = [object(), None]

        def prepare_time(value: Any) -> Any:
            if value is not last[0]:
                last[:] = [value, prep(value, connection)]
            return last[1]

        return prepare_time
    if type(field) is models.JSONField:
        # get_db_prep_save of a plain value (not an expression or a lazy string) is the
        # backend's adapt_json_value with the field's encoder (JSON text, or Jsonb on
        # PostgreSQL); called directly, without the layers between.
        adapt, encoder = connection.ops.adapt_json_value, field.encoder
        plain = (dict, list, str, int, float, bool)

        def prepare_json(value: Any) -> Any:
            if value is None:
                return None
            if type(value) in plain:
                return adapt(value, encoder)
            return prep(value, connection)

        return prepare_json
    if passes is None:
        return lambda value: prep(value, connection)
    return lambda value: (
        value if value is None or type(value) is passes else prep(value, connection)
    )


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
    preparers = [(f.attname, db_preparer(f, connection)) for f in columns]
    rows = [
        [
            *(prep(getattr(obj, attname)) for attname, prep in preparers),
            meta.pk.get_db_prep_save(obj.pk, connection),
        ]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def insert_rows(objects: Sequence[Any], *, ignore_conflicts: bool = False) -> int:
    """Inserts new ``objects`` (all of one model) with one prepared ``INSERT`` run for every
    object (``executemany``), without reading ids back: for rows nothing refers to in the same
    transaction (claims, keys, queue rows). ``auto_now``/``auto_now_add`` fields are filled as by
    ``save()``; signals are not sent. With ``ignore_conflicts``, rows that would break a unique
    constraint are skipped (as ``bulk_create`` does)."""
    if not objects:
        return 0
    model = type(objects[0])
    meta = model._meta
    auto_pk = meta.pk.get_internal_type() in {"AutoField", "BigAutoField", "SmallAutoField"}
    columns = [f for f in meta.concrete_fields if not (auto_pk and f is meta.pk)]
    return insert_values(
        model,
        [f.attname for f in columns],
        ([f.pre_save(obj, add=True) for f in columns] for obj in objects),
        ignore_conflicts=ignore_conflicts,
    )


def insert_values(
    model: Any,
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
) -> int:
    """Inserts rows of ``model`` given as plain values (one per name in ``fields``, attnames
    such as ``organization_id``) with one prepared ``INSERT`` run for every row
    (``executemany``): no model instances, no ids read back, no ``auto_now`` filling, no signals.
    Values are prepared for the database as by ``get_db_prep_save``. With ``ignore_conflicts``,
    rows that would break a unique constraint are skipped (as ``bulk_create`` does)."""
    meta = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    by_attname = {f.attname: f for f in meta.concrete_fields}
    columns = [by_attname[name] for name in fields]
    preparers = [db_preparer(f, connection) for f in columns]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    quote = connection.ops.quote_name
    sql = "{} {} ({}) VALUES ({}) {}".format(
        connection.ops.insert_statement(on_conflict=on_conflict),
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in columns),
        ", ".join(["%s"] * len(columns)),
        connection.ops.on_conflict_suffix_sql(columns, on_conflict, None, None) or "",
    ).rstrip()
    prepared = [[prep(value) for prep, value in zip(preparers, row, strict=True)] for row in rows]
    if not prepared:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
    return len(prepared)


def create_rows(objects: Sequence[Any]) -> None:
    """``bulk_create`` of new ``objects`` (all of one model, auto-increment ids) at a fraction of
    its cost: multi-row ``INSERT … RETURNING id`` statements with the values prepared by
    :func:`db_preparer`; sets each object's id and state as ``bulk_create`` does. Like it, it
    fills ``auto_now``/``auto_now_add`` fields and sends no signals. On a database that cannot
    return ids from a multi-row insert it is ``bulk_create``. Objects left without an id (the
    database returned fewer rows than it was given) keep ``pk`` None: callers check."""
    if not objects:
        return
    model = type(objects[0])
    meta = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    auto_pk = meta.pk.get_internal_type() in {"AutoField", "BigAutoField", "SmallAutoField"}
    if not (auto_pk and connection.features.can_return_rows_from_bulk_insert):
        model.objects.using(using).bulk_create(objects)
        return
    columns = [f for f in meta.concrete_fields if f is not meta.pk]
    preparers = [db_preparer(f, connection) for f in columns]
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) ".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in columns)
    )
    returning, returning_params = connection.ops.returning_columns([meta.pk])
    row_sql = ["%s"] * len(columns)
    size = max(1, connection.ops.bulk_batch_size(columns, objects))
    with connection.cursor() as cursor:
        for start in range(0, len(objects), size):
            batch = objects[start : start + size]
            params: list[Any] = []
            for obj in batch:
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                params.extend(
                    prep(f.pre_save(obj, add=True))
                    for prep, f in zip(preparers, columns, strict=True)
                )
            sql = head + connection.ops.bulk_insert_sql(columns, [row_sql] * len(batch))
            cursor.execute(f"{sql} {returning}", [*params, *returning_params])
            ids = connection.ops.fetch_returned_rows(cursor, returning_params)
            if len(ids) != len(batch):
                continue  # no ids to pair with the objects: they keep pk None (callers check)
            for obj, (pk,) in zip(batch, ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = using
