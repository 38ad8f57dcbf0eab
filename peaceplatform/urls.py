from django.contrib import admin
from django.urls import path

from peaceplatform import views

admin.site.site_header = "Peace Operations Knowledge Platform"
admin.site.site_title = "Peace Operations admin"
admin.site.index_title = "Curate events, people, states, reports and recommendations"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
]
