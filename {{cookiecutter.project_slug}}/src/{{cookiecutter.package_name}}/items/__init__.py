"""Items: an example resource that every user owns privately."""
