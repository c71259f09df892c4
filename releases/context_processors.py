from django.conf import settings


def site(request):
    return {"ARABIC_DIGITS": settings.PRESSOFFICE_ARABIC_DIGITS}
