import sqlite3

from ui.app import offer_sample_data


def test_first_run_offers_the_sample_data(tmp_path, answers):
    path = tmp_path / "new" / "tdkt.sqlite3"
    offer_sample_data(path)
    assert "Tạo dữ liệu mẫu" in answers.asked[0]
    assert answers.offered == [["Mẫu quận Gò Vấp 2018", "Mẫu phường Gò Vấp 2026"]]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM unit WHERE code = 'P17'").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] >= 580


def test_first_run_can_build_the_2026_ward_sample(tmp_path, answers):
    answers.choice = 1
    path = tmp_path / "tdkt.sqlite3"
    offer_sample_data(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone() == (300,)
        assert conn.execute("SELECT json_extract(value, '$.parent_body') FROM setting "
                            "WHERE key = 'council_names'").fetchone() == ("ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP",)


def test_declining_the_sample_data_creates_nothing(tmp_path, answers):
    answers.confirm_answer = False
    path = tmp_path / "tdkt.sqlite3"
    offer_sample_data(path)
    assert not path.exists()
