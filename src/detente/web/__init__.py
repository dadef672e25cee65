"""The local, read-only dashboard behind ``detente serve``."""

from .app import DashboardServer, create_app, make_server, serve, start_in_thread

__all__ = ["DashboardServer", "create_app", "make_server", "serve", "start_in_thread"]
