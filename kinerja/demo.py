"""Loads master and demo data from the JSON files in fixtures/ (format: fixtures/demo/SCHEMA.md).

Loading is idempotent: a satker's Renstra for the period and its PKs for the year are replaced
as a whole, inside one transaction, so a second `make demo` gives the same database.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from satker.models import Satker

from .models import (
    AnggaranPK,
    Indikator,
    ItemPK,
    JenisNilai,
    KebijakanCapaian,
    NilaiSkala,
    PerjanjianKinerja,
    PitaKategori,
    Realisasi,
    Renstra,
    RiwayatCapaian,
    Sasaran,
    SkalaKategori,
    SkalaNilai,
    TargetRenstra,
    TargetTriwulan,
)
from .services_riwayat import riwayat_simpan


def _baca(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def muat_skala(path: Path) -> None:
    """Grade scales (AKIP, BPK opinion) and any category scales in the file."""
    data = _baca(path)
    for s in data.get("skala_nilai", []):
        skala, _ = SkalaNilai.objects.update_or_create(
            kode=s["kode"], defaults={"nama": s["nama"], "keterangan": s.get("keterangan", "")}
        )
        skala.nilai.all().delete()
        for peringkat, n in enumerate(s["nilai"], start=1):
            _simpan(NilaiSkala(skala=skala, kode=n["kode"], label=n["label"], peringkat=peringkat))
    for k in data.get("skala_kategori", []):
        muat_skala_kategori(k)


def muat_skala_kategori(data: dict) -> SkalaKategori:
    skala, _ = SkalaKategori.objects.update_or_create(
        nama=data["nama"], defaults={"keterangan": data.get("keterangan", ""), "preset": True}
    )
    skala.pita.all().delete()
    for p in data["pita"]:
        _simpan(PitaKategori(skala=skala, label=p["label"], batas_bawah=Decimal(p["batas_bawah"])))
    return skala


def _muat_renstra(satker: Satker, data: dict) -> Renstra:
    acuan = None
    if data.get("acuan"):
        acuan = Renstra.objects.get(satker__kode=data["acuan"], tahun_mulai=data["tahun_mulai"])
    Renstra.objects.filter(satker=satker, tahun_mulai=data["tahun_mulai"]).delete()
    renstra = _simpan(
        Renstra(
            satker=satker,
            tahun_mulai=data["tahun_mulai"],
            tahun_selesai=data["tahun_selesai"],
            nama=data["nama"],
            visi=data.get("visi", ""),
            misi="\n".join(data.get("misi", [])),
            tujuan="\n".join(data.get("tujuan", [])),
            acuan=acuan,
        )
    )
    skala_nilai = {s.kode: s for s in SkalaNilai.objects.prefetch_related("nilai")}
    for s in data["sasaran"]:
        sasaran = _simpan(Sasaran(renstra=renstra, nomor=s["nomor"], teks=s["teks"]))
        for i in s["indikator"]:
            _muat_indikator(sasaran, i, skala_nilai, acuan)
    return renstra


def _muat_indikator(sasaran, data, skala_nilai, renstra_acuan) -> Indikator:
    indikator = Indikator(
        sasaran=sasaran,
        kode=data["kode"],
        nama=data["nama"],
        satuan=data["satuan"],
        jenis_nilai=data.get("jenis_nilai", "angka"),
        skala_nilai=skala_nilai[data["skala_nilai"]] if data.get("skala_nilai") else None,
        polaritas=data.get("polaritas", "positif"),
        rumus_negatif=data.get("rumus_negatif") or "selisih",
        agregasi=data.get("agregasi", "nilai_akhir"),
        definisi_operasional=data.get("definisi_operasional", ""),
        sumber_data=data.get("sumber_data", ""),
    )
    if renstra_acuan and data.get("acuan"):
        indikator.acuan = Indikator.objects.filter(
            sasaran__renstra=renstra_acuan, kode=data["acuan"]
        ).first()
    indikator.baseline, indikator.baseline_predikat = indikator.baca(
        _nilai_json(indikator, data.get("baseline"))
    ).kolom
    indikator.standar_nasional, indikator.standar_nasional_predikat = indikator.baca(
        _nilai_json(indikator, data.get("standar_nasional"))
    ).kolom
    _simpan(indikator)
    for tahun, nilai in (data.get("target_renstra") or {}).items():
        target, target_predikat = indikator.baca(_nilai_json(indikator, nilai)).kolom
        if target is None and not target_predikat:
            continue
        _simpan(
            TargetRenstra(
                indikator=indikator,
                tahun=int(tahun),
                target=target,
                target_predikat=target_predikat,
            )
        )
    return indikator


def _muat_pk(satker: Satker, tahun: int, renstra: Renstra, data: dict) -> PerjanjianKinerja:
    pertama = data.get("pihak_pertama") or {}
    kedua = data.get("pihak_kedua") or {}
    pk = _simpan(
        PerjanjianKinerja(
            satker=satker,
            tahun=tahun,
            jenis=data["jenis"],
            revisi=data.get("revisi", 0),
            alasan_revisi=data.get("alasan_revisi", ""),
            renstra=renstra,
            tempat_ttd=data.get("tempat_ttd", ""),
            tanggal_ttd=date.fromisoformat(data["tanggal_ttd"])
            if data.get("tanggal_ttd")
            else None,
            pihak_pertama_nama=pertama.get("nama", ""),
            pihak_pertama_jabatan=pertama.get("jabatan", ""),
            pihak_pertama_nip=pertama.get("nip", ""),
            pihak_kedua_nama=kedua.get("nama", ""),
            pihak_kedua_jabatan=kedua.get("jabatan", ""),
            pihak_kedua_nip=kedua.get("nip", ""),
        )
    )
    for urutan, a in enumerate(data.get("anggaran", []), start=1):
        _simpan(
            AnggaranPK(
                pk_induk=pk,
                urutan=urutan,
                kode=a.get("kode", ""),
                program=a["program"],
                pagu=Decimal(a["pagu"]),
            )
        )
    indikator_per_kode = {i.kode: i for i in Indikator.objects.filter(sasaran__renstra=renstra)}
    for urutan, d in enumerate(data["item"], start=1):
        indikator = indikator_per_kode[d["indikator"]]
        target, target_predikat = indikator.baca(_nilai_json(indikator, d["target"])).kolom
        kegiatan = d.get("target_kegiatan")
        item = _simpan(
            ItemPK(
                pk_induk=pk,
                urutan=urutan,
                indikator=indikator,
                target=target,
                target_predikat=target_predikat,
                target_kegiatan=Decimal(kegiatan) if kegiatan not in (None, "") else None,
                satuan_kegiatan=d.get("satuan_kegiatan", "") or "",
            )
        )
        for tw, nilai in (d.get("target_triwulan") or {}).items():
            t, tp = indikator.baca(_nilai_json(indikator, nilai)).kolom
            if t is not None or tp:
                _simpan(TargetTriwulan(item=item, triwulan=int(tw), target=t, target_predikat=tp))
        for tw, r in (d.get("realisasi") or {}).items():
            nilai, nilai_predikat = indikator.baca(_nilai_json(indikator, r["nilai"])).kolom
            _simpan(
                Realisasi(
                    item=item,
                    triwulan=int(tw),
                    nilai=nilai,
                    nilai_predikat=nilai_predikat,
                    satuan=r.get("satuan", "") or "",
                    kegiatan=r.get("kegiatan", ""),
                    penyebab=r.get("penyebab", ""),
                    solusi=r.get("solusi", ""),
                    program_pendukung=r.get("program_pendukung", ""),
                )
            )
    return pk


@transaction.atomic
def muat_induk_kinerja(folder: Path, kode_demo: list[str]) -> list[Renstra]:
    """The scales and the national Renstra of fixtures/master, after removing the demo satker's
    Renstra and PKs (they are loaded again, file by file, by muat_kinerja_demo)."""
    muat_skala(folder / "skala.json")
    PerjanjianKinerja.objects.filter(satker__kode__in=kode_demo).delete()
    Renstra.objects.filter(satker__kode__in=kode_demo).delete()
    Renstra.objects.filter(satker__kode="00").delete()
    return [muat_renstra_nasional(p) for p in sorted(folder.glob("renstra_*.json"))]


@transaction.atomic
def muat_renstra_nasional(path: Path) -> Renstra:
    data = _baca(path)
    satker = Satker.objects.get(kode=data["satker"]["kode"])
    return _muat_renstra(satker, data["renstra"])


@transaction.atomic
def muat_kinerja_demo(path: Path) -> list[PerjanjianKinerja]:
    """One demo satker-year: its category policy, Renstra, PKs, targets, realisasi and the
    history of earlier years."""
    data = _baca(path)
    satker = Satker.objects.get(kode=data["satker"]["kode"])
    tahun = data["tahun"]
    for k in data.get("skala_kategori", []):
        muat_skala_kategori(k)
    PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun).delete()
    renstra = _muat_renstra(satker, data["renstra"])
    kebijakan = data["kebijakan"]
    KebijakanCapaian.objects.update_or_create(
        satker=satker,
        tahun=tahun,
        defaults={
            "skala_kategori": SkalaKategori.objects.get(nama=kebijakan["skala_kategori"]),
            "batas_rerata": kebijakan.get("batas_rerata", "tanpa"),
        },
    )
    pk_list = [_muat_pk(satker, tahun, renstra, pk) for pk in data["perjanjian_kinerja"]]
    _muat_riwayat(renstra, data.get("riwayat"))
    return pk_list


def _nilai_json(indikator: Indikator, nilai):
    """A JSON value of the file as a typed value: numbers are strings with a decimal point."""
    if isinstance(nilai, str) and indikator.jenis_nilai == JenisNilai.ANGKA:
        return Decimal(nilai)
    return nilai


def _muat_riwayat(renstra: Renstra, data: dict | None) -> list[RiwayatCapaian]:
    """Earlier years' target and realisasi that the seed prints (the optional `riwayat` block),
    entered through the history page's service, so every row passes its checks."""
    if not data:
        return []
    indikator = {
        i.kode: i
        for i in Indikator.objects.filter(sasaran__renstra=renstra).select_related(
            "sasaran__renstra__satker", "skala_nilai"
        )
    }
    hasil = []
    for r in data["indikator"]:
        ind = indikator[r["kode"]]
        hasil.append(
            riwayat_simpan(
                indikator=ind,
                tahun=r["tahun"],
                target=_nilai_json(ind, r.get("target")),
                realisasi=_nilai_json(ind, r.get("realisasi")),
                sumber=r.get("sumber", ""),
            )
        )
    return hasil
