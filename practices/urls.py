from django.urls import path

from . import contact, views

app_name = "practices"

urlpatterns = [
    path("thematiques/<slug:slug>/", views.theme_detail, name="theme"),
    path("pratiques/<int:page_id>/contact/", contact.contact_author, name="contact"),
    path("pratiques/<int:page_id>/contact/envoye/", contact.contact_sent, name="contact_sent"),
]
