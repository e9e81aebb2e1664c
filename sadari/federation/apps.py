from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "sadari.federation"
    label = "federation"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from sadari.directory.extensions import register_edit_listener, register_profile_section
        from sadari.directory.models import Organization
        from sadari.federation.edits import record_member_edit
        from sadari.federation.entities import is_deferring, organization_keys_refresh
        from sadari.federation.profile import provenance_section, round_provenance_section
        from sadari.investment.extensions import register_round_section

        register_profile_section(provenance_section)
        register_round_section(round_provenance_section)
        register_edit_listener(record_member_edit)

        def keys_on_save(sender, instance, raw=False, **kwargs):
            if not raw and not is_deferring():  # ingest refreshes keys once per chunk
                organization_keys_refresh([instance])

        post_save.connect(keys_on_save, sender=Organization, dispatch_uid="federation-org-keys")
