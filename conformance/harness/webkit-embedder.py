#!/usr/bin/python3
"""corsight WebKitGTK embedder: a plain (non-ephemeral) WebView per tab, driven over stdin/stdout.

Usage: webkit-embedder.py <proxy-uri> <data-dir> <accept-language> [direct]
stdin  (JSON lines): {"cmd": "open", "tab": "w1", "url": "..."} | {"cmd": "load", "tab": "w1", "url": "..."}
                     | {"cmd": "close", "tab": "w1"} | {"cmd": "quit"}
stdout (JSON lines): {"event": "ready", "version": "2.50.6"} | {"event": "opened"|"loading"|"closed", "tab": ...}
                     | {"event": "load-failed", "tab", "url", "error"} | {"event": "crashed", "tab", "reason"}
                     | {"event": "auth-cancelled", "tab", "host"}
stderr: the web processes' console lines (setting enable-write-console-messages-to-stdout; WebKit
        writes them with WTFLogAlways, i.e. to stderr): `CONSOLE SECURITY ERROR <text>`, ...
Must run under X (Xvfb); the harness sets DISPLAY.
"""
import json
import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

proxy_uri, data_dir, language = sys.argv[1], sys.argv[2], sys.argv[3]
# direct (diagnostics): loopback is reached directly, everything else goes to the (dead) proxy.
ignore_hosts = ["localhost", "127.0.0.1", "::1"] if sys.argv[4:5] == ["direct"] else None


def emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


manager = WebKit2.WebsiteDataManager(
    base_data_directory=os.path.join(data_dir, "data"),
    base_cache_directory=os.path.join(data_dir, "cache"),
)
# Every URL, loopback included, goes through the harness proxy (no ignore hosts).
manager.set_network_proxy_settings(
    WebKit2.NetworkProxyMode.CUSTOM, WebKit2.NetworkProxySettings.new(proxy_uri, ignore_hosts)
)
# https scenario URLs are served by the harness with a self-signed certificate.
manager.set_tls_errors_policy(WebKit2.TLSErrorsPolicy.IGNORE)
context = WebKit2.WebContext.new_with_website_data_manager(manager)
# WEB_BROWSER, as a browser uses: DOCUMENT_VIEWER turns the HTTP (network) cache off, and HTTP
# revalidation scenarios need it. Every other scenario response is `Cache-Control: no-store`.
context.set_cache_model(WebKit2.CacheModel.WEB_BROWSER)
context.set_preferred_languages([language])

views = {}


def open_tab(tab, url):
    view = WebKit2.WebView.new_with_context(context)
    settings = view.get_settings()
    settings.set_property("enable-write-console-messages-to-stdout", True)
    settings.set_property("enable-page-cache", False)
    window = Gtk.Window()
    window.set_default_size(800, 600)
    window.add(view)
    window.show_all()

    def on_failed(_view, _event, failing_uri, error):
        emit(event="load-failed", tab=tab, url=failing_uri, error=error.message)
        return False

    def on_crash(_view, reason):
        emit(event="crashed", tab=tab, reason=int(reason))

    def on_authenticate(_view, request):
        # Cancel HTTP authentication prompts, as a user dismissing the dialog would.
        emit(event="auth-cancelled", tab=tab, host=request.get_host())
        request.cancel()
        return True

    view.connect("load-failed", on_failed)
    view.connect("authenticate", on_authenticate)
    view.connect("web-process-terminated", on_crash)
    views[tab] = (window, view)
    view.load_uri(url)
    emit(event="opened", tab=tab)


def close_tab(tab):
    entry = views.pop(tab, None)
    if entry:
        window, view = entry
        view.try_close()
        window.destroy()
    emit(event="closed", tab=tab)


def on_stdin(channel, condition):
    if condition & GLib.IO_HUP and not (condition & GLib.IO_IN):
        Gtk.main_quit()
        return False
    line = channel.readline()
    if not line:
        Gtk.main_quit()
        return False
    try:
        msg = json.loads(line)
    except ValueError:
        return True
    cmd = msg.get("cmd")
    if cmd == "open":
        open_tab(msg["tab"], msg["url"])
    elif cmd == "load":
        entry = views.get(msg["tab"])
        if entry:
            entry[1].load_uri(msg["url"])
        emit(event="loading", tab=msg["tab"])
    elif cmd == "close":
        close_tab(msg["tab"])
    elif cmd == "quit":
        Gtk.main_quit()
        return False
    return True


stdin = GLib.IOChannel.unix_new(sys.stdin.fileno())
GLib.io_add_watch(stdin, GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, on_stdin)
emit(
    event="ready",
    version="%d.%d.%d"
    % (WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version()),
)
Gtk.main()
