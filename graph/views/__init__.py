"""What each page and report shows: read models that take a viewer."""
