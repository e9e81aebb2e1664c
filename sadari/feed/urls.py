"""Pages of the feed app."""

app_name = "feed"
urlpatterns: list = []
