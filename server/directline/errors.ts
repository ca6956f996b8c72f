import type { Response } from 'restify';

/** Every refusal the Direct Line surface gives, in one place; the body is `{ error: { code, message } }`, as Azure's. */
export const DIRECT_LINE_ERRORS = {
  missing_token: { status: 401, message: 'An Authorization: Bearer token is required.' },
  bad_token: { status: 403, message: 'The token is not valid.' },
  expired_token: { status: 403, message: 'The token has expired.' },
  wrong_conversation: { status: 403, message: 'The token is not for this conversation.' },
  unknown_conversation: { status: 404, message: 'The conversation does not exist or has ended.' },
  bad_activity: { status: 400, message: 'The activity is not one this service accepts.' },
  text_too_long: { status: 413, message: 'The message text is too long.' },
  bad_request: { status: 400, message: 'The request body is not valid.' },
  bot_error: { status: 502, message: 'The bot could not handle the activity.' },
  upstream_error: { status: 502, message: 'The chat service is unavailable; please try again shortly.' },
  not_found: { status: 404, message: 'Not found.' },
} as const;

export type DirectLineErrorCode = keyof typeof DIRECT_LINE_ERRORS;

export function errorBody(code: DirectLineErrorCode): { error: { code: DirectLineErrorCode; message: string } } {
  return { error: { code, message: DIRECT_LINE_ERRORS[code].message } };
}

export function sendError(res: Response, code: DirectLineErrorCode): void {
  res.header('Cache-Control', 'no-store');
  res.send(DIRECT_LINE_ERRORS[code].status, errorBody(code));
}
