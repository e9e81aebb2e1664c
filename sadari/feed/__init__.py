"""The change feed: an outbox of ChangeEvents with a monotonic cursor, read by the API, an SSE
stream and signed webhooks."""
