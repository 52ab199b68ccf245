"""`vn-egov serve`: the explorer in a web browser, one explorer process per visitor.

listen.py binds the sockets (so that a port in use is one line before anything is
served); server.py runs textual-serve behind them. Neither imports Textual: the server
only starts `python -m tui` for each visitor, which does.
"""
