"""The demo's URLs plus a view marked passive with the decorator, for the tests."""

from django.http import JsonResponse
from django.urls import path

from demo_site.urls import urlpatterns as demo_urlpatterns
from session_security_v1.views import passive


@passive
def notifications(request):
    return JsonResponse({'unread': 0})


urlpatterns = [*demo_urlpatterns, path('api/notifications', notifications)]
