"""The frozen PDF of an approved revision.

Approval renders the report once more, now with the reviewer's statement on the Pernyataan
Telah Direviu page (the name, jabatan, NIP and place typed at approval, the office and the date
of the approval; never typed in a template) and "Revisi n · disetujui <date>" in every footer,
and stores the file with its revision and SHA-256. That file is what is published and
downloaded from then on: its bytes never change, and reopening the report (a new revision)
leaves it downloadable.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation

from satker.akses import keanggotaan_pengguna

from . import dokumen, teks
from .data import DataLaporan
from .models import BerkasFinal, RiwayatStatus, StatusLaporan
from .pengumpul import kumpulkan


def pernyataan_reviu(data: DataLaporan, riwayat: RiwayatStatus) -> dict:
    """The statement of the approval `riwayat`, as the PDF prints it: signed by the person
    the reviewer named at approval (name, jabatan, NIP, place), on the approval's date.

    The jabatan is followed by the office of the approving account (its satker) unless the
    typed jabatan already names it. Approvals recorded before the approval form asked for the
    signer fall back to the account's profile; what neither has is printed as dotted lines."""
    laporan = data.laporan
    anggota = keanggotaan_pengguna(riwayat.oleh)
    kantor = anggota.satker if anggota else None
    jabatan = riwayat.ttd_jabatan or (anggota.jabatan if anggota else "") or "Reviewer"
    if kantor is not None and kantor.nama.casefold() not in jabatan.casefold():
        jabatan = f"{jabatan} {kantor.nama}"
    pernyataan = (
        f"Kami telah mereviu Laporan Kinerja {data.nama_pemilik} Tahun {laporan.tahun} "
        f"(revisi {riwayat.revisi}). Isi laporan ini menjadi tanggung jawab pimpinan "
        f"{data.nama_pemilik}. Reviu dilakukan untuk memberikan keyakinan terbatas bahwa "
        "laporan kinerja telah disajikan secara akurat, andal, dan valid.\n\n"
        "Berdasarkan reviu tersebut, kami tidak menemukan kondisi atau hal yang menimbulkan "
        "keraguan atas keandalan informasi yang disajikan dalam laporan kinerja ini."
    )
    if riwayat.komentar:
        pernyataan += f"\n\nCatatan reviewer: {riwayat.komentar}"
    return {
        "html": teks.ke_html(pernyataan),
        "tempat": riwayat.ttd_tempat or (kantor.kota_ttd if kantor else ""),
        "tanggal": timezone.localtime(riwayat.pada).date(),
        "jabatan": jabatan,
        "nama": riwayat.ttd_nama or riwayat.oleh.get_full_name(),
        "nip": riwayat.ttd_nip or (anggota.nip if anggota else ""),
    }


def kaki_final(riwayat: RiwayatStatus) -> str:
    tanggal = formats.date_format(timezone.localtime(riwayat.pada).date(), "j F Y")
    return f"Revisi {riwayat.revisi} · disetujui {tanggal}"


def final_buat(*, riwayat: RiwayatStatus) -> BerkasFinal:
    """Render and store the frozen PDF of the approval `riwayat` (once: a second call for the
    same revision returns the stored file)."""
    laporan = riwayat.laporan
    ada = BerkasFinal.objects.filter(laporan=laporan, revisi=riwayat.revisi).first()
    if ada is not None:
        return ada
    if riwayat.ke != StatusLaporan.DISETUJUI:
        raise ValueError("PDF final hanya dibuat dari persetujuan laporan.")
    with translation.override("id"):
        data = kumpulkan(laporan)
        hasil = dokumen.susun_pdf(
            data, reviu=pernyataan_reviu(data, riwayat), kaki=kaki_final(riwayat)
        )
    final = BerkasFinal(
        laporan=laporan,
        revisi=riwayat.revisi,
        sha256=hashlib.sha256(hasil.pdf).hexdigest(),
        jumlah_halaman=hasil.jumlah_halaman,
        ukuran=len(hasil.pdf),
        disetujui_oleh=riwayat.oleh,
        disetujui_pada=riwayat.pada,
    )
    final.berkas.save("final.pdf", ContentFile(hasil.pdf), save=False)
    try:
        with transaction.atomic():
            final.full_clean()
            final.save()
    except IntegrityError:
        final.berkas.delete(save=False)
        return BerkasFinal.objects.get(laporan=laporan, revisi=riwayat.revisi)
    return final
