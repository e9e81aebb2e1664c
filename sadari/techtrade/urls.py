"""Pages of the tech-trade app (/techtrade/)."""

from django.urls import path

from sadari.techtrade import pipeline_views as pipeline
from sadari.techtrade import views

app_name = "techtrade"
urlpatterns = [
    path("", views.home, name="home"),
    path("needs/", views.need_list, name="need-list"),
    path("needs/new/", views.need_create, name="need-create"),
    path("needs/<int:pk>/", views.need_detail, name="need-detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need-edit"),
    path("needs/<int:pk>/matches/", views.need_matches, name="need-matches"),
    path("needs/<int:pk>/request/", views.need_request, name="need-request"),
    path("technologies/", views.technology_list, name="technology-list"),
    path("technologies/new/", views.technology_create, name="technology-create"),
    path("technologies/<int:pk>/", views.technology_detail, name="technology-detail"),
    path("technologies/<int:pk>/edit/", views.technology_edit, name="technology-edit"),
    path("technologies/<int:pk>/matches/", views.technology_matches, name="technology-matches"),
    path("technologies/<int:pk>/request/", views.technology_request, name="technology-request"),
    path("requests/", views.request_list, name="request-list"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request-decide"),
    path("nda/", views.nda_edit, name="nda-edit"),
    path("views/", views.detail_views, name="detail-views"),
    path("challenges/", pipeline.challenge_list, name="challenge-list"),
    path("challenges/new/", pipeline.challenge_create_view, name="challenge-create"),
    path("challenges/<int:pk>/", pipeline.challenge_detail, name="challenge-detail"),
    path("challenges/<int:pk>/edit/", pipeline.challenge_edit, name="challenge-edit"),
    path("challenges/<int:pk>/propose/", pipeline.challenge_propose, name="challenge-propose"),
    path(
        "challenges/<int:pk>/proposals/",
        pipeline.challenge_proposals,
        name="challenge-proposals",
    ),
    path("proposals/<int:pk>/", pipeline.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/decide/", pipeline.proposal_decide_view, name="proposal-decide"),
    path("proposals/<int:pk>/withdraw/", pipeline.proposal_withdraw_view, name="proposal-withdraw"),
    path("deals/", pipeline.deal_board, name="deal-board"),
    path("deals/new/", pipeline.deal_create, name="deal-create"),
    path("deals/<int:pk>/", pipeline.deal_detail, name="deal-detail"),
    path("deals/<int:pk>/move/", pipeline.deal_move_view, name="deal-move"),
    path("deals/<int:pk>/messages/", pipeline.deal_message, name="deal-message"),
    path("pocs/", pipeline.poc_list, name="poc-list"),
    path("pocs/<int:pk>/", pipeline.poc_detail, name="poc-detail"),
    path("pocs/<int:pk>/milestones/", pipeline.poc_milestone_create, name="poc-milestone-add"),
    path("milestones/<int:pk>/toggle/", pipeline.milestone_toggle, name="milestone-toggle"),
    path("funnel/", pipeline.funnel_view, name="funnel"),
    path("funnel/export.csv", pipeline.funnel_csv, name="funnel-csv"),
    path("funnel/export.xlsx", pipeline.funnel_xlsx, name="funnel-xlsx"),
    path("import/", pipeline.import_upload, name="import-upload"),
    path("import/<int:pk>/", pipeline.import_detail, name="import-detail"),
]
