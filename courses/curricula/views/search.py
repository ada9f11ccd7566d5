from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation

from courses.curricula.search import search_pages

RESULTS_PER_PAGE = 20


def search(request):
    """Search curricula and modules in the reader's language."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        paginator = Paginator(search_pages(query, translation.get_language()), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return render(request, "curricula/search.html", {"query": query, "results": results})
