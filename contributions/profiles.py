"""The project lead edits their own public profile in the admin's "Account" page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel

from communes.chooser import commune_chooser_viewset

from .models import ProjectLeadProfile


class ProjectLeadProfileForm(forms.ModelForm):
    class Meta:
        model = ProjectLeadProfile
        fields = ["role", "territory", "commune", "public_contact", "accepts_messages"]
        widgets = {"commune": commune_chooser_viewset.widget_class}


class ProjectLeadProfilePanel(BaseSettingsPanel):
    name = "ppi_profile"
    title = _("Mon profil public d'auteur")
    help_text = _("Affiché sur vos retours d'expérience : « Retour d'expérience de … ».")
    order = 150
    form_class = ProjectLeadProfileForm

    def get_form(self):
        # Each user only ever sees and saves their own profile: the instance comes from the
        # session's user, never from the request data.
        instance = ProjectLeadProfile.objects.filter(user=self.user).first() or ProjectLeadProfile(user=self.user)
        kwargs = {"instance": instance, "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)
