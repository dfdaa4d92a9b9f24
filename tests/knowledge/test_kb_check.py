"""`flask kb check` passes on the shipped content and names the problem in each kind of
broken file; the app refuses to start on a broken knowledge base."""

import shutil
from pathlib import Path

import pytest

from guidance_app import ConfigurationError, create_app
from guidance_app.knowledge import content_dir, load

CONTENT = content_dir()


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def check(app, folder: Path, *extra: str):
    return app.test_cli_runner().invoke(args=["kb", "check", "--content", str(folder), *extra])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_passes(app):
    result = check(app, CONTENT)
    assert result.exit_code == 0, result.output
    assert "OK: no errors" in result.output
    assert "rules" in result.output and "Law as at" in result.output


BREAKAGES = [
    ("unknown fact", "en/rules/unlawful_reason.md", "    - reason: {in:", "    - reasons: {in:",
     "en/rules/unlawful_reason.md", "unknown fact 'reasons'"),
    ("bad value", "en/rules/unlawful_reason.md", "parent_conduct, needs_not_met", "parents, needs_not_met",
     "en/rules/unlawful_reason.md", "'parents' is not a value of 'reason'"),
    ("missing sources", "en/rules/social_worker_involvement.md",
     "sources:\n  - {source: regs_2012_amendment_2022, ref: \"duty to notify the social worker\", status: V}\n",
     "", "en/rules/social_worker_involvement.md", "'sources' is missing"),
    ("unknown source", "en/rules/social_worker_involvement.md", "source: regs_2012_amendment_2022",
     "source: some_blog", "en/rules/social_worker_involvement.md", "'some_blog' is not in the sources list"),
    ("bad status", "en/rules/social_worker_involvement.md", "status: V}", "status: maybe}",
     "en/rules/social_worker_involvement.md", "must be V (verified)"),
    ("duplicate id", "en/rules/pressure_to_move.md", "id: pressure_to_move", "id: part_time_timetable",
     "en/rules/pressure_to_move.md", "must match the file name"),
    ("broken link", "en/rules/pressure_to_move.md", "related: [guides/informal-exclusions]",
     "related: [guides/no-such-guide]", "en/rules/pressure_to_move.md", "does not exist"),
    ("unknown service", "en/rules/pressure_to_move.md", "services: [coram_child_law_advice, sendiass]",
     "services: [coram_child_law_advice, nobody]", "en/rules/pressure_to_move.md", "names service 'nobody'"),
    ("invalid yaml", "en/rules/pressure_to_move.md", "severity: likely_unlawful", "severity: [likely_unlawful",
     "en/rules/pressure_to_move.md", "not valid YAML"),
    ("bad severity", "en/rules/pressure_to_move.md", "severity: likely_unlawful", "severity: illegal",
     "en/rules/pressure_to_move.md", "severity"),
    ("bad compute method", "en/deadlines/return_date.md", "method: return_after_suspension",
     "method: next_monday", "en/deadlines/return_date.md", "compute.method"),
    ("service with no way to reach it", "en/services/contact.md", 'url: https://contact.org.uk\nphone: "0808 808 3555"',
     'url: ""\nphone: ""', "en/services/contact.md", "at least one way to reach it"),
    ("service phone that cannot be dialled", "en/services/contact.md", 'phone: "0808 808 3555"', 'phone: "call us"',
     "en/services/contact.md", "is not a UK phone number"),
    ("service web address without https", "en/services/contact.md", "url: https://contact.org.uk",
     "url: contact.org.uk", "en/services/contact.md", "must start with https://"),
    ("service email", "en/services/leicestershire_sena.md", 'email: "senaservice@leics.gov.uk"',
     'email: "senaservice at leics"', "en/services/leicestershire_sena.md", "is not an email address"),
    ("service checked in the future", "en/services/contact.md", "last_checked: 2026-11-23",
     "last_checked: 2099-01-01", "en/services/contact.md", "is in the future"),
    ("uncertain service with nowhere to send parents", "en/services/ace.md",
     "successors: [coram_child_law_advice, ipsea, sendiass]", "successors: []", "en/services/ace.md",
     "say which services now do this work"),
    ("uncertain service recommended", "en/services/ace.md", "match: []",
     "match:\n  - {when: {exclusion_type: permanent}, weight: 50, why: \"Call ACE\"}", "en/services/ace.md",
     "only an active service may be recommended"),
    ("local service for an unknown council", "en/services/hackney_parent_forum.md", "local_authorities: [hackney]",
     "local_authorities: [hackney_borough]", "en/services/hackney_parent_forum.md", "'hackney_borough' is not a council id"),
    ("national service standing in for another", "en/services/contact.md", "represents: []",
     "represents: []\nreplaces: [sendiass]", "en/services/contact.md", "only a local service"),
    ("unknown topic", "en/services/contact.md", "topics: [suspension,", "topics: [holidays, suspension,",
     "en/services/contact.md", "'holidays' should be one of"),
    ("council with an unknown region", "local_authorities.yaml", "{id: hackney, name: \"Hackney\", region: london}",
     "{id: hackney, name: \"Hackney\", region: east_london}", "local_authorities.yaml", "'east_london' is not a region"),
    ("council listed twice", "local_authorities.yaml", "{id: barnet, name: \"Barnet\", region: london}",
     "{id: bexley, name: \"Barnet\", region: london}", "local_authorities.yaml", "'bexley' is listed twice"),
    ("letter with an unknown detail", "en/letters/representations.md", "Dear {chair_name},", "Dear {chairman},",
     "en/letters/representations.md", "'{chairman}' is not a detail letters know"),
    ("letter with an unknown flag", "en/letters/representations.md", "wrong {if: points}", "wrong {if: lots}",
     "en/letters/representations.md", "'lots' is not a flag"),
    ("letter directive inside a sentence", "en/letters/representations.md", "[[account]]", "See [[account]] above",
     "en/letters/representations.md", "on a line of its own"),
    ("letter request the form does not offer", "en/letters/representations.md", "  reinstatement: ", "  reinstate: ",
     "en/letters/representations.md", "'reinstate' is not one the letter form offers"),
    ("question for an unknown fact", "en/questions.yaml", "  - fact: social_worker\n", "  - fact: social_workers\n",
     "en/questions.yaml", "'social_workers' is not a fact"),
]


