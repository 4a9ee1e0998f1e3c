"""The NIP field for models and forms: both read a NIP with satker.nip.normalisasi_nip."""

from django import forms
from django.db import models

from .nip import CONTOH, normalisasi_nip

BANTUAN_NIP = f"18 angka, spasi boleh: {CONTOH}"


class NIPFormField(forms.CharField):
    """A NIP typed in a form: cleaned to its printed form, or refused naming the wrong part."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", BANTUAN_NIP)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        return normalisasi_nip(super().clean(value))


class NIPField(models.CharField):
    """A NIP column. full_clean() stores it as printed ("19881128 200701 1 002") and refuses
    what normalisasi_nip refuses, so no write path that validates can keep "12345"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("help_text", BANTUAN_NIP)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        # Normalised before the length check: a NIP typed with extra spaces may be longer than
        # the column but fits once printed.
        value = normalisasi_nip(self.to_python(value))
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NIPFormField, **kwargs})
