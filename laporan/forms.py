from django import forms

from satker.fields import NIPFormField

from .alur import TtdReviu
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

    def argumen(self) -> dict:
        """The keyword arguments of alur.laporan_transisi from this form."""
        return {"komentar": self.cleaned_data["komentar"]}


def _wajib(label: str) -> dict:
    return {"required": f"Isi {label}; persetujuan memerlukan nama, jabatan, NIP dan tempat."}


class PersetujuanForm(TransisiForm):
    """Approving a report: who signs the Pernyataan Telah Direviu, where, and an optional
    comment. Starts from the reviewer's profile (alur.ttd_awal)."""

    nama = forms.CharField(
        label="Nama penanda tangan",
        max_length=150,
        error_messages=_wajib("nama penanda tangan"),
        help_text="Nama lengkap dengan gelar, seperti dicetak di bawah tanda tangan.",
    )
    jabatan = forms.CharField(
        label="Jabatan",
        max_length=150,
        error_messages=_wajib("jabatan"),
        help_text="Mis. Kepala Bagian Perencanaan; nama kantor ditambahkan bila belum ada.",
    )
    nip = NIPFormField(label="NIP", required=True, error_messages=_wajib("NIP"))
    tempat = forms.CharField(
        label="Tempat penandatanganan",
        max_length=100,
        error_messages=_wajib("tempat penandatanganan"),
        help_text="Kota yang dicetak di atas tanda tangan.",
    )

    field_order = ["nama", "jabatan", "nip", "tempat", "komentar"]

    def __init__(self, *args, profil=None, **kwargs):
        kwargs.setdefault("auto_id", "setujui-%s")
        super().__init__(*args, **kwargs)
        self.fields["komentar"].label = "Komentar (boleh kosong)"
        self.fields["komentar"].widget.attrs["rows"] = 2
        self.fields["nama"].widget.attrs["autocomplete"] = "name"
        # Tell the reviewer where an empty profile field will be filled from (alur.
        # _lengkapi_profil), so the next approval form starts with it.
        for kolom in ("jabatan", "nip"):
            if profil is not None and not getattr(profil, kolom).strip():
                self.fields[kolom].help_text = (
                    f"{self.fields[kolom].help_text.rstrip('.')}. Profil Anda belum memuat "
                    "isian ini; yang Anda tulis disimpan ke profil sehingga persetujuan "
                    "berikutnya sudah terisi."
                )

    def argumen(self) -> dict:
        d = self.cleaned_data
        ttd = TtdReviu(nama=d["nama"], jabatan=d["jabatan"], nip=d["nip"], tempat=d["tempat"])
        return {**super().argumen(), "ttd": ttd}


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
