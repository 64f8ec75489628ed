from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("alertes/nouvelle/", views.subscribe, name="subscribe"),
    path("alertes/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("alertes/gerer/<str:token>/", views.manage, name="manage"),
    path("alertes/desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
