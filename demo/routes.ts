/** The demo's pages and forms, registered in the context that holds the session plugins. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { makeProblem, PROBLEM_MEDIA_TYPE } from 'session-security/protocol';
import { isDemoAccount } from './credentials.js';
import {
  type ElementSettings,
  errorPage,
  homePage,
  loginPage,
  otherPage,
  SIGNED_OUT_REASONS,
  type SignedOutReason,
} from './pages.js';
import { isSameOriginRequest } from './same-origin.js';

const MAX_DRAFT_LENGTH = 10_000;

export function sendHtml(reply: FastifyReply, statusCode: number, body: string): FastifyReply {
  return reply.code(statusCode).type('text/html; charset=utf-8').send(body);
}

export function signedOutReasonOf(request: FastifyRequest): SignedOutReason | null {
  return request.sessionSecurity.expiredReason;
}

/** Sends anonymous callers of a page to the login page, with the reason when a session ended. */
export function redirectToLogin(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const reason = signedOutReasonOf(request);
  return reply.redirect(reason ? `/login?reason=${reason}` : '/login', 303);
}

/** Sign-in (the form and its post) and the form logout. */
export function loginRoutes(scope: FastifyInstance, settings: ElementSettings): void {
  scope.get<{ Querystring: { reason?: SignedOutReason } }>(
    '/login',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { reason: { type: 'string', enum: [...SIGNED_OUT_REASONS] } },
          additionalProperties: false,
        },
      },
    },
    (request, reply) => {
      if (request.session.get('user')) return reply.redirect('/', 303);
      const reason = request.query.reason ?? signedOutReasonOf(request);
      return sendHtml(reply, 200, loginPage({ reason, error: null, username: '', settings }));
    },
  );

  scope.post<{ Body: { username: string; password: string } }>(
    '/login',
    {
      schema: {
        body: {
          type: 'object',
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', maxLength: 200 },
            password: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      if (!isSameOriginRequest(request)) {
        return sendHtml(reply, 403, errorPage('Refused', 'Sign in from the demo login page.'));
      }
      const { username, password } = request.body;
      if (!isDemoAccount(username, password)) {
        const error = 'Wrong username or password.';
        return sendHtml(reply, 200, loginPage({ reason: null, error, username, settings }));
      }
      // Not request.session.regenerate(): the plugin's also ends the old session id for good,
      // so a request still in flight with it cannot save it back to life.
      await request.sessionSecurity.regenerate();
      request.session.set('user', { name: username });
      return reply.redirect('/', 303);
    },
  );

  scope.post('/logout', async (request, reply) => {
    if (!isSameOriginRequest(request)) {
      return sendHtml(reply, 403, errorPage('Refused', 'Log out from the demo pages.'));
    }
    // Tombstones the session id (a request still in flight cannot revive it), destroys the
    // session and clears its cookie; not request.session.destroy().
    await request.sessionSecurity.endSession();
    return reply.redirect('/login?reason=logout', 303);
  });
}

/** The two protected pages, the draft form and the passive server-clock API. */
export function pageRoutes(
  scope: FastifyInstance,
  settings: ElementSettings,
  nowMs: (() => number) | undefined,
): void {
  scope.get('/', (request, reply) => {
    const user = request.session.get('user');
    if (!user) return redirectToLogin(request, reply);
    const savedDraft = request.session.get('draft') ?? '';
    return sendHtml(reply, 200, homePage({ userName: user.name, settings, savedDraft }));
  });

  scope.get('/other', (request, reply) => {
    const user = request.session.get('user');
    if (!user) return redirectToLogin(request, reply);
    return sendHtml(reply, 200, otherPage({ userName: user.name, settings }));
  });

  scope.post<{ Body: { draft: string } }>(
    '/draft',
    {
      schema: {
        body: {
          type: 'object',
          required: ['draft'],
          properties: { draft: { type: 'string', maxLength: MAX_DRAFT_LENGTH } },
        },
      },
    },
    (request, reply) => {
      if (!isSameOriginRequest(request)) {
        return sendHtml(reply, 403, errorPage('Refused', 'Save drafts from the demo pages.'));
      }
      if (!request.session.get('user')) return redirectToLogin(request, reply);
      request.session.set('draft', request.body.draft);
      return reply.redirect('/', 303);
    },
  );

  // Polled by the clock widget with Session-Security-Passive: 1, so it never counts as activity.
  scope.get('/api/server-time', (request, reply) => {
    if (!request.session.get('user')) {
      const reason = request.sessionSecurity.expiredReason ?? 'no-session';
      return reply
        .code(401)
        .type(PROBLEM_MEDIA_TYPE)
        .send(makeProblem('session-expired', 'Sign in to see the server clock.', reason));
    }
    return { nowMs: nowMs?.() ?? Date.now() };
  });
}
