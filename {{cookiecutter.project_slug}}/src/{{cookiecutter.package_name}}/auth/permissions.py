"""Permissions, and the roles that hold them: the whole policy in one table.

Routes declare the permission they need with `require_permission(...)`; the
token names only the caller's role, and this table is consulted on the server.
To add a permission, add a member to `Permission`, grant it to roles in
`ROLE_PERMISSIONS`, and require it on the routes it guards.
"""

from collections.abc import Mapping
from enum import StrEnum

from .roles import TOP_ROLE, Role


class Permission(StrEnum):
    ITEMS_READ = "items:read"
    ITEMS_WRITE = "items:write"
    USERS_READ = "users:read"
    USERS_LIST = "users:list"


# Items stay private to their owner whatever the role: these permissions only
# decide whether a role may use the items API at all.
OWN_ITEMS = frozenset({Permission.ITEMS_READ, Permission.ITEMS_WRITE})

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    TOP_ROLE: frozenset(Permission),
{%- for role in cookiecutter.roles.split(",")[1:] %}
    Role.{{ role.strip().upper() }}: OWN_ITEMS,
{%- endfor %}
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
