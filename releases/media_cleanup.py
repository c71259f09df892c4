"""A file that no record uses any more is deleted from storage, once the change is committed.

Editions copied from one another share their files, so a file goes only when
no edition, attachment, speaker or programme names it. The media view refuses
unused files anyway; this keeps storage from holding what nobody may see.
"""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

logger = logging.getLogger(__name__)


def _file_fields(model):
    from django.db.models import FileField

    return [field for field in model._meta.concrete_fields if isinstance(field, FileField)]


def _remember_old_names(sender, instance, update_fields=None, raw=False, **kwargs):
    names = [field.attname for field in _file_fields(sender)]
    if update_fields is not None:
        names = [name for name in names if name in update_fields]
    if instance.pk is None or raw or not names:
        instance._stored_file_names = {}
        return
    instance._stored_file_names = sender._default_manager.filter(pk=instance.pk).values(*names).first() or {}


def _after_save(sender, instance, **kwargs):
    old = getattr(instance, "_stored_file_names", {}) or {}
    replaced = [name for attname, name in old.items() if name and name != getattr(instance, attname).name]
    _delete_when_unused(replaced)


def _after_delete(sender, instance, **kwargs):
    _delete_when_unused([getattr(instance, field.attname).name for field in _file_fields(sender)])


def _delete_when_unused(names):
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [_delete_if_unused(name) for name in names])


def _delete_if_unused(name):
    from .media import _is_used

    if _is_used(name):
        return
    try:
        default_storage.delete(name)
    except Exception:  # noqa: BLE001 - a file we can't delete is refused by the media view all the same
        logger.warning("Could not delete unused media file %s", name, exc_info=True)


def connect():
    from .models import Attachment, Edition, Programme, Speaker

    for model in (Edition, Attachment, Speaker, Programme):
        uid = f"media-cleanup-{model.__name__}"
        pre_save.connect(_remember_old_names, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-delete")
