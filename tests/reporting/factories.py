import factory

from portal.reporting.models import Target, TargetMetric


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target
        django_get_or_create = ("year", "metric")

    year = 2025
    metric = TargetMetric.WOMEN_SHARE
    minimum = 40
