"""In Chromium: logging in lands an operator on their satker's year with the computed numbers."""

from io import StringIO

import pytest
from django.core.management import call_command
from selenium.webdriver.common.by import By

from satker.demo import DEMO_PASSWORD

from .browser import BrowserTestCase


@pytest.mark.browser
class BerandaBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("muat_demo", stdout=StringIO())

    def test_operator_lands_on_latest_year_with_capaian(self):
        """The operator of Lampung Utara sees the 2023 PK, its overall capaian and category."""
        self.masuk("operator.lampura", DEMO_PASSWORD)
        self.assertTrue(self.browser.current_url.endswith("/satker/18.03/2023/"))
        teks = self.browser.find_element(By.TAG_NAME, "main").text
        self.assertIn("96,35 %", teks)
        self.assertIn("Sangat Baik", teks)
        self.potret("beranda-operator")

    def test_wrong_password_shows_indonesian_message(self):
        """A wrong password keeps the user on the login page with a message in Indonesian."""
        self.buka("/akun/login/")
        self.browser.find_element(By.NAME, "username").send_keys("operator.lampura")
        self.browser.find_element(By.NAME, "password").send_keys("salah")
        self.browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
        self.tunggu(lambda b: "sandi salah" in b.find_element(By.TAG_NAME, "body").text)
        self.assertIn("/akun/login/", self.browser.current_url)
        self.potret("masuk-gagal")
