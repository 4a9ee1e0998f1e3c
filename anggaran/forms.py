"""Forms of the budget pages: amounts typed the Indonesian way ("1.250.000", "Rp 2.647.529.000"),
a new RO with its parents, one RO's amounts, a DIPA revision and the workbook upload.

The forms only read what was typed; anggaran.services checks the rest (codes, duplicates, the
lock), so the same rules hold for the import.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from kinerja.forms import BerkasXlsxForm
from kinerja.xlsx import BATAS_BYTE
from nilai import AngkaTidakValid, baca_angka

from . import services
from .models import KegiatanAnggaran, ProgramAnggaran, SumberDana
from .pohon import BarisRO

IMPOR_UKURAN_MAKS = BATAS_BYTE
_AWALAN_RP = re.compile(r"^rp\.?", re.IGNORECASE)


def baca_rupiah(teks: str, label: str) -> Decimal:
    """An amount typed as "1.250.000", "Rp 2.647.529.000" or "1.250,50"; ValidationError
    "<label> harus berupa angka." for anything else."""
    bersih = re.sub(r"\s+", "", _AWALAN_RP.sub("", (teks or "").strip()))
    if bersih.startswith("-"):
        raise ValidationError(f"{label} tidak boleh negatif.")
    try:
        angka = baca_angka(bersih)
    except AngkaTidakValid as exc:
        raise ValidationError(f"{label} harus berupa angka, misalnya 1.250.000.") from exc
    if angka != angka.quantize(Decimal("0.01")):
        raise ValidationError(f"{label} paling banyak dua angka di belakang koma (sen).")
    return angka


class RupiahField(forms.CharField):
    """A text input read with baca_rupiah; empty is None when the field is optional."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.error_messages["required"] = f"{self.label} wajib diisi."
        self.widget.attrs.update({"inputmode": "decimal", "class": "text-end"})

    def clean(self, value):
        teks = super().clean(value)  # the text's own checks (required, length) first
        if teks in self.empty_values:
            return None
        return baca_rupiah(teks, self.label)


class RoUbahForm(forms.Form):
    """The amounts of one RO, edited inline in the tree."""

    pagu = RupiahField(label="Pagu")
    realisasi = RupiahField(
        label="Realisasi", required=False, help_text="Kosongkan bila belum diketahui."
    )

    def baris(self, ro) -> BarisRO:
        """The RO as it is, with the typed amounts."""
        kro = ro.kro
        kegiatan, program = kro.kegiatan, kro.kegiatan.program
        return BarisRO(
            program=program.kode,
            kegiatan=kegiatan.kode,
            kro=kro.kode,
            ro=ro.kode,
            nama=ro.nama,
            pagu=self.cleaned_data["pagu"],
            realisasi=self.cleaned_data["realisasi"],
            sumber_dana=ro.sumber_dana,
            nama_program=program.nama,
            nama_kegiatan=kegiatan.nama,
            nama_kro=kro.nama,
        )


def _kode(tingkat):
    def clean(self):
        return services.periksa_kode(tingkat, self.cleaned_data[tingkat])

    return clean


class RoTambahForm(forms.Form):
    """A new RO with the codes (and names) of its programme, kegiatan and KRO."""

    program = forms.CharField(label="Kode program", max_length=20, help_text="Contoh: 076.01.CQ")
    nama_program = forms.CharField(label="Nama program", max_length=300, required=False)
    kegiatan = forms.CharField(label="Kode kegiatan", max_length=10, help_text="Contoh: 6639")
    nama_kegiatan = forms.CharField(label="Nama kegiatan", max_length=300, required=False)
    kro = forms.CharField(label="Kode KRO", max_length=10, help_text="Contoh: QGE")
    nama_kro = forms.CharField(label="Nama KRO", max_length=300, required=False)
    ro = forms.CharField(label="Kode RO", max_length=10, help_text="Contoh: 001")
    nama = forms.CharField(label="Nama RO", max_length=300)
    sumber_dana = forms.ChoiceField(
        label="Sumber dana", choices=SumberDana.choices, initial=SumberDana.APBN
    )
    pagu = RupiahField(label="Pagu")
    realisasi = RupiahField(
        label="Realisasi", required=False, help_text="Kosongkan bila belum diketahui."
    )

    clean_program = _kode("program")
    clean_kegiatan = _kode("kegiatan")
    clean_kro = _kode("kro")
    clean_ro = _kode("ro")

    def __init__(self, *args, satker, tahun, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker, self.tahun = satker, tahun

    def clean(self):
        """A new programme or kegiatan needs its name; left blank, an existing one keeps its."""
        data = super().clean()
        program, kegiatan = data.get("program"), data.get("kegiatan")
        if not program:
            return data
        ada = ProgramAnggaran.objects.filter(satker=self.satker, tahun=self.tahun, kode=program)
        if not data.get("nama_program", "").strip() and not ada.exists():
            self.add_error("nama_program", f"Program {program} baru: nama program wajib diisi.")
        if kegiatan and not data.get("nama_kegiatan", "").strip():
            ada = KegiatanAnggaran.objects.filter(program__in=ada, kode=kegiatan)
            if not ada.exists():
                self.add_error(
                    "nama_kegiatan", f"Kegiatan {kegiatan} baru: nama kegiatan wajib diisi."
                )
        return data

    def baris(self) -> BarisRO:
        return BarisRO(
            **{k: v.strip() if isinstance(v, str) else v for k, v in self.cleaned_data.items()}
        )


class RevisiForm(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal revisi",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Tanggal tidak sah.", "required": "Tanggal wajib diisi."},
    )
    keterangan = forms.CharField(label="Keterangan", max_length=300, required=False)


class ImporForm(BerkasXlsxForm):
    label_berkas = "Berkas anggaran (.xlsx)"
    nama_templat = "templat anggaran"
