"""Pages of the feed app: webhook subscriptions (/feed/webhooks/). The change feed itself is
the API's: /api/v1/changes and /api/v1/changes/stream."""

from django.urls import path

from sadari.feed import views

app_name = "feed"
urlpatterns = [
    path("webhooks/", views.webhook_list, name="webhook-list"),
    path("webhooks/new/", views.webhook_create, name="webhook-create"),
    path("webhooks/<int:subscription_id>/", views.webhook_detail, name="webhook-detail"),
    path("webhooks/<int:subscription_id>/delete/", views.webhook_delete, name="webhook-delete"),
    path("webhooks/<int:subscription_id>/test/", views.webhook_test, name="webhook-test"),
    path("webhooks/<int:subscription_id>/enable/", views.webhook_enable, name="webhook-enable"),
]
