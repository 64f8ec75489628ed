from django.urls import path

from . import contact

app_name = "contributions"

urlpatterns = [
    path("pratiques/<int:page_id>/contact/", contact.contact_author, name="contact"),
    path("pratiques/<int:page_id>/contact/envoye/", contact.contact_sent, name="contact_sent"),
]
