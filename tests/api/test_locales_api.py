from guidance_app.locales import LOCALES


def test_locales_lists_all_ten_with_direction(client):
    data = client.get("/api/v1/locales").get_json()
    codes = [loc["code"] for loc in data["locales"]]
    assert codes == ["en", "ar", "bn", "es", "pl", "pt", "ro", "so", "uk", "ur"]
    assert {loc["code"] for loc in data["locales"] if loc["dir"] == "rtl"} == {"ar", "ur"}
    assert len(LOCALES) == 10


def test_unknown_api_path_answers_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["errors"]
