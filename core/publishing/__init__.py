"""Status and the editorial workflow, the history of every change, preview links."""
