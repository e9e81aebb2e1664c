"""Text normalization, Korean tokenization and company-name handling."""
