from django.apps import AppConfig


class UdavtalConfig(AppConfig):
    name = "udavtal"
    verbose_name = "udavtal"
