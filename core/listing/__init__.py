"""What every list shares, page and API alike: strict filters (filters), facets whose
counts honour every other active filter (facets), the FilterSet machinery that finds a
list's rows and counts its facets (filtersets), and the results it hands a view, which
asks them for a page (results, pagination)."""
