from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("thematiques/<slug:slug>/", views.theme_detail, name="theme"),
]
