"""Forms of the history page (one earlier year of an indicator) and of its workbook import."""

from django import forms

from .forms import BerkasXlsxForm
from .forms_pk import field_nilai
from .models import TAHUN_RIWAYAT_MIN, Indikator, RiwayatCapaian
from .selectors_pk import teks_nilai


class RiwayatForm(forms.Form):
    """Year, target, realisasi and source of one history row; the values are read (decimal
    comma, grades of the scale, ya/tidak) by services_riwayat.riwayat_simpan."""

    tahun = forms.IntegerField(
        label="Tahun",
        min_value=TAHUN_RIWAYAT_MIN,
        max_value=2100,
        error_messages={
            "required": "Tahun wajib diisi.",
            "invalid": "Tahun harus angka, mis. 2022.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sumber = forms.CharField(
        label="Sumber",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "mis. LKj 2023, Tabel 3.2"}),
    )

    def __init__(
        self,
        *args,
        indikator: Indikator,
        riwayat: RiwayatCapaian | None = None,
        tahun: int | None = None,
        **kwargs,
    ):
        if riwayat is not None:
            kwargs.setdefault(
                "initial",
                {
                    "tahun": riwayat.tahun,
                    "target": teks_nilai(indikator, riwayat.target, riwayat.target_predikat),
                    "realisasi": teks_nilai(
                        indikator, riwayat.realisasi, riwayat.realisasi_predikat
                    ),
                    "sumber": riwayat.sumber,
                },
            )
        elif tahun is not None:
            kwargs.setdefault("initial", {"tahun": tahun})
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.fields["target"] = field_nilai(indikator, label="Target")
        self.fields["realisasi"] = field_nilai(indikator, label="Realisasi")
        for nama in ("target", "realisasi"):
            self.fields[nama].help_text = ""
        self.order_fields(["tahun", "target", "realisasi", "sumber"])

    def siapkan(self, id_form: str) -> None:
        """Ready the inputs for a table row: tied to the form `id_form` in the row's last cell
        (a form cannot span table cells), small controls, errors marked."""
        for nama, f in self.fields.items():
            dasar = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            kelas = f"{dasar} {dasar}-sm"
            if self.is_bound and nama in self.errors:
                kelas += " is-invalid"
                f.widget.attrs["aria-invalid"] = "true"
            f.widget.attrs.update({"form": id_form, "class": kelas})
            f.widget.attrs.setdefault("aria-label", f.label)
        self.fields["tahun"].widget.attrs["autofocus"] = True

    def argumen(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("tahun", "target", "realisasi", "sumber")}


class ImporRiwayatForm(BerkasXlsxForm):
    label_berkas = "Berkas riwayat capaian (.xlsx)"
    nama_templat = "templat riwayat capaian"
