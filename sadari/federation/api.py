"""/api/v1 endpoints of the federation app."""

from ninja import Router

router = Router(tags=["federation"])
