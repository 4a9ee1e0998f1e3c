"""The demo budgets: the optional "anggaran" block of fixtures/demo/<kode>_<tahun>.json
(fixtures/demo/SCHEMA.md), loaded by `manage.py muat_demo` after the PKs."""

import json
from decimal import Decimal
from pathlib import Path

from kinerja.models import ItemPK, PerjanjianKinerja
from satker.models import Satker

from .models import ProgramAnggaran
from .pohon import TINGKAT, BarisRO
from .services import ro_simpan


def muat_anggaran_demo(path: Path) -> int:
    """Replace the satker-year's budget by the file's RO rows (through the same service as the
    budget pages, so the same checks apply), marking the codes a row lists in `kode_asumsi` as
    assumptions, and link each RO to the PK indicators it lists. Returns the number of ROs (0
    when the file has no budget)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    blok = data.get("anggaran")
    if not blok:
        return 0
    satker = Satker.objects.get(kode=data["satker"]["kode"])
    tahun = data["tahun"]
    ProgramAnggaran.objects.filter(satker=satker, tahun=tahun).delete()
    pk = PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun).terkini()
    item = {
        (i.pk_induk.jenis, i.indikator.kode): i
        for i in ItemPK.objects.filter(pk_induk__in=pk).select_related("pk_induk", "indikator")
    }
    for r in blok["ro"]:
        asumsi = frozenset(r.get("kode_asumsi", []))
        if not asumsi <= set(TINGKAT):
            raise ValueError(f"kode_asumsi {sorted(asumsi)} tidak dikenal; pilihan: {TINGKAT}")
        realisasi = r.get("realisasi")
        baris = BarisRO(
            program=r["program"],
            kegiatan=r["kegiatan"],
            kro=r["kro"],
            ro=r["ro"],
            nama=r["nama"],
            pagu=Decimal(r["pagu"]),
            realisasi=None if realisasi in (None, "") else Decimal(realisasi),
            sumber_dana=r.get("sumber_dana", "apbn"),
            nama_program=r["nama_program"],
            nama_kegiatan=r["nama_kegiatan"],
            nama_kro=r.get("nama_kro", ""),
            kode_asumsi=asumsi,
        )
        ro = ro_simpan(satker=satker, tahun=tahun, baris=baris)
        kegiatan = ro.kro.kegiatan
        for tingkat, obj in zip(TINGKAT, (kegiatan.program, kegiatan, ro.kro, ro), strict=True):
            if obj.kode_asumsi != (tingkat in asumsi):
                raise ValueError(
                    f"{path}: RO {r['kegiatan']} {r['kro']}.{r['ro']}: kode_asumsi {tingkat} "
                    "berbeda dengan baris lain di bawah kode yang sama."
                )
        ro.item_pk.set([item[(t["jenis"], t["kode"])] for t in r.get("indikator", [])])
    return len(blok["ro"])
