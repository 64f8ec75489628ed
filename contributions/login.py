"""The admin's login form with French labels: Wagtail's leaves the password field without a
label, so Django shows the field name, « Password »."""

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Identifiant"
        self.fields["password"].label = "Mot de passe"
        self.fields["remember"].label = "Rester connecté"
