"""Quarterly realisasi: the quarter page, its live row preview, saving, evidence files and the
PK item page with its history. Every view starts with its access helper."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from satker.akses import boleh_ubah

from . import capaian
from .access import ambil_bukti, ambil_item, ambil_pk
from .forms_realisasi import ACCEPT_BUKTI, BarisRealisasiForm, BuktiForm, prefix_baris
from .models import BUKTI_UKURAN_MAKS, KebijakanCapaian, Realisasi
from .selectors_pk import pesan_laporan_terkunci, pk_revisi_terbaru, teks_nilai
from .selectors_realisasi import (
    NilaiTerbaca,
    Pratinjau,
    hitung_triwulan,
    nilai_tampil,
    pesan_galat,
    pratinjau_teks,
    riwayat_item,
)
from .services_realisasi import (
    NARASI,
    HasilBaris,
    HasilSimpan,
    bukti_hapus,
    bukti_simpan,
    realisasi_simpan_triwulan,
)


def _pita(satker, tahun):
    kebijakan = KebijakanCapaian.objects.untuk(satker, tahun)
    return kebijakan.skala_kategori.daftar_pita if kebijakan else []


def _realisasi_triwulan(items, triwulan) -> dict[int, Realisasi]:
    return {
        r.item_id: r
        for r in Realisasi.objects.filter(item__in=items, triwulan=triwulan)
        .select_related("diisi_oleh")
        .prefetch_related("bukti")
    }


# What the apps above kinerja add to the page's rows (anggaran puts each sasaran's budget and
# efficiency index on its first row, anggaran/realisasi.py): they register here in their
# AppConfig.ready, so the page shows their columns without kinerja importing them.
PELENGKAP_BARIS: list[Callable[..., None]] = []


@dataclass
class BarisHalaman:
    item: object
    realisasi: Realisasi | None
    form: BarisRealisasiForm | None
    pratinjau: Pratinjau
    hasil: HasilBaris | None = None
    sasaran_baru: bool = False
    # On the first row of a sasaran whose indicators have linked ROs: their budget and the
    # efficiency index (capaian so far ÷ penyerapan).
    anggaran: object = None
    indeks_efisiensi: object = None

    @property
    def galat_lain(self) -> list[str]:
        """Save errors that the value preview does not already show."""
        if self.hasil is None:
            return []
        return [g for g in self.hasil.galat if g not in self.pratinjau.galat]

    @property
    def nilai_tampil(self) -> str:
        r = self.realisasi
        return nilai_tampil(self.item.indikator, r.nilai, r.nilai_predikat) if r else "—"

    @property
    def jumlah_narasi(self) -> int:
        if self.form is not None:
            return sum(1 for n in NARASI if (self.form[n].value() or "").strip())
        return sum(1 for n in NARASI if self.realisasi and getattr(self.realisasi, n).strip())

    @property
    def jumlah_bukti(self) -> int:
        return len(self.realisasi.bukti.all()) if self.realisasi else 0

    @property
    def buka(self) -> bool:
        """Open the narrative area when something in it needs attention."""
        if self.hasil is not None and (self.hasil.konflik or self.galat_lain):
            return True
        return bool(self.form is not None and self.form.errors)


def _baris_halaman(pk, triwulan, *, bisa_ubah, data=None, hasil: HasilSimpan | None = None):
    items = list(pk.item.all())
    realisasi = _realisasi_triwulan(items, triwulan)
    pita = _pita(pk.satker, pk.tahun)
    per_item = hasil.per_item() if hasil else {}
    items.sort(key=lambda i: i.indikator.sasaran.nomor)
    baris, sasaran_sebelumnya = [], None
    for item in items:
        r = realisasi.get(item.id)
        form = None
        if bisa_ubah:
            url = reverse("realisasi_pratinjau", args=[item.id, triwulan])
            form = BarisRealisasiForm(data, item=item, realisasi=r, url_pratinjau=url)
        if form is not None:
            pratinjau = pratinjau_teks(item, triwulan, form.teks_nilai, pita)
        else:
            terbaca = NilaiTerbaca(r.nilai, r.nilai_predikat) if r else NilaiTerbaca()
            pratinjau = hitung_triwulan(item, triwulan, terbaca, pita)
        baris.append(
            BarisHalaman(
                item=item,
                realisasi=r,
                form=form,
                pratinjau=pratinjau,
                hasil=per_item.get(item.id),
                sasaran_baru=item.indikator.sasaran_id != sasaran_sebelumnya,
            )
        )
        sasaran_sebelumnya = item.indikator.sasaran_id
    for lengkapi in PELENGKAP_BARIS:
        lengkapi(pk, triwulan, baris)
    return baris


def _tampilkan_halaman(request, pk, triwulan, *, data=None, hasil=None):
    terbaru = pk_revisi_terbaru(pk)
    terkunci = terbaru.revisi > pk.revisi
    kunci_laporan = None if terkunci else pesan_laporan_terkunci(pk)
    bisa_ubah = boleh_ubah(request.user, pk.satker) and not terkunci and not kunci_laporan
    baris = _baris_halaman(pk, triwulan, bisa_ubah=bisa_ubah, data=data, hasil=hasil)
    context = {
        "pk": pk,
        "triwulan": triwulan,
        "tw": capaian.TW_ROMAWI[triwulan],
        "daftar_tw": capaian.TW_ROMAWI.items(),
        "baris": baris,
        "bisa_ubah": bisa_ubah,
        "terkunci": terkunci,
        "kunci_laporan": kunci_laporan,
        "terbaru": terbaru,
        "hasil": hasil,
        "jumlah_terisi": sum(1 for b in baris if b.realisasi is not None),
        "accept_bukti": ACCEPT_BUKTI,
        "ukuran_maks_mb": BUKTI_UKURAN_MAKS // (1024 * 1024),
    }
    return render(request, "kinerja/realisasi_triwulan.html", context)


@login_required
def realisasi_triwulan(request, pk_id, triwulan):
    pk = ambil_pk(request, pk_id)
    return _tampilkan_halaman(request, pk, triwulan)


@login_required
@require_POST
def realisasi_simpan(request, pk_id, triwulan):
    pk = ambil_pk(request, pk_id, ubah=True)
    items = list(pk.item.all())
    realisasi = _realisasi_triwulan(items, triwulan)
    forms = [BarisRealisasiForm(request.POST, item=i, realisasi=realisasi.get(i.id)) for i in items]
    if not all(f.is_valid() for f in forms):
        messages.error(
            request,
            "Isian tidak lengkap atau terlalu panjang; periksa baris bertanda merah. "
            "Tidak ada data yang disimpan.",
        )
        return _tampilkan_halaman(request, pk, triwulan, data=request.POST)
    try:
        hasil = realisasi_simpan_triwulan(
            pk=pk, triwulan=triwulan, baris=[f.masukan() for f in forms], user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_galat(exc)))
        return redirect("realisasi_triwulan", pk_id=pk.id, triwulan=triwulan)
    for item, catatan in hasil.catatan:
        messages.warning(request, f"Indikator {item.indikator.kode}: {catatan}")
    if hasil.disimpan:
        messages.success(request, _ringkasan_simpan(hasil))
        return redirect("realisasi_triwulan", pk_id=pk.id, triwulan=triwulan)
    return _tampilkan_halaman(
        request, pk, triwulan, data=_data_ulang(request.POST, hasil), hasil=hasil
    )


def _data_ulang(post, hasil: HasilSimpan):
    """The form data to show again after a failed save: what the user typed, with the versions
    brought up to date where the user has seen (or not touched) the newer data."""
    data = post.copy()
    for hb in hasil.baris:
        awalan = prefix_baris(hb.item)
        if hb.konflik:
            # The conflict is on screen: saving again knowingly replaces the other user's data.
            data[f"{awalan}-versi"] = str(hb.konflik.versi_sekarang)
        elif hb.pakai_terbaru:
            r = hb.terbaru
            data[f"{awalan}-versi"] = str(r.versi if r else 0)
            data[f"{awalan}-nilai"] = (
                teks_nilai(hb.item.indikator, r.nilai, r.nilai_predikat) if r else ""
            )
            for n in NARASI:
                data[f"{awalan}-{n}"] = getattr(r, n) if r else ""
        elif hb.versi_sekarang is not None:
            data[f"{awalan}-versi"] = str(hb.versi_sekarang)
        if hb.terbaca and hb.terbaca.predikat:
            data[f"{awalan}-nilai"] = hb.terbaca.predikat
    return data


def _ringkasan_simpan(hasil: HasilSimpan) -> str:
    tw = capaian.TW_ROMAWI[hasil.triwulan]
    bagian = [
        f"{n} {label}"
        for n, label in (
            (hasil.jumlah("baru"), "baru"),
            (hasil.jumlah("ubah"), "diubah"),
            (hasil.jumlah("hapus"), "dihapus"),
        )
        if n
    ]
    if not bagian:
        return f"Tidak ada perubahan pada realisasi TW {tw}."
    return f"Realisasi TW {tw} disimpan: {', '.join(bagian)}."


@login_required
@require_POST
def realisasi_pratinjau(request, item_id, triwulan):
    item = ambil_item(request, item_id, ubah=True)
    prefetch_related_objects(
        [item], "realisasi", "target_triwulan", "indikator__skala_nilai__nilai"
    )
    teks = request.POST.get(f"{prefix_baris(item)}-nilai", "")
    pratinjau = pratinjau_teks(
        item, triwulan, teks, _pita(item.pk_induk.satker, item.pk_induk.tahun)
    )
    return render(
        request, "kinerja/_realisasi_hasil.html", {"p": pratinjau, "item": item, "oob": True}
    )


def _konteks_bukti(item, triwulan, *, bisa_ubah, pesan="", galat=False):
    realisasi = (
        Realisasi.objects.filter(item=item, triwulan=triwulan).prefetch_related("bukti").first()
    )
    return {
        "item": item,
        "triwulan": triwulan,
        "realisasi": realisasi,
        "bisa_ubah": bisa_ubah,
        "pesan_bukti": pesan,
        "pesan_galat": galat,
        "accept_bukti": ACCEPT_BUKTI,
        "ukuran_maks_mb": BUKTI_UKURAN_MAKS // (1024 * 1024),
        "oob": True,  # also refresh the evidence count on the row's button
    }


def _balas_bukti(request, item, triwulan, pesan, *, galat):
    """htmx gets the row's evidence list back; a plain form post returns to the quarter page."""
    if request.headers.get("HX-Request"):
        # While the report is locked the fragment comes back without its upload/delete controls.
        bisa_ubah = pesan_laporan_terkunci(item.pk_induk) is None
        context = _konteks_bukti(item, triwulan, bisa_ubah=bisa_ubah, pesan=pesan, galat=galat)
        return render(request, "kinerja/_realisasi_bukti.html", context)
    (messages.error if galat else messages.success)(request, pesan)
    url = reverse("realisasi_triwulan", args=[item.pk_induk_id, triwulan])
    return redirect(f"{url}#baris-{item.id}")


