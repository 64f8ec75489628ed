from django.urls import path

from . import views

app_name = "selections"

urlpatterns = [
    path("ma-selection/", views.my_selection, name="mine"),
    path("ma-selection/modifier/", views.toggle, name="toggle"),
    path("ma-selection/confirmer/", views.confirm, name="confirm"),
    path("ma-selection/deplacer/", views.move, name="move"),
    path("ma-selection/nouveau-lien/", views.new_share_link, name="new_link"),
    path("selection/<uuid:key>/", views.shared, name="shared"),
]
