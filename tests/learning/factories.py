"""Factories for online-course learners."""

import factory

from django.contrib.auth import get_user_model

from courses.learning.models import LearnerProfile


class LearnerFactory(factory.django.DjangoModelFactory):
    """A learner with a profile (name for certificates); password ``pw-learner-123``."""

    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = "pw-learner-123"

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        LearnerProfile.objects.create(
            user=self, full_name=self.username.title(), profession="health", **kwargs
        )
