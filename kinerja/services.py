"""Writes that touch several kinerja models. Each function validates with full_clean()."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from . import capaian
from .models import Indikator, JenisNilai


def nilai_ke_kolom(indikator: Indikator, nilai) -> tuple[Decimal | None, str]:
    """Turn a typed value of `indikator` into its (angka, predikat) column pair.

    Numbers become Decimal, yes/no becomes 1 or 0, grades become the scale's Latin code
    (look-alike letters from other alphabets are normalised; anything else is refused).
    """
    if nilai is None or nilai == "":
        return None, ""
    if indikator.jenis_nilai == JenisNilai.PREDIKAT:
        try:
            kode = capaian.normalisasi_predikat(str(nilai), indikator.skala_nilai.kode_berurutan)
        except capaian.NilaiTidakValid as exc:
            raise ValidationError(str(exc)) from exc
        return None, kode
    if indikator.jenis_nilai == JenisNilai.YA_TIDAK:
        if not isinstance(nilai, bool):
            raise ValidationError(f"Nilai ya/tidak harus berupa ya atau tidak, bukan {nilai!r}.")
        return Decimal(int(nilai)), ""
    if isinstance(nilai, bool):
        raise ValidationError("Nilai angka tidak boleh berupa ya/tidak.")
    # Machine-readable input (JSON, Decimal): a dot is the decimal point. Text typed by a
    # person goes through capaian.parse_angka in the form first.
    try:
        angka = Decimal(str(nilai).strip())
    except InvalidOperation as exc:
        raise ValidationError(f"{nilai!r} bukan angka yang valid.") from exc
    if not angka.is_finite():
        raise ValidationError(f"{nilai!r} bukan angka yang valid.")
    if angka < 0:
        raise ValidationError(f"Nilai tidak boleh negatif ({nilai}).")
    return angka, ""
