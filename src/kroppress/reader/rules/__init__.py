"""One module per artifact the reader repairs; each exports `rule(state)`."""
