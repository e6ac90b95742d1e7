"""`python -m http.server --bind 127.0.0.1 0 --directory SITE`, plus one response header.

The header `LinkChecker` is linkchecker's documented way for a server to lift its per-host
throttle (otherwise it waits 0.1-0.6 s between requests to one host, and checking every
link of the site takes minutes). Nothing else differs from the standard library's server.

    python audit/serve.py SITE [PORT]     prints "Serving HTTP on 127.0.0.1 port N ..."
"""

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local audit")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def main(argv):
    site, port = argv[0], int(argv[1]) if len(argv) > 1 else 0
    with ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=site)) as server:
        host, port = server.socket.getsockname()[:2]
        print(f"Serving HTTP on {host} port {port} (http://{host}:{port}/) ...", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main(sys.argv[1:])
