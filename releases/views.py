from django.views.generic import TemplateView
def language_redirect(request): pass
HomeView = ReleaseListView = ReleaseDetailView = SpeakerDetailView = ProgrammeDetailView = TemplateView
