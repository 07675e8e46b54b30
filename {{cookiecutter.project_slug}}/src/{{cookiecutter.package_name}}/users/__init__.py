"""Users: the account store and the profile routes."""
