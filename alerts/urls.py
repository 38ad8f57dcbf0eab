from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("stop/<str:token>/", views.stop, name="stop"),
    path("manage/<str:token>/", views.manage, name="manage"),
]
