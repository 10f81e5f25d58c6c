from django.conf import settings
from django.urls import path
from django.views.static import serve

from session_security_v1 import legacy

from . import views

urlpatterns = [
    path('', views.home, name='home'),
    path('other', views.other, name='other'),
    path('legacy', views.legacy, name='legacy'),
    path('login', views.sign_in, name='login'),
    path('logout', views.sign_out, name='logout'),
    path('api/server-time', views.server_time, name='server-time'),
    # django-session-security's ping, for pages still in legacy mode during the switch.
    path('session_security/ping/', legacy.ping, name='session_security_ping'),
    # The element's bundle (dist/ of the repository), with its language and election chunks.
    path('assets/<path:path>', serve, {'document_root': settings.DIST_DIR}),
    path('demo-assets/<path:path>', serve, {'document_root': settings.BASE_DIR / 'demo_site' / 'assets'}),
]
