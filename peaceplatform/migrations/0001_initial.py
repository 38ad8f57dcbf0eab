"""Partner keys, quotas, the trash and the page cache's content version; the staff
roles.

The platform was not deployed when its migrations were squashed into this one
(2026-12-05): a database made by the earlier set must be made again (`make clean`).
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.core.management import call_command
from django.db import migrations, models

import peaceplatform.models
from peaceplatform import roles
from peaceplatform.page_cache import (
    FUNCTION,
    FUNCTION_SQL,
    SEQUENCE,
    TRIGGER,
    content_tables,
    install_version_triggers,
)


def create_cache_table(apps, schema_editor):
    # The API's rate-limit counters live in the cache (settings.CACHES); with the
    # database cache, its table must exist wherever the app runs. A no-op with Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def install_content_version(apps, schema_editor):
    """The content version behind the public page cache (peaceplatform/page_cache.py)."""
    # The content tables that exist by now: a later app's or a later migration's
    # tables get theirs from the migration that follows them (0011 and on).
    existing = set(schema_editor.connection.introspection.table_names())
    install_version_triggers(schema_editor, [t for t in content_tables() if t in existing])
    schema_editor.execute(
        "INSERT INTO peaceplatform_contentversion VALUES "
        "(1, nextval('platform_content_version_seq'), now())"
    )


def uninstall_content_version(apps, schema_editor):
    for table in content_tables():
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON {schema_editor.quote_name(table)}"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("directory", "0001_initial"),
        ("events", "0001_initial"),
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Trash",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "verbose_name": "trash",
                "verbose_name_plural": "trash",
                "permissions": [
                    ("restore_trash", "Can restore deleted content from the trash"),
                    ("purge_trash", "Can purge the trash for good"),
                ],
                "managed": False,
                "default_permissions": ("view",),
            },
        ),
        migrations.CreateModel(
            name="QuotaWindow",
            fields=[
                ("ident", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("window_start", models.BigIntegerField(help_text="Unix time the window began.")),
                ("used", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "quota window",
            },
        ),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("version", models.BigIntegerField()),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="contentversion_one_row"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PartnerKey",
            fields=[
                (
                    "id",
                    models.CharField(
                        editable=False,
                        max_length=150,
                        primary_key=True,
                        serialize=False,
                        unique=True,
                    ),
                ),
                ("prefix", models.CharField(editable=False, max_length=8, unique=True)),
                ("hashed_key", models.CharField(editable=False, max_length=150)),
                ("created", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "name",
                    models.CharField(
                        default=None,
                        help_text="A free-form name for the API key. Need not be unique. 50 characters max.",
                        max_length=50,
                    ),
                ),
                (
                    "revoked",
                    models.BooleanField(
                        blank=True,
                        default=False,
                        help_text="If the API key is revoked, clients cannot use it anymore. (This cannot be undone.)",
                    ),
                ),
                (
                    "expiry_date",
                    models.DateTimeField(
                        blank=True,
                        help_text="Once API key expires, clients cannot use it anymore.",
                        null=True,
                        verbose_name="Expires",
                    ),
                ),
                (
                    "contact",
                    models.EmailField(help_text="Whom to write to about this key.", max_length=254),
                ),
                ("organization", models.CharField(blank=True, max_length=200)),
                (
                    "allowed_origins",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            max_length=200, validators=[peaceplatform.models.validate_origin]
                        ),
                        blank=True,
                        default=list,
                        help_text="Web origins allowed to call with this key from a browser, comma-separated (https://example.org). Leave empty for server-side use only.",
                        size=None,
                    ),
                ),
                (
                    "rate_limit",
                    models.PositiveIntegerField(
                        default=600,
                        help_text="Requests this key may make per minute; beyond it the API answers 429.",
                        verbose_name="requests per minute",
                    ),
                ),
                ("last_used_at", models.DateTimeField(blank=True, editable=False, null=True)),
            ],
            options={
                "verbose_name": "partner API key",
                "verbose_name_plural": "partner API keys",
                "ordering": ("-created",),
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rate_limit__gte", 1)), name="partnerkey_rate_positive"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="KeyUsage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("requests", models.PositiveIntegerField(default=0)),
                (
                    "key",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="usage",
                        to="peaceplatform.partnerkey",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "key usage",
                "ordering": ["-day"],
                "constraints": [
                    models.UniqueConstraint(fields=("key", "day"), name="keyusage_one_per_day")
                ],
            },
        ),
        # Counters behind the quotas: not worth a write-ahead log (lost on a crash,
        # they start again from zero).
        migrations.RunSQL(
            "ALTER TABLE peaceplatform_quotawindow SET UNLOGGED",
            "ALTER TABLE peaceplatform_quotawindow SET LOGGED",
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
        migrations.RunSQL(
            FUNCTION_SQL,
            reverse_sql=f"DROP FUNCTION {FUNCTION}() CASCADE; DROP SEQUENCE {SEQUENCE};",
        ),
        migrations.RunPython(install_content_version, uninstall_content_version),
        migrations.RunPython(roles.sync, migrations.RunPython.noop),
    ]
