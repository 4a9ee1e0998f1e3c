"""Forms of the quarterly realisasi page: one prefixed form per PK item, and the evidence upload.

The forms only collect what was typed; kinerja.services_realisasi reads and validates the values
(units, scales, shares), so the live preview and the save apply the same rules.
"""

from django import forms

from .models import BUKTI_JENIS, JenisNilai
from .selectors_pk import teks_nilai
from .services_realisasi import NARASI, BarisMasukan

TEKS_MAKS = 5000


def prefix_baris(item) -> str:
    return f"r-{item.id}"


class BarisRealisasiForm(forms.Form):
    """One row: the value (text, grade or ya/tidak), the narrative and the loaded version."""

    nilai = forms.CharField(label="Realisasi", required=False, max_length=50)
    kegiatan = forms.CharField(
        label="Kegiatan yang dilaksanakan",
        required=False,
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    penyebab = forms.CharField(
        label="Penyebab keberhasilan/kegagalan",
        required=False,
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    solusi = forms.CharField(
        label="Solusi dan tindak lanjut",
        required=False,
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    program_pendukung = forms.CharField(
        label="Program/kegiatan pendukung",
        required=False,
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    versi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    hapus = forms.BooleanField(label="Hapus realisasi ini", required=False)

    def __init__(self, data=None, *, item, realisasi=None, url_pratinjau=None, **kwargs):
        self.item = item
        self.realisasi = realisasi
        indikator = item.indikator
        initial = {"versi": realisasi.versi if realisasi else 0}
        if realisasi is not None:
            initial["nilai"] = teks_nilai(indikator, realisasi.nilai, realisasi.nilai_predikat)
            initial.update({n: getattr(realisasi, n) for n in NARASI})
        super().__init__(data, prefix=prefix_baris(item), initial=initial, **kwargs)
        attrs = {
            "class": "form-control form-control-sm nilai-input",
            "aria-label": f"Realisasi {indikator.kode}",
            "id": f"nilai-{item.id}",
        }
        if url_pratinjau:
            # Live capaian: the server renders the row's result with kinerja.capaian.
            attrs.update(
                {
                    "hx-post": url_pratinjau,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": f"#hasil-{item.id}",
                    "hx-params": self.add_prefix("nilai"),
                    "hx-sync": "this:replace",
                }
            )
        if indikator.jenis_nilai in (JenisNilai.PREDIKAT, JenisNilai.YA_TIDAK):
            if indikator.jenis_nilai == JenisNilai.PREDIKAT:
                pilihan = [("", "—")] + [(k, k) for k in (indikator.skala or [])]
            else:
                pilihan = [("", "—"), ("ya", "Ya"), ("tidak", "Tidak")]
            self._tambah_pilihan_asing(pilihan)
            attrs["class"] = "form-select form-select-sm nilai-input"
            if url_pratinjau:
                attrs["hx-trigger"] = "change"  # a select has nothing to debounce
            self.fields["nilai"].widget = forms.Select(choices=pilihan, attrs=attrs)
        else:
            attrs.update({"inputmode": "decimal", "autocomplete": "off"})
            self.fields["nilai"].widget = forms.TextInput(attrs=attrs)
        for nama in NARASI:
            self.fields[nama].widget.attrs.update(
                {"class": "form-control form-control-sm", "id": f"{nama}-{item.id}"}
            )
        self.fields["hapus"].widget.attrs.update(
            {"class": "form-check-input", "id": f"hapus-{item.id}"}
        )

    def _tambah_pilihan_asing(self, pilihan):
        """Keep a submitted value that is not an option visible (with the row's error), so the
        user sees what was sent instead of a silently blank select."""
        if not self.is_bound:
            return
        dikirim = (self.data.get(self.add_prefix("nilai")) or "").strip()
        if dikirim and dikirim not in {k for k, _ in pilihan}:
            pilihan.append((dikirim, f"{dikirim} (tidak dikenal)"))

    def narasi(self):
        return [self[n] for n in NARASI]

    @property
    def teks_nilai(self) -> str:
        """What the value input currently holds (typed or loaded)."""
        return (self["nilai"].value() or "").strip()

    @property
    def ada_narasi(self) -> bool:
        return any((self[n].value() or "").strip() for n in NARASI)

    def masukan(self) -> BarisMasukan:
        data = self.cleaned_data
        return BarisMasukan(
            item_id=self.item.id,
            nilai=data["nilai"],
            versi=data["versi"],
            hapus=data.get("hapus", False),
            **{n: data[n] for n in NARASI},
        )


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label="Bukti dukung",
        error_messages={"required": "Pilih berkas yang akan diunggah."},
    )


ACCEPT_BUKTI = ",".join(
    [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".pptx", *BUKTI_JENIS]
)
