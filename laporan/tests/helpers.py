"""Shared data of the laporan tests: who signs the Pernyataan Telah Direviu of an approval, a
report signed so that it may be submitted, and reports put in a status directly."""

from datetime import date

from laporan.alur import TtdReviu, kunci_perbarui
from laporan.models import Laporan
from laporan.services import laporan_buat

# A person other than the approving account's profile, so tests see which one is printed.
TTD = TtdReviu(
    nama="Dr. Budi Santoso, M.Si.",
    jabatan="Kepala Bagian Perencanaan, Data dan Informasi",
    nip="19750101 200012 1 001",
    tempat="Bandar Lampung",
)


def data_setujui(**ubah) -> dict:
    """The POST data of the approval form, with TTD's values unless changed."""
    return {
        "nama": TTD.nama,
        "jabatan": TTD.jabatan,
        "nip": TTD.nip,
        "tempat": TTD.tempat,
        "komentar": "",
        **ubah,
    }


def laporan_siap(satker, tahun: int = 2023, jenis: str = "lembaga") -> Laporan:
    """A report made from the satker-year's PK and signed (place, date, signer and office), so
    that its completeness check lets it be submitted and approved."""
    laporan = laporan_buat(satker=satker, tahun=tahun, jenis=jenis)
    Laporan.objects.filter(pk=laporan.pk).update(
        tempat_ttd=satker.kota_ttd or "Kotabumi",
        tanggal_ttd=date(tahun + 1, 1, 15),
        penandatangan_nama=laporan.penandatangan_nama or "Ketua Uji",
        penandatangan_jabatan=laporan.penandatangan_jabatan or f"Ketua {satker.nama}",
    )
    laporan.refresh_from_db()
    return laporan


def tetapkan_status(laporan, **kolom) -> None:
    """Put a report (or a queryset of reports) in a status directly, as a fixture, and write the
    satker-year lock as the workflow's move would."""
    qs = Laporan.objects.filter(pk=laporan.pk) if isinstance(laporan, Laporan) else laporan
    qs.update(**kolom)
    for satker, tahun in {(lap.satker, lap.tahun) for lap in qs.select_related("satker")}:
        kunci_perbarui(satker, tahun)


def buat_laporan(**kolom) -> Laporan:
    """Laporan.objects.create, writing the satker-year lock of a locked status."""
    laporan = Laporan.objects.create(**kolom)
    kunci_perbarui(laporan.satker, laporan.tahun)
    return laporan
