import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.models import PerjanjianKinerja
from laporan import dokumen
from laporan.models import JenisLaporan, Laporan
from laporan.pengumpul import kumpulkan
from laporan.services import laporan_buat
from satker.models import Satker


class Command(BaseCommand):
    help = "Menyusun PDF Laporan Kinerja satu satker-tahun secara langsung (untuk admin dan batch)."

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="Kode satker, mis. 18.03")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument(
            "--jenis",
            choices=JenisLaporan.values,
            help="Wajib bila satker punya dua PK (gabungan: satu LKj untuk keduanya)",
        )
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, satker, tahun, jenis, output, **options):
        try:
            unit = Satker.objects.get(kode=satker)
        except Satker.DoesNotExist as exc:
            raise CommandError(f"Satker dengan kode {satker} tidak ada.") from exc
        jenis_ada = sorted(
            set(
                PerjanjianKinerja.objects.filter(satker=unit, tahun=tahun).values_list(
                    "jenis", flat=True
                )
            )
        )
        if not jenis_ada:
            raise CommandError(f"{unit.nama} belum memiliki Perjanjian Kinerja tahun {tahun}.")
        if jenis is None:
            if len(jenis_ada) > 1:
                raise CommandError(
                    f"{unit.nama} memiliki PK {', '.join(jenis_ada)}: pilih --jenis "
                    f"({', '.join([*jenis_ada, JenisLaporan.GABUNGAN])})."
                )
            jenis = jenis_ada[0]
        laporan = Laporan.objects.filter(satker=unit, tahun=tahun, jenis=jenis).first()
        if laporan is None:
            try:
                laporan = laporan_buat(satker=unit, tahun=tahun, jenis=jenis)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        mulai = time.perf_counter()
        hasil = dokumen.susun_pdf(kumpulkan(laporan))
        output.write_bytes(hasil.pdf)
        durasi = time.perf_counter() - mulai
        detik = f"{durasi:.2f}".replace(".", ",")
        segmen = f"{len(hasil.dirender)} segmen ditata"
        if hasil.dari_cache:
            segmen += f", {len(hasil.dari_cache)} dari cache"
        self.stdout.write(
            f"{laporan}: {hasil.jumlah_halaman} halaman, {detik} detik ({segmen}) → {output}"
        )
