from django import forms

from .models import Laporan, StatusLaporan


class LaporanForm(forms.ModelForm):
    class Meta:
        model = Laporan
        fields = [
            "tempat_ttd",
            "tanggal_ttd",
            "penandatangan_nama",
            "penandatangan_jabatan",
            "penandatangan_nip",
            "sekretaris_nama",
            "sekretaris_nip",
        ]
        widgets = {"tanggal_ttd": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class BagianForm(forms.Form):
    teks = forms.CharField(
        label="Teks",
        widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"}),
        help_text="Format Markdown: **tebal**, *miring*, daftar dengan tanda - di awal baris, "
        "tabel dengan tanda |. HTML tidak diteruskan ke laporan.",
    )
    hash_draf = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"max_length": "Formulir rusak; muat ulang halaman lalu tulis lagi."},
    )


class LampiranForm(forms.Form):
    judul = forms.CharField(label="Judul lampiran", max_length=200)
    berkas = forms.FileField(label="Berkas PDF", help_text="PDF, paling besar 20 MB.")


class TransisiForm(forms.Form):
    komentar = forms.CharField(
        label="Komentar",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Komentar paling panjang 2.000 karakter."},
    )


class FilterReviuForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Semua status")],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    tahun = forms.IntegerField(label="Tahun", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Semua status"), *StatusLaporan.choices]
