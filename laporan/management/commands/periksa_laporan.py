"""`manage.py periksa_laporan`: the findings of laporan/kelengkapan.py from the command line, for
KPU RI and batch use. Exit status 1 when a galat (which blocks submission) exists, else 0."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from laporan import kelengkapan
from laporan.models import JenisLaporan, Laporan
from satker.models import Satker, Tingkat


class Command(BaseCommand):
    help = (
        "Memeriksa Laporan Kinerja sebelum diajukan: galat (menghalangi pengajuan) dan "
        "peringatan, dengan tempat memperbaikinya. Keluar dengan status 1 bila ada galat."
    )

    def add_arguments(self, parser):
        sasaran = parser.add_mutually_exclusive_group(required=True)
        sasaran.add_argument("--satker", help="Kode satker, mis. 18.03")
        sasaran.add_argument("--provinsi", help="Kode provinsi, mis. 18: semua satker provinsi itu")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--jenis", choices=JenisLaporan.values, help="Hanya laporan jenis ini")
        parser.add_argument("--json", action="store_true", help="Keluaran JSON")

    def handle(self, *args, satker, provinsi, tahun, jenis, json, **options):
        laporan = Laporan.objects.filter(tahun=tahun).select_related("satker")
        if jenis:
            laporan = laporan.filter(jenis=jenis)
        if satker:
            unit = Satker.objects.filter(kode=satker).first()
            if unit is None:
                raise CommandError(f"Satker dengan kode {satker} tidak ada.")
            daftar = list(laporan.filter(satker=unit).order_by("jenis"))
            if not daftar:
                raise CommandError(f"{unit.nama} belum memiliki Laporan Kinerja tahun {tahun}.")
            ada_galat = self.satu(daftar, json)
        else:
            induk = Satker.objects.filter(kode=provinsi, tingkat=Tingkat.PROVINSI).first()
            if induk is None:
                raise CommandError(f"Provinsi dengan kode {provinsi} tidak ada.")
            ada_galat = self.provinsi(induk, laporan, tahun, json)
        if ada_galat:
            sys.exit(1)

    def satu(self, daftar: list[Laporan], sebagai_json: bool) -> bool:
        hasil = [(lap, kelengkapan.periksa_laporan(lap)) for lap in daftar]
        if sebagai_json:
            keluaran = [
                {
                    "laporan": str(lap),
                    "kode": k.kode,
                    "tingkat": k.tingkat,
                    "pesan": k.pesan,
                    "lokasi": k.tautan,
                }
                for lap, temuan in hasil
                for k in temuan
            ]
            self.stdout.write(json.dumps(keluaran, ensure_ascii=False, indent=2))
        else:
            for lap, temuan in hasil:
                self.stdout.write(f"{lap} ({lap.get_status_display()}): {_hitung(temuan)}")
                for k in temuan:
                    lokasi = f" [{k.tautan}]" if k.tautan else ""
                    self.stdout.write(f"  {k.tingkat.upper():<10} {k.kode}: {k.pesan}{lokasi}")
        return any(k.galat for _, temuan in hasil for k in temuan)

    def provinsi(self, induk: Satker, laporan, tahun: int, sebagai_json: bool) -> bool:
        satker = Satker.objects.filter(Q(pk=induk.pk) | Q(induk=induk)).order_by("kode")
        per_satker: dict[int, list[Laporan]] = {}
        for lap in laporan.filter(satker__in=satker).order_by("jenis"):
            per_satker.setdefault(lap.satker_id, []).append(lap)
        ringkasan, ada_galat = [], False
        for unit in satker:
            baris = {"satker": unit.kode, "nama": unit.nama, "laporan": []}
            for lap in per_satker.get(unit.pk, []):
                temuan = kelengkapan.periksa_laporan(lap)
                galat = sum(k.galat for k in temuan)
                ada_galat = ada_galat or galat > 0
                baris["laporan"].append(
                    {
                        "laporan": str(lap),
                        "status": lap.status,
                        "galat": galat,
                        "peringatan": len(temuan) - galat,
                    }
                )
            ringkasan.append(baris)
        if sebagai_json:
            self.stdout.write(json.dumps(ringkasan, ensure_ascii=False, indent=2))
            return ada_galat
        self.stdout.write(f"{induk.nama}, Laporan Kinerja tahun {tahun}:")
        for baris in ringkasan:
            if not baris["laporan"]:
                self.stdout.write(f"  {baris['satker']:<6} {baris['nama']}: belum ada laporan")
            for r in baris["laporan"]:
                self.stdout.write(
                    f"  {baris['satker']:<6} {r['laporan']}: {r['galat']} galat, "
                    f"{r['peringatan']} peringatan"
                )
        return ada_galat


def _hitung(temuan) -> str:
    galat = sum(k.galat for k in temuan)
    if not temuan:
        return "tidak ada temuan"
    return f"{galat} galat, {len(temuan) - galat} peringatan"
