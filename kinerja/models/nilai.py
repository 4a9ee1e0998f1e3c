"""The value columns shared by the kinerja models: digit sizes, the choices an indicator is
scored by, and NilaiMixin, which reads and checks a `<nama>` / `<nama>_predikat` pair."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nilai import tulis_angka

from .. import capaian

NILAI_DIGITS = {"max_digits": 20, "decimal_places": 4}
RUPIAH_DIGITS = {"max_digits": 18, "decimal_places": 2}
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class JenisNilai(models.TextChoices):
    ANGKA = capaian.JenisNilai.ANGKA.value, "Angka"
    PREDIKAT = capaian.JenisNilai.PREDIKAT.value, "Predikat / nilai huruf"
    YA_TIDAK = capaian.JenisNilai.YA_TIDAK.value, "Ya / tidak"


class Polaritas(models.TextChoices):
    POSITIF = capaian.Polaritas.POSITIF.value, "Positif (makin tinggi makin baik)"
    NEGATIF = capaian.Polaritas.NEGATIF.value, "Negatif (makin rendah makin baik)"


class RumusNegatif(models.TextChoices):
    SELISIH = capaian.RumusNegatif.SELISIH.value, "Selisih: (2 − realisasi ÷ target) × 100"
    RASIO = capaian.RumusNegatif.RASIO.value, "Rasio: target ÷ realisasi × 100"


class Agregasi(models.TextChoices):
    KUMULATIF = capaian.Agregasi.KUMULATIF.value, "Kumulatif (jumlah triwulan)"
    NILAI_AKHIR = capaian.Agregasi.NILAI_AKHIR.value, "Nilai akhir (triwulan terakhir)"
    RATA_RATA = capaian.Agregasi.RATA_RATA.value, "Rata-rata triwulan"


class BatasRerata(models.TextChoices):
    TANPA = "tanpa", "Tanpa batas"
    SERATUS = "100", "Dibatasi 100 %"
    SERATUS_DUA_PULUH = "120", "Dibatasi 120 %"


class JenisPK(models.TextChoices):
    LEMBAGA = "lembaga", "KPU (lembaga)"
    SEKRETARIAT = "sekretariat", "Sekretariat"


class NilaiMixin:
    """Reads and checks the typed value of a `<nama>` / `<nama>_predikat` column pair."""

    def indikator_terkait(self):
        raise NotImplementedError

    @property
    def jenis_nilai_terkait(self):
        return self.indikator_terkait().jenis_nilai

    def periksa_nilai(self, nama: str, *, wajib: bool) -> None:
        """Raise ValidationError unless the pair holds a value of the indicator's kind."""
        indikator = self.indikator_terkait()
        angka = getattr(self, nama)
        predikat = getattr(self, f"{nama}_predikat")
        if angka is None and not predikat:
            if wajib:
                raise ValidationError({nama: "Nilai wajib diisi."})
            return
        if indikator.jenis_nilai == JenisNilai.PREDIKAT:
            if angka is not None or not predikat:
                raise ValidationError(
                    {nama: f"Indikator ini dinilai dengan {indikator.skala_nilai}: isi predikat."}
                )
            skala = indikator.skala_nilai.kode_berurutan
            if predikat not in skala:
                raise ValidationError(
                    {
                        nama: f"'{predikat}' tidak ada dalam skala {indikator.skala_nilai}: "
                        f"pilih salah satu dari {', '.join(skala)}."
                    }
                )
            return
        if predikat:
            raise ValidationError({nama: "Indikator ini bernilai angka, bukan predikat."})
        if indikator.jenis_nilai == JenisNilai.YA_TIDAK and angka not in (0, 1):
            raise ValidationError({nama: "Indikator ini bernilai ya (1) atau tidak (0)."})
        if angka < 0:
            raise ValidationError({nama: "Nilai tidak boleh negatif."})
        if indikator.adalah_bagian_persen and angka > 100:
            raise ValidationError(
                {nama: f"Persentase tidak boleh lebih dari 100 % ({tulis_angka(angka)})."}
            )

    def capaian_untuk(self, *, realisasi, target) -> capaian.Capaian:
        """The capaian of `realisasi` against `target` (typed values, see nilai_dari) by the
        indicator's rule: its kind of value, polarity, negative formula and grade scale. The one
        place that hands an indicator's rule to kinerja.capaian.hitung_capaian; a PK item, a
        history row, the live preview and the report's comparisons all score through it."""
        indikator = self.indikator_terkait()
        return capaian.hitung_capaian(
            jenis=capaian.JenisNilai(indikator.jenis_nilai),
            realisasi=realisasi,
            target=target,
            polaritas=capaian.Polaritas(indikator.polaritas),
            rumus_negatif=capaian.RumusNegatif(indikator.rumus_negatif),
            skala=indikator.skala,
        )

    def nilai_dari(self, nama: str):
        predikat = getattr(self, f"{nama}_predikat", "")
        if predikat:
            return predikat
        angka = getattr(self, nama)
        if angka is None:
            return None
        if self.jenis_nilai_terkait == JenisNilai.YA_TIDAK:
            return angka != 0
        return angka