@pytest.mark.parametrize("name,file,old,new,where,message", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_kind_of_broken_file_is_reported(app, content, name, file, old, new, where, message):
    edit(content / file, old, new)
    result = check(app, content)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if where in line]
    assert any(message in line for line in lines), result.output


def test_duplicate_ids_are_reported(app, content):
    copy = content / "en" / "rules" / "pressure_to_move_copy.md"
    shutil.copy(content / "en" / "rules" / "pressure_to_move.md", copy)
    result = check(app, content)
    assert result.exit_code == 1
    assert "already used by" in result.output


def write_translation(content: Path, master: str, source_hash: str, extra: str = "") -> Path:
    path = content / "pl" / master
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntranslates: {master}\nsource_hash: {source_hash}\ntitle: Tytuł\n{extra}---\nTreść.\n",
                    encoding="utf-8")
    return path


def master_hash(content: Path, master: str) -> str:
    kb, _ = load(content)
    kind, entry_id = master.removesuffix(".md").split("/")
    return getattr(kb, kind)[entry_id].master_hash


def test_current_translation_is_used_and_stale_one_is_reported(app, content):
    master = "rules/pressure_to_move.md"
    write_translation(content, master, master_hash(content, master))
    assert check(app, content).exit_code == 0
    kb, _ = load(content)
    assert kb.rules["pressure_to_move"].text("pl").title == "Tytuł"

    # The lawyer changes the English text: the Polish file is now out of date.
    edit(content / "en" / master, "This is called off-rolling", "This is known as off-rolling")
    result = check(app, content)
    assert result.exit_code == 1
    assert "pl/rules/pressure_to_move.md" in result.output and "has changed" in result.output
    kb, _ = load(content)
    assert kb.rules["pressure_to_move"].text("pl").title != "Tytuł"  # English is shown instead


def test_translation_may_not_carry_logic(app, content):
    master = "rules/pressure_to_move.md"
    write_translation(content, master, master_hash(content, master), extra="severity: info\n")
    result = check(app, content)
    assert result.exit_code == 1
    assert "a translation holds only text" in result.output


def test_translation_of_a_missing_master(app, content):
    write_translation(content, "rules/no_such_rule.md", "abc")
    result = check(app, content)
    assert result.exit_code == 1 and "is not an English file" in result.output


def test_shipped_translations_are_complete(app):
    result = check(app, CONTENT, "--strict", "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert result.output.count("(100%)") == 9


def test_strict_fails_on_missing_translations(app, content):
    (content / "so" / "rules" / "unlawful_reason.md").unlink()
    result = check(app, content, "--strict")
    assert result.exit_code == 1 and "missing translation" in result.output
    assert check(app, content).exit_code == 0  # without --strict a missing translation is allowed


def test_app_refuses_to_start_on_a_broken_knowledge_base(content, tmp_path):
    edit(content / "en/rules/unlawful_reason.md", "    - reason: {in:", "    - reasons: {in:")
    with pytest.raises(ConfigurationError, match="unlawful_reason.md") as caught:
        create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "CONTENT_DIR": str(content)})
    assert "flask --app guidance_app kb check" in str(caught.value)


class TestServiceDetailsGetOld:
    """Contact details are checked again within 18 months; older ones warn (and fail --strict)."""

    def test_no_warning_up_to_eighteen_months(self, app):
        result = check(app, CONTENT, "--today", "2028-05-23")
        assert result.exit_code == 0 and "WARNING" not in result.output

    def test_warning_the_day_after(self, app):
        result = check(app, CONTENT, "--today", "2028-05-24")
        assert result.exit_code == 0, result.output
        lines = [line for line in result.output.splitlines() if line.startswith("WARNING")]
        assert any("en/services/coram_child_law_advice.md [last_checked]" in line and "18 months" in line
                   for line in lines)
        assert "warning(s)" in result.output

    def test_strict_fails_on_old_details(self, app):
        assert check(app, CONTENT, "--strict", "--today", "2028-05-24").exit_code == 1

    def test_bad_date_option_is_explained(self, app):
        result = check(app, CONTENT, "--today", "24/05/2028")
        assert result.exit_code == 2
        assert "--today" in result.output and "24/05/2028" in result.output
