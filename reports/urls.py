from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<slug:slug>/", views.report_detail, name="detail"),
    path("<slug:slug>/documents/<str:language>.pdf", views.report_document, name="document"),
    path("<slug:slug>/cite.bib", views.report_citation, {"fmt": "bib"}, name="bibtex"),
    path("<slug:slug>/cite.ris", views.report_citation, {"fmt": "ris"}, name="ris"),
    path("<slug:slug>/tracker/", views.report_tracker, name="tracker"),
    path(
        "<slug:slug>/recommendations/<slug:label>/",
        views.recommendation_detail,
        name="recommendation",
    ),
]
