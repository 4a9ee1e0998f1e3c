"""Shared fixtures of every app's tests that sit at the bottom layer: the satker-year lock as a
submitted report writes it (the workflow's own tests check that it does)."""

from satker.kunci import kunci_tulis

PESAN_KUNCI = (
    "LKj uji berstatus “Diajukan untuk reviu”: data yang menjadi dasar laporan tidak dapat "
    "diubah sampai laporan dikembalikan oleh reviewer atau dibuka kembali."
)


def kunci_uji(satker, tahun: int, *jenis_pk: str, pesan: str = PESAN_KUNCI) -> str:
    """Lock the satker-year's data of these kinds of PK (every kind when none is named), as a
    submitted report would; returns the message a refused change shows."""
    jenis = jenis_pk or ("lembaga", "sekretariat")
    kunci_tulis(satker=satker, tahun=tahun, kunci=dict.fromkeys(jenis, pesan))
    return pesan


def buka_kunci_uji(satker, tahun: int) -> None:
    """Open the satker-year again, as returning or reopening its report does."""
    kunci_tulis(satker=satker, tahun=tahun, kunci={})
