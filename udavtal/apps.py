from django.apps import AppConfig


class UdavtalConfig(AppConfig):
    name = "udavtal"
    verbose_name = "udavtal"

    def ready(self):
        from udavtal.lib import tables

        tables.install()
