"""The tracker's pages outside /reports/: every recommendation, and the views of a
topic and of a member state (their profiles live in the directory app, which
imports nothing from reports)."""

from django.urls import path

from reports import views

app_name = "tracker"

urlpatterns = [
    path("recommendations/", views.recommendation_list, name="list"),
    path("topics/<slug:slug>/recommendations/", views.topic_tracker, name="topic"),
    path(
        "member-states/<slug:slug>/recommendations/",
        views.member_state_tracker,
        name="member_state",
    ),
]
