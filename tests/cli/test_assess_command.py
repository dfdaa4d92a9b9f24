"""`flask --app guidance_app assess FILE.json [--locale xx]`."""

import json


def run(app, *args):
    return app.test_cli_runner().invoke(args=["assess", *args])


def test_prints_the_assessment(app, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"country": "england", "exclusion_type": "suspension", "days": 3,
                                "reason": "parent_conduct", "start_date": "2026-10-12"}))
    result = run(app, str(path), "--locale", "pl")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["locale"] == "pl"
    assert "unlawful_reason" in [f["id"] for f in data["findings"]]
    assert data["deadlines"][0]["date"]


def test_bad_facts_exit_2_naming_the_fact(app, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"days": "three", "colour": "red"}))
    result = run(app, str(path))
    assert result.exit_code == 2
    assert "days:" in result.output and "colour:" in result.output
    assert "Traceback" not in result.output


def test_bad_json_exit_2(app, tmp_path):
    path = tmp_path / "case.json"
    path.write_text("{not json")
    result = run(app, str(path))
    assert result.exit_code == 2 and "not valid JSON" in result.output


def test_unknown_locale_exit_2(app, tmp_path):
    path = tmp_path / "case.json"
    path.write_text("{}")
    result = run(app, str(path), "--locale", "xx")
    assert result.exit_code == 2 and "--locale" in result.output


def test_missing_file_is_a_usage_error(app, tmp_path):
    result = run(app, str(tmp_path / "nope.json"))
    assert result.exit_code == 2
