"""``competency serve`` over real HTTP: the CLI's answers, located refusals, the limits."""

from __future__ import annotations

import json

import pytest

from tests.serve.conftest import MAX_BODY, ROSTER, run_cli

RECORDS = [json.loads(line) for line in ROSTER.read_text(encoding="utf-8").splitlines()
           if line.strip()]


def test_check_answers_as_the_cli_does(client, overlay_file):
    """POST /check on the sample roster's records = ``competency check --format json``."""
    cli = run_cli("check", str(ROSTER), "--on", "2020-06-01", "--format", "json",
                  "--overlay", str(overlay_file))
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    answer = client.post("/check", params={"on": "2020-06-01"}, json=RECORDS)
    assert answer.status_code == 200
    assert answer.json() == expected
    assert expected["results"], "the sample roster has results to compare"


def test_a_roster_as_json_lines_gets_the_same_answer(client):
    body = ROSTER.read_bytes()
    lines = client.post("/check?on=2020-06-01", content=body,
                        headers={"Content-Type": "application/x-ndjson"})
    array = client.post("/check?on=2020-06-01", json=RECORDS)
    assert lines.status_code == array.status_code == 200
    assert lines.json() == array.json()


def test_validate_answers_as_the_cli_does(client, tmp_path):
    bad = {**RECORDS[0], "birth_date": 19900501, "gender": "f"}
    roster = tmp_path / "two.jsonl"
    roster.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (RECORDS[1], bad)),
                      encoding="utf-8")
    cli = json.loads(run_cli("validate", str(roster), "--format", "json").stdout)
    answer = client.post("/validate", content=roster.read_bytes(),
                         headers={"Content-Type": "application/x-ndjson"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["summary"] == cli["summary"] == {"read": 2, "valid": 1, "invalid": 1}
    assert [e["errors"] for e in data["invalid"]] == [e["errors"] for e in cli["invalid"]]
    assert data["invalid"][0]["location"] == "body:2"


def test_malformed_json_is_400_with_line_and_column(client):
    answer = client.post("/check", content=b'[\n  {"id": "A-1",\n   "birth_date" 1990}\n]',
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    data = answer.json()
    assert (data["line"], data["column"]) == (3, 17)
    assert "malformed JSON at line 3, column 17" in data["error"]


def test_a_malformed_json_lines_line_is_400_with_its_line(client):
    body = ROSTER.read_bytes().splitlines()[:3] + [b'{"id": "X", }']
    answer = client.post("/check", content=b"\n".join(body),
                         headers={"Content-Type": "application/x-ndjson"})
    assert answer.status_code == 400
    assert answer.json()["location"] == "body:4"
    assert answer.json()["line"] == 4


def test_a_wrong_type_is_422_with_every_pointer(client):
    bad = {**RECORDS[0], "birth_date": 19900501, "unit": {**RECORDS[0]["unit"], "level": "x"}}
    answer = client.post("/check?on=2020-06-01", json=[RECORDS[1], bad, "not a record"])
    assert answer.status_code == 422
    data = answer.json()
    assert data["summary"] == {"read": 3, "valid": 1, "invalid": 2}
    first, second = data["invalid"]
    assert first["location"] == "body#/1" and first["id"] == RECORDS[0]["id"]
    pointers = [e.split(":", 1)[0] for e in first["errors"]]
    assert pointers == ["/birth_date", "/unit/level"]
    assert second == {"location": "body#/2", "id": None,
                      "errors": ["expected a JSON object, got a string"]}


def test_an_unknown_standard_is_404_with_did_you_mean(client):
    answer = client.post("/check", params={"standard": "vn.tt-13-2019-bnv.cong-chuc-xaa"},
                         json=RECORDS[0])
    assert answer.status_code == 404
    data = answer.json()
    assert data["location"] == "query parameter standard"
    assert "vn.tt-13-2019-bnv.cong-chuc-xa" in data["did_you_mean"]
    shown = client.get("/standards/vn.tt-13-2019-bnv.cong-chuc-xaa")
    assert shown.status_code == 404
    assert shown.json()["did_you_mean"][0] == "vn.tt-13-2019-bnv.cong-chuc-xa"


@pytest.mark.parametrize("query", [{"on": "2020-13-01"}, {"lang": "fr", "explain": "true"},
                                   {"onn": "2020-06-01"}])
def test_a_bad_query_parameter_is_400_naming_it(client, query):
    answer = client.post("/check", params=query, json=RECORDS[0])
    assert answer.status_code == 400
    assert answer.json()["location"] == f"query parameter {next(iter(query))}"


def test_an_oversized_body_is_413(client):
    body = json.dumps([RECORDS[0]] * (MAX_BODY // len(json.dumps(RECORDS[0])) + 10)).encode()
    assert len(body) > MAX_BODY
    answer = client.post("/check", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["limit"] == MAX_BODY


def test_an_oversized_body_without_a_length_is_413_while_reading(client):
    def chunks():
        for _ in range(MAX_BODY // 4096 + 8):
            yield b" " * 4096

    answer = client.post("/validate", content=chunks(),
                         headers={"Content-Type": "application/json"})
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413


def test_the_overlay_given_at_start_is_served(client):
    assert client.get("/standards/tinh-80.cong-chuc-xa").json()["id"] == "tinh-80.cong-chuc-xa"
    record = {**RECORDS[0], "unit": {**RECORDS[0]["unit"], "province_code": "80"}}
    answer = client.post("/check", params={"on": "2025-01-01",
                                           "standard": "tinh-80.cong-chuc-xa"}, json=record)
    assert answer.status_code == 200
    assert [r["standard"] for r in answer.json()["results"]] == ["tinh-80.cong-chuc-xa"]


def test_explain_adds_the_tree_and_its_lines(client):
    answer = client.post("/explain?on=2020-06-01&lang=en", json=RECORDS[0]).json()
    result = answer["results"][0]
    assert result["explanation"]["rule"] == result["text"][0].split("]")[0].split("[")[1]
    assert any(line.lstrip().startswith(("✓", "✗", "?")) for line in result["text"][1:])


def test_gaps_answers_as_the_cli_does(client, overlay_file):
    cli = run_cli("gaps", str(ROSTER), "--on", "2020-06-01", "--by", "level", "--format", "json",
                  "--overlay", str(overlay_file))
    answer = client.post("/gaps?on=2020-06-01&by=level", json=RECORDS)
    assert answer.status_code == 200
    assert answer.json() == json.loads(cli.stdout)
    named = run_cli("gaps", str(ROSTER), "--on", "2020-06-01", "--by", "level", "--format",
                    "json", "--overlay", str(overlay_file), "--names")
    answer = client.post("/gaps?on=2020-06-01&by=level&names=true", json=RECORDS)
    assert answer.json() == json.loads(named.stdout) != json.loads(cli.stdout)


def test_standards_list_answers_as_the_cli_does(client):
    cli = json.loads(run_cli("standards", "list", "--on", "2020-06-01", "--format", "json",
                             "--lang", "en").stdout)
    assert client.get("/standards?on=2020-06-01&lang=en").json() == cli


def test_schemas_are_the_shipped_files(client):
    shipped = json.loads((ROSTER.parents[1] / "schemas" / "official.schema.json").read_text())
    assert client.get("/schemas/official").json() == shipped
    missing = client.get("/schemas/oficial")
    assert missing.status_code == 404 and missing.json()["did_you_mean"] == ["official"]


def test_an_unknown_path_is_a_json_404(client):
    answer = client.post("/chek", json={})
    assert answer.status_code == 404
    assert answer.json()["did_you_mean"][0] == "/check"


def test_the_server_listens_on_the_loopback_address_by_default(server):
    assert server.startswith("http://127.0.0.1:")


def test_a_bad_overlay_stops_the_start_with_its_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("standards:\n  - id: x\n    confidence: sure\n", encoding="utf-8")
    result = run_cli("serve", "--port", "0", "--overlay", str(bad))
    assert result.returncode == 2
    assert f"{bad}: invalid data file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("text", "size"), [("10MB", 10 * 2**20), ("512 KiB", 512 * 2**10),
                                            ("1000", 1000), ("1g", 2**30)])
def test_body_limits_are_read_with_units(text, size):
    from competency.cli.serve import parse_size

    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["0", "ten", "10TB", "-1"])
def test_a_bad_body_limit_is_refused(text):
    import typer

    from competency.cli.serve import parse_size

    with pytest.raises(typer.BadParameter):
        parse_size(text)
