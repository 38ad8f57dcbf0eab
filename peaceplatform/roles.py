"""The staff roles, as groups with permissions. Created by migration
peaceplatform.0001_initial (and kept in step by later migrations that call ``sync``).

- Editor: creates and edits drafts and submits them for review. Published and
  archived content is read-only for an editor (core/publishing/workflow.py).
- Publisher: everything an editor does, plus publish, schedule, unpublish and archive,
  and write public corrections.
- Administrator: every permission, including users, partner keys, member states and
  purging the trash.
"""

# The content staff curate: (app, model) pairs.
CONTENT = [
    ("directory", "organization"),
    ("directory", "person"),
    ("directory", "position"),
    ("directory", "topic"),
    ("directory", "page"),
    ("operations", "operation"),
    ("operations", "mandate"),
    ("operations", "leader"),
    ("operations", "contribution"),
    ("events", "eventseries"),
    ("events", "event"),
    ("events", "participation"),
    ("reports", "report"),
    ("reports", "documentsymbol"),
    ("reports", "reportdocument"),
    ("reports", "reportrelation"),
    ("reports", "recommendation"),
    ("reports", "recommendationlink"),
    ("reports", "recommendationupdate"),
]
PUBLISHABLE = [
    ("directory", "organization"),
    ("directory", "person"),
    ("directory", "topic"),
    ("directory", "page"),
    ("operations", "operation"),
    ("events", "eventseries"),
    ("events", "event"),
    ("reports", "report"),
    ("reports", "recommendationupdate"),
]
# Read-only for editors and publishers: reference data and the record of changes; and
# what visitors follow by e-mail, whose addresses only Administrators see (alerts/admin.py).
VIEW_ONLY = [("directory", "memberstate"), ("alerts", "subscription")]
# Public corrections: written by those who may change published content (Publishers),
# read by every role.
CORRECTION = ("directory", "correction")
# The job queue's jobs: every role sees them (an upload's text waits on one);
# retrying or cancelling them takes an Administrator (peaceplatform/admin.py).
JOBS = ("procrastinate", "procrastinatejob")

EDITOR = "Editor"
PUBLISHER = "Publisher"
ADMINISTRATOR = "Administrator"


def codenames(role: str) -> set[tuple[str, str]]:
    """(app_label, codename) pairs for a role other than Administrator."""
    perms = {
        (app, f"{action}_{model}")
        for app, model in CONTENT
        for action in ("view", "add", "change", "delete")
    }
    perms |= {(app, f"view_{model}") for app, model in VIEW_ONLY}
    perms |= {("peaceplatform", "view_trash"), ("peaceplatform", "restore_trash")}
    correction_app, correction = CORRECTION
    perms.add((correction_app, f"view_{correction}"))
    jobs_app, job = JOBS
    perms.add((jobs_app, f"view_{job}"))
    if role == PUBLISHER:
        perms |= {(app, f"publish_{model}") for app, model in PUBLISHABLE}
        perms |= {
            (correction_app, f"{action}_{correction}") for action in ("add", "change", "delete")
        }
    return perms


def sync(apps, schema_editor=None):
    """Create the three groups and give them their permissions (idempotent)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in (EDITOR, PUBLISHER):
        wanted = codenames(role)
        perms = [
            p
            for p in Permission.objects.select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in perms}
        if missing:
            raise RuntimeError(f"Permissions missing for {role}: {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(perms)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrators.permissions.set(Permission.objects.all())
