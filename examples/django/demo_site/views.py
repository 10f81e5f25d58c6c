import time

from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from session_security_v1.requests import is_api_request

SIGNED_OUT_NOTES = {
    'idle': 'You were signed out after a period of inactivity.',
    'absolute': 'Your session reached its maximum length. Please sign in again.',
    'logout': 'You have signed out.',
    'no-session': 'Your session has ended. Please sign in again.',
}


def _signed_out_redirect(request):
    reason = request.session_security.expired_reason
    return redirect(f'/login?reason={reason}' if reason else '/login')


def _protected_page(request, template):
    if not request.user.is_authenticated:
        return _signed_out_redirect(request)
    if is_api_request(request):
        # Code asking for the page gets data; no form, so no CSRF cookie is re-sent.
        return JsonResponse({'user': request.user.get_username()})
    return render(request, template)


def home(request):
    return _protected_page(request, 'demo_site/home.html')


def other(request):
    return _protected_page(request, 'demo_site/other.html')


def legacy(request):
    """A page still in legacy mode, as during the switch from django-session-security."""
    return _protected_page(request, 'demo_site/legacy.html')


def sign_in(request):
    if request.method not in ('GET', 'POST'):
        return HttpResponseNotAllowed(['GET', 'POST'])
    reason = request.GET.get('reason')
    context = {'note': SIGNED_OUT_NOTES.get(reason), 'reason': reason, 'error': None, 'username': ''}
    if request.method == 'POST':
        username = request.POST.get('username', '')
        user = authenticate(request, username=username, password=request.POST.get('password', ''))
        if user is not None:
            login(request, user)
            return redirect('/', permanent=False)
        context.update(error='Wrong user name or password.', username=username, note=None)
        return render(request, 'demo_site/login.html', context, status=401)
    return render(request, 'demo_site/login.html', context)


@require_POST
def sign_out(request):
    logout(request)
    return redirect('/login?reason=logout')


def server_time(request):
    """Polled by pages; a passive URL name (SESSION_SECURITY_PASSIVE_URL_NAMES)."""
    if not request.user.is_authenticated:
        return JsonResponse({'error': 'sign in first'}, status=401)
    return JsonResponse({'epochMs': time.time_ns() // 1_000_000})
