from fastapi.testclient import TestClient


def test_health_answers_without_credentials(client: TestClient) -> None:
    r = client.get("/health")

    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
