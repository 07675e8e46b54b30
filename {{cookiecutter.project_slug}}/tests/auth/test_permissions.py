"""The permission table: complete, and the top role holds everything."""

from {{ cookiecutter.package_name }}.auth.permissions import (
    ROLE_PERMISSIONS,
    Permission,
    has_permission,
)
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role


def test_every_role_has_an_entry_in_the_table() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_top_role_holds_every_permission() -> None:
    assert all(has_permission(TOP_ROLE, permission) for permission in Permission)


def test_permissions_are_named_resource_colon_action() -> None:
    for permission in Permission:
        resource, _, action = permission.value.partition(":")

        assert resource
        assert action
