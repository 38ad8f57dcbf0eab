"""The API's plumbing that every app's endpoints share: parameters, errors,
fields, paging, schema."""
