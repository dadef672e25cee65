"""The local, read-only dashboard behind ``detente serve``."""

from .app import Dashboard, DashboardServer, make_server, serve, start_in_thread

__all__ = ["Dashboard", "DashboardServer", "make_server", "serve", "start_in_thread"]
