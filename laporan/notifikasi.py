"""E-mail to the people concerned by a move of a report's review (laporan/alur.py).

`kirim_notifikasi` is called once the move is committed. Each recipient gets a message of their
own (no one sees the others' addresses). A failing mail server never undoes or breaks the move:
the error is logged and nothing is sent.
"""

import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from satker.akses import keanggotaan_pengguna, pengguna_berperan, pengguna_pereviu
from satker.models import Peran

from .models import RiwayatStatus, StatusLaporan

S = StatusLaporan
logger = logging.getLogger(__name__)
WIB = ZoneInfo("Asia/Jakarta")

AJAKAN = {
    S.DIAJUKAN: "Laporan ini menunggu reviu Anda.",
    S.DIKEMBALIKAN: "Perbaiki laporan sesuai catatan reviewer, lalu ajukan kembali.",
    S.DISETUJUI: "Laporan telah disetujui reviewer; pimpinan satker kini dapat menerbitkannya.",
    S.TERBIT: "Laporan telah terbit dan dapat diunduh pada halaman publikasi.",
}


def _dibuka(riwayat: RiwayatStatus) -> bool:
    return riwayat.ke == S.DRAF and riwayat.dari in (S.DISETUJUI, S.TERBIT)


def penerima(riwayat: RiwayatStatus) -> list:
    """Who is told of this move, each user once."""
    satker = riwayat.laporan.satker
    if riwayat.ke == S.DIAJUKAN:
        daftar = pengguna_pereviu(satker)
    elif riwayat.ke == S.DIKEMBALIKAN:
        daftar = pengguna_berperan(satker, Peran.PENYUSUN, Peran.OPERATOR)
    elif riwayat.ke == S.DISETUJUI:
        daftar = pengguna_berperan(satker, Peran.PENYUSUN, Peran.PIMPINAN)
    elif riwayat.ke == S.TERBIT:
        daftar = pengguna_berperan(satker, Peran.PENYUSUN, Peran.OPERATOR) + pengguna_pereviu(
            satker
        )
    elif _dibuka(riwayat):
        daftar = pengguna_berperan(satker, Peran.PENYUSUN, Peran.OPERATOR)
    else:
        daftar = []
    return list({u.pk: u for u in daftar}.values())


def _nama(user) -> str:
    return user.get_full_name() or user.username


def _pelaku(user) -> str:
    anggota = keanggotaan_pengguna(user)
    if anggota is None:
        return _nama(user)
    return f"{_nama(user)} ({anggota.get_peran_display()}, {anggota.satker.nama})"


def _waktu(riwayat: RiwayatStatus) -> str:
    pada = timezone.localtime(riwayat.pada or timezone.now(), WIB)
    with translation.override("id"):
        return f"{formats.date_format(pada, 'DATETIME_FORMAT')} WIB"


def tautan(laporan) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("laporan_detail", args=[laporan.id])


def subjek(riwayat: RiwayatStatus) -> str:
    if _dibuka(riwayat):
        keadaan = f"Dibuka kembali sebagai revisi {riwayat.revisi + 1}"
    else:
        keadaan = riwayat.get_ke_display()
    return f"[LKj KPU] {riwayat.laporan}: {keadaan}"


def isi(riwayat: RiwayatStatus, user) -> str:
    """The plain-text body for one recipient."""
    laporan = riwayat.laporan
    revisi = str(riwayat.revisi)
    if _dibuka(riwayat):
        revisi = f"{riwayat.revisi} → {riwayat.revisi + 1}"
        ajakan = (
            f"Laporan dibuka kembali sebagai revisi {riwayat.revisi + 1}; data dan teksnya "
            "dapat diubah lagi, lalu diajukan kembali untuk reviu."
        )
    else:
        ajakan = AJAKAN.get(riwayat.ke, "")
    baris = [
        f"Yth. {_nama(user)},",
        "",
        f"{laporan} berpindah status dari “{riwayat.get_dari_display()}” "
        f"ke “{riwayat.get_ke_display()}”.",
        "",
        f"Oleh    : {_pelaku(riwayat.oleh)}",
        f"Waktu   : {_waktu(riwayat)}",
        f"Revisi  : {revisi}",
    ]
    if riwayat.komentar:
        baris += ["", "Catatan:", riwayat.komentar]
    baris += ["", ajakan, "", f"Buka laporan: {tautan(laporan)}", ""]
    baris += ["—", "Pesan ini dikirim otomatis oleh aplikasi LKj KPU; mohon tidak dibalas."]
    return "\n".join(baris)


def kirim_notifikasi(riwayat: RiwayatStatus) -> int:
    """Send one e-mail per person concerned by the move; return how many were sent (0, with
    the error logged, when the mail server fails)."""
    try:
        pesan = [
            (subjek(riwayat), isi(riwayat, user), None, [user.email]) for user in penerima(riwayat)
        ]
        if not pesan:
            return 0
        return send_mass_mail(pesan, fail_silently=False)
    except Exception:
        logger.exception("Notifikasi untuk riwayat status %s gagal dikirim.", riwayat.pk)
        return 0
