"""Forms of the satker-year pages (capaian policy)."""

from django import forms
from django.core.exceptions import ValidationError

from nilai import NilaiTidakValid, baca_angka, tulis_angka

from . import xlsx
from .models import BatasRerata, SkalaKategori

JUMLAH_PITA = 6


class KebijakanForm(forms.Form):
    skala_kategori = forms.ModelChoiceField(
        label="Skala kategori", queryset=SkalaKategori.objects.none(), empty_label=None
    )
    batas_rerata = forms.ChoiceField(
        label="Batas capaian dalam rata-rata",
        choices=BatasRerata.choices,
        help_text="Capaian di atas batas dihitung sebesar batas itu saat dirata-rata; "
        "capaian per indikator tetap ditampilkan apa adanya.",
    )

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skala_kategori"].queryset = (
            SkalaKategori.objects.untuk_satker(satker)
            .prefetch_related("pita")
            .order_by("-preset", "nama")
        )


class PitaForm(forms.Form):
    """Up to six bands typed the Indonesian way; empty rows are ignored."""

    batas_rerata = forms.ChoiceField(
        label="Batas capaian dalam rata-rata", choices=BatasRerata.choices
    )

    def __init__(self, *args, pita_awal=(), **kwargs):
        super().__init__(*args, **kwargs)
        awal = list(pita_awal)
        for i in range(JUMLAH_PITA):
            label, batas = awal[i] if i < len(awal) else ("", None)
            self.fields[f"label_{i}"] = forms.CharField(
                label=f"Label pita {i + 1}", required=False, max_length=50, initial=label
            )
            self.fields[f"batas_{i}"] = forms.CharField(
                label=f"Batas bawah pita {i + 1} (%)",
                required=False,
                max_length=10,
                initial="" if batas is None else tulis_angka(batas, 2).rstrip("0").rstrip(","),
            )

    def baris(self):
        return [(self[f"label_{i}"], self[f"batas_{i}"]) for i in range(JUMLAH_PITA)]

    def clean(self):
        data = super().clean()
        pita = []
        for i in range(JUMLAH_PITA):
            label = (data.get(f"label_{i}") or "").strip()
            batas = (data.get(f"batas_{i}") or "").strip()
            if not label and not batas:
                continue
            if not label or not batas:
                raise ValidationError(f"Pita {i + 1}: isi label dan batas bawahnya sekaligus.")
            try:
                pita.append((label, baca_angka(batas, "%")))
            except NilaiTidakValid as exc:
                raise ValidationError(f"Pita {i + 1}: {exc}") from exc
        data["pita"] = pita
        return data


class BerkasXlsxForm(forms.Form):
    """One uploaded workbook, refused before anything reads it when it is too large or not
    an .xlsx. Subclasses set the label and the template they name in the message."""

    label_berkas = "Berkas Excel (.xlsx)"
    nama_templat = "templat"

    berkas = forms.FileField(
        error_messages={"required": "Pilih berkas .xlsx yang akan diimpor."},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].label = self.label_berkas

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > xlsx.BATAS_BYTE:
            mb = f"{berkas.size / (1024 * 1024):.1f}".replace(".", ",")
            raise ValidationError(
                f"Berkas terlalu besar ({mb} MB); ukuran maksimum "
                f"{xlsx.BATAS_BYTE // (1024 * 1024)} MB."
            )
        if not berkas.name.lower().endswith(".xlsx"):
            raise ValidationError(f"Unggah berkas Excel .xlsx (gunakan {self.nama_templat}).")
        return berkas


class ImporPKForm(BerkasXlsxForm):
    label_berkas = "Berkas Perjanjian Kinerja (.xlsx)"
    nama_templat = "templat PK"
