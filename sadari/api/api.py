"""The /api/v1 router (routers are added per app)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Sadari API", version="1", urls_namespace="api-v1")
