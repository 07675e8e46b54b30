{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""Clauses proven by tests that live beside the code they exercise.

The conformance modules hold the checks that read as requirements; a few
clauses are best proven next to their route or setting. This register names
those tests, so that the conformance suite still answers "where is clause X
checked?", and fails if one is renamed, removed or stops naming its clause.
"""

import importlib
import inspect

import pytest

PROVEN_ELSEWHERE: dict[str, list[str]] = {
    "OWASP API1:2023": [
        "items.test_items:test_another_users_item_answers_like_a_missing_one_and_stays_unchanged",
        "items.test_items:test_list_holds_only_the_callers_items",
{%- if cookiecutter.rbac == "none" %}
        "users.test_users:test_user_cannot_read_another_profile",
{%- elif "," in cookiecutter.roles %}
        "users.test_users:test_role_without_the_right_cannot_read_another_profile",
{%- endif %}
    ],
    "OWASP API3:2023": [
        "items.test_items:test_client_cannot_set_fields_it_does_not_own",
        "users.test_users:test_users_me_returns_the_profile_without_the_password_hash",
    ],
    "OWASP API4:2023": [
        "test_body_limit:test_declared_length_over_the_cap_is_refused_unread",
        "test_body_limit:test_chunked_body_is_refused_once_it_passes_the_cap",
{%- if rate_limiting %}
        "auth.test_rate_limits:test_login_past_the_per_client_limit_answers_429_with_retry_after",
        "auth.test_rate_limits:test_per_username_limit_holds_across_client_addresses",
        "auth.test_rate_limits:test_throttled_login_checks_no_password",
{%- endif %}
    ],
{%- if rate_limiting %}
    "RFC 6585 section 4": [
        "auth.test_rate_limits:test_login_past_the_per_client_limit_answers_429_with_retry_after",
    ],
{%- endif %}
    "OWASP API5:2023": [
        "auth.test_access:test_route_answers_by_the_callers_rights",
        "test_routes:test_every_other_operation_refuses_a_request_without_credentials",
{%- if cookiecutter.rbac != "none" and "," in cookiecutter.roles %}
        "users.test_admin:test_lower_roles_are_forbidden_from_admin_routes",
{%- endif %}
    ],
{%- if cookiecutter.rbac == "none" or "," in cookiecutter.roles or revocation %}
    "RFC 6750 section 3.1": [
{%- if cookiecutter.rbac == "none" %}
        "users.test_users:test_user_cannot_read_another_profile",
{%- elif "," in cookiecutter.roles %}
        "users.test_admin:test_lower_roles_are_forbidden_from_admin_routes",
{%- endif %}
{%- if revocation %}
        "auth.test_logout:test_access_token_is_refused_after_logout",
{%- endif %}
    ],
{%- endif %}
    "RFC 6749 section 5.1": [
        "auth.test_login:test_token_response_is_kept_out_of_caches",
{%- if refresh_tokens %}
        "auth.test_refresh:test_refreshed_pair_is_kept_out_of_caches",
{%- endif %}
    ],
{%- if cookiecutter.jwt_algorithm == "HS256" %}
    "RFC 7518 section 3.2": [
        "auth.test_secret_key:test_settings_refuse_a_weak_secret_without_echoing_it",
    ],
{%- elif cookiecutter.jwt_algorithm == "RS256" %}
    "RFC 7518 section 3.3": [
        "auth.test_key_files:test_rsa_key_under_2048_bits_is_refused",
    ],
{%- elif cookiecutter.jwt_algorithm == "ES256" %}
    "RFC 7518 section 3.4": [
        "auth.test_key_files:test_key_on_another_curve_is_refused",
    ],
{%- endif %}
{%- if refresh_tokens %}
    "RFC 8725 section 3.12": [
        "auth.test_refresh:test_access_token_is_refused_at_refresh",
        "auth.test_refresh:test_refresh_token_is_refused_on_resource_routes",
    ],
    "RFC 9700 section 4.14.2": [
        "auth.test_refresh:test_refresh_with_spent_token_revokes_family",
    ],
{%- endif %}
{%- if cookiecutter.jwt_algorithm != "HS256" %}
    "RFC 8725 section 3.10": [
        "auth.test_key_files:test_token_whose_kid_is_not_configured_is_refused",
    ],
{%- endif %}
}
REFERENCES = [
    (clause, reference)
    for clause, references in PROVEN_ELSEWHERE.items()
    for reference in references
]


@pytest.mark.parametrize(
    ("clause", "reference"),
    REFERENCES,
    ids=[f"{clause} {reference}" for clause, reference in REFERENCES],
)
def test_clause_proven_elsewhere_has_its_test(clause: str, reference: str) -> None:
    """The register holds: the named test exists and names its clause."""
    module_name, _, function_name = reference.partition(":")
    module = importlib.import_module(f"..{module_name}", __package__)

    function = getattr(module, function_name, None)

    assert callable(function), f"{reference} is gone"
    assert clause in (inspect.getdoc(function) or ""), f"{reference} names no {clause}"