@login_required
@require_POST
def bukti_unggah(request, item_id, triwulan):
    item = ambil_item(request, item_id, ubah=True)
    realisasi = (
        Realisasi.objects.select_related("item__pk_induk__satker")
        .filter(item=item, triwulan=triwulan)
        .first()
    )
    if realisasi is None:
        pesan = "Simpan nilai realisasi triwulan ini terlebih dahulu, lalu unggah buktinya."
        return _balas_bukti(request, item, triwulan, pesan, galat=True)
    form = BuktiForm(request.POST, request.FILES)
    if not form.is_valid():
        pesan = " ".join(e for errs in form.errors.values() for e in errs)
        return _balas_bukti(request, item, triwulan, pesan, galat=True)
    try:
        bukti = bukti_simpan(
            realisasi=realisasi, berkas=form.cleaned_data["berkas"], user=request.user
        )
    except ValidationError as exc:
        return _balas_bukti(request, item, triwulan, " ".join(pesan_galat(exc)), galat=True)
    return _balas_bukti(
        request, item, triwulan, f"Bukti “{bukti.nama_asli}” diunggah.", galat=False
    )


@login_required
def bukti_unduh(request, bukti_id):
    bukti = ambil_bukti(request, bukti_id)
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas bukti tidak ditemukan di penyimpanan.") from exc
    return FileResponse(
        berkas, as_attachment=True, filename=bukti.nama_asli, content_type=bukti.jenis_mime
    )


