"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py portal.wsgi``."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Threaded workers keep connections open between requests. A load balancer
# reuses an idle connection for up to its idle timeout (60 s by default on the
# common ones): the server must hold it longer, or it closes a connection the
# balancer is sending on, and that request is reset.
worker_class = "gthread"
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
