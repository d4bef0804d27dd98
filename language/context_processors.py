from .views import furigana_shown


def furigana(request):
    """Whether furigana is shown (base.html hides it with a class when the visitor turned it off)."""
    return {"furigana": furigana_shown(request)}
