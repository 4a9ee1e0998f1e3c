"""Small builders for kinerja tests: a province, a Kab/Kota, a Renstra with indicators, a PK;
the data of the Excel export tests (kinerja's capaian table, laporan's province recap) and how
they read a workbook back."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
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


# --- Excel exports ------------------------------------------------------------------------------

SASARAN_RUMUS = "=SUM(A1:A9) sasaran berawalan sama dengan"
INDIKATOR_RUMUS = "=1+1 indikator berawalan sama dengan"


def buat_pk_sekretariat(pk_lembaga):
    """A second PK in force for the same satker-year: a fractional target and a yes/no
    indicator, under a sasaran and an indicator whose texts start like formulas."""
    pk = PerjanjianKinerja.objects.create(
        satker=pk_lembaga.satker,
        tahun=pk_lembaga.tahun,
        jenis="sekretariat",
        renstra=pk_lembaga.renstra,
    )
    sasaran = Sasaran.objects.create(renstra=pk_lembaga.renstra, nomor=2, teks=SASARAN_RUMUS)
    pecahan = Indikator.objects.create(
        sasaran=sasaran, kode="2.1", nama=INDIKATOR_RUMUS, satuan="%"
    )
    ya_tidak = Indikator.objects.create(
        sasaran=sasaran,
        kode="2.2",
        nama="Tersedianya dokumen evaluasi internal",
        satuan="dokumen",
        jenis_nilai="ya_tidak",
    )
    item = ItemPK.objects.create(pk_induk=pk, urutan=1, indikator=pecahan, target=Decimal("87.5"))
    Realisasi.objects.create(item=item, triwulan=1, nilai=Decimal("40"))
    Realisasi.objects.create(item=item, triwulan=2, nilai=Decimal("87.5"))
    item = ItemPK.objects.create(pk_induk=pk, urutan=2, indikator=ya_tidak, target=1)
    Realisasi.objects.create(item=item, triwulan=4, nilai=1)
    return pk


def buat_data_ekspor():
    """Lampung: Lampung Utara (PK lembaga and PK sekretariat, buat_pk_sekretariat), Kota Metro
    and Bandar Lampung (one PK each). Bengkulu: Rejang Lebong (one PK) and Bengkulu Selatan (no
    PK). Returns the satker by key (buat_satker's, "bandar" and "bengsel"), and Lampung Utara's
    PK lembaga and PK sekretariat."""
    s = buat_satker()
    s["bandar"] = Satker.objects.create(
        kode="18.71",
        nama="KPU Kota Bandar Lampung",
        tingkat=Tingkat.KABKOTA,
        induk=s["lampung"],
    )
    s["bengsel"] = Satker.objects.create(
        kode="17.01",
        nama="KPU Kabupaten Bengkulu Selatan",
        tingkat=Tingkat.KABKOTA,
        induk=s["bengkulu"],
    )
    pk_lembaga, _ = buat_pk(s["lampura"])
    pk_sekretariat = buat_pk_sekretariat(pk_lembaga)
    for kode in ("metro", "bandar", "rejang"):
        buat_pk(s[kode])
    return s, pk_lembaga, pk_sekretariat


def buka(isi: bytes):
    """A downloaded workbook, opened again."""
    return openpyxl.load_workbook(io.BytesIO(isi))


def nilai_baris(lembar, nomor: int) -> list:
    return [sel.value for sel in lembar[nomor]]
