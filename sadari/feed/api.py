"""/api/v1 endpoints of the feed app."""

from ninja import Router

router = Router(tags=["feed"])
