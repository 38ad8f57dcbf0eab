from django.urls import path

from operations import views

app_name = "operations"

urlpatterns = [
    path("", views.operation_list, name="list"),
    path("<slug:slug>/", views.operation_detail, name="detail"),
]
