from django.urls import path

from . import views

app_name = "neighbours"

urlpatterns = [
    path("ma-commune/", views.my_commune, name="my_commune"),
    path("ma-commune/choisir/", views.choose, name="choose"),
    path("ma-commune/oublier/", views.remove, name="remove"),
]
