"""Authentication: token issue and validation, login, and the current user."""
