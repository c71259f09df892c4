from django.urls import include, path

from . import api, feeds, jsonfeed, site_pages, views
from .models import Page
from .search.views import SearchView

app_name = "releases"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("releases/", views.ReleaseListView.as_view(), name="list"),
    path("search/", SearchView.as_view(), name="search"),
    path("releases/<int:pk>/", views.ReleaseDetailView.as_view(), name="detail_bare"),
    path("releases/<int:pk>/<str:slug>/", views.ReleaseDetailView.as_view(), name="detail"),
    path("speakers/<str:slug>/", views.SpeakerDetailView.as_view(), name="speaker"),
    path("programmes/<str:slug>/", views.ProgrammeDetailView.as_view(), name="programme"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
    path("alerts/", include("releases.alerts.urls")),
    path("feed/", feeds.ReleasesFeed(), name="feed"),
    path("feed/atom/", feeds.ReleasesAtomFeed(), name="feed_atom"),
    path("feed.json", jsonfeed.ReleasesJSONFeed.as_view(), name="feed_json"),
    path("speakers/<str:slug>/feed/", feeds.SpeakerFeed(), name="speaker_feed"),
    path("speakers/<str:slug>/feed/atom/", feeds.SpeakerAtomFeed(), name="speaker_feed_atom"),
    path("speakers/<str:slug>/feed.json", jsonfeed.SpeakerJSONFeed.as_view(), name="speaker_feed_json"),
    path("programmes/<str:slug>/feed/", feeds.ProgrammeFeed(), name="programme_feed"),
    path("programmes/<str:slug>/feed/atom/", feeds.ProgrammeAtomFeed(), name="programme_feed_atom"),
    path("programmes/<str:slug>/feed.json", jsonfeed.ProgrammeJSONFeed.as_view(), name="programme_feed_json"),
    path("api/releases/", api.release_list, name="api_list"),
    path("api/releases/<int:pk>/", api.release_detail_view, name="api_detail"),
    path("manifest.webmanifest", site_pages.web_manifest, name="manifest"),
    *(path(f"{slug}/", site_pages.PageView.as_view(slug=slug), name=slug) for slug in Page.Slug.values),
]
