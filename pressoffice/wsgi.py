import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressoffice.settings")

django_application = get_wsgi_application()

from pressoffice.startup import check_static_files  # noqa: E402 - needs the settings loaded above
from releases.cache_front import PageCacheFront  # noqa: E402

check_static_files()

# Page-cache hits are answered in front of Django's handler (releases/cache_front.py); the rest go to Django.
application = PageCacheFront(django_application)
