from django import forms
from django.conf import settings
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from releases.models import Programme, Release, Speaker
from releases.sanitise import reject_bidi_controls

from . import scopes


def deliverable_domain(value):
    """Django accepts any non-ASCII character in a domain; a mail server needs it to have an IDNA form."""
    try:
        value.rpartition("@")[2].encode("idna")
    except UnicodeError:
        raise forms.ValidationError(_("Enter a valid email address, like name@example.org."), code="invalid")


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), max_length=254,
        error_messages={"invalid": _("Enter a valid email address, like name@example.org.")},
        # "user@localhost" is no address for a journalist; bidi controls can disguise a domain.
        validators=[EmailValidator(allowlist=[]), reject_bidi_controls, deliverable_domain],
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    scope = forms.CharField(label=_("Alerts for"), max_length=250, initial=scopes.EVERYTHING)

    def clean_scope(self):
        key = scopes.key_from_choice(self.cleaned_data["scope"])
        if key is None:
            raise forms.ValidationError(_("Choose what you want alerts for from the list."))
        return key


def scope_options(*, current=None, full=False):
    """Groups of (value, label) for the scope menu: the page's own speaker or programme first."""
    groups = [(None, [(scopes.EVERYTHING, _("All releases"))])]
    if current is not None:
        groups.append((_("This page"), [(scopes.choice_for(current), str(current.name))]))
    groups.append((_("Kind of release"), [(f"kind:{value}", label) for value, label in Release.Kind.choices]))
    if full:
        groups.append((_("Speakers"), [(scopes.choice_for(s), s.name) for s in Speaker.objects.all()]))
        groups.append((_("Programmes"), [(scopes.choice_for(p), p.name) for p in Programme.objects.all()]))
    return groups


class ManageForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False,
    )
    scopes = forms.TypedMultipleChoiceField(
        label=_("Alerts for"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False,
    )

    def __init__(self, *args, subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [(scope.pk, scopes.describe(scope.key)) for scope in subscriber.scopes.all()]
