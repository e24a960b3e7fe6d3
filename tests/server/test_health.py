from sync import protocol


def test_health_names_the_server_and_its_protocol(client):
    response = client.get("/health", headers={protocol.PROTOCOL_HEADER: ""})

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "protocol": protocol.PROTOCOL_VERSION,
        "server": "estate-field",
    }
    protocol.check_health_response(response.json())
