import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "udavtal.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process: keep it
# out of the cyclic garbage collector's full passes, which otherwise walk it again and again
# (docs/decisions/0024-page-speed.md). Each gunicorn worker runs this once, after loading the
# application; nothing loaded here would ever be collected anyway.
gc.freeze()
