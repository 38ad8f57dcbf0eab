from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("member-states/", views.member_state_list, name="member_state_list"),
    path("member-states/<slug:slug>/", views.member_state_detail, name="member_state_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
]
