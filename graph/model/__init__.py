"""The model: vocabulary, terms, typed records, geography and who is looking."""