@login_required
@require_POST
def bukti_hapus_view(request, bukti_id):
    bukti = ambil_bukti(request, bukti_id, ubah=True)
    item, triwulan, nama = bukti.realisasi.item, bukti.realisasi.triwulan, bukti.nama_asli
    try:
        bukti_hapus(bukti=bukti, user=request.user)
    except ValidationError as exc:
        return _balas_bukti(request, item, triwulan, " ".join(pesan_galat(exc)), galat=True)
    return _balas_bukti(request, item, triwulan, f"Bukti “{nama}” dihapus.", galat=False)


@login_required
def item_detail(request, item_id):
    item = ambil_item(request, item_id)
    prefetch_related_objects(
        [item],
        "target_triwulan",
        "indikator__skala_nilai__nilai",
        Prefetch(
            "realisasi",
            queryset=Realisasi.objects.select_related("diisi_oleh").prefetch_related("bukti"),
        ),
    )
    pk = item.pk_induk
    pita = _pita(pk.satker, pk.tahun)
    realisasi = {r.triwulan: r for r in item.realisasi.all()}
    triwulan = []
    for tw, romawi in capaian.TW_ROMAWI.items():
        r = realisasi.get(tw)
        terbaca = NilaiTerbaca(r.nilai, r.nilai_predikat) if r else NilaiTerbaca()
        triwulan.append(
            {
                "tw": tw,
                "romawi": romawi,
                "realisasi": r,
                "nilai": nilai_tampil(item.indikator, r.nilai, r.nilai_predikat) if r else "—",
                "target_sendiri": any(
                    t.triwulan == tw and (t.target is not None or t.target_predikat)
                    for t in item.target_triwulan.all()
                ),
                "p": hitung_triwulan(item, tw, terbaca, pita),
            }
        )
    tahunan = item.hitung_capaian(4)
    context = {
        "item": item,
        "pk": pk,
        "indikator": item.indikator,
        "target_tahunan": item.nilai_dari("target"),
        "triwulan_list": triwulan,
        "tahunan": tahunan,
        "realisasi_tahunan": item.realisasi_agregat(4),
        "kategori_tahunan": _kategori(tahunan.nilai, pita),
        "riwayat": riwayat_item(item),
    }
    return render(request, "kinerja/realisasi_item.html", context)


def _kategori(nilai, pita):
    return capaian.kategori(nilai, pita) if pita else None
