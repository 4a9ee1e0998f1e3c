"""Browser tests in a real Chromium (Debian's `chromium` and `chromium-driver`) via Selenium.

Without Chromium the tests are skipped with the reason shown in pytest's summary; CI sets
LKJ_BROWSER_WAJIB=1 so that a missing browser fails the run instead.
"""

import os
import shutil
import unittest
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
PASANG = "pasang paket Debian: apt-get install chromium chromium-driver"


def _cari_chromium() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pesan = f"Chromium atau chromedriver tidak ditemukan ({PASANG})."
        if os.environ.get("LKJ_BROWSER_WAJIB"):
            raise RuntimeError(pesan)
        raise unittest.SkipTest(pesan)
    return chromium, driver


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server plus one headless Chromium shared by the tests of a class."""

    lebar, tinggi = 1366, 900

    @classmethod
    def setUpClass(cls):
        chromium, driver = _cari_chromium()
        from selenium import webdriver

        super().setUpClass()
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=id-ID",
            f"--window-size={cls.lebar},{cls.tinggi}",
        ]:
            options.add_argument(arg)
        cls.browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver))
        cls.browser.implicitly_wait(0)

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        super().tearDownClass()

    def buka(self, path: str):
        self.browser.get(self.live_server_url + path)

    def tunggu(self, kondisi, detik: float = 10):
        from selenium.common.exceptions import (
            NoSuchElementException,
            StaleElementReferenceException,
            WebDriverException,
        )
        from selenium.webdriver.support.ui import WebDriverWait

        # The page may be replaced while the condition looks at it (a reload, an htmx swap);
        # Chromium then reports a stale element or a node "not in the document": look again.
        abaikan = (NoSuchElementException, StaleElementReferenceException, WebDriverException)
        return WebDriverWait(self.browser, detik, ignored_exceptions=abaikan).until(kondisi)

    def klik(self, elemen):
        """Click like a person: scroll the element to the middle first (sticky bars cover edges)."""
        self.browser.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", elemen
        )
        elemen.click()

    def masuk(self, username: str, password: str):
        from selenium.webdriver.common.by import By

        self.buka("/akun/login/")
        self.browser.find_element(By.NAME, "username").send_keys(username)
        self.browser.find_element(By.NAME, "password").send_keys(password)
        self.browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
        self.tunggu(lambda b: "/akun/login/" not in b.current_url)

    def potret(self, nama: str) -> Path:
        """A full-page screenshot in docs/screenshots/, for people to look at."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tinggi = self.browser.execute_script("return document.documentElement.scrollHeight")
        self.browser.set_window_size(self.lebar, min(max(tinggi, self.tinggi), 8000))
        path = SCREENSHOTS / f"{nama}.png"
        self.browser.save_screenshot(str(path))
        self.browser.set_window_size(self.lebar, self.tinggi)
        return path
