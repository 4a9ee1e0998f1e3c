"""Forms of the Perjanjian Kinerja pages.

The forms collect what a person types; reading the values (decimal comma, units, grades) and
validating the rows is the job of kinerja.services_pk, whose ValidationError is attached back
to the form with `tempel_galat` so the page shows it beside the field that caused it.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from nilai import NilaiTidakValid, baca_predikat, tulis_angka_ringkas
from satker.fields import NIPFormField

from .models import Indikator, JenisNilai, JenisPK, PerjanjianKinerja
from .selectors_pk import indikator_katalog, target_renstra_tahun, teks_nilai
from .services_pk import KOLOM_INDIKATOR

TRIWULAN_LABEL = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def tempel_galat(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: keyed errors beside their field when the
    form has it, everything else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for kunci, galat in exc.error_dict.items():
            form.add_error(kunci if kunci in form.fields else None, galat)
    else:
        form.add_error(None, exc)


class PredikatField(forms.ChoiceField):
    """A grade from an indicator's scale, offered as a select. A posted look-alike letter from
    another alphabet (a Cyrillic "В") is read as the Latin grade; other text is refused."""

    def __init__(self, skala: list[str], **kwargs):
        self.skala = skala
        super().__init__(choices=[("", "— pilih —")] + [(k, k) for k in skala], **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        try:
            return baca_predikat(value, self.skala)
        except NilaiTidakValid as exc:
            raise ValidationError(str(exc), code="invalid_choice") from exc


def field_nilai(indikator: Indikator, *, label: str, required: bool = False, initial=""):
    """The input for a value of `indikator`: a select of the scale's grades, ya/tidak, or a text
    box for a number typed the Indonesian way."""
    if indikator.jenis_nilai == JenisNilai.PREDIKAT:
        return PredikatField(indikator.skala or [], label=label, required=required, initial=initial)
    if indikator.jenis_nilai == JenisNilai.YA_TIDAK:
        return forms.ChoiceField(
            choices=[("", "— pilih —"), ("ya", "Ya"), ("tidak", "Tidak")],
            label=label,
            required=required,
            initial=initial,
        )
    return forms.CharField(
        label=label,
        required=required,
        initial=initial,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "placeholder": "mis. 66,23", "autocomplete": "off"}
        ),
        help_text=f"Dalam {indikator.satuan}; koma untuk desimal.",
    )


class PKForm(forms.Form):
    """The header of a PK: year and kind, signing place and date, the two parties."""

    tahun = forms.IntegerField(min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(label="Jenis PK", choices=JenisPK.choices)
    renstra = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Otomatis: Renstra satker yang mencakup tahun PK",
        help_text="Bila satker belum memiliki Renstra untuk tahun itu, Renstra KPU RI "
        "diadopsi (visi, misi, sasaran dan indikatornya disalin) dan dapat disesuaikan.",
    )
    tempat_ttd = forms.CharField(
        label="Tempat penandatanganan",
        max_length=100,
        required=False,
        help_text="Kota yang dicetak di atas tanda tangan.",
    )
    tanggal_ttd = forms.DateField(
        label="Tanggal penandatanganan",
        required=False,
        widget=TANGGAL,
        help_text="Kosongkan bila PK belum ditandatangani.",
    )
    pihak_pertama_nama = forms.CharField(label="Nama", max_length=150)
    pihak_pertama_jabatan = forms.CharField(label="Jabatan", max_length=150)
    pihak_pertama_nip = NIPFormField(label="NIP")
    pihak_kedua_nama = forms.CharField(label="Nama", max_length=150, required=False)
    pihak_kedua_jabatan = forms.CharField(
        label="Jabatan",
        max_length=150,
        required=False,
        help_text="Atasan pihak pertama; kosongkan bila PK hanya ditandatangani satu pihak.",
    )
    pihak_kedua_nip = NIPFormField(label="NIP")

    PIHAK = ("pihak_pertama", "pihak_kedua")

    def __init__(self, *args, satker, pk: PerjanjianKinerja | None = None, **kwargs):
        if pk is not None:
            kwargs.setdefault(
                "initial",
                {f: getattr(pk, f) for f in self.base_fields if f != "renstra" and hasattr(pk, f)},
            )
        else:
            kwargs.setdefault(
                "initial",
                {"tahun": date.today().year, "tempat_ttd": satker.kota_ttd, "jenis": "lembaga"},
            )
        super().__init__(*args, **kwargs)
        self.fields[
            "pihak_pertama_jabatan"
        ].help_text = (
            f"Mis. Ketua {satker.nama} (PK lembaga) atau Sekretaris {satker.nama} (PK sekretariat)."
        )
        if pk is None:
            self.fields["renstra"].queryset = satker.renstra.order_by("-tahun_mulai")
        else:
            del self.fields["renstra"]
            if pk.revisi:
                self.fields["tahun"].disabled = True
                self.fields["jenis"].disabled = True

    def pihak(self, awalan: str) -> list:
        return [self[f"{awalan}_{f}"] for f in ("nama", "jabatan", "nip")]

    def argumen(self) -> dict:
        return dict(self.cleaned_data)


class RevisiForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan revisi",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Alasan revisi wajib diisi."},
        help_text="Mis. perubahan target setelah revisi DIPA, atau penambahan indikator.",
    )


class ItemTargetForm(forms.Form):
    """Targets of one PK row: the year, optional TW I–IV and an optional target kegiatan."""

    def __init__(self, *args, indikator: Indikator, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        awal = {}
        if item is not None:
            awal["target"] = teks_nilai(indikator, item.target, item.target_predikat)
            for t in item.target_triwulan.all():
                awal[f"target_tw{t.triwulan}"] = teks_nilai(indikator, t.target, t.target_predikat)
            awal["target_kegiatan"] = tulis_angka_ringkas(item.target_kegiatan)
            awal["satuan_kegiatan"] = item.satuan_kegiatan
        self.fields["target"] = field_nilai(
            indikator, label="Target tahunan", required=True, initial=awal.get("target", "")
        )
        for tw, label in TRIWULAN_LABEL.items():
            f = field_nilai(indikator, label=label, initial=awal.get(f"target_tw{tw}", ""))
            f.help_text = ""
            self.fields[f"target_tw{tw}"] = f
        self.fields["target_kegiatan"] = forms.CharField(
            label="Target kegiatan",
            required=False,
            initial=awal.get("target_kegiatan", ""),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "mis. 5"}),
            help_text="Opsional: jumlah kegiatan di samping target, mis. 5 (orang).",
        )
        self.fields["satuan_kegiatan"] = forms.CharField(
            label="Satuan kegiatan",
            required=False,
            max_length=50,
            initial=awal.get("satuan_kegiatan", ""),
            widget=forms.TextInput(attrs={"placeholder": "mis. orang"}),
        )

    @property
    def field_triwulan(self):
        return [self[f"target_tw{tw}"] for tw in TRIWULAN_LABEL]

    def argumen(self) -> dict:
        d = self.cleaned_data
        return {
            "target": d["target"],
            "target_kegiatan": d["target_kegiatan"],
            "satuan_kegiatan": d["satuan_kegiatan"],
            "target_triwulan": {tw: d[f"target_tw{tw}"] for tw in TRIWULAN_LABEL},
        }


class IndikatorBaruForm(forms.Form):
    """An indicator of the satker's own, under an existing or a new sasaran, with its targets."""

    sasaran = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="— sasaran baru (tulis di bawah) —"
    )
    sasaran_baru = forms.CharField(
        label="Sasaran baru",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Hanya bila sasarannya belum ada di Renstra.",
    )
    target = forms.CharField(
        label="Target tahunan",
        help_text="Angka dalam satuan indikator (66,23), predikat dari skala (mis. BB), "
        "atau ya/tidak.",
    )
    target_kegiatan = forms.CharField(label="Target kegiatan", required=False)
    satuan_kegiatan = forms.CharField(label="Satuan kegiatan", required=False, max_length=50)

    def __init__(self, *args, pk: PerjanjianKinerja, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = pk.renstra.sasaran.all()
        for nama in KOLOM_INDIKATOR:
            self.fields[nama] = Indikator._meta.get_field(nama).formfield()
        self.fields["nama"].widget = forms.Textarea(attrs={"rows": 2})
        for nama in ("definisi_operasional", "sumber_data"):
            self.fields[nama].widget = forms.Textarea(attrs={"rows": 2})
        self.fields["skala_nilai"].help_text = "Wajib bila jenis nilai predikat."
        for tw, label in TRIWULAN_LABEL.items():
            self.fields[f"target_tw{tw}"] = forms.CharField(label=label, required=False)

    @property
    def field_triwulan(self):
        return [self[f"target_tw{tw}"] for tw in TRIWULAN_LABEL]

    def argumen(self) -> dict:
        d = self.cleaned_data
        return {
            "sasaran": d["sasaran"],
            "sasaran_baru": d["sasaran_baru"],
            "indikator": {k: d[k] for k in KOLOM_INDIKATOR},
            "target": d["target"],
            "target_kegiatan": d["target_kegiatan"],
            "satuan_kegiatan": d["satuan_kegiatan"],
            "target_triwulan": {tw: d[f"target_tw{tw}"] for tw in TRIWULAN_LABEL},
        }


class KatalogForm(forms.Form):
    """Indicators of the PK's Renstra not yet in the PK: a checkbox and a target for each,
    the target pre-filled with the Renstra's target for the PK's year."""

    def __init__(self, *args, pk: PerjanjianKinerja, **kwargs):
        super().__init__(*args, **kwargs)
        self.katalog = indikator_katalog(pk)
        self.target_renstra = {}
        for ind in self.katalog:
            self.target_renstra[ind.id] = target_renstra_tahun(ind, pk.tahun)
            pilih = forms.BooleanField(required=False, label=ind.nama)
            pilih.widget.attrs["class"] = "form-check-input"
            self.fields[f"pilih_{ind.id}"] = pilih
            f = field_nilai(ind, label="Target", initial=self.target_renstra[ind.id])
            f.help_text = ""
            kelas = "form-control" if isinstance(f.widget, forms.TextInput) else "form-select"
            f.widget.attrs["class"] = f"{kelas} {kelas}-sm"
            f.widget.attrs["aria-label"] = f"Target {ind.kode}"
            self.fields[f"target_{ind.id}"] = f

    def clean(self):
        data = super().clean()
        for ind in self.katalog:
            if not data.get(f"pilih_{ind.id}"):
                self._errors.pop(f"target_{ind.id}", None)  # only checked rows count
        if not any(data.get(f"pilih_{ind.id}") for ind in self.katalog):
            raise ValidationError("Centang paling sedikit satu indikator.")
        return data

    def pilihan(self) -> list[tuple[Indikator, str]]:
        return [
            (ind, self.cleaned_data.get(f"target_{ind.id}", ""))
            for ind in self.katalog
            if self.cleaned_data.get(f"pilih_{ind.id}")
        ]

    def kelompok(self) -> list[tuple]:
        """(sasaran, rows) in catalogue order; a row is (indikator, checkbox, target, Renstra
        target)."""
        hasil: dict[int, tuple] = {}
        for ind in self.katalog:
            baris = (
                ind,
                self[f"pilih_{ind.id}"],
                self[f"target_{ind.id}"],
                self.target_renstra[ind.id],
            )
            hasil.setdefault(ind.sasaran_id, (ind.sasaran, []))[1].append(baris)
        return list(hasil.values())


class AnggaranForm(forms.Form):
    kode = forms.CharField(
        label="Kode", max_length=30, required=False, help_text="Opsional, mis. 076.01.WA"
    )
    program = forms.CharField(label="Program", max_length=250)
    pagu = forms.CharField(
        label="Pagu (Rp)",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "mis. 2.647.529.000"}),
    )
