"""The demo budgets: the optional "anggaran" block of fixtures/demo/<kode>_<tahun>.json
(fixtures/demo/SCHEMA.md), loaded by `manage.py muat_demo` after the PKs."""

import json
from decimal import Decimal
from pathlib import Path

from kinerja.models import ItemPK, PerjanjianKinerja
from satker.models import Satker

from .models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RoAnggaran
from .services import periksa_kode


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def muat_anggaran_demo(path: Path) -> int:
    """Replace the satker-year's budget by the file's RO rows and link each RO to the PK
    indicators it lists. Returns the number of ROs (0 when the file has no budget)."""
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
        program, _ = ProgramAnggaran.objects.get_or_create(
            satker=satker, tahun=tahun, kode=periksa_kode("program", r["program"]),
            defaults={"nama": r["nama_program"]},
        )  # fmt: skip
        kegiatan, _ = KegiatanAnggaran.objects.get_or_create(
            program=program, kode=periksa_kode("kegiatan", r["kegiatan"]),
            defaults={"nama": r["nama_kegiatan"]},
        )  # fmt: skip
        kro, _ = KroAnggaran.objects.get_or_create(
            kegiatan=kegiatan, kode=periksa_kode("kro", r["kro"]),
            defaults={"nama": r.get("nama_kro", "")},
        )  # fmt: skip
        realisasi = r.get("realisasi")
        ro = _simpan(
            RoAnggaran(
                kro=kro,
                kode=periksa_kode("ro", r["ro"]),
                nama=r["nama"],
                sumber_dana=r.get("sumber_dana", "apbn"),
                pagu=Decimal(r["pagu"]),
                realisasi=None if realisasi in (None, "") else Decimal(realisasi),
            )
        )
        ro.item_pk.set([item[(t["jenis"], t["kode"])] for t in r.get("indikator", [])])
    return len(blok["ro"])
