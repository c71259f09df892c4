import datetime
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from releases import demo_content as demo
from releases import workflow
from releases.demo_images import draw_png
from releases.management.base import NeedsMigratedDatabase
from releases.models import Appointment, Organisation, Page, Programme, Release, Speaker
from releases.roles import ensure_roles
from releases.sanitise import text_to_paragraphs


def _at_ten(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


class Command(NeedsMigratedDatabase, BaseCommand):
    help = _("Load the demo content and the demo accounts. Running it again adds nothing twice.")

    def handle(self, *args, **options):
        ensure_roles()
        users = self._accounts() if settings.DEBUG else {}
        with transaction.atomic():
            organisations = {key: self._organisation(data) for key, data in demo.ORGANISATIONS.items()}
            speakers = {slug: self._speaker(slug, data, organisations) for slug, data in demo.SPEAKERS.items()}
            programmes = {slug: self._programme(slug, data, organisations) for slug, data in demo.PROGRAMMES.items()}
            created = 0
            for data in demo.RELEASES:
                if not Release.objects.filter(source_fingerprint=f"demo:{data['key']}").exists():
                    self._release(data, users, speakers, programmes)
                    created += 1
            if created:
                self._correction(users)
            self._pages()
        self.stdout.write(_("Demo content: %(created)d new releases, %(total)d in all.")
                          % {"created": created, "total": Release.objects.count()})
        if users:
            self._print_accounts()

    def _accounts(self):
        users = {}
        for username, role, password in demo.ACCOUNTS:
            user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def _print_accounts(self):
        host = os.environ.get("HOST", "127.0.0.1")
        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Public site: http://%(host)s:%(port)s/") % {"host": host, "port": port}))
        self.stdout.write(self.style.SUCCESS(_("Admin: http://%(host)s:%(port)s/admin/") % {"host": host, "port": port}))
        self.stdout.write(_("Demo accounts (development only):"))
        for username, role, password in demo.ACCOUNTS:
            self.stdout.write(f"  {role:<11} {username:<11} {password}")
        self.stdout.write("")

    def _organisation(self, data):
        organisation, _created = Organisation.objects.get_or_create(name_en=data["name_en"], defaults=data)
        return organisation

    def _speaker(self, slug, data, organisations):
        fields = {key: value for key, value in data.items() if key != "appointments"}
        speaker, created = Speaker.objects.get_or_create(slug=slug, defaults=fields)
        if created:
            for title_ar, title_en, organisation, started_on, ended_on in data["appointments"]:
                Appointment.objects.create(
                    speaker=speaker, post_title_ar=title_ar, post_title_en=title_en,
                    organisation=organisations[organisation], started_on=started_on, ended_on=ended_on,
                )
        return speaker

    def _programme(self, slug, data, organisations):
        fields = {key: value for key, value in data.items() if key != "partners"}
        programme, created = Programme.objects.get_or_create(slug=slug, defaults=fields)
        if created:
            programme.partners.set([organisations[key] for key in data["partners"]])
        return programme

    def _release(self, data, users, speakers, programmes):
        writer, editor = users.get("writer"), users.get("editor")
        english = data.get("english", True)
        fields = {
            "dateline_date": data["date"], "headline_ar": data["headline_ar"],
            "body_ar": text_to_paragraphs("\n\n".join(data["body_ar"])),
            "dateline_place_ar": "نيويورك", "dateline_source_ar": "المكتب الإعلامي",
            "occasion_ar": data.get("occasion_ar", ""),
            "summary_ar": data.get("summary_ar", ""),
            "speakers": [speakers[slug] for slug in data["speakers"]],
            "programmes": [programmes[slug] for slug in data["programmes"]],
        }
        if english:
            fields.update({
                "headline_en": data["headline_en"], "body_en": text_to_paragraphs("\n\n".join(data["body_en"])),
                "dateline_place_en": "New York", "dateline_source_en": "Media Office",
                "occasion_en": data.get("occasion_en", ""),
                "summary_en": data.get("summary_en", ""),
            })
        if data.get("image"):
            fields.update(self._image(data["image"], english))
        edition = workflow.edition_create(user=writer, kind=data["kind"], data=fields,
                                          source_fingerprint=f"demo:{data['key']}")
        if data["state"] == "draft":
            return
        edition = workflow.edition_submit(edition=edition, user=writer, seen_version=edition.version)
        if data["state"] == "published":
            # Dated as if published on the dateline day, as an archive import would be.
            workflow.edition_publish(edition=edition, user=editor, seen_version=edition.version,
                                     at=_at_ten(data["date"]))
        elif data["state"] == "scheduled":
            at = max(_at_ten(data["date"]), timezone.now() + datetime.timedelta(days=2))
            workflow.edition_schedule(edition=edition, user=editor, seen_version=edition.version, at=at)

    def _image(self, image, english):
        drawing, alt_ar, alt_en = image
        fields = {"lead_image": ContentFile(draw_png(drawing), name=f"{drawing}.png"),
                  "lead_image_alt_ar": alt_ar, "lead_image_caption_ar": demo.IMAGE_CAPTION["ar"]}
        if english:
            fields.update(lead_image_alt_en=alt_en, lead_image_caption_en=demo.IMAGE_CAPTION["en"])
        return fields

    def _pages(self):
        """Fill the standing pages' text once; an editor's later changes are never overwritten."""
        for slug, data in demo.PAGES.items():
            page, _created = Page.objects.get_or_create(slug=slug, defaults={"title": data["title_ar"]})
            if page.body_ar:
                continue
            for field, value in data.items():
                setattr(page, field, text_to_paragraphs("\n\n".join(value)) if field.startswith("body_") else value)
            page.save()

    def _correction(self, users):
        release = Release.objects.filter(source_fingerprint=f"demo:{demo.CORRECTION['key']}").first()
        if release is None or release.corrections.exists():
            return
        writer = users.get("writer")
        edition = workflow.edition_start_new(release=release, user=writer)
        old_ar, new_ar, old_en, new_en = demo.CORRECTION["replace"]
        edition = workflow.edition_update(edition=edition, user=writer, seen_version=edition.version, data={
            "body_ar": edition.body_ar.replace(old_ar, new_ar), "body_en": edition.body_en.replace(old_en, new_en),
            "change_note_ar": demo.CORRECTION["note_ar"], "change_note_en": demo.CORRECTION["note_en"],
        })
        edition = workflow.edition_submit(edition=edition, user=writer, seen_version=edition.version)
        workflow.edition_publish(edition=edition, user=users.get("editor2"), seen_version=edition.version,
                                 note_kind="correction")
