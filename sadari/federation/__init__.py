"""Federation: institutions' sources feed the directory — ingest runs, raw records, field claims
with provenance, entity resolution in the platform."""
