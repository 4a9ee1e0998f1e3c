from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja import ekspor
from satker.models import Satker


class Command(BaseCommand):
    help = "Menulis tabel capaian satu satker-tahun (semua PK yang berlaku) ke berkas Excel."

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="Kode satker, mis. 18.03")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--output", required=True, type=Path, help="mis. capaian.xlsx")

    def handle(self, *args, satker, tahun, output, **options):
        try:
            unit = Satker.objects.get(kode=satker)
        except Satker.DoesNotExist as exc:
            raise CommandError(f"Satker dengan kode {satker} tidak ada.") from exc
        try:
            isi = ekspor.capaian_xlsx(unit, tahun)
        except ekspor.TidakAdaPK as exc:
            raise CommandError(str(exc)) from exc
        try:
            output.write_bytes(isi)
        except OSError as exc:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {exc.strerror}.") from exc
        self.stdout.write(f"Tabel capaian {unit.nama} {tahun} → {output}")
