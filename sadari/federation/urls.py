"""Pages of the federation app."""

app_name = "federation"
urlpatterns: list = []
