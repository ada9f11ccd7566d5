from modeltranslation.translator import TranslationOptions, register

from courses.learning.models import QuizQuestion


@register(QuizQuestion)
class QuizQuestionTranslationOptions(TranslationOptions):
    fields = ("text", "options", "explanation")
