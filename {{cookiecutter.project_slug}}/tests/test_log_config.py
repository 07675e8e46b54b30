import logging

from {{ cookiecutter.package_name }}.log_config import HideQueryStrings


def access_record(path: str) -> logging.LogRecord:
    return logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 401),
        None,
    )


def test_access_log_keeps_the_path_and_drops_the_query_string() -> None:
    record = access_record("/users/me?access_token=eyJhbGciOiJIUzI1NiJ9.e30.sig")

    HideQueryStrings().filter(record)

    message = record.getMessage()
    assert "/users/me" in message
    assert "access_token" not in message
    assert "eyJ" not in message


def test_access_log_without_query_string_is_unchanged() -> None:
    record = access_record("/health")
    before = record.getMessage()

    HideQueryStrings().filter(record)

    assert record.getMessage() == before
