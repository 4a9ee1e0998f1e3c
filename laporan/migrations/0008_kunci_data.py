"""Write the satker-year lock (satker.KunciData) of the reports locked before it existed."""

from django.db import migrations

STATUS = {"diajukan": "Diajukan untuk reviu", "disetujui": "Disetujui", "terbit": "Terbit"}


def _pesan(laporan) -> str:
    # Laporan.pesan_kunci as it read when this migration was written (the historical model has
    # no methods).
    pemilik = laporan.satker.nama
    if laporan.jenis == "sekretariat":
        pemilik = f"Sekretariat {pemilik}"
    nama = f"LKj {pemilik} {laporan.tahun}"
    if laporan.jenis == "gabungan":
        nama = f"{nama} (gabungan)"
    return (
        f"{nama} berstatus “{STATUS[laporan.status]}”: data yang menjadi dasar laporan "
        "tidak dapat diubah sampai laporan dikembalikan oleh reviewer atau dibuka kembali."
    )


def isi_kunci(apps, schema_editor):
    Laporan = apps.get_model("laporan", "Laporan")
    KunciData = apps.get_model("satker", "KunciData")
    terkunci = Laporan.objects.filter(status__in=STATUS).select_related("satker")
    for laporan in terkunci.order_by("satker__kode", "-tahun", "jenis"):
        jenis = ["lembaga", "sekretariat"] if laporan.jenis == "gabungan" else [laporan.jenis]
        for jenis_pk in jenis:
            KunciData.objects.get_or_create(
                satker_id=laporan.satker_id,
                tahun=laporan.tahun,
                jenis_pk=jenis_pk,
                defaults={"pesan": _pesan(laporan)},
            )


def hapus_kunci(apps, schema_editor):
    apps.get_model("satker", "KunciData").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0007_riwayat_ttd_reviu"),
        ("satker", "0003_kunci_data"),
    ]

    operations = [migrations.RunPython(isi_kunci, hapus_kunci)]
