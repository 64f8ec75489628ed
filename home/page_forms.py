"""The home page editor's form: the featuring rules (home/featuring_rules.py) hold there too."""

from wagtail.admin.forms import WagtailAdminPageForm

from .featuring_rules import featuring_problems, home_limit, limit_message


class HomePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("featured_practices")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [
            form.cleaned_data for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("practice")
        ]
        problems = []
        if len(kept) > home_limit():
            problems.append(limit_message(home_limit()))
        for row in kept:
            problems.extend(featuring_problems(row["practice"]))
        for problem in problems:
            self.add_error(None, problem)
        return cleaned
