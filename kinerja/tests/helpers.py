"""Small builders for kinerja tests: a province, a Kab/Kota, a Renstra with indicators, a PK."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from kinerja.models import (
    Indikator,
    ItemPK,
    KebijakanCapaian,
    NilaiSkala,
    PerjanjianKinerja,
    PitaKategori,
    Realisasi,
    Renstra,
    Sasaran,
    SkalaKategori,
    SkalaNilai,
)
from satker.models import Keanggotaan, Satker, Tingkat

AKIP = ["D", "C", "CC", "B", "BB", "A", "AA"]


def buat_satker():
    ri = Satker.objects.create(kode="00", nama="KPU Republik Indonesia", tingkat=Tingkat.RI)
    lampung = Satker.objects.create(
        kode="18", nama="KPU Provinsi Lampung", tingkat=Tingkat.PROVINSI, induk=ri
    )
    bengkulu = Satker.objects.create(
        kode="17", nama="KPU Provinsi Bengkulu", tingkat=Tingkat.PROVINSI, induk=ri
    )
    lampura = Satker.objects.create(
        kode="18.03", nama="KPU Kabupaten Lampung Utara", tingkat=Tingkat.KABKOTA, induk=lampung
    )
    metro = Satker.objects.create(
        kode="18.72", nama="KPU Kota Metro", tingkat=Tingkat.KABKOTA, induk=lampung
    )
    rejang = Satker.objects.create(
        kode="17.02", nama="KPU Kabupaten Rejang Lebong", tingkat=Tingkat.KABKOTA, induk=bengkulu
    )
    return {
        "ri": ri,
        "lampung": lampung,
        "bengkulu": bengkulu,
        "lampura": lampura,
        "metro": metro,
        "rejang": rejang,
    }


def buat_user(username, satker, peran):
    user = get_user_model().objects.create_user(username=username, password="rahasia-123")
    Keanggotaan.objects.create(user=user, satker=satker, peran=peran)
    return user


def buat_skala_akip():
    skala = SkalaNilai.objects.create(kode="akip", nama="Predikat AKIP")
    for peringkat, kode in enumerate(AKIP, start=1):
        NilaiSkala.objects.create(skala=skala, kode=kode, peringkat=peringkat)
    return skala


def buat_skala_kategori():
    skala = SkalaKategori.objects.create(nama="Skala uji", preset=True)
    for label, batas in [("Sangat Baik", "91"), ("Baik", "76"), ("Cukup", "66"), ("Kurang", "0")]:
        PitaKategori.objects.create(skala=skala, label=label, batas_bawah=Decimal(batas))
    return skala


def buat_pk(satker, tahun=2023):
    """A PK with three indicators: a percentage, a lower-is-better count and an AKIP grade."""
    renstra = Renstra.objects.create(
        satker=satker, tahun_mulai=2020, tahun_selesai=2024, nama=f"Renstra {satker.nama}"
    )
    sasaran = Sasaran.objects.create(renstra=renstra, nomor=1, teks="Meningkatnya akuntabilitas")
    persen = Indikator.objects.create(
        sasaran=sasaran, kode="1.1", nama="Persentase laporan tepat waktu", satuan="%"
    )
    revisi = Indikator.objects.create(
        sasaran=sasaran,
        kode="1.2",
        nama="Jumlah revisi rencana kerja",
        satuan="kali",
        polaritas="negatif",
        rumus_negatif="selisih",
        agregasi="kumulatif",
    )
    skala = SkalaNilai.objects.filter(kode="akip").first() or buat_skala_akip()
    akip = Indikator.objects.create(
        sasaran=sasaran,
        kode="1.3",
        nama="Nilai akuntabilitas kinerja",
        satuan="predikat",
        jenis_nilai="predikat",
        skala_nilai=skala,
    )
    pk = PerjanjianKinerja.objects.create(
        satker=satker,
        tahun=tahun,
        jenis="lembaga",
        renstra=renstra,
        tanggal_ttd=date(tahun, 1, 2),
        pihak_pertama_nama="Ketua Uji",
    )
    items = {
        "persen": ItemPK.objects.create(pk_induk=pk, urutan=1, indikator=persen, target=95),
        "revisi": ItemPK.objects.create(pk_induk=pk, urutan=2, indikator=revisi, target=10),
        "akip": ItemPK.objects.create(pk_induk=pk, urutan=3, indikator=akip, target_predikat="BB"),
    }
    Realisasi.objects.create(item=items["persen"], triwulan=4, nilai=Decimal("100"))
    Realisasi.objects.create(item=items["revisi"], triwulan=2, nilai=Decimal("5"))
    Realisasi.objects.create(item=items["revisi"], triwulan=4, nilai=Decimal("7"))
    Realisasi.objects.create(item=items["akip"], triwulan=4, nilai_predikat="A")
    KebijakanCapaian.objects.get_or_create(
        satker=satker,
        tahun=tahun,
        defaults={"skala_kategori": SkalaKategori.objects.first() or buat_skala_kategori()},
    )
    return pk, items
