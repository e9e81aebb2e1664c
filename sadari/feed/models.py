"""Models of the feed app."""
